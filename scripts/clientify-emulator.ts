/**
 * Starts the Clientify emulator by hand, for manual runs in n8n or with curl.
 *
 *   npx tsx scripts/clientify-emulator.ts --port 8082 [--v2] [--api-key KEY] [--latency 50]
 *       [--page-size 10] [--rate-limit 10/1000] [--seed 20]
 *
 * Prints the credential values (Base URL, API Key) and logs every request; Ctrl+C stops it.
 */
import { startClientifyEmulator } from '../emulators/clientify';
import { arg, exitOnError, serveUntilStopped } from './emulator-cli';

async function main(): Promise<void> {
	const rate = arg('rate-limit')?.split('/');
	const emu = await startClientifyEmulator({
		port: Number(arg('port') ?? 8082),
		apiVersion: process.argv.includes('--v2') ? 'v2' : 'v1',
		apiKey: arg('api-key'),
		latencyMs: Number(arg('latency') ?? 0),
		defaultPageSize: arg('page-size') ? Number(arg('page-size')) : undefined,
		rateLimit: rate
			? { limit: Number(rate[0]), windowMs: Number(rate[1] ?? 1000), retryAfterSeconds: 1 }
			: null,
	});
	const seed = Number(arg('seed') ?? 0);
	for (let i = 1; i <= seed; i++) {
		emu.store.seedContact({ first_name: `Seed ${i}`, emails: [`seed${i}@example.com`] });
	}
	console.log(
		`Clientify emulator listening.\n  Base URL: ${emu.baseUrl}\n  API Key:  ${emu.apiKey}`,
	);
	serveUntilStopped(
		emu,
		() => emu.log.requests,
		(r) => {
			const qs = new URLSearchParams(r.query).toString();
			return `${r.status || 'drop'} ${r.method} ${r.path}${qs ? `?${qs}` : ''}`;
		},
	);
}

exitOnError(main);
