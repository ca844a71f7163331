import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CUSTOM_FIELD_PREFIX, DEFAULT_TAGS } from '../../shared/clientify';

const fieldOptions: INodeProperties[] = [
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		description: 'Companies: legal name (razón social), Clientify "business_name"',
	},
	{
		displayName: 'City',
		name: 'city',
		type: 'string',
		default: '',
		description: 'Address: city or town (Clientify address "city")',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		description: 'Companies: display name, Clientify "name" (needed to create a company)',
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		description: 'Address: country, as Clientify should store it (e.g. ES)',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'One address, or several separated by commas or semicolons',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Contacts: Clientify "first_name"',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Contacts: Clientify "last_name"',
	},
	{
		displayName: 'Mobile Phone',
		name: 'mobilePhone',
		type: 'string',
		default: '',
		description: 'Sent with Clientify phone type 2 (Mobile)',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		description: 'Sent with Clientify phone type 3 (Work)',
	},
	{
		displayName: 'Postal Code',
		name: 'postalCode',
		type: 'string',
		default: '',
		description: 'Address: postal code, e.g. 04700',
	},
	{
		displayName: 'Province / State',
		name: 'state',
		type: 'string',
		default: '',
		description: 'Address: province or state (Clientify address "state")',
	},
	{
		displayName: 'Street',
		name: 'street',
		type: 'string',
		default: '',
		description: 'Address: street and number (Clientify address "street")',
	},
	{
		displayName: 'Website',
		name: 'website',
		type: 'string',
		default: '',
		description: 'Companies and contacts: website URL, sent with Clientify website type 1 (Corporate)',
	},
];

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
		description: 'Whether each item becomes a Clientify contact or company',
	},
	{
		displayName: 'Fields',
		name: 'fieldsSource',
		type: 'options',
		options: [
			{
				name: 'From Normalized Record',
				value: 'normalized',
				description: 'Read the record emitted by the Hispatec nodes (field names in the README)',
			},
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Set each Clientify field with an expression (CSV files, forms, other ERPs)',
			},
		],
		default: 'normalized',
	},
	{
		displayName: 'Tax ID (NIF/CIF)',
		name: 'taxId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'B58378431',
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
		description: "A value set here replaces the normalized record's (an empty value leaves it as is)",
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
			'Clientify custom fields by their full name (no prefix is added). In "From Normalized Record" mode they are added to the ones built from the record.',
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
						description: "Custom field name in Clientify: one of the account's (for the Record Type), or a new one",
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
								hint: 'A name the account does not have yet is created (option Create Custom Fields)',
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
		default: '',
		displayOptions: { show: { fieldsSource: ['normalized'] } },
		description:
			'Optional, for large syncs: the "known" output of the Clientify Index node, listed once per run. A tax ID it lacks is created without a lookup; a record whose fingerprint matches is unchanged without any call. Read once per execution; Tags and Custom Field Prefix must match the index\'s.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'How many records are synced at the same time (read from the first item)',
			},
			{
				displayName: 'Create Custom Fields',
				name: 'createCustomFields',
				type: 'boolean',
				default: true,
				description:
					'Whether to create a missing custom-field definition in Clientify before the first record that needs it (read from the first item). When off, values for missing fields are left out with a warning.',
			},
			{
				displayName: 'Custom Field Prefix',
				name: 'customFieldPrefix',
				type: 'string',
				default: DEFAULT_CUSTOM_FIELD_PREFIX,
				description:
					'Each unmapped field of a normalized record becomes the custom field &lt;prefix&gt;&lt;source field name&gt;, e.g. hispatec_Cultivo',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only look records up and output what would be written, without writing anything (read from the first item)',
			},
			{
				displayName: 'Lookup Strategy',
				name: 'lookupStrategy',
				type: 'options',
				options: [
					{
						name: 'Auto',
						value: 'auto',
						description: "Index all when the first page's count shows it takes fewer calls than searching each record",
					},
					{
						name: 'Index All',
						value: 'indexAll',
						description: 'List every contact/company once (100 a page) and match in memory',
					},
					{
						name: 'Search Each',
						value: 'searchEach',
						description: 'One search by tax ID per record',
					},
				],
				default: 'auto',
				description: 'How existing records are found (read from the first item)',
			},
			{
				displayName: 'On Multiple Matches',
				name: 'onMultipleMatches',
				type: 'options',
				options: [
					{
						name: 'Fail the Item',
						value: 'fail',
						description: 'Report the record as failed (ambiguous) and write nothing',
					},
					{
						name: 'Update the Oldest',
						value: 'updateOldest',
						description: 'Update the record created first, with a warning listing the others',
					},
				],
				default: 'fail',
				description: 'What to do when several Clientify records have the same tax ID',
			},
			{
				displayName: 'Return Clientify Record',
				name: 'returnRecord',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the record as Clientify holds it after the write (clientifyRecord), e.g. to chain a deal or a task. Taken from the answer to the write where it has one; one extra read only after added e-mails, phones, addresses, websites or tags (read from the first item).',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: DEFAULT_TAGS.join(', '),
				description:
					'Comma-separated tags every synced record gets (added, never removed). Leave empty for none.',
			},
			{
				displayName: 'When an E-Mail, Phone or Address Changes',
				name: 'onValueChange',
				type: 'options',
				options: [
					{
						name: 'Make the New Value Primary',
						value: 'makePrimary',
						description:
							"The ERP's current value goes first in the record's list (Clientify's primary one) and the value this sync wrote before is removed. Values people added in Clientify stay.",
					},
					{
						name: 'Only Add New Values',
						value: 'addOnly',
						description: 'Add the new value at the end of the list; nothing is reordered or removed',
					},
				],
				default: 'makePrimary',
				description:
					'What happens to the old value when the ERP changes a contact\'s e-mail, phone or address',
			},
		],
	},
];
