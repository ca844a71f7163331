import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CUSTOM_FIELD_PREFIX } from '../../shared/clientify/desired/source';
import { DEFAULT_TAGS } from '../../shared/clientify/desired/source';
import * as findRemoved from './findRemoved.operation';
import * as indexRecords from './indexRecords.operation';

export { router } from './router';

/** Every parameter of the Clientify Index node, operation first. */
export const properties: INodeProperties[] = [
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
	...findRemoved.description,
	...indexRecords.description,
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
				// Find Removed Records matches by code and sync state: tags play no part there
				displayOptions: { show: { '/operation': ['index'] } },
				default: DEFAULT_TAGS.join(', '),
				description: 'The same comma-separated tags as the Clientify Upsert that uses the index',
			},
		],
	},
];
