/**
 * `execute()` of Clientify Upsert: reads the parameters per item, prepares each item (normalized
 * record or fields set by expression → the record Clientify should hold), runs the batch engine and
 * turns its results into one output item per input item.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import {
	DEFAULT_CUSTOM_FIELD_PREFIX,
	DEFAULT_TAGS,
	applyOverrides,
	cleanText,
	sourceFromNormalizedRecord,
	splitList,
	type FieldOverrides,
	type SourceFields,
} from '../../shared/clientify/desired/source';
import {
	DEFAULT_REMOVAL_TAG,
	leavingKind,
	type RemovalMode,
} from '../../shared/clientify/plan/removal';
import { DEFAULT_RETRY_TIMING } from '../../shared/clientify/client/timing';
import { DEFAULT_TWIN_MAX_AGE_HOURS } from '../../shared/clientify/plan/guard';
import { buildDesiredRecord } from '../../shared/clientify/desired/desired';
import { syncStateFieldName } from '../../shared/clientify/syncState';
import { taxIdMatchKey } from '../../shared/clientify/plan/match';
import type { Entity, LookupStrategy, OnMultipleMatches } from '../../shared/clientify/types';
import {
	SKIP_REASONS,
	type CompanyRef,
	type NormalizedRecord,
	type SkipReason,
} from '../../shared/types';
import { ClientifyClient } from '../../shared/clientify/client/client';
import { clientConfigFromCredentials, type RetryConfig } from '../../Clientify/transport';
import { UpsertEngine, firstError, type EngineOptions } from './write/engine';
import { RecordingClient } from './returnRecord';
import { parseKnownRecords } from '../../shared/clientify/plan/fingerprint';
import { asItemError, cancelledResult } from './write/results';
import type { PreparedItem, UpsertResult } from './write/types';

type RecordTypeParam = 'auto' | Entity;
type FieldsSource = 'normalized' | 'defineBelow';

/** Auto record type: the record's `recordType`, else its `kind` (company → company), else contact. */
function entityOf(json: IDataObject): Entity {
	if (json.recordType === 'contact' || json.recordType === 'company') return json.recordType;
	return json.kind === 'company' ? 'company' : 'contact';
}

function isSkippedRecord(json: IDataObject): boolean {
	return (
		typeof json.reason === 'string' && typeof json.message === 'string' && json.taxId === undefined
	);
}

/** A row's name: a resource-locator value (`{__rl, mode, value}`) or, in older workflows, a string. */
function customFieldRowName(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value)
		return (value as { value?: unknown }).value;
	return value;
}

function readCustomFields(value: unknown): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const entries =
		(value as { field?: Array<{ name?: unknown; value?: unknown }> } | undefined)?.field ?? [];
	for (const entry of Array.isArray(entries) ? entries : []) {
		const name = cleanText(customFieldRowName(entry?.name));
		if (name) out[name] = entry?.value;
	}
	return out;
}

function readTags(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	if (value === undefined || value === null) return [...DEFAULT_TAGS];
	if (
		typeof value === 'string' ||
		(Array.isArray(value) && value.every((v) => typeof v === 'string'))
	)
		return splitList(value);
	throw new NodeOperationError(
		ctx.getNode(),
		`The option "Tags" must be a comma-separated text; got ${JSON.stringify(value)}`,
		{
			itemIndex,
		},
	);
}

