/**
 * Sync cost against the Clientify rate limit: the large-ERP template's path (Clientify Index once,
 * then Clientify Upsert with Known Records, pages of 500), in process, against the Clientify emulator.
 *
 * Scenarios: (a) first sync of N contacts into an empty CRM; (b) re-sync, nothing changed; (c) re-sync
 * with 5 % changed; (d) first sync into a CRM that already holds U unrelated contacts.
 * For each: reads and writes per record, 429s received, total time, and the lower bound the rate limit
 * sets (calls ÷ limit).
 *
 * `links` (issue 20): every contact names its company (20 contacts per company); the companies are
 * synced first and each contact is linked to its company ((a)–(c) only).
 *
 * The benchmark (scripts/bench-sync.ts) runs `runScenarios` with latency and a rate limit;
 * `quickScenarios()` (latency 0, no rate limit, small N) is what test/bench/sync-cost.test.ts checks:
 * call counts only.
 */
import * as path from 'path';
import type { IDataObject } from 'n8n-workflow';
import { ClientifyTokenApi } from '../credentials/ClientifyTokenApi.credentials';
import type { NormalizedRecord } from '../nodes/shared/types';
import { startClientifyEmulator, type ClientifyEmulator } from '../emulators/clientify';
import { createExecuteContext } from './nodeContext';
import { validCif, validDni } from './taxIds';
import { DEFAULT_RETRY_TIMING } from '../nodes/shared/clientify/client/timing';
import { execute as executeUpsert } from '../nodes/ClientifyUpsert/actions/execute';

// tsx resolves "X.node" to the codex X.node.json: load the .ts explicitly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ClientifyIndex } = require(
	path.join(__dirname, '../nodes/ClientifyIndex/ClientifyIndex.node.ts'),
) as typeof import('../nodes/ClientifyIndex/ClientifyIndex.node');

export const PAGE_SIZE = 500;

/** Links (issue 20): every contact is an employee of one of the companies, 20 contacts per company. */
export const CONTACTS_PER_COMPANY = 20;

export function benchCompanyCif(m: number): string {
	return validCif(String(2000000 + m).padStart(7, '0'));
}

/** Company number `m` as Hispatec's node emits it (code E<m>), with the CIF given. */
export function companyRecord(m: number, taxId: string): NormalizedRecord {
	return {
		recordType: 'company',
		taxId,
		taxIdType: 'CIF',
		taxIdField: 'CIF',
		kind: 'company',
		name: `Agrícola ${m} SL`,
		emails: [`info${m}@empresa.es`],
		phones: [],
		sourceId: `E${m}`,
		extra: {},
		warnings: [],
	};
}

export function benchCompany(m: number): NormalizedRecord {
	return companyRecord(m, benchCompanyCif(m));
}

export function benchRecord(n: number, changed = false, linked = false): NormalizedRecord {
	const digits = String(30000000 + n);
	const m = Math.ceil(n / CONTACTS_PER_COMPANY);
	return {
		...(linked ? { companyRef: { code: `E${m}`, taxId: benchCompanyCif(m) } } : {}),
		recordType: 'contact',
		taxId: validDni(digits),
		taxIdType: 'DNI',
		taxIdField: 'IdentificacionFiscalCliente',
		kind: 'person',
		firstName: `Nombre${n}`,
		lastName: changed ? `Cambiado${n}` : `Apellido${n}`,
		name: `Nombre${n} Apellido${n}`,
		email: `c${n}@agro.es`,
		emails: [`c${n}@agro.es`],
		phones: [
			{ number: `+346${String(n).padStart(8, '0')}`, type: 'mobile', field: 'TelefonoMovil' },
		],
		address: {
			street: `Calle ${n}`,
			city: 'El Ejido',
			province: 'Almería',
			postalCode: '04700',
			country: 'ES',
		},
		sourceId: `C${n}`,
		extra: { Cultivo: n % 2 ? 'Tomate' : 'Pimiento', Superficie: String(n % 50) },
		warnings: [],
	};
}

/** Seeds `count` contacts that no benchmark record matches (scenario (d)), created at `created` when given. */
export function seedUnrelatedContacts(emu: ClientifyEmulator, count: number, created?: Date): void {
	for (let i = 0; i < count; i++) {
		const digits = String(60000000 + i);
		emu.store.seedContact({
			first_name: `Otro${i}`,
			last_name: 'Ajeno',
			taxpayer_identification_number: validDni(digits),
			emails: [`otro${i}@ajeno.es`],
			...(created && { created: created.toISOString() }),
		});
	}
}

/** Retry timing of the benchmark runs (the node itself always uses DEFAULT_RETRY_TIMING). */
export const BENCH_RETRY = { timing: { ...DEFAULT_RETRY_TIMING, baseDelayMs: 200 } };

