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

type Kind = 'ours' | 'node-soap' | 'baseline' | 'ours-paged' | 'node-soap-paged';

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

async function child(
	kind: Kind,
	url: string,
	servicePath: string,
	username: string,
	password: string,
	pageSize: number,
): Promise<void> {
	let work: () => Promise<{ records: number; first?: string; last?: string }> = async () => ({
		records: 0,
	});
	if (kind === 'ours' || kind === 'ours-paged') {
		const { createHispatecClient } = await import('../nodes/Hispatec/transport');
		const { splitRecords } = await import('../nodes/Hispatec/helpers/records');
		const { createExecuteContext } = await import('../harness/nodeContext');
		work = async () => {
			const credentials = {
				serverUrl: url,
				servicePath,
				username,
				password,
				timeout: 600,
				customizeAdvanced: true,
				maxResponseSizeMb: 200,
				...(kind === 'ours-paged' ? { pageSize } : {}),
			};
			const { context } = createExecuteContext([{ json: {} }], {
				credentials: { hispatecApi: credentials },
			});
			const client = await createHispatecClient(context);
			// read + normalize (what the Hispatec node does), page by page when paged
			let n = 0;
			let first: string | undefined;
			let last: string | undefined;
			const pages =
				kind === 'ours-paged'
					? client.pages('contact')
					: (async function* () {
							yield await client.fetchPage('contact', 0, pageSize);
						})();
			for await (const page of pages) {
				const { valid, skipped } = splitRecords(page.records, 'contact', {});
				n += valid.length + skipped.length;
				first ??= String(page.records[0]?.Codigo);
				last = String(page.records[page.records.length - 1]?.Codigo);
			}
			return { records: n, first, last };
		};
	} else if (kind === 'node-soap' || kind === 'node-soap-paged') {
		const soap = await import('soap');
		work = async () => {
			const client = (await soap.createClientAsync(`${url}${servicePath}?wsdl`, {
				handleNilAsNull: true,
			})) as unknown as {
				LoginAsync(a: unknown): Promise<[{ LoginResult: { Token: string } }]>;
				ObtenerContactosAsync(
					a: unknown,
				): Promise<
					[{ ObtenerContactosResult: { Contactos?: { Contacto: Array<{ Codigo: string }> } } }]
				>;
			};
			const [login] = await client.LoginAsync({ Usuario: username, Password: password });
			let n = 0;
			let first: string | undefined;
			let last: string | undefined;
			// node-soap: one call for page 1; node-soap-paged: pages until a short one
			for (let page = 1; ; page++) {
				const [result] = await client.ObtenerContactosAsync({
					Token: login.LoginResult.Token,
					Pagina: page,
					TamanoPagina: pageSize,
				});
				const list = result.ObtenerContactosResult.Contactos?.Contacto ?? [];
				n += list.length;
				first ??= list[0]?.Codigo;
				if (list.length) last = list[list.length - 1].Codigo;
				if (kind === 'node-soap' || list.length < pageSize) break;
			}
			return { records: n, first, last };
		};
	}
	const loadedRssMb = process.memoryUsage().rss / 1024 / 1024;
	const t0 = performance.now();
	const read = await work();
	const ms = performance.now() - t0;
	const result: ChildResult = {
		kind,
		...read,
		ms,
		loadedRssMb,
		maxRssMb: process.resourceUsage().maxRSS / 1024,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(kind: Kind, args: string[]): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', __filename, 'child', kind, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
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

export interface SoapBenchRow {
	scenario: string;
	client: Kind;
	label: string;
	runs: number;
	seconds: { median: number; min: number; max: number };
	maxRssMb: { median: number; min: number; max: number };
	loadedRssMb: number;
	records: number;
}

function stats(values: number[]): { median: number; min: number; max: number } {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const LABELS: Record<Kind, string> = {
	baseline: 'baseline (bare child: node + tsx)',
	ours: 'ours (n8n transport + single-pass reader + normalization)',
	'ours-paged': 'ours, pages of 500 (+ normalization)',
	'node-soap': 'node-soap 1.13 (WSDL + login + call)',
	'node-soap-paged': 'node-soap 1.13, pages of 500',
};

/** Runs the scenarios; the clients of one scenario alternate run by run (side by side). */
export async function benchSoap(
	runs: number,
	log: (line: string) => void = (l) => console.log(l),
): Promise<{ rows: SoapBenchRow[]; responseMb: number }> {
	const { fixtures, startHispatecEmulator, syntheticRecords } =
		await import('../emulators/hispatec');
	const count = 50_000;
	const records = syntheticRecords('contact', count);
	const rows: SoapBenchRow[] = [];
	let responseMb = 0;
	for (const scenario of ['one response', 'paged'] as const) {
		const emu = await startHispatecEmulator({ dataset: { contacts: records } });
		const pageSize = scenario === 'paged' ? 500 : count;
		if (scenario === 'one response') {
			const body = fixtures.renderRecordsResponse({
				contract: emu.contract,
				recordType: 'contact',
				records,
				total: count,
				page: 1,
			});
			emu.setOption('rawResponse', { operation: 'ObtenerContactos', body });
			responseMb = Buffer.byteLength(body) / 1024 / 1024;
		}
		const kinds: Kind[] =
			scenario === 'paged' ? ['ours-paged', 'node-soap-paged'] : ['baseline', 'ours', 'node-soap'];
		const args = [emu.url, emu.servicePath, emu.username, emu.password, String(pageSize)];
		const results = new Map<Kind, ChildResult[]>(kinds.map((k) => [k, []]));
		for (let i = 0; i < runs; i++)
			for (const kind of kinds)
				(results.get(kind) as ChildResult[]).push(await runChild(kind, args));
		for (const kind of kinds) {
			const list = results.get(kind) as ChildResult[];
			const r0 = list[0];
			if (
				kind !== 'baseline' &&
				(r0.records !== count ||
					r0.first !== records[0].Codigo ||
					r0.last !== records[count - 1].Codigo)
			) {
				throw new Error(`${kind} read ${r0.records} records (${r0.first}…${r0.last})`);
			}
			const row: SoapBenchRow = {
				scenario:
					scenario === 'paged'
						? `${count.toLocaleString('en')} records in pages of 500`
						: `${count.toLocaleString('en')} records, one ${responseMb.toFixed(1)} MB response`,
				client: kind,
				label: LABELS[kind],
				runs,
				seconds: stats(list.map((r) => r.ms / 1000)),
				maxRssMb: stats(list.map((r) => r.maxRssMb)),
				loadedRssMb: Math.max(...list.map((r) => r.loadedRssMb)),
				records: r0.records,
			};
			rows.push(row);
			log(
				`${row.scenario} | ${row.label} | ${row.seconds.median.toFixed(2)} s (${row.seconds.min.toFixed(2)}–${row.seconds.max.toFixed(2)}) | max RSS ${row.maxRssMb.median.toFixed(0)} MB`,
			);
		}
		await emu.close();
	}
	return { rows, responseMb };
}

async function main(): Promise<void> {
	const runs = Number(process.argv[2] ?? 3);
	console.log(`Node ${process.version}, ${runs} runs per client, one child process per run\n`);
	await benchSoap(runs);
}

if (process.argv[2] === 'child') {
	const [, , , kind, url, servicePath, username, password, pageSize] = process.argv;
	child(kind as Kind, url, servicePath, username, password, Number(pageSize)).catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