function prepareItem(
	ctx: IExecuteFunctions,
	item: INodeExecutionData,
	index: number,
): PreparedItem {
	const json = (item.json ?? {}) as IDataObject;
	const recordTypeParam = ctx.getNodeParameter('recordType', index, 'auto') as RecordTypeParam;
	const entity: Entity = recordTypeParam === 'auto' ? entityOf(json) : recordTypeParam;
	const fieldsSource = ctx.getNodeParameter('fieldsSource', index, 'normalized') as FieldsSource;
	const options = ctx.getNodeParameter('options', index, {}) as IDataObject;
	const prefix =
		typeof options.customFieldPrefix === 'string'
			? options.customFieldPrefix
			: DEFAULT_CUSTOM_FIELD_PREFIX;
	const tags = readTags(ctx, options.tags, index);
	const onMultipleMatches = (options.onMultipleMatches as OnMultipleMatches | undefined) ?? 'fail';
	const overrides = ctx.getNodeParameter('fields', index, {}) as FieldOverrides;
	const customFields = readCustomFields(ctx.getNodeParameter('customFields', index, {}));

	const removalMode: RemovalMode =
		options.onRecordRemoved === 'tag' || options.onRecordRemoved === 'tagAndUntag'
			? options.onRecordRemoved
			: 'doNothing';
	const removalTag = cleanText(options.removalTag) ?? DEFAULT_REMOVAL_TAG;
	const leaving = fieldsSource === 'normalized' ? leavingKind(json) : undefined;
	const removal = (
		mode: Exclude<RemovalMode, 'doNothing'>,
		why: 'removed' | 'inactive',
		code: string | undefined,
		taxId: string | undefined,
	): PreparedItem => ({
		kind: 'removal',
		index,
		entity,
		why,
		...(code ? { code } : {}),
		...(taxId ? { taxId } : {}),
		settings: { mode, removalTag, syncTags: tags, stateField: syncStateFieldName(prefix) },
		warnings: [],
	});

	const skip = (
		reason: SkipReason,
		message: string,
		taxId: string | null,
		sourceId?: unknown,
	): PreparedItem => ({
		kind: 'skip',
		index,
		recordType: entity,
		taxId,
		...(cleanText(sourceId) ? { sourceId: cleanText(sourceId) } : {}),
		reason,
		message,
		warnings: [],
	});

	let source: SourceFields;
	if (leaving === 'removed') {
		// A record that left the ERP (a RemovedRecord item): marked, never synced.
		const code = cleanText(json.sourceId);
		const taxId = taxIdMatchKey(json.taxId) || undefined;
		if (removalMode === 'doNothing')
			return skip('removal_ignored', SKIP_REASONS.removal_ignored.message, taxId ?? null, code);
		return removal(removalMode, 'removed', code, taxId);
	}
	if (fieldsSource === 'normalized') {
		if (isSkippedRecord(json)) {
			// A Hispatec node's skip, passed on with its own reason (one of `SKIP_REASONS`).
			return skip(
				String(json.reason) as SkipReason,
				String(json.message),
				cleanText(json.taxIdCandidate) ?? null,
				json.sourceId,
			);
		}
		if (cleanText(json.taxId) === undefined) {
			return skip(
				'missing_tax_id',
				'The item has no "taxId": it is not a normalized record. Connect a Hispatec node, or set "Fields" to "Define Below" for other sources.',
				null,
				json.sourceId,
			);
		}
		source = sourceFromNormalizedRecord(json as unknown as NormalizedRecord, entity, prefix);
	} else {
		source = { taxId: ctx.getNodeParameter('taxId', index, '') as unknown, customFields: {} };
	}
	source = applyOverrides(source, overrides);
	if (Object.keys(customFields).length)
		source.customFields = { ...(source.customFields ?? {}), ...customFields };

	// The tax ID is parsed once, here: a normalized record's must be a valid Spanish one unless the
	// Hispatec node kept it as FOREIGN.
	const built = buildDesiredRecord(source, entity, {
		tags,
		spanishTaxId: fieldsSource !== 'normalized' || json.taxIdType !== 'FOREIGN',
	});
	if (!built.ok) return skip(built.reason, built.message, built.key ?? null, source.sourceId);
	if (leaving === 'inactive' && removalMode !== 'doNothing')
		return removal(removalMode, 'inactive', built.desired.sourceId, built.desired.taxId);
	const onValueChange = options.onValueChange === 'addOnly' ? 'addOnly' : 'makePrimary';
	const companyRef =
		entity === 'contact' && fieldsSource === 'normalized' && linkCompanies(ctx, options)
			? readCompanyRef(json.companyRef)
			: undefined;
	return {
		kind: 'record',
		index,
		desired: built.desired,
		onMultipleMatches,
		stateField: syncStateFieldName(prefix),
		makePrimary: onValueChange === 'makePrimary',
		removalTag,
		...(companyRef ? { companyRef } : {}),
	};
}

/**
 * Option *Link Contacts to Companies*: on by default from node version 2; version 1 (workflows saved
 * before links existed) links only when the option is set, so an upgrade changes no saved workflow.
 */
function linkCompanies(ctx: IExecuteFunctions, options: IDataObject): boolean {
	if (typeof options.linkCompanies === 'boolean') return options.linkCompanies;
	return ctx.getNode().typeVersion >= 2;
}

/** The normalized record's `companyRef` (docs/normalized-record.md), cleaned; none when empty. */
function readCompanyRef(value: unknown): CompanyRef | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const raw = value as { code?: unknown; taxId?: unknown };
	const code = cleanText(raw.code);
	const taxId = taxIdMatchKey(raw.taxId) || undefined;
	if (!code && !taxId) return undefined;
	return { ...(code ? { code } : {}), ...(taxId ? { taxId } : {}) };
}

function toJson(result: UpsertResult): IDataObject {
	return JSON.parse(JSON.stringify(result)) as IDataObject;
}

