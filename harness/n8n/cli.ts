/**
 * Command-line plumbing shared by the scripts that drive real n8n (benchmarks): options, waiting,
 * and the exit that never leaves an n8n process behind.
 */
import { killAllNow } from './procs';

/**
 * `--name value` or `--name=value` (the second form for values that start with "--", e.g.
 * `--node-options=--max-old-space-size=300`); a flag without a value is `'true'`.
 */
export function arg(name: string): string | undefined;
export function arg(name: string, fallback: string): string;
export function arg(name: string, fallback?: string): string | undefined {
	const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
	if (inline) return inline.slice(name.length + 3);
	const at = process.argv.indexOf(`--${name}`);
	if (at < 0) return fallback;
	const value = process.argv[at + 1];
	return value === undefined || value.startsWith('--') ? 'true' : value;
}

/** Polls `check` every `everyMs` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	timeoutMs: number,
	check: () => Promise<T | undefined>,
	everyMs = 1000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
			);
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/**
 * Runs a script's work: exits 0 once it resolves (after `done`), or prints the error, stops every
 * process the harness started and exits 1.
 */
export function runScript<T>(work: Promise<T>, done: (result: T) => void = () => undefined): void {
	work
		.then((result) => {
			done(result);
			process.exit(0);
		})
		.catch((error: unknown) => {
			console.error(error);
			killAllNow();
			process.exit(1);
		});
}
