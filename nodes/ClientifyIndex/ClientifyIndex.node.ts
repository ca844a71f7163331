import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	DEFAULT_CUSTOM_FIELD_PREFIX,
	DEFAULT_RETRY_TIMING,
	DEFAULT_TAGS,
	splitList,
	type Entity,
} from '../shared/clientify';
import {
	addToIndex,
	indexToText,
	type FingerprintScope,
} from '../shared/clientify/plan/fingerprint';
import { ownedEntry, removedRecords } from '../shared/clientify/removed';
import { syncStateFieldName } from '../shared/clientify/syncState';
import { readsFromItems, removalCheck } from '../shared/erpRead';
import { eachRecord } from '../ClientifyUpsert/actions/write/lookup';
import { successfulExecutionSavedWarning } from '../shared/savedExecutions';
import { CLIENTIFY_NODE_BASE } from '../ClientifyUpsert/nodeBase';
import { ClientifyClient } from '../ClientifyUpsert/transport';
import { clientConfigFromCredentials } from '../ClientifyUpsert/transport/credentials';

/**
 * *Index Records*: lists every Clientify contact and/or company once (100 per call) and returns ONE
 * item with a compact index per entity: a text of lines "<tax ID>\t<id>:<fingerprint>[;extras]" (the
 * Hispatec code, and for contacts their company links; see shared/clientify/plan/fingerprint.ts), and
 * the records the sync owns by Hispatec code (shared/clientify/removed.ts). Pages are reduced as they
 * arrive, so only the index stays in memory. Feed `known` to Clientify Upsert's option "Known
 * Records" in every chunk of a large sync.
 *
 * *Find Removed Records*: from that index and the run's complete ERP reads, the records that left
 * the ERP, as `RemovedRecord` items for Clientify Upsert (docs/clientify-index.md).
 */
