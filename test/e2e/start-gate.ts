/**
 * A starting gate in front of an emulator: an HTTP proxy on 127.0.0.1 that holds the first requests
 * until `parties` of them are waiting (or `timeoutMs` passed), then forwards everything unchanged. Two
 * `n8n execute` processes that boot at different speeds thus start their runs at the same instant: each
 * process has one request in flight at its start (its first Hispatec Login), so `parties` held requests
 * mean `parties` processes at the gate.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface StartGate {
	url: string;
	/** How many requests were held, and whether the gate opened because all parties arrived. */
	stats: { held: number; openedByArrival: boolean | null };
	/** Closes the gate again for the next `parties` (an open gate forwards everything at once). */
	arm(parties: number): void;
	close(): Promise<void>;
}

/** `parties` 0: the gate starts open (forwarding) until `arm` closes it. */
export async function startGate(
	target: string,
	initialParties: number,
	timeoutMs = 120000,
): Promise<StartGate> {
	const targetUrl = new URL(target);
	let parties = initialParties;
	let open = parties <= 0;
	const waiting: Array<() => void> = [];
	const stats: StartGate['stats'] = { held: 0, openedByArrival: null };
	let timer: NodeJS.Timeout | undefined;
	const release = (byArrival: boolean): void => {
		if (open) return;
		open = true;
		stats.openedByArrival = byArrival;
		if (timer) clearTimeout(timer);
		for (const go of waiting.splice(0)) go();
	};
	const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void => {
		const upstream = http.request(
			{
				host: targetUrl.hostname,
				port: targetUrl.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: targetUrl.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		upstream.end(body);
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			if (open) return forward(req, res, body);
			stats.held++;
			waiting.push(() => forward(req, res, body));
			if (!timer) timer = setTimeout(() => release(false), timeoutMs);
			timer.unref?.();
			if (waiting.length >= parties) release(true);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		stats,
		arm(count: number) {
			release(false);
			parties = count;
			open = false;
			timer = undefined;
			stats.held = 0;
			stats.openedByArrival = null;
		},
		close: () =>
			new Promise<void>((resolve) => {
				release(false);
				if (timer) clearTimeout(timer);
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
