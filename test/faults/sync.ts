/**
 * The fault suite's sync driver: the template's pipeline (workflows/hispatec-to-clientify.json), run
 * in-process through the n8n test harness over real HTTP against the two emulators.
 *
 * For each entity, companies first: the template's "Hispatec: read …" node (its parameters and error
 * setting, read from the template) → its Valid items into the template's "Clientify: upsert …" node
 * (its parameters; its error setting → continue on fail). The two entities run independently, as the
 * template must ("one entity never blocks the other"); the wiring itself is checked by the e2e suite.
 *
 * Every ERP record of the emulator's dataset is then given its outcome: the Upsert action (created,
 * updated, unchanged, skipped, failed), the Hispatec node's Skipped reason, or — when a step failed
 * for good — `failed` with that step's error. Everything the nodes output, threw or logged is kept
 * as text for the secret scan.
 */
import fs from 'fs';
import path from 'path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { ClientifyTokenApi } from '../../credentials/ClientifyTokenApi.credentials';
import { HispatecApi } from '../../credentials/HispatecApi.credentials';
import { ClientifyUpsert } from '../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { Hispatec } from '../../nodes/Hispatec/Hispatec.node';
import type { ClientifyEmulator, StoredRecord } from '../../emulators/clientify';
import { emulatorCredentials, type HispatecEmulator } from '../../emulators/hispatec';
import { createExecuteContext, type HarnessOptions } from '../../harness/nodeContext';

export type Entity = 'company' | 'contact';
export const ENTITIES: readonly Entity[] = ['company', 'contact'];
export type Action = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
export const ACTIONS: readonly Action[] = ['created', 'updated', 'unchanged', 'skipped', 'failed'];

interface TemplateNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	onError?: string;
	continueOnFail?: boolean;
}

export interface TemplateStep {
	entity: Entity;
	read: TemplateNode;
	upsert: TemplateNode;
}

/** The template's read and upsert node per entity (found by type and resource, not by name). */
export function loadTemplate(
	file = path.join(__dirname, '../../workflows/hispatec-to-clientify.json'),
): TemplateStep[] {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: TemplateNode[] };
	return ENTITIES.map((entity) => {
		const read = workflow.nodes.find(
			(n) => n.type === 'n8n-nodes-hispatec.hispatec' && n.parameters.resource === entity,
		);
		const upsert = workflow.nodes.find(
			(n) =>
				n.type === 'n8n-nodes-hispatec.clientifyUpsert' &&
				(n.parameters.recordType === entity || n.parameters.recordType === 'auto'),
		);
		if (!read || !upsert)
			throw new Error(`The template has no Hispatec read / Clientify Upsert node for ${entity}`);
		return { entity, read, upsert };
	});
}

const continues = (node: TemplateNode) =>
	node.continueOnFail === true ||
	node.onError === 'continueRegularOutput' ||
	node.onError === 'continueErrorOutput';

/** n8n's "Continue (using error output)" rule: json exactly {error} or {error, message} (n8n 1.x). */
function isErrorItem(item: INodeExecutionData): boolean {
	const keys = Object.keys(item.json ?? {});
	return (
		!!item.error || (keys.includes('error') && keys.every((k) => k === 'error' || k === 'message'))
	);
}

export interface Outcome {
	code: string;
	entity: Entity;
	action: Action;
	/** skipped: the reason code; failed: the error. */
	detail: string;
	/** Where the outcome came from. */
	by: 'upsert' | 'hispatecSkipped' | 'stepFailed';
}

export interface StepFailure {
	step: string;
	message: string;
	description?: string;
}

export interface SyncRun {
	outcomes: Outcome[];
	stepFailures: StepFailure[];
	/** Output items that are no ERP record (e.g. an error item flowing into Clientify Upsert). */
	strayItems: IDataObject[];
	/** Problems with the shape of outcomes (skipped without a reason, failed without an error …). */
	shapeProblems: string[];
	/** Every output item, error and log line, as text (for the secret scan). */
	texts: string[];
}

