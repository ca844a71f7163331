import * as net from 'net';

/** A free TCP port on 127.0.0.1 (asks the OS for an ephemeral one, then releases it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			if (address === null || typeof address === 'string') return reject(new Error('no port'));
			server.close(() => resolve(address.port));
		});
	});
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}
