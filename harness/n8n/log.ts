/** Console output for the helper scripts: one prefix, elapsed time, and a ticker for long steps. */

const started = Date.now();

function stamp(): string {
	const s = (Date.now() - started) / 1000;
	return s < 60
		? `${s.toFixed(1)}s`
		: `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

export function info(message: string): void {
	process.stdout.write(`[n8n-hispatec ${stamp()}] ${message}\n`);
}

export function warn(message: string): void {
	process.stderr.write(`[n8n-hispatec ${stamp()}] WARNING: ${message}\n`);
}

/** Runs `work`, printing "<label>… still running (Ns)" every `everyMs` so a long install shows progress. */
export async function withTicker<T>(
	label: string,
	work: () => Promise<T>,
	everyMs = 20000,
): Promise<T> {
	const t0 = Date.now();
	info(`${label}…`);
	const timer = setInterval(() => {
		info(`${label}… still running (${Math.round((Date.now() - t0) / 1000)}s)`);
	}, everyMs);
	try {
		const result = await work();
		info(`${label}: done in ${Math.round((Date.now() - t0) / 1000)}s`);
		return result;
	} finally {
		clearInterval(timer);
	}
}
