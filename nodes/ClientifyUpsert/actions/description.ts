import type { INodeProperties } from 'n8n-workflow';
import { fieldOptions } from './descriptionFields';
import { upsertOptions } from './descriptionOptions';

export const upsertProperties: INodeProperties[] = [
	{
		displayName: 'Record Type',
		name: 'recordType',
		type: 'options',
		options: [
			{
				name: 'Auto (From Record)',
				value: 'auto',
				description:
					"The record's recordType (set by the Hispatec nodes); without one, its kind: company → Company, anything else → Contact",
			},
			{
				name: 'Company',
				value: 'company',
			},
			{
				name: 'Contact',
				value: 'contact',
			},
		],
		default: 'auto',
		description: 'Which Clientify record each item becomes: a contact or a company',
	},
	{
		displayName: 'Fields',
		name: 'fieldsSource',
		type: 'options',
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Set each Clientify field with an expression (CSV files, forms, other ERPs)',
			},
			{
				name: 'From Normalized Record',
				value: 'normalized',
				description: 'Read the record emitted by the Hispatec nodes, field by field',
			},
		],
		default: 'normalized',
		description: "Where each item's Clientify field values come from",
	},
	{
		displayName: 'Tax ID (NIF/CIF)',
		name: 'taxId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. B58378431',
		description:
			'Spanish NIF, NIE or CIF. It is validated and normalized, and it is how the record is found in Clientify. Items without a valid one are skipped.',
		displayOptions: { show: { fieldsSource: ['defineBelow'] } },
	},
	{
		displayName: 'Field Values',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { fieldsSource: ['defineBelow'] } },
		options: fieldOptions,
	},
	{
		displayName: 'Field Overrides',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			"A value set here replaces the normalized record's (an empty value leaves it as is)",
		displayOptions: { show: { fieldsSource: ['normalized'] } },
		options: fieldOptions,
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			"Clientify custom fields by their full name (no prefix is added). With 'From Normalized Record' they are added to the ones built from the record.",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description:
							"Custom field name in Clientify: one of the account's (for the Record Type), or a new one",
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								placeholder: 'Select a custom field…',
								typeOptions: { searchListMethod: 'searchCustomFields', searchable: true },
							},
							{
								displayName: 'By Name',
								name: 'name',
								type: 'string',
								placeholder: 'e.g. hispatec_Cultivo',
								hint: "A name the account does not have yet is created (option 'Create Custom Fields')",
							},
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'An empty value is not sent, so it never blanks the value in Clientify',
					},
				],
			},
		],
	},
	{
		displayName: 'Known Records',
		name: 'knownRecords',
		type: 'json',
		// `{}` (no index) rather than an empty text, which the editor's JSON field shows as an error.
		default: '{}',
		displayOptions: { show: { fieldsSource: ['normalized'] } },
		hint: "Only for large syncs: map the 'known' field of a Clientify Index node here; otherwise leave it as it is",
		description:
			"Optional, for large syncs: the 'known' output of the Clientify Index node, listed once per run. A tax ID it lacks is created without a lookup; a record whose fingerprint matches is unchanged without any call. Read once per execution; 'Tags' and 'Custom Field Prefix' must match the index's.",
	},
	upsertOptions,
];
