import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { CodesRead } from '../../../shared/erpRead';
import type { HispatecSoapClient } from '../../../shared/hispatec/soap/client';
import { DuplicateScan } from '../../helpers/duplicates';
import {
	classifyRecord,
	normalizeOptionsFor,
	readModifiedSince,
	readRecordOptions,
} from '../../helpers/records';
import type { HispatecResource, OperationResult } from '../node.type';
import { modifiedSinceOption, recordOptionProperties } from '../../descriptions/common';
import { readPageSize } from './getPage.operation';

/**
 * Find Duplicate Tax IDs: streams every page once and returns ONE item with the tax IDs that more
 * than one record has and the code of the record that wins (see helpers/duplicates.ts); Get Page's
 * option "Duplicate Tax IDs" then skips the others, whatever page they are on. Beside them, the
 * facts of the read for the removal check (shared/erpRead.ts): `codes` (every Hispatec code read, one
 * per line), the `Total` the ERP reported on the first and last page, and whether it asked only for
 * records modified since a date. Its Page Size parameter is Get Page's (getPage.operation.ts).
 */
export const option: Record<HispatecResource, INodePropertyOptions> = {
	contact: {
		name: 'Find Duplicate Tax IDs',
		value: 'findDuplicates',
		description:
			'Read every page once and return one item: the tax IDs several contacts share, and the code of the one to sync',
		action: 'Find duplicate tax numbers of contacts',
	},
	company: {
		name: 'Find Duplicate Tax IDs',
		value: 'findDuplicates',
		description:
			'Read every page once and return one item: the tax IDs several companies share, and the code of the one to sync',
		action: 'Find duplicate tax numbers of companies',
	},
};

const showScan = { resource: ['contact', 'company'], operation: ['findDuplicates'] };
const [foreignTaxIds, alternativeTaxIdFields] = recordOptionProperties(
	'the Skipped output always has it',
);

export const description: INodeProperties[] = [
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

export async function execute(
	this: IExecuteFunctions,
	client: HispatecSoapClient,
	resource: HispatecResource,
	itemIndex: number,
): Promise<OperationResult> {
	const pageSize = readPageSize(this, itemIndex);
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
	const item = {
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
	return { valid: [item], skipped: [] };
}
