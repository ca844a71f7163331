import type { INodeProperties } from 'n8n-workflow';
import { recordOptionProperties, resourceProperty } from '../descriptions/common';

const [foreignTaxIds, alternativeTaxIdFields, inactiveField, inactiveValues, includeRawRecord] =
	recordOptionProperties('emitted skipped records always have it');

/** Records returned by "Fetch Test Event" (manual mode). */
export const MANUAL_SAMPLE_SIZE = 10;

export const triggerProperties: INodeProperties[] = [
	// n8n's name for a trigger's event choice ("Trigger On", no tooltip); the values stay the resource's
	{
		...resourceProperty(),
		displayName: 'Trigger On',
		options: [
			{ name: 'Company Created or Changed', value: 'company' },
			{ name: 'Contact Created or Changed', value: 'contact' },
		],
	},
	{
		displayName:
			"Emits new and changed records, compared by content (a fingerprint per record kept with the workflow), so it works even if Hispatec ignores 'modified since'. The first poll emits every record unless 'Only Changes From Now On' is set. Deleted records are emitted only with 'Emit Removed Records'.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			foreignTaxIds,
			alternativeTaxIdFields,
			{
				displayName: 'Emit Removed Records',
				name: 'emitRemovedRecords',
				type: 'boolean',
				default: false,
				description:
					'Whether a poll that read every record (a full scan, completed) also emits the records that disappeared from Hispatec since the last full scan, as items {action: "removed", recordType, sourceId, taxId} on the Valid output, for Clientify Upsert\'s "When a Record Leaves the ERP". A partial or failed read emits none.',
			},
			{
				displayName: 'Full Scan Every (Hours)',
				name: 'fullScanHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 24,
				description:
					"With 'Use Modified Since': how often to read every record anyway, to notice deleted records and catch changes the filter missed",
			},
			inactiveField,
			inactiveValues,
			includeRawRecord,
			{
				displayName: 'Only Changes From Now On',
				name: 'onlyChangesFromNow',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll only records what exists (emitting nothing), so only later changes are emitted',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					"With 'Use Modified Since': how far before the last poll to ask from, against clock differences and slow commits. Unchanged records are not emitted twice.",
			},
			{
				displayName: 'Skipped Records',
				name: 'skippedRecords',
				type: 'options',
				options: [
					{
						name: 'Emit Each With Its Reason',
						value: 'emit',
						description:
							'New or changed records that cannot be synced go to the Skipped output with their reason',
					},
					{
						name: 'Only Count Them',
						value: 'count',
						description: 'The Skipped output gets one summary item with counts per reason',
					},
				],
				default: 'emit',
				description: 'What to do with new or changed records that cannot be synced',
			},
			{
				displayName: 'Use Modified Since',
				name: 'useModifiedSince',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask Hispatec only for records changed since the last poll (ModificadoDesde) to read less. Change detection does not depend on it.',
			},
		],
	},
];
