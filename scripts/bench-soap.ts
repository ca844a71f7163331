/**
 * SOAP read benchmark: our client (n8n transport on axios + the single-pass reader) vs a node-soap
 * client, each in its own child process so max RSS is honest. Prints time and max RSS per run.
 *
 *   npx tsx scripts/bench-soap.ts [runs=3]
 *
 * Scenarios: one page of 50,000 records (≈55 MB, 13 string fields with escaped characters, like the
 * reference measurement) and one page of 5,000 records. Both clients log in and call the same
 * emulator; node-soap also loads the WSDL. Time = the read itself, after the client's modules are
 * loaded; "RSS before the read" = RSS once those modules are loaded. The response is pre-rendered once, so the server adds
 * only its write time, the same for both. "baseline" is a child that loads the same modules and does
 * nothing: the RSS a bare child starts from (Node + the tsx loader); each client child adds its own
 * modules (ours: n8n-workflow, axios; node-soap: soap and its dependencies).
 */
import { spawn } from 'child_process';

// Children import only what their client needs (dynamic imports), so their RSS is their own.

type Kind = 'ours' | 'node-soap' | 'baseline';

interface ChildResult {
	kind: Kind;
	records: number;
	/** Time of the read itself (modules already loaded). */
	ms: number;
	/** RSS once the client's modules are loaded, before the read. */
	loadedRssMb: number;
	maxRssMb: number;
	first?: string;
	last?: string;
}

async function child(kind: Kind, url: string, servicePath: string, username: string, password: string, pageSize: number): Promise<void> {
	let work: () => Promise<{ records: number; first?: string; last?: string }> = async () => ({ records: 0 });
	if (kind === 'ours') {
		const { HispatecSoapClient } = await import('../nodes/shared/soap/client');
		const { resolveSettings } = await import('../nodes/shared/soap/settings');
		const { n8nSoapTransport } = await import('../nodes/Hispatec/transport');
		const { createExecuteContext } = await import('../test/helpers/n8n');
		work = async () => {
			const credentials = { serverUrl: url, servicePath, username, password, timeout: 600, customizeAdvanced: true, maxResponseSizeMb: 200 };
			const { context } = createExecuteContext([{ json: {} }], { credentials: { hispatecApi: credentials } });
			const client = new HispatecSoapClient(resolveSettings(credentials), n8nSoapTransport(context));
			const page = await client.fetchPage('contact', 0, pageSize);
			const n = page.records.length;
			return { records: n, first: String(page.records[0]?.Codigo), last: String(page.records[n - 1]?.Codigo) };
		};
	} else if (kind === 'node-soap') {
		const soap = await import('soap');
		work = async () => {
			const client = (await soap.createClientAsync(`${url}${servicePath}?wsdl`, { handleNilAsNull: true })) as unknown as {
				LoginAsync(a: unknown): Promise<[{ LoginResult: { Token: string } }]>;
				ObtenerContactosAsync(a: unknown): Promise<[{ ObtenerContactosResult: { Contactos: { Contacto: Array<{ Codigo: string }> } } }]>;
			};
			const [login] = await client.LoginAsync({ Usuario: username, Password: password });
			const [result] = await client.ObtenerContactosAsync({ Token: login.LoginResult.Token, Pagina: 1, TamanoPagina: pageSize });
			const list = result.ObtenerContactosResult.Contactos.Contacto;
			return { records: list.length, first: list[0]?.Codigo, last: list[list.length - 1]?.Codigo };
		};
	}
	const loadedRssMb = process.memoryUsage().rss / 1024 / 1024;
	const t0 = performance.now();
	const read = await work();
	const ms = performance.now() - t0;
	const result: ChildResult = { kind, ...read, ms, loadedRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024 };
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(kind: Kind, args: string[]): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', __filename, 'child', kind, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
		proc.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`${kind} child exited with ${code}`));
			resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
		});
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
	const { readAllRecords } = await import('../nodes/shared/soap/xml');
	const { fixtures, startHispatecEmulator, syntheticRecords } = await import('../test/emulators/hispatec');
	const runs = Number(process.argv[2] ?? 3);
	console.log(`Node ${process.version}, ${runs} runs per client, one child process per run\n`);
	for (const count of [50_000, 5_000]) {
		const records = syntheticRecords('contact', count);
		const emu = await startHispatecEmulator({ dataset: { contacts: records } });
		const body = fixtures.renderRecordsResponse({ contract: emu.contract, recordType: 'contact', records, total: count, page: 1 });
		emu.setOption('rawResponse', { operation: 'ObtenerContactos', body });
		const mb = Buffer.byteLength(body) / 1024 / 1024;

		const t0 = performance.now();
		const inProcess = readAllRecords(body, { recordElement: 'Contacto', containerElement: 'Contactos' });
		const readerMs = performance.now() - t0;
		if (inProcess.records.length !== count) throw new Error('reader count mismatch');

		console.log(`${count.toLocaleString('en')} records, ${mb.toFixed(1)} MB response (reader alone, in process: ${readerMs.toFixed(0)} ms)`);
		console.log('| Client | Time (median, min–max) | Max RSS (max) | RSS before the read | Records |');
		console.log('|---|---|---|---|---|');
		const args = [emu.url, emu.servicePath, emu.username, emu.password, String(count)];
		for (const kind of ['baseline', 'ours', 'node-soap'] as Kind[]) {
			const results: ChildResult[] = [];
			for (let i = 0; i < runs; i++) results.push(await runChild(kind, args));
			const times = results.map((r) => r.ms / 1000);
			const rss = Math.max(...results.map((r) => r.maxRssMb));
			const loaded = Math.max(...results.map((r) => r.loadedRssMb));
			const r0 = results[0];
			if (kind !== 'baseline' && (r0.records !== count || r0.first !== records[0].Codigo || r0.last !== records[count - 1].Codigo)) {
				throw new Error(`${kind} read ${r0.records} records (${r0.first}…${r0.last})`);
			}
			const label = kind === 'ours' ? 'ours (n8n transport + single-pass reader)' : kind === 'node-soap' ? 'node-soap 1.13 (WSDL + login + call)' : 'baseline (bare child: node + tsx)';
			console.log(
				`| ${label} | ${median(times).toFixed(2)} s (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)}) | ${rss.toFixed(0)} MB | ${loaded.toFixed(0)} MB | ${kind === 'baseline' ? '—' : r0.records.toLocaleString('en')} |`,
			);
		}
		console.log('');
		await emu.close();
	}
}

if (process.argv[2] === 'child') {
	const [, , , kind, url, servicePath, username, password, pageSize] = process.argv;
	child(kind as Kind, url, servicePath, username, password, Number(pageSize)).catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
