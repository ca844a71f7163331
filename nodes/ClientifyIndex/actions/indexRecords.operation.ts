/**
 * *Index Records*: lists every Clientify contact and/or company once (100 per call) and returns ONE
 * item with a compact index per entity: a text of lines "<tax ID>\t<id>:<fingerprint>[;extras]" (the
 * Hispatec code, and for contacts their company links; see shared/clientify/plan/fingerprint.ts), and
 * the records the sync owns by Hispatec code (shared/clientify/removed.ts). Pages are reduced as they
 * arrive, so only the index stays in memory. Feed `known` to Clientify Upsert's option "Known
 * Records" in every chunk of a large sync.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { eachRecord, type ClientifyClient } from '../../shared/clientify/client/client';
import { DEFAULT_CUSTOM_FIELD_PREFIX } from '../../shared/clientify/desired/source';
import { DEFAULT_TAGS } from '../../shared/clientify/desired/source';
import { splitList } from '../../shared/clientify/desired/source';
import {
	addToIndex,
	indexToText,
	type FingerprintScope,
} from '../../shared/clientify/plan/fingerprint';
import { ownedEntry } from '../../shared/clientify/removed';
import { syncStateFieldName } from '../../shared/clientify/syncState';
import type { Entity } from '../../shared/clientify/types';
import { successfulExecutionSavedWarning } from '../../shared/savedExecutions';

/** Parameters of Index Records only: none (Record Types and Options serve both operations). */
export const description: INodeProperties[] = [];

/** The options' tags and custom-field prefix: the Clientify Upsert's that uses the index. */
export function indexScope(ctx: IExecuteFunctions): FingerprintScope {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		tags: typeof options.tags === 'string' ? splitList(options.tags) : [...DEFAULT_TAGS],
		customFieldPrefix:
			typeof options.customFieldPrefix === 'string'
				? options.customFieldPrefix
				: DEFAULT_CUSTOM_FIELD_PREFIX,
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: ClientifyClient,
	recordTypes: Entity[],
): Promise<INodeExecutionData[][]> {
	const json = (await listIndex(client, recordTypes, indexScope(this))) as unknown as IDataObject;
	// the index is the largest item of a paged sync: say so when the execution that holds it (and the
	// page executions of the same workflow) will be kept in the history
	const saved = successfulExecutionSavedWarning(
		this.getWorkflowSettings(),
		this.getMode(),
		'this index of every Clientify record listed; in the large-ERP template, every page execution of this workflow is kept too, with its records',
	);
	if (saved) json.warnings = [saved] as unknown as IDataObject[];
	return [[{ json, pairedItem: { item: 0 } }], []];
}

interface BuiltIndex {
	known: Partial<Record<Entity, string>>;
	owned: Partial<Record<Entity, string>>;
	counts: Partial<
		Record<Entity, { listed: number; indexed: number; owned: number; marked: number }>
	>;
	calls: number;
}

/**
 * Lists the entities once: per entity, the Known Records text (tax ID → id:fingerprint) and the
 * records the sync owns by Hispatec code, for *Find Removed Records* (shared/clientify/removed.ts).
 */
export async function listIndex(
	client: ClientifyClient,
	recordTypes: Entity[],
	scope: FingerprintScope,
): Promise<BuiltIndex> {
	const out: BuiltIndex = { known: {}, owned: {}, counts: {}, calls: 0 };
	const stateField = syncStateFieldName(scope.customFieldPrefix);
	for (const entity of ['company', 'contact'] as const) {
		if (!recordTypes.includes(entity)) continue;
		const index = new Map<string, string>();
		let owned = '';
		let ownedCount = 0;
		let marked = 0;
		const listing = await eachRecord(client, entity, (record) => {
			addToIndex(index, record, entity, scope, client.generation);
			const entry = ownedEntry(record, stateField);
			if (entry.kind === 'owned') {
				owned += entry.line;
				ownedCount++;
			} else if (entry.kind === 'marked') marked++;
		});
		out.calls += listing.calls;
		// one text, not an object of 100,000 keys: n8n hands it to every page execution
		out.known[entity] = indexToText(index);
		out.owned[entity] = owned;
		out.counts[entity] = { listed: listing.listed, indexed: index.size, owned: ownedCount, marked };
	}
	return out;
}
