/**
 * Runs the bad-input corpus through the template's pipeline: the Hispatec emulator serves the corpus
 * records (hand-written pages, so prototype keys and raw XML reach the wire as they are), the pipeline
 * syncs them, and every record is checked against its expectation (build.ts). Then a second run must
 * change nothing.
 */
import type { ClientifyEmulator } from '../../../emulators/clientify';
import { fixtures, type EmulatorRecord, type HispatecEmulator } from '../../../emulators/hispatec';
import type { CorpusSummary } from '../report';
import {
	ACTIONS,
	duplicateTaxIds,
	runSync,
	type Action,
	type Entity,
	type Outcome,
	type TemplateStep,
} from '../sync';
import { buildCorpus, type CorpusEntry } from './build';

export interface CorpusOptions {
	hispatec: HispatecEmulator;
	clientify: ClientifyEmulator;
	template: TemplateStep[];
	hispatecCredential: Record<string, unknown>;
	clientifyApiKey: string;
	consoleLines: string[];
}

const compact = (v: unknown) =>
	typeof v === 'string' ? v.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';
/** Text as a person reads it: NFC, invisible characters gone, whitespace collapsed. */
const loose = (v: unknown) =>
	typeof v === 'string'
		? v
				.normalize('NFC')
				.replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')
				.replace(/\s+/g, ' ')
				.trim()
		: v;

function servePages(hispatec: HispatecEmulator, byEntity: Record<Entity, CorpusEntry[]>): void {
	hispatec.setOption('rawResponse', {
		body: (request) => {
			const entity: Entity =
				request.operation === hispatec.contract.operations.companies ? 'company' : 'contact';
			const number = (name: string, fallback: number) => {
				const m = new RegExp(`<(?:[\\w.-]+:)?${name}>\\s*(\\d+)\\s*<`).exec(request.body);
				return m ? Number(m[1]) : fallback;
			};
			const page = number(hispatec.contract.pageParameter, 1);
			const size = number(hispatec.contract.pageSizeParameter, 500);
			const all = byEntity[entity];
			const slice = all
				.slice((page - 1) * size, page * size)
				.map((e) => e.record as EmulatorRecord);
			return fixtures.renderRecordsResponse({
				contract: hispatec.contract,
				recordType: entity,
				records: slice,
				total: all.length,
				page,
			});
		},
	});
}

