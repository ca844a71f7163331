import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CodesRead } from '../../../shared/erpRead';
import type { HispatecSoapClient } from '../../../shared/hispatec/soap/client';
import { readModifiedSince } from '../../helpers/dates';
import {
	applyDuplicateWinners,
	DuplicateScan,
	parseDuplicateWinners,
} from '../../helpers/duplicates';
import { normalizeOptionsFor, readRecordOptions } from '../../helpers/recordOptions';
import { classifyRecord, splitRecords } from '../../helpers/records';
import type { HispatecResource } from '../node.type';
import { modifiedSinceOption, recordOptionProperties } from '../../descriptions/common';
import type { OperationResult } from './getAll.operation';

/**
 * Page mode, for workflows that process a large ERP one page per sub-workflow execution (n8n's
 * pattern for large data: the parent never holds every record):
 * - Get Page: one page (0-based) of a given size, normalized, on the same Valid / Skipped outputs.
 *   A page shorter than the page size is the last one.
 * - Find Duplicate Tax IDs: streams every page once and returns ONE item with the tax IDs that more
 *   than one record has and the code of the record that wins (see helpers/duplicates.ts); Get Page's
 *   option "Duplicate Tax IDs" then skips the others, whatever page they are on. Beside them, the
 *   facts of the read for the removal check (shared/erpRead.ts): `codes` (every Hispatec code read, one
 *   per line), the `Total` the ERP reported on the first and last page, and whether it asked only for
 *   records modified since a date.
 */

const showPage = { resource: ['contact', 'company'], operation: ['getPage'] };
const [foreignTaxIds, alternativeTaxIdFields, includeRawRecord] = recordOptionProperties(
	'the Skipped output always has it',
);
const showScan = { resource: ['contact', 'company'], operation: ['findDuplicates'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Page',
		name: 'page',
		type: 'number',
		displayOptions: { show: showPage },
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Which page to read, counting from 0. In a page-by-page sync, map it from the calling workflow's item (its 'page' field).",
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		displayOptions: {
			show: { resource: ['contact', 'company'], operation: ['getPage', 'findDuplicates'] },
		},
		typeOptions: { minValue: 1 },
		default: 500,
		description:
			'Records per page (sent as the page size parameter). A page with fewer records than this is the last one.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show: showPage },
		default: {},
		options: [
			foreignTaxIds,
			alternativeTaxIdFields,
			{
				displayName: 'Duplicate Tax IDs',
				name: 'duplicateTaxIds',
				type: 'json',
				// `{}` (no duplicates) rather than an empty text, which the editor's JSON field shows as an error
				default: '{}',
				description:
					"The output of 'Find Duplicate Tax IDs' (its 'duplicates' object): records of those tax IDs whose code is not the winner leave on Skipped with reason duplicate_tax_id",
			},
			includeRawRecord,
			modifiedSinceOption,
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show: showScan },
		default: {},
		options: [foreignTaxIds, alternativeTaxIdFields, modifiedSinceOption],
	},
];

function readWholeNumber(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: number,
	min: number,
): number {
	const value = Number(ctx.getNodeParameter(name, itemIndex, fallback));
	if (!Number.isInteger(value) || value < min) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${name === 'page' ? 'Page' : 'Page Size'} must be a whole number of at least ${min} (got ${String(value)})`,
			{ itemIndex },
		);
	}
	return value;
}

export async function executePage(
	this: IExecuteFunctions,
	client: HispatecSoapClient,
	resource: HispatecResource,
	itemIndex: number,
): Promise<OperationResult> {
	const page = readWholeNumber(this, 'page', itemIndex, 0, 0);
	const pageSize = readWholeNumber(this, 'pageSize', itemIndex, 500, 1);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const modifiedSince = readModifiedSince(this, options, itemIndex);
	let winners;
	try {
		winners = parseDuplicateWinners(options.duplicateTaxIds);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
	const { records } = await client.fetchOnePage(resource, page, pageSize, {
		...(modifiedSince ? { modifiedSince } : {}),
		timeZone: this.getTimezone(),
	});
	const split = splitRecords(records, resource, readRecordOptions(options), this.getTimezone());
	const valid = winners
		? applyDuplicateWinners(split.valid, split.skipped, winners, resource)
		: split.valid;
	const itemData = { item: itemIndex };
	return {
		valid: this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(valid), {
			itemData,
		}),
		skipped: this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(split.skipped), {
			itemData,
		}),
	};
}

export async function executeScan(
	this: IExecuteFunctions,
	client: HispatecSoapClient,
	resource: HispatecResource,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const pageSize = readWholeNumber(this, 'pageSize', itemIndex, 500, 1);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const modifiedSince = readModifiedSince(this, options, itemIndex);
	const normalize = normalizeOptionsFor(resource, readRecordOptions(options));
	const scan = new DuplicateScan(this.getTimezone());
	const read = new CodesRead();
	let pages = 0;
	for (let index = 0; ; index++) {
		// Page by page: only the current page's records are in memory.
		const result = await client.fetchOnePage(resource, index, pageSize, {
			...(modifiedSince ? { modifiedSince } : {}),
			timeZone: this.getTimezone(),
		});
		pages++;
		read.page(result.total);
		for (const raw of result.records) {
			const classified = classifyRecord(raw, resource, normalize);
			if (classified.result.ok) {
				const record = classified.result.record;
				scan.add(record.taxId, record.sourceId, record.modifiedAt);
				read.add(record.sourceId);
			} else {
				const { result: failed } = classified;
				if ('failure' in failed) read.add(typeof raw.Codigo === 'string' ? raw.Codigo : undefined);
				else read.add(failed.skip.sourceId);
			}
		}
		if (!result.hasMore) break;
	}
	const duplicates = scan.winners();
	return {
		json: {
			// recordType, records (valid and skipped), codes, totalFirst/totalLast, modifiedSince
			...read.facts(resource, modifiedSince !== undefined),
			valid: scan.records,
			pages,
			duplicateTaxIds: Object.keys(duplicates).length,
			duplicates,
		},
		pairedItem: { item: itemIndex },
	};
}
