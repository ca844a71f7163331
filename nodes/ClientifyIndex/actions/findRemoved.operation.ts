/**
 * *Find Removed Records*: from the index of Index Records (or a listing made now) and the run's
 * complete ERP reads, the records that left the ERP, as `RemovedRecord` items for Clientify Upsert
 * (docs/clientify-index.md).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import type { ClientifyClient } from '../../shared/clientify/client/client';
import { removedRecords } from '../../shared/clientify/removed';
import type { Entity } from '../../shared/clientify/types';
import { readsFromItems, removalCheck } from '../../shared/erpRead';
import { indexScope, listIndex } from './indexRecords.operation';

export const description: INodeProperties[] = [
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
];

/**
 * *Find Removed Records*: the records the sync owns whose Hispatec code the run's complete ERP reads
 * did not see, as `RemovedRecord` items on the second output; the first output carries one item
 * saying what was checked (or why nothing was: shared/erpRead.ts `removalCheck`).
 */
export async function execute(
	this: IExecuteFunctions,
	client: ClientifyClient,
	recordTypes: Entity[],
): Promise<INodeExecutionData[][]> {
	const prefix = indexScope(this).customFieldPrefix;
	const from = this.getNodeParameter('codesSeenFrom', 0, 'erpReads') as string;
	let reads: unknown[];
	if (from === 'inputItems') reads = readsFromItems(this.getInputData().map((i) => i.json));
	else {
		const value = parseJson(this, this.getNodeParameter('erpReads', 0, ''), 'ERP Reads');
		reads = Array.isArray(value) ? value : [value];
	}
	const check = removalCheck(reads, recordTypes);
	const value = parseJson(this, this.getNodeParameter('clientifyIndex', 0, ''), 'Clientify Index');
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
			this.getNode(),
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