function credentials(emu: ClientifyEmulator) {
	return {
		credentials: { clientifyTokenApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
		credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
	};
}

/**
 * One run of the template's path: index once, then one Upsert execution per page. With links (records
 * of both types), companies are indexed too and their pages go first, as in the templates.
 */
export async function syncRun(
	emu: ClientifyEmulator,
	records: NormalizedRecord[],
): Promise<Record<string, number>> {
	const links = records.some((r) => r.recordType === 'company');
	const index = createExecuteContext([{ json: {} }], {
		parameters: { recordTypes: links ? ['company', 'contact'] : ['contact'], options: {} },
		...credentials(emu),
	});
	const [[indexItem]] = await new ClientifyIndex().execute.call(index.context);
	const actions: Record<string, number> = {};
	for (let at = 0; at < records.length; at += PAGE_SIZE) {
		const page = records.slice(at, at + PAGE_SIZE);
		const { context } = createExecuteContext(
			page.map((json) => ({ json: json as unknown as IDataObject })),
			{
				parameters: {
					recordType: 'auto',
					fieldsSource: 'normalized',
					knownRecords: indexItem.json.known,
					options: {},
				},
				...credentials(emu),
				// version 2: Link Contacts to Companies on (it changes nothing for records without companyRef)
				...(links ? { typeVersion: 2 } : {}),
			},
		);
		// What the node runs, with a shorter first backoff step (200 ms) than the node's 1 s.
		const [out] = await executeUpsert.call(context, BENCH_RETRY);
		for (const item of out)
			actions[String(item.json.action)] = (actions[String(item.json.action)] ?? 0) + 1;
	}
	return actions;
}

export interface ScenarioResult {
	scenario: string;
	records: number;
	reads: number;
	writes: number;
	calls: number;
	tooMany: number;
	readsPerRecord: number;
	writesPerRecord: number;
	callsPerRecord: number;
	seconds: number;
	/** (calls ÷ limit) in seconds, when a limit is set. */
	boundSeconds?: number;
	actions: Record<string, number>;
	changed?: number;
}

export interface ScenarioOptions {
	records: number;
	unrelated: number;
	latencyMs: number;
	/** Requests per second (none: unlimited). */
	limit?: number;
	/** Issue 20: contacts linked to companies (one per 20 contacts), synced after them. */
	links?: boolean;
}

async function measure(
	emu: ClientifyEmulator,
	scenario: string,
	records: NormalizedRecord[],
	options: ScenarioOptions,
	changed?: number,
): Promise<ScenarioResult> {
	emu.log.reset();
	const started = performance.now();
	const actions = await syncRun(emu, records);
	const seconds = (performance.now() - started) / 1000;
	const ok = emu.log.requests.filter((r) => r.status !== 429);
	const reads = ok.filter((r) => r.method === 'GET').length;
	const writes = ok.length - reads;
	const tooMany = emu.log.requests.length - ok.length;
	const n = records.length;
	return {
		scenario,
		records: n,
		reads,
		writes,
		calls: ok.length,
		tooMany,
		readsPerRecord: reads / n,
		writesPerRecord: writes / n,
		callsPerRecord: ok.length / n,
		seconds,
		...(options.limit ? { boundSeconds: ok.length / options.limit } : {}),
		actions,
		...(changed !== undefined ? { changed } : {}),
	};
}

/** Scenarios (a)–(d) against one emulator. */
export async function runScenarios(options: ScenarioOptions): Promise<ScenarioResult[]> {
	const emu = await startClientifyEmulator({
		latencyMs: options.latencyMs,
		...(options.limit
			? { rateLimit: { limit: options.limit, windowMs: 1000, retryAfterSeconds: 1 } }
			: {}),
	});
	try {
		const linked = options.links === true;
		const companies = linked
			? Array.from({ length: Math.ceil(options.records / CONTACTS_PER_COMPANY) }, (_, i) =>
					benchCompany(i + 1),
				)
			: [];
		const contacts = Array.from({ length: options.records }, (_, i) =>
			benchRecord(i + 1, false, linked),
		);
		const records = [...companies, ...contacts];
		const results: ScenarioResult[] = [];
		results.push(await measure(emu, '(a) first sync, empty CRM', records, options));
		results.push(await measure(emu, '(b) re-sync, nothing changed', records, options));
		const changedEvery = 20; // 5 %
		const changed = [
			...companies,
			...contacts.map((r, i) => (i % changedEvery === 0 ? benchRecord(i + 1, true, linked) : r)),
		];
		results.push(
			await measure(
				emu,
				'(c) re-sync, 5 % changed',
				changed,
				options,
				Math.ceil(contacts.length / changedEvery),
			),
		);
		// (d) measures the listing of unrelated contacts: the same with links
		if (linked) return results;
		emu.store.reset();
		// created a day ago: pre-existing records, outside the overlap re-check's window
		seedUnrelatedContacts(emu, options.unrelated, new Date(Date.now() - 24 * 3600 * 1000));
		results.push(
			await measure(
				emu,
				`(d) first sync, CRM with ${options.unrelated.toLocaleString('en')} unrelated contacts`,
				records,
				options,
			),
		);
		return results;
	} finally {
		await emu.close();
	}
}

/** The deterministic mode `npm test` runs: no latency, no limit, call counts only. */
export async function quickScenarios(links = false): Promise<ScenarioResult[]> {
	return await runScenarios({ records: 600, unrelated: 3000, latencyMs: 0, links });
}