/** Parameter "Known Records" (large-ERP template) → engine options; see shared/clientify/plan/fingerprint.ts. */
function knownRecordsOption(
	ctx: IExecuteFunctions,
	options: IDataObject,
	prepared: PreparedItem[],
): Pick<EngineOptions, 'knownRecords' | 'fingerprintScope'> {
	// A top-level parameter, read once: inside Options it would be resolved again for every item.
	// Empty (the usual case): no index, nothing to parse (as parseKnownRecords answers for it).
	const value = ctx.getNodeParameter('knownRecords', 0, '');
	if (value === undefined || value === null || value === '') return {};
	// Only the entries of this batch's tax IDs are kept (not a map of the whole CRM per page), the
	// records that left the ERP included (an inactive one, a removed one with its tax ID): left out,
	// Known Records would call them absent and they would never be marked.
	const wanted = new Set(
		prepared.flatMap((p) => {
			if (p.kind === 'record') return [p.desired.taxId];
			return p.kind === 'removal' && p.taxId ? [p.taxId] : [];
		}),
	);
	// Links: the companies the batch's contacts name, by CIF and by Hispatec code.
	const codes = new Set<string>();
	for (const p of prepared) {
		if (p.kind !== 'record' || !p.companyRef) continue;
		if (p.companyRef.taxId) wanted.add(p.companyRef.taxId);
		if (p.companyRef.code) codes.add(p.companyRef.code);
	}
	let knownRecords;
	try {
		knownRecords = parseKnownRecords(value, wanted, codes);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Map it from the Clientify Index node, e.g. {{ $json.known }}.',
		});
	}
	if (!knownRecords) return {};
	return {
		knownRecords,
		fingerprintScope: {
			tags: readTags(ctx, options.tags, 0),
			customFieldPrefix:
				typeof options.customFieldPrefix === 'string'
					? options.customFieldPrefix
					: DEFAULT_CUSTOM_FIELD_PREFIX,
		},
	};
}

/** Option *Twin Clean-Up Window (Hours)* in ms; 0 (or less) never deletes. */
function twinMaxAgeMs(hours: unknown): number {
	const value = hours === undefined || hours === '' ? DEFAULT_TWIN_MAX_AGE_HOURS : Number(hours);
	return Number.isFinite(value) && value > 0 ? value * 3600 * 1000 : 0;
}

/**
 * How the node waits between retries. The node class runs `execute` with the defaults; tests and
 * benchmarks call it with shorter timing or their own sleep (there is no node parameter for it).
 */
type RetryDeps = RetryConfig & {
	/** Our clock (epoch ms) for the creation marker and the twins' age; `Date.now` when absent. */
	now?: () => number;
};

export const DEFAULT_RETRY_DEPS: RetryDeps = { timing: DEFAULT_RETRY_TIMING };

export async function execute(
	this: IExecuteFunctions,
	retry: RetryDeps,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (!items.length) return [[]];
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	const config = await clientConfigFromCredentials(this, retry);
	const batchOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
	const returnRecord = batchOptions.returnRecord === true;
	// Only with Return Clientify Record does the client note the records it sees (returnRecord.ts).
	const recording = returnRecord ? new RecordingClient(config) : undefined;
	const client = recording ?? new ClientifyClient(config);
	const engine = new UpsertEngine(node, client, {
		dryRun: batchOptions.dryRun === true,
		concurrency: Math.max(1, Math.min(20, Math.floor(Number(batchOptions.concurrency ?? 5)) || 5)),
		lookupStrategy: (batchOptions.lookupStrategy as LookupStrategy | undefined) ?? 'auto',
		createCustomFields: batchOptions.createCustomFields !== false,
		continueOnFail,
		now: retry.now ?? Date.now,
		twinMaxAgeMs: twinMaxAgeMs(batchOptions.twinMaxAgeHours),
		duplicateTag: cleanText(batchOptions.duplicateTag) ?? '',
	});

	const prepared: PreparedItem[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(prepareItem(this, items[i], i));
		} catch (error) {
			prepared.push({
				kind: 'fail',
				index: i,
				recordType: null,
				error: asItemError(node, error, i),
			});
		}
	}
	const invalid = prepared.find((p) => p.kind === 'fail');
	if (invalid && invalid.kind === 'fail' && !continueOnFail) throw invalid.error;

	engine.useKnownRecords(knownRecordsOption(this, batchOptions, prepared));
	const outcome = await engine.run(prepared);

	const first = firstError(outcome);
	if (first && !continueOnFail) throw first.error;

	const records = new Map<number, IDataObject | null>();
	if (recording) {
		for (let i = 0; i < items.length; i++) {
			const result = outcome.results[i];
			if (!result || result.action === 'failed') continue;
			try {
				records.set(i, await recording.recordFor(result, batchOptions.dryRun === true));
			} catch (error) {
				records.set(i, null);
				result.warnings.push({
					code: 'record_not_returned',
					message: `The record was synced, but reading it back for "Return Clientify Record" failed: ${(error as Error).message}`,
				});
			}
		}
	}

	const errorOutput = node.onError === 'continueErrorOutput';
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result: UpsertResult = outcome.results[i] ?? cancelledResult();
		const error = outcome.errors[i];
		if (errorOutput && result.action === 'failed') {
			// n8n moves an item whose json is only {error, message} to the error output and merges it
			// with the input item (so the failed record stays visible). An `item.error` would also route
			// it, but n8n then replaces the json with {error} alone (n8n 1.x and 2.x).
			out.push({
				json: {
					error: result.error ?? 'Failed',
					message: error?.description || result.error || 'Failed',
				},
				pairedItem: { item: i },
			});
			continue;
		}
		const json = toJson(result);
		if (returnRecord && result.action !== 'failed')
			json.clientifyRecord = (records.get(i) ?? null) as IDataObject;
		out.push({ json, pairedItem: { item: i } });
	}
	return [out];
}