export async function runCorpus(
	options: CorpusOptions,
): Promise<{ summary: CorpusSummary; texts: string[]; tokens: string[] }> {
	const { hispatec, clientify } = options;
	const entries = buildCorpus();
	const byEntity: Record<Entity, CorpusEntry[]> = {
		contact: entries.filter((e) => e.entity === 'contact'),
		company: entries.filter((e) => e.entity === 'company'),
	};
	servePages(hispatec, byEntity);
	const env = {
		hispatec,
		clientify,
		template: options.template,
		hispatecCredential: options.hispatecCredential as never,
		clientifyApiKey: options.clientifyApiKey,
		codes: {
			contact: byEntity.contact.map((e) => e.code),
			company: byEntity.company.map((e) => e.code),
		},
	};
	const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
	const run = await runSync(env);
	const prototypeAfter = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
	const snapshot = clientify.store.snapshot();
	const second = await runSync(env);
	const tokens = [...hispatec.stats.tokens];
	hispatec.setOption('rawResponse', null);

	const problems: string[] = [];
	if (prototypeAfter !== prototypeBefore || ({} as Record<string, unknown>).polluted !== undefined)
		problems.push('Object.prototype was changed by the run');
	for (const f of [...run.stepFailures, ...second.stepFailures])
		problems.push(`a node crashed: ${f.step}: ${f.message}`);
	problems.push(
		...run.shapeProblems,
		...run.strayItems.map(
			(s) => `an output item that is no corpus record: ${JSON.stringify(s).slice(0, 200)}`,
		),
	);

	const outcomes = new Map<string, Outcome[]>();
	for (const o of run.outcomes) outcomes.set(o.code, [...(outcomes.get(o.code) ?? []), o]);
	const secondOutcomes = new Map(second.outcomes.map((o) => [o.code, o]));
	const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
	const categories = new Map<
		string,
		{
			category: string;
			records: number;
			synced: number;
			skipped: number;
			failed: number;
			reasons: Set<string>;
		}
	>();
	let passedRecords = 0;
	let withoutOutcome = 0;
	for (const entry of entries) {
		const cat = categories.get(entry.category) ?? {
			category: entry.category,
			records: 0,
			synced: 0,
			skipped: 0,
			failed: 0,
			reasons: new Set<string>(),
		};
		categories.set(entry.category, cat);
		cat.records++;
		const list = outcomes.get(entry.code) ?? [];
		const label = `${entry.code} (${entry.category}: ${entry.note})`;
		if (list.length !== 1) {
			withoutOutcome++;
			problems.push(`${label}: ${list.length} outcomes`);
			continue;
		}
		const o = list[0];
		counts[o.action]++;
		const isSynced = o.action === 'created' || o.action === 'updated' || o.action === 'unchanged';
		if (isSynced) cat.synced++;
		else if (o.action === 'skipped') {
			cat.skipped++;
			cat.reasons.add(o.detail);
		} else {
			cat.failed++;
			cat.reasons.add(`failed: ${o.detail.slice(0, 60)}`);
		}
		const before = problems.length;
		const expect = entry.expect;
		if ('synced' in expect) {
			if (!isSynced) problems.push(`${label}: expected synced, got ${o.action} ${o.detail}`);
			else {
				const table = entry.entity === 'contact' ? snapshot.contacts : snapshot.companies;
				const found = table.filter(
					(r) => compact(r.taxpayer_identification_number) === compact(expect.taxId),
				);
				if (found.length !== 1)
					problems.push(`${label}: ${found.length} Clientify records with tax ID ${expect.taxId}`);
				else {
					for (const [field, value] of Object.entries(expect.fields ?? {})) {
						// `emails.0.email`, `phones.length`: a path into the stored record.
						let actual: unknown = found[0];
						for (const part of field.split('.'))
							actual =
								actual === null || actual === undefined
									? undefined
									: (actual as Record<string, unknown>)[part];
						if (typeof actual === 'number') actual = String(actual);
						if (loose(actual) !== loose(value))
							problems.push(
								`${label}: ${field} is ${JSON.stringify(actual)?.slice(0, 80)}, expected ${JSON.stringify(value)}`,
							);
					}
				}
			}
		} else if ('skipped' in expect) {
			if (o.action !== 'skipped' || !expect.skipped.includes(o.detail))
				problems.push(
					`${label}: expected skipped (${expect.skipped.join(' or ')}), got ${o.action} ${o.detail}`,
				);
		} else if (
			!isSynced &&
			!(o.action === 'skipped' && o.detail) &&
			!(o.action === 'failed' && o.detail)
		) {
			problems.push(`${label}: no clear outcome (${o.action})`);
		}
		// Idempotence: a second run with nothing changed writes nothing for this record.
		const again = secondOutcomes.get(entry.code);
		if (isSynced && again?.action !== 'unchanged')
			problems.push(
				`${label}: the second run ${again?.action ?? 'gave no outcome'} it (${again?.detail ?? ''})`,
			);
		if (problems.length === before) passedRecords++;
	}
	if (process.env.FAULTS_DEBUG) {
		const table = (e: CorpusEntry) =>
			e.entity === 'contact' ? snapshot.contacts : snapshot.companies;
		for (const e of entries) {
			const o = outcomes.get(e.code)?.[0];
			const stored = table(e).find((r) => r.custom_fields.some((f) => f.value === e.code));
			process.stdout.write(
				`${e.code} ${e.note.slice(0, 50)} → ${o?.action} ${o?.detail.slice(0, 80)} ${stored ? JSON.stringify({ t: stored.taxpayer_identification_number, f: String(stored.first_name ?? stored.name).slice(0, 30), e: stored.emails.map((x) => x.email.slice(0, 30)), p: stored.phones.map((x) => x.phone.slice(0, 20)) }) : ''}\n`,
			);
		}
	}
	const duplicates = duplicateTaxIds(clientify);
	for (const d of duplicates) problems.push(`duplicate tax ID in Clientify: ${d}`);
	return {
		summary: {
			records: entries.length,
			counts,
			byCategory: [...categories.values()].map((c) => ({ ...c, reasons: [...c.reasons].sort() })),
			withoutOutcome,
			crashes: run.stepFailures.length + second.stepFailures.length,
			passedRecords,
			duplicates: duplicates.length,
			secretsFound: [],
			problems,
		},
		texts: [...run.texts, ...second.texts],
		tokens,
	};
}
