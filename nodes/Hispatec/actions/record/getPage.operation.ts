import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../../shared/hispatec/soap/client';
import { applyDuplicateWinners, parseDuplicateWinners } from '../../helpers/duplicates';
import { readModifiedSince, readRecordOptions, splitRecords } from '../../helpers/records';
import type { HispatecResource, OperationResult } from '../node.type';
import { modifiedSinceOption, recordOptionProperties } from '../../descriptions/common';

/**
 * Get Page, for workflows that process a large ERP one page per sub-workflow execution (n8n's
 * pattern for large data: the parent never holds every record): one page (0-based) of a given size,
 * normalized, on the same Valid / Skipped outputs. A page shorter than the page size is the last one.
 * Its option "Duplicate Tax IDs" takes what Find Duplicate Tax IDs (findDuplicates.operation.ts)
 * returned and skips the records that lose, whatever page they are on. Its Page Size parameter is
 * Find Duplicate Tax IDs' too (one parameter shown for both).
 */
export const option: Record<HispatecResource, INodePropertyOptions> = {
	contact: {
		name: 'Get Page',
		value: 'getPage',
		description: 'Read one page of contacts, normalized (for syncing a large ERP page by page)',
		action: 'Get a page of contacts',
	},
	company: {
		name: 'Get Page',
		value: 'getPage',
		description: 'Read one page of companies, normalized (for syncing a large ERP page by page)',
		action: 'Get a page of companies',
	},
};

const showPage = { resource: ['contact', 'company'], operation: ['getPage'] };
const [foreignTaxIds, alternativeTaxIdFields, ...inactiveAndRaw] = recordOptionProperties(
	'the Skipped output always has it',
);

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
			...inactiveAndRaw,
			modifiedSinceOption,
		],
	},
];

/** A whole-number parameter (Page, Page Size) of at least `min`, or a clear error. */
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

/** The Page Size parameter (Get Page and Find Duplicate Tax IDs). */
export function readPageSize(ctx: IExecuteFunctions, itemIndex: number): number {
	return readWholeNumber(ctx, 'pageSize', itemIndex, 500, 1);
}

export async function execute(
	this: IExecuteFunctions,
	client: HispatecSoapClient,
	resource: HispatecResource,
	itemIndex: number,
): Promise<OperationResult> {
	const page = readWholeNumber(this, 'page', itemIndex, 0, 0);
	const pageSize = readPageSize(this, itemIndex);
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
