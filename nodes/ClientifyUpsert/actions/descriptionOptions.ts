/** Clientify Upsert's *Options* collection (docs/clientify-upsert.md "Options"). */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CUSTOM_FIELD_PREFIX } from '../../shared/clientify/desired/source';
import { DEFAULT_REMOVAL_TAG } from '../../shared/clientify/plan/removal';
import { DEFAULT_TAGS } from '../../shared/clientify/desired/source';
import { DEFAULT_TWIN_MAX_AGE_HOURS } from '../../shared/clientify/plan/guard';

export const upsertOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
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
			displayName: 'Link Contacts to Companies',
			name: 'linkCompanies',
			type: 'boolean',
			default: true,
			description:
				"Whether to link each contact to the Clientify company its ERP record names (by CIF, or the company's Hispatec code), moving a link the sync made when the ERP moves the contact. A link people made is never removed. Read per item; when not added, on from node version 2.",
		},
		{
			displayName: 'Lookup Strategy',
			name: 'lookupStrategy',
			type: 'options',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description:
						"Index all when the first page's count shows it takes fewer calls than searching each record",
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
			displayName: 'Removal Tag',
			name: 'removalTag',
			type: 'string',
			default: DEFAULT_REMOVAL_TAG,
			description:
				'The tag "When a Record Leaves the ERP" adds to a record the ERP no longer has, and removes when it comes back',
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
			displayName: 'Tag Duplicates',
			name: 'duplicateTag',
			type: 'string',
			default: '',
			placeholder: 'e.g. hispatec-duplicado',
			description:
				'A tag for the records of a tax ID found more than once that the sync leaves in place, so people can find and merge them. Leave empty for none. Read from the first item.',
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
			displayName: 'Twin Clean-Up Window (Hours)',
			name: 'twinMaxAgeHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_TWIN_MAX_AGE_HOURS,
			description:
				'When a tax ID is on several Clientify records, one the sync itself created this long ago at most, and that nobody has touched since (no change, deal, task or note), is deleted. Every other record stays and is reported (duplicate_in_crm). 0 never deletes. Read from the first item.',
		},
		{
			displayName: 'When a Record Leaves the ERP',
			name: 'onRecordRemoved',
			type: 'options',
			options: [
				{
					name: 'Do Nothing',
					value: 'doNothing',
					description:
						'Items of records removed from the ERP are skipped (removal_ignored); an inactive record is synced like any other',
				},
				{
					name: 'Tag It',
					value: 'tag',
					description:
						"Add the Removal Tag to the sync's own record; the sync's tags stay, so filters keep working. Nothing is deleted.",
				},
				{
					name: 'Tag It and Remove the Sync Tag',
					value: 'tagAndUntag',
					description:
						"Add the Removal Tag and remove the sync's tags (Tags) from the sync's own record. Nothing is deleted.",
				},
			],
			default: 'doNothing',
			description:
				'What happens in Clientify to a record deleted in the ERP (an item with action "removed") or marked inactive there (inactive: true). Only a record whose sync state names that ERP record is marked; people\'s records never are. A record that comes back loses the mark.',
		},
		{
			displayName: 'When Contact Details Change',
			name: 'onValueChange',
			type: 'options',
			options: [
				{
					name: 'Make the New Value Primary',
					value: 'makePrimary',
					description:
						"The ERP's current value goes first in the record's list (Clientify's primary one); the value this sync wrote before is replaced or removed unless someone touched it. Values people added stay, opt-outs included.",
				},
				{
					name: 'Only Add New Values',
					value: 'addOnly',
					description: 'Add the new value at the end of the list; nothing is reordered or removed',
				},
			],
			default: 'makePrimary',
			description:
				"What happens to the old value when the ERP changes a record's e-mail, phone or address",
		},
	],
};
