/**
 * Starts the Hispatec ERPagro SOAP emulator by hand, for manual runs in n8n, SoapUI or curl.
 *
 *   npx tsx scripts/hispatec-emulator.ts --port 8081 [--host 127.0.0.1] [--soap12] [--latency 50]
 *       [--token-lifetime 300] [--token-calls 5] [--ignore-modified-since] [--ignore-paging]
 *       [--synthetic 5000] [--inactive 3] [--user integracion] [--password secret]
 *
 * Prints the credential values (Server URL, Service Path, Username, Password) and the WSDL address, and
 * logs every SOAP call; Ctrl+C stops it. Defaults: the seed dataset (72 contacts, 42 companies).
 * `--inactive N` marks N contacts and N companies inactive (`Baja: 'S'`).
 */
import { startHispatecEmulator } from '../emulators/hispatec';
import { arg, exitOnError, serveUntilStopped } from './emulator-cli';

async function main(): Promise<void> {
	const synthetic = arg('synthetic');
	const inactive = arg('inactive');
	const emu = await startHispatecEmulator({
		port: Number(arg('port') ?? 8081),
		host: arg('host') ?? '127.0.0.1',
		soapVersion: process.argv.includes('--soap12') ? '1.2' : '1.1',
		latencyMs: Number(arg('latency') ?? 0),
		...(arg('token-lifetime') ? { tokenLifetimeMs: Number(arg('token-lifetime')) * 1000 } : {}),
		...(arg('token-calls') ? { tokenMaxCalls: Number(arg('token-calls')) } : {}),
		ignoreModifiedSince: process.argv.includes('--ignore-modified-since'),
		ignorePaging: process.argv.includes('--ignore-paging'),
		...(arg('user') ? { username: arg('user') } : {}),
		...(arg('password') ? { password: arg('password') } : {}),
		...(synthetic
			? {
					dataset: {
						synthetic: { contacts: Number(synthetic), companies: Math.ceil(Number(synthetic) / 5) },
					},
				}
			: {}),
		...(inactive ? { inactive: { contacts: Number(inactive), companies: Number(inactive) } } : {}),
	});
	console.log(
		[
			`Hispatec emulator listening (SOAP ${emu.options.soapVersion}).`,
			`  Server URL:   ${emu.url}`,
			`  Service Path: ${emu.servicePath}`,
			`  Username:     ${emu.username}`,
			`  Password:     ${emu.password}`,
			`  WSDL:         ${emu.wsdlUrl}`,
			`  Records:      ${emu.dataset.count('contact')} contacts, ${emu.dataset.count('company')} companies`,
		].join('\n'),
	);
	serveUntilStopped(
		emu,
		() => emu.stats.requests,
		(r) => {
			const args = r.args
				? Object.entries(r.args).filter(([k]) => k !== 'Token' && k !== 'Password')
				: [];
			return `${r.status ?? '-'} SOAP ${r.soapVersion} ${r.operation}${args.length ? ` ${args.map(([k, v]) => `${k}=${String(v)}`).join(' ')}` : ''}`;
		},
	);
}

exitOnError(main);