export class ClientifyIndex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clientify Index',
		name: 'clientifyIndex',
		icon: { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' },
		...CLIENTIFY_NODE_BASE,
		usableAsTool: true,
		group: ['input'],
		subtitle:
			'={{ $parameter["operation"] === "findRemoved" ? "Find records that left the ERP" : "Index records by tax ID" }}',
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Result', 'Removed'],
		description:
			'List Clientify contacts and companies once into a compact tax-ID index for Clientify Upsert (large syncs)',
		defaults: {
			name: 'Clientify Index',
		},
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Find Removed Records',
						value: 'findRemoved',
						action: 'Find records that left the ERP',
						description:
							"Records the sync owns whose Hispatec code the run's complete ERP reads did not see, as items for Clientify Upsert",
					},
					{
						name: 'Index Records',
						value: 'index',
						action: 'Index records by tax ID',
						description:
							'List Clientify once into a tax-ID index (Known Records) and the records the sync owns by Hispatec code',
					},
				],
				default: 'index',
			},
			{
				displayName: 'Clientify Index',
				name: 'clientifyIndex',
				type: 'json',
				default: '{}',
				displayOptions: { show: { operation: ['findRemoved'] } },
				description:
					'The output item of Index Records in this run (map it with an expression). Empty ({}): Clientify is listed now.',
			},
			{
				displayName: 'Codes Seen From',
				name: 'codesSeenFrom',
				type: 'options',
				displayOptions: { show: { operation: ['findRemoved'] } },
				options: [
					{
						name: 'ERP Reads',
						value: 'erpReads',
						description: "The outputs of the Hispatec node's Find Duplicate Tax IDs in this run",
					},
					{
						name: 'Input Items',
						value: 'inputItems',
						description:
							"This node's input: every item of the run's Hispatec reads (Valid, Skipped and Error), or Clientify Upsert's results of them",
					},
				],
				default: 'erpReads',
				description: "Where the run's Hispatec codes come from",
			},
			{
				displayName: 'ERP Reads',
				name: 'erpReads',
				type: 'json',
				default: '[]',
				displayOptions: { show: { operation: ['findRemoved'], codesSeenFrom: ['erpReads'] } },
				description:
					'A list of the output items of the Find Duplicate Tax IDs of this run, one per record type (map it with an expression). A failed or partial read marks nothing.',
			},
			{
				displayName: 'Record Types',
				name: 'recordTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
				],
				default: ['company', 'contact'],
				description: 'Which Clientify records to index, or to check for removals',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Custom Field Prefix',
						name: 'customFieldPrefix',
						type: 'string',
						default: DEFAULT_CUSTOM_FIELD_PREFIX,
						description: 'The same prefix as the Clientify Upsert that uses the index',
					},
					{
						displayName: 'Tags',
						name: 'tags',
						type: 'string',
						default: DEFAULT_TAGS.join(', '),
						description:
							'The same comma-separated tags as the Clientify Upsert that uses the index',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const config = await clientConfigFromCredentials(this, { timing: DEFAULT_RETRY_TIMING });
		const recordTypes = this.getNodeParameter('recordTypes', 0, ['company', 'contact']) as Entity[];
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const scope = {
			tags: typeof options.tags === 'string' ? splitList(options.tags) : [...DEFAULT_TAGS],
			customFieldPrefix:
				typeof options.customFieldPrefix === 'string'
					? options.customFieldPrefix
					: DEFAULT_CUSTOM_FIELD_PREFIX,
		};
		const client = new ClientifyClient(this, config);
		if (this.getNodeParameter('operation', 0, 'index') === 'findRemoved')
			return await findRemoved(this, client, recordTypes, scope.customFieldPrefix);
		const json = (await listIndex(client, recordTypes, scope)) as unknown as IDataObject;
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
async function listIndex(
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

/**
 * *Find Removed Records*: the records the sync owns whose Hispatec code the run's complete ERP reads
 * did not see, as `RemovedRecord` items on the second output; the first output carries one item
 * saying what was checked (or why nothing was: shared/erpRead.ts `removalCheck`).
 */
async function findRemoved(
	ctx: IExecuteFunctions,
	client: ClientifyClient,
	recordTypes: Entity[],
	prefix: string,
): Promise<INodeExecutionData[][]> {
	const from = ctx.getNodeParameter('codesSeenFrom', 0, 'erpReads') as string;
	let reads: unknown[];
	if (from === 'inputItems') reads = readsFromItems(ctx.getInputData().map((i) => i.json));
	else {
		const value = parseJson(ctx, ctx.getNodeParameter('erpReads', 0, ''), 'ERP Reads');
		reads = Array.isArray(value) ? value : [value];
	}
	const check = removalCheck(reads, recordTypes);
	const value = parseJson(ctx, ctx.getNodeParameter('clientifyIndex', 0, ''), 'Clientify Index');
	// `{}` (the default) is no index: Clientify is listed now
	const given = value && typeof value === 'object' && Object.keys(value).length ? value : undefined;
	const report: IDataObject = { checked: check.ok };
	if (!check.ok) {
		report.reason = `Nothing was marked: ${check.reason}. A failed or partial read of the ERP never marks a record.`;
		return [[{ json: report, pairedItem: { item: 0 } }], []];
	}
	let owned = (given as { owned?: Partial<Record<Entity, unknown>> } | undefined)?.owned;
	let calls = 0;
	if (!given) {
		const built = await listIndex(client, [...check.seen.keys()], {
			tags: [],
			customFieldPrefix: prefix,
		});
		owned = built.owned;
		calls = built.calls;
	}
	if (!owned || typeof owned !== 'object')
		throw new NodeOperationError(
			ctx.getNode(),
			'Clientify Index must be the output of this node\'s "Index Records" (it has no "owned" records)',
			{
				description:
					'Map the output item of Index Records of this run, or leave it {} to list Clientify now.',
			},
		);
	const removed: INodeExecutionData[] = [];
	const counts: IDataObject = {};
	for (const [entity, seen] of check.seen) {
		const text = owned[entity];
		if (typeof text !== 'string') {
			check.notChecked.push({ recordType: entity, reason: 'the Clientify Index did not list it' });
			continue;
		}
		const found = removedRecords(text, entity, seen);
		counts[entity] = { seen: seen.size, removed: found.length };
		for (const record of found)
			removed.push({ json: record as unknown as IDataObject, pairedItem: { item: 0 } });
	}
	report.removed = counts;
	report.notChecked = check.notChecked as unknown as IDataObject[];
	report.calls = calls;
	return [[{ json: report, pairedItem: { item: 0 } }], removed];
}

function parseJson(ctx: IExecuteFunctions, value: unknown, name: string): unknown {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw new NodeOperationError(ctx.getNode(), `${name} is not valid JSON`);
	}
}
