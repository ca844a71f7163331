/**
 * The record options of the Hispatec nodes (Allow Foreign Tax IDs, Alternative Tax ID Fields, Inactive
 * Flag Field, Inactive Flag Values, Include Raw Record), read from the node's options, and the normalization options they mean. Their properties (the
 * description side) are descriptions/common.ts, `recordOptionProperties`.
 */
import { DEFAULT_TAX_ID_FIELDS } from '../../shared/normalize/fields';
import type { NormalizeOptions, RecordType } from '../../shared/types';

export interface RecordOptions {
	/** Comma-separated fields tried after the main tax-ID field; `undefined` = the defaults. */
	alternativeTaxIdFields?: string;
	allowForeignTaxIds?: boolean;
	/** Field marking inactive records; `undefined` = the default (`Baja`), `''` = no inactive flag. */
	inactiveField?: string;
	/** Comma-separated values meaning inactive; `undefined` = the defaults. */
	inactiveValues?: string;
	includeRawRecord?: boolean;
}

function commaList(text: string): string[] {
	return text
		.split(',')
		.map((f) => f.trim())
		.filter((f) => f !== '');
}

/** Normalization options from the node's options. */
export function normalizeOptionsFor(
	recordType: RecordType,
	options: RecordOptions,
): NormalizeOptions {
	const out: NormalizeOptions = {};
	if (typeof options.alternativeTaxIdFields === 'string') {
		const main = DEFAULT_TAX_ID_FIELDS[recordType][0];
		const alternatives = commaList(options.alternativeTaxIdFields).filter((f) => f !== main);
		out.taxIdFields = [main, ...alternatives];
	}
	if (options.allowForeignTaxIds === true) out.allowForeignTaxIds = true;
	if (options.inactiveField !== undefined)
		out.fieldMap = { inactive: options.inactiveField.trim() };
	if (options.inactiveValues !== undefined) out.inactiveValues = commaList(options.inactiveValues);
	return out;
}

/** The record options from the node's options (Get Many, Get Page, Find Duplicate Tax IDs, the trigger). */
export function readRecordOptions(options: {
	alternativeTaxIdFields?: unknown;
	allowForeignTaxIds?: unknown;
	inactiveField?: unknown;
	inactiveValues?: unknown;
	includeRawRecord?: unknown;
}): RecordOptions {
	return {
		...(typeof options.alternativeTaxIdFields === 'string' &&
		options.alternativeTaxIdFields.trim() !== ''
			? { alternativeTaxIdFields: options.alternativeTaxIdFields }
			: {}),
		allowForeignTaxIds: options.allowForeignTaxIds === true,
		...(typeof options.inactiveField === 'string' ? { inactiveField: options.inactiveField } : {}),
		...(typeof options.inactiveValues === 'string' && commaList(options.inactiveValues).length > 0
			? { inactiveValues: options.inactiveValues }
			: {}),
		includeRawRecord: options.includeRawRecord === true,
	};
}