export interface SyncEnv {
	hispatec: HispatecEmulator;
	clientify: ClientifyEmulator;
	template: TemplateStep[];
	/** Extra Hispatec credential fields (page size, timeout, retry settings). */
	hispatecCredential?: IDataObject;
	/** Caps every Clientify request's timeout (ms): how the suite makes a held answer a timeout fast. */
	clientifyTimeoutCapMs?: number;
	/** The API key the Clientify credential holds. */
	clientifyApiKey?: string;
	/** The ERP codes per entity when the emulator serves records outside its dataset (the corpus). */
	codes?: Record<Entity, string[]>;
}

/** Every own string in an object (errors included: message, description, cause, context …). */
export function textsOf(value: unknown): string {
	const seen = new WeakSet<object>();
	const out: string[] = [];
	const walk = (v: unknown, depth: number) => {
		if (depth > 12 || v === null || v === undefined) return;
		if (typeof v === 'string') return void out.push(v);
		if (typeof v === 'number' || typeof v === 'boolean') return void out.push(String(v));
		if (typeof v !== 'object' && typeof v !== 'function') return;
		if (seen.has(v as object)) return;
		seen.add(v as object);
		if (Buffer.isBuffer(v)) return void out.push(v.toString('utf8'));
		if (v instanceof Error) {
			out.push(v.message);
			if (v.stack) out.push(v.stack);
		}
		for (const key of Object.getOwnPropertyNames(v)) {
			if (key === 'stack') continue;
			let child: unknown;
			try {
				child = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			out.push(key);
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return out.join('\n');
}

function captureLogger(texts: string[]) {
	const line = (level: string) => (message: string, meta?: unknown) => {
		texts.push(`[${level}] ${message} ${meta === undefined ? '' : textsOf(meta)}`);
	};
	return {
		debug: line('debug'),
		info: line('info'),
		warn: line('warn'),
		error: line('error'),
		verbose: line('verbose'),
	};
}

/** An execute context for one template node: its parameters, error settings and credentials, with a logger that keeps every text. */
function nodeContext(
	node: TemplateNode,
	items: INodeExecutionData[],
	credentials: HarnessOptions['credentials'],
	credentialTypes: HarnessOptions['credentialTypes'],
	texts: string[],
): ReturnType<typeof createExecuteContext> {
	const created = createExecuteContext(items, {
		parameters: node.parameters as IDataObject,
		credentials,
		credentialTypes,
		continueOnFail: continues(node),
		nodeType: node.type,
		nodeName: node.name,
		mode: 'manual',
	});
	(created.context as unknown as { logger: unknown }).logger = captureLogger(texts);
	if (node.onError) created.context.getNode().onError = node.onError as never;
	return created;
}

function codeOf(json: IDataObject): string | undefined {
	if (typeof json.sourceId === 'string' && json.sourceId) return json.sourceId;
	const raw = json.raw as IDataObject | undefined;
	if (raw && typeof raw.Codigo === 'string' && raw.Codigo) return raw.Codigo;
	return undefined;
}

function errorParts(error: unknown): { message: string; description?: string } {
	const e = error as { message?: unknown; description?: unknown };
	return {
		message: typeof e?.message === 'string' ? e.message : String(error),
		...(typeof e?.description === 'string' && e.description ? { description: e.description } : {}),
	};
}

/** One run of the template's pipeline. */
export async function runSync(env: SyncEnv): Promise<SyncRun> {
	const run: SyncRun = {
		outcomes: [],
		stepFailures: [],
		strayItems: [],
		shapeProblems: [],
		texts: [],
	};
	const { texts } = run;
	const hispatecCredential = emulatorCredentials(
		env.hispatec,
		env.hispatecCredential ?? {},
	) as IDataObject;
	for (const step of env.template) {
		const codes =
			env.codes?.[step.entity] ?? env.hispatec.dataset.records(step.entity).map((r) => r.Codigo);
		const failAll = (stepName: string, error: unknown) => {
			const parts = errorParts(error);
			run.stepFailures.push({ step: stepName, ...parts });
			texts.push(textsOf(error));
			return parts;
		};
		/** A record of this step that ends as failed because its read step failed. */
		const stepFailed = (code: string, message: string) =>
			run.outcomes.push({
				code,
				entity: step.entity,
				action: 'failed',
				detail: `${step.read.name}: ${message}`,
				by: 'stepFailed',
			});
		// ---- Hispatec: read ----
		const read = nodeContext(
			step.read,
			[{ json: {} }],
			{ hispatecApi: hispatecCredential as never },
			{ hispatecApi: new HispatecApi() },
			texts,
		);
		let readOutput: INodeExecutionData[][];
		try {
			readOutput = await new Hispatec().execute.call(read.context);
		} catch (error) {
			const parts = failAll(step.read.name, error);
			for (const code of codes) stepFailed(code, parts.message);
			continue;
		}
		texts.push(textsOf(readOutput));
		const [validItems, skippedItems] = readOutput;
		let toUpsert = validItems ?? [];
		if (step.read.onError === 'continueErrorOutput') {
			// n8n moves error items to the node's last output; the template's error path ends the branch.
			const errors = toUpsert.filter(isErrorItem);
			toUpsert = toUpsert.filter((i) => !isErrorItem(i));
			if (errors.length) {
				// an error item is `{error, message}`: the error's message, and what to do about it
				const { error: text, message: hint } = errors[0].json as {
					error?: unknown;
					message?: unknown;
				};
				const parts = failAll(step.read.name, {
					message: String(text),
					...(typeof hint === 'string' ? { description: hint } : {}),
				});
				for (const code of codes) {
					if (![...toUpsert, ...(skippedItems ?? [])].some((i) => codeOf(i.json) === code)) {
						stepFailed(code, parts.message);
					}
				}
			}
		}
		for (const item of skippedItems ?? []) {
			const code = codeOf(item.json);
			const reason = typeof item.json.reason === 'string' ? item.json.reason : '';
			if (!code) {
				run.strayItems.push(item.json);
				continue;
			}
			if (!reason || typeof item.json.message !== 'string' || !item.json.message)
				run.shapeProblems.push(`${code}: skipped by Hispatec without a reason and message`);
			run.outcomes.push({
				code,
				entity: step.entity,
				action: 'skipped',
				detail: reason,
				by: 'hispatecSkipped',
			});
		}
		if (!toUpsert.length) continue;

		// ---- Clientify: upsert ----
		const upsert = nodeContext(
			step.upsert,
			toUpsert.map((i) => ({ json: i.json })),
			{
				clientifyTokenApi: {
					apiKey: env.clientifyApiKey ?? env.clientify.apiKey,
					baseUrl: env.clientify.baseUrl,
				},
			},
			{ clientifyTokenApi: new ClientifyTokenApi() },
			texts,
		);
		if (env.clientifyTimeoutCapMs !== undefined) {
			const helpers = upsert.context.helpers as unknown as {
				httpRequestWithAuthentication: (
					this: unknown,
					type: string,
					o: IDataObject,
				) => Promise<unknown>;
			};
			const original = helpers.httpRequestWithAuthentication;
			const cap = env.clientifyTimeoutCapMs;
			helpers.httpRequestWithAuthentication = async function (
				this: unknown,
				type: string,
				o: IDataObject,
			) {
				return await original.call(this, type, {
					...o,
					timeout: Math.min(Number(o.timeout ?? cap), cap),
				});
			};
		}
		let upsertOutput: INodeExecutionData[][];
		try {
			upsertOutput = await new ClientifyUpsert().execute.call(upsert.context);
		} catch (error) {
			const parts = failAll(step.upsert.name, error);
			for (const item of toUpsert) {
				const code = codeOf(item.json);
				if (code)
					run.outcomes.push({
						code,
						entity: step.entity,
						action: 'failed',
						detail: `${step.upsert.name}: ${parts.message}`,
						by: 'stepFailed',
					});
				else run.strayItems.push(item.json);
			}
			continue;
		}
		texts.push(textsOf(upsertOutput));
		const out = upsertOutput.flat();
		const seenInputs = new Map<number, number>();
		for (const item of out) {
			const paired = item.pairedItem as { item: number } | undefined;
			const index = typeof paired?.item === 'number' ? paired.item : -1;
			seenInputs.set(index, (seenInputs.get(index) ?? 0) + 1);
			const input = toUpsert[index];
			const code = input ? codeOf(input.json) : undefined;
			const json = item.json;
			const action = (isErrorItem(item) ? 'failed' : json.action) as Action;
			if (!code) {
				run.strayItems.push({ input: input?.json ?? null, output: json });
				continue;
			}
			if (!ACTIONS.includes(action))
				run.shapeProblems.push(`${code}: unknown action ${JSON.stringify(json.action)}`);
			let detail = '';
			if (action === 'skipped') {
				detail = typeof json.reason === 'string' ? json.reason : '';
				if (!detail || typeof json.message !== 'string' || !json.message)
					run.shapeProblems.push(
						`${code}: skipped by Clientify Upsert without a reason and message`,
					);
			} else if (action === 'failed') {
				detail = typeof json.error === 'string' ? json.error : '';
				if (!detail) run.shapeProblems.push(`${code}: failed without an error message`);
			}
			run.outcomes.push({ code, entity: step.entity, action, detail, by: 'upsert' });
		}
		for (let i = 0; i < toUpsert.length; i++) {
			const n = seenInputs.get(i) ?? 0;
			if (n !== 1)
				run.shapeProblems.push(
					`Clientify Upsert input item ${i} (${codeOf(toUpsert[i].json) ?? '?'}) has ${n} output items`,
				);
		}
	}
	return run;
}

export interface OutcomeCheck {
	/** ERP records (both entities) of the dataset. */
	records: number;
	counts: Record<Action, number>;
	/** Codes with no outcome. */
	missing: string[];
	/** Codes with more than one outcome. */
	multiple: string[];
	/** Outcome codes that are not in the dataset. */
	unknown: string[];
}

/** Outcomes counted against the ERP dataset. */
export function checkOutcomes(hispatec: HispatecEmulator, run: SyncRun): OutcomeCheck {
	const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
	const byCode = new Map<string, number>();
	for (const o of run.outcomes) {
		counts[o.action]++;
		const key = `${o.entity}:${o.code}`;
		byCode.set(key, (byCode.get(key) ?? 0) + 1);
	}
	const expected = ENTITIES.flatMap((e) =>
		hispatec.dataset.records(e).map((r) => `${e}:${r.Codigo}`),
	);
	const expectedSet = new Set(expected);
	return {
		records: expected.length,
		counts,
		missing: expected.filter((k) => !byCode.has(k)),
		multiple: [...byCode].filter(([, n]) => n > 1).map(([k]) => k),
		unknown: [...byCode.keys()].filter((k) => !expectedSet.has(k)),
	};
}

const compact = (v: unknown) =>
	typeof v === 'string' ? v.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';

/** Tax IDs held by more than one Clientify record of the same entity. */
export function duplicateTaxIds(clientify: ClientifyEmulator): string[] {
	const snap = clientify.store.snapshot();
	const out: string[] = [];
	for (const [entity, list] of [
		['contacts', snap.contacts],
		['companies', snap.companies],
	] as const) {
		const seen = new Map<string, number>();
		for (const r of list) {
			const key = compact(r.taxpayer_identification_number);
			if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		for (const [key, n] of seen) if (n > 1) out.push(`${entity}:${key}×${n}`);
	}
	return out;
}

function stripIds(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripIds);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (k !== 'id') out[k] = stripIds(v);
		return out;
	}
	return value;
}

/**
 * The CRM state, comparable between emulators: records without ids, timestamps (the sync state's
 * creation marker included) or URLs (e-mail, phone,
 * address and website order kept: the first is the primary one; custom fields sorted by name, tags
 * sorted), sorted by entity and tax ID.
 */
export function crmState(clientify: ClientifyEmulator): {
	contacts: unknown[];
	companies: unknown[];
	customFields: string[];
} {
	const snap = clientify.store.snapshot();
	const clean = (r: StoredRecord) => {
		const {
			id: _id,
			created: _c,
			modified: _m,
			url: _u,
			...rest
		} = r as StoredRecord & { url?: string };
		const out = stripIds(rest) as Record<string, unknown>;
		// Custom fields are keyed by name and tags are a set: their order carries no meaning.
		if (Array.isArray(out.custom_fields))
			out.custom_fields = [...(out.custom_fields as Array<{ field: string }>)].sort((x, y) =>
				x.field < y.field ? -1 : x.field > y.field ? 1 : 0,
			);
		if (Array.isArray(out.tags)) out.tags = [...(out.tags as string[])].sort();
		// The sync state's creation marker `n` (a timestamp, dropped by the first update) and record id
		// `i` (written by every update) tie it to its record: whether a fault made the sync update a
		// record it created is not CRM data, and ids are compared nowhere.
		for (const entry of (out.custom_fields ?? []) as Array<{ field: string; value: unknown }>)
			if (/syncstate$/i.test(entry.field) && typeof entry.value === 'string')
				entry.value = entry.value.replace(/,"[ni]":\d+/g, '');
		return out;
	};
	const sortKey = (r: Record<string, unknown>) =>
		`${compact(r.taxpayer_identification_number)}|${JSON.stringify(r)}`;
	const sorted = (list: StoredRecord[]) =>
		list
			.map(clean)
			.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
	return {
		contacts: sorted(snap.contacts),
		companies: sorted(snap.companies),
		customFields: snap.customFields.map((d) => `${d.entity}:${d.name}`).sort(),
	};
}

/** First differences between two CRM states, readable. */
export function stateDiff(
	actual: ReturnType<typeof crmState>,
	expected: ReturnType<typeof crmState>,
	max = 5,
): string[] {
	const out: string[] = [];
	if (JSON.stringify(actual.customFields) !== JSON.stringify(expected.customFields)) {
		out.push(
			`custom fields: ${JSON.stringify(actual.customFields)} ≠ ${JSON.stringify(expected.customFields)}`,
		);
	}
	for (const key of ['companies', 'contacts'] as const) {
		const a = actual[key];
		const e = expected[key];
		if (a.length !== e.length) out.push(`${key}: ${a.length} records, expected ${e.length}`);
		for (let i = 0; i < Math.max(a.length, e.length) && out.length < max; i++) {
			if (JSON.stringify(a[i]) !== JSON.stringify(e[i])) {
				// Name the differing top-level fields, with both values.
				const ra = (a[i] ?? {}) as Record<string, unknown>;
				const re = (e[i] ?? {}) as Record<string, unknown>;
				const fields = [...new Set([...Object.keys(ra), ...Object.keys(re)])].filter(
					(k) => JSON.stringify(ra[k]) !== JSON.stringify(re[k]),
				);
				const tax = String(
					ra.taxpayer_identification_number ?? re.taxpayer_identification_number ?? '?',
				);
				out.push(
					`${key} ${tax}: ${fields.map((k) => `${k} ${JSON.stringify(ra[k])?.slice(0, 160)} ≠ ${JSON.stringify(re[k])?.slice(0, 160)}`).join(', ')}`,
				);
			}
		}
	}
	return out.slice(0, max);
}

/** Forms of a secret worth looking for: as is, XML/JSON/URL-escaped. */
export function secretForms(secret: string): string[] {
	const xml = secret
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
	return [
		...new Set([secret, xml, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
	];
}

/** Which named secrets appear in the texts. */
export function findSecrets(texts: readonly string[], secrets: Record<string, string[]>): string[] {
	const found: string[] = [];
	const haystack = texts.join('\n');
	for (const [name, values] of Object.entries(secrets)) {
		for (const value of values) {
			if (!value) continue;
			if (secretForms(value).some((form) => haystack.includes(form))) {
				found.push(name);
				break;
			}
		}
	}
	return found;
}
