import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../../shared/hispatec/soap/client';
import { readModifiedSince, readRecordOptions, splitRecords } from '../../helpers/records';
import type { HispatecResource, OperationResult } from '../node.type';
import { modifiedSinceOption, recordOptionProperties } from '../../descriptions/common';

/** Get Many: every record of a resource (or up to a limit), normalized, on Valid and Skipped. */
export const option: Record<HispatecResource, INodePropertyOptions> = {
	contact: {
		name: 'Get Many',
		value: 'getAll',
		description: 'Read contacts (persons) with NIF/DNI/NIE, normalized',
		action: 'Get many contacts',
	},
	company: {
		name: 'Get Many',
		value: 'getAll',
		description:
			'Read companies (cooperatives, SATs, companies, public bodies) with CIF, normalized',
		action: 'Get many companies',
	},
};

const show = { resource: ['contact', 'company'], operation: ['getAll'] };

/** Shared by both resources: the same SOAP shape, only the operation and element names differ. */
export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...show, returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [...recordOptionProperties('the Skipped output always has it'), modifiedSinceOption],
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: HispatecSoapClient,
	resource: HispatecResource,
	itemIndex: number,
): Promise<OperationResult> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const modifiedSince = readModifiedSince(this, options, itemIndex);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number of at least 1 (got ${String(limit)})`,
			{ itemIndex },
		);
	}
	const { records } = await client.fetchRecords(resource, {
		...(limit !== undefined ? { limit } : {}),
		...(modifiedSince ? { modifiedSince } : {}),
		timeZone,
	});
	const { valid, skipped } = splitRecords(records, resource, readRecordOptions(options), timeZone);
	const itemData = { item: itemIndex };
	return {
		valid: this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(valid), {
			itemData,
		}),
		skipped: this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(skipped), {
			itemData,
		}),
	};
}
