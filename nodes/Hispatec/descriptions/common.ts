import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_INACTIVE_VALUES, HISPATEC_FIELD_MAP } from '../../shared/normalize/fields';

// Plain identifiers, not member expressions: n8n's lint for nodes/ reads those as a missing default.
const inactiveFieldDefault = HISPATEC_FIELD_MAP.contact.inactive ?? '';
const inactiveValuesDefault = DEFAULT_INACTIVE_VALUES.join(', ');

/**
 * Parameters the Hispatec node and the Hispatec Trigger share, defined once so both read the same
 * names with the same meaning (`helpers/records.ts` turns them into normalization options).
 */

export function resourceProperty(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
		],
		default: 'contact',
	};
}

/**
 * Record options of both nodes: [Allow Foreign Tax IDs, Alternative Tax ID Fields, Inactive Flag
 * Field, Inactive Flag Values, Include Raw Record]. Callers place them among their own options in
 * alphabetical order.
 */
export function recordOptionProperties(
	rawRecordNote: string,
): [INodeProperties, INodeProperties, INodeProperties, INodeProperties, INodeProperties] {
	return [
		{
			displayName: 'Allow Foreign Tax IDs',
			name: 'allowForeignTaxIds',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep records whose tax ID has a foreign country prefix (PT…, FR…) as type FOREIGN instead of skipping them',
		},
		{
			displayName: 'Alternative Tax ID Fields',
			name: 'alternativeTaxIdFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. NIF, DNI',
			description:
				'Comma-separated Hispatec fields tried, in order, when the main tax-ID field (contacts: IdentificacionFiscalCliente, companies: CIF) is empty or invalid. Empty: the defaults (contacts: NIF, DNI; companies: IdentificacionFiscal, NIF).',
		},
		{
			displayName: 'Inactive Flag Field',
			name: 'inactiveField',
			type: 'string',
			default: inactiveFieldDefault,
			description:
				'Hispatec field that marks a customer inactive (baja). A record whose field holds one of the Inactive Flag Values gets "inactive": true (it is still emitted; Clientify Upsert decides what to do). Empty: no record is ever inactive.',
		},
		{
			displayName: 'Inactive Flag Values',
			name: 'inactiveValues',
			type: 'string',
			default: inactiveValuesDefault,
			description:
				'Comma-separated values of the Inactive Flag Field that mean inactive, ignoring case and accents; * means any value (e.g. a FechaBaja date). Empty: the defaults.',
		},
		{
			displayName: 'Include Raw Record',
			name: 'includeRawRecord',
			type: 'boolean',
			default: false,
			description: `Whether to add the record as Hispatec sent it under 'raw' on the Valid output (${rawRecordNote})`,
		},
	];
}

/** The *Modified Since* option of Get Many and Get Page. */
export const modifiedSinceOption: INodeProperties = {
	displayName: 'Modified Since',
	name: 'modifiedSince',
	type: 'dateTime',
	default: '',
	description:
		'Read only records changed since this moment (sent to Hispatec as ModificadoDesde; a server that ignores it returns everything)',
};
