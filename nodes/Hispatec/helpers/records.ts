/**
 * The Hispatec nodes' records, from their options to their outputs:
 * - the options that shape a read: *Modified Since* (as a Date) and the record options (Allow Foreign
 *   Tax IDs, Alternative Tax ID Fields, Inactive Flag Field, Inactive Flag Values, Include Raw Record)
 *   and the normalization options they mean (their properties are descriptions/common.ts);
 * - raw Hispatec records → the node outputs: normalized records (Valid) and skipped records with their
 *   reason (Skipped). Every input record ends in exactly one of the two lists, in input order. Records
 *   with the same entity and tax ID are collapsed first (nodes/shared/duplicates.ts): one stays Valid,
 *   the others are skipped as `duplicate_tax_id`.
 */
import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { collapseDuplicateTaxIds } from '../../shared/duplicates';
import { parseIsoSqlRfc } from '../../shared/erpDate';
import { DEFAULT_TAX_ID_FIELDS } from '../../shared/normalize/fields';
import { normalizeRecord } from '../../shared/normalize/record';
import type {
	NormalizationResult,
	NormalizeOptions,
	RawRecord,
	RecordType,
	SkipReason,
} from '../../shared/types';

/**
 * A "Modified Since" value from a parameter (string from the date picker or an expression, a Luxon
 * DateTime, a Date or epoch milliseconds) as a Date. Strings without an offset are read in the
 * workflow's time zone. Returns `undefined` for empty values and `null` for unreadable ones.
 */
function parseModifiedSince(value: unknown, timeZone: string): Date | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
	if (DateTime.isDateTime(value)) return value.isValid ? value.toJSDate() : null;
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return undefined;
	return parseIsoSqlRfc(text, timeZone)?.toJSDate() ?? null;
}

/** The node's *Modified Since* option as a Date (undefined when empty); a clear error when it is not a date. */
export function readModifiedSince(
	ctx: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): Date | undefined {
	const modifiedSince = parseModifiedSince(options.modifiedSince, ctx.getTimezone());
	if (modifiedSince === null) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Modified Since is not a date: "${String(options.modifiedSince)}"`,
			{
				itemIndex,
				description: 'Use the date picker or an ISO 8601 date such as 2024-05-01T00:00:00.',
			},
		);
	}
	return modifiedSince;
}

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

export interface ClassifiedRecord {
	raw: RawRecord;
	result: NormalizationResult | { ok: false; failure: string };
}

/** Normalizes one record; an unexpected exception becomes a failure instead of stopping the run. */
export function classifyRecord(
	raw: RawRecord,
	recordType: RecordType,
	options: NormalizeOptions,
): ClassifiedRecord {
	try {
		return { raw, result: normalizeRecord(raw, recordType, options) };
	} catch (error) {
		return { raw, result: { ok: false, failure: (error as Error)?.message ?? String(error) } };
	}
}

/** Item JSON of a valid record. */
export function validJson(record: IDataObject, raw: RawRecord, includeRaw: boolean): IDataObject {
	return includeRaw ? { ...record, raw: { ...raw } as IDataObject } : record;
}

/** Item JSON of a skipped record: reason code, message, identifiers and always the raw record. */
export function skippedJson(recordType: RecordType, classified: ClassifiedRecord): IDataObject {
	const { raw, result } = classified;
	if (result.ok) throw new Error('skippedJson called with a valid record');
	if ('failure' in result) {
		const sourceId = typeof raw.Codigo === 'string' ? raw.Codigo : undefined;
		return {
			recordType,
			reason: 'normalization_failed' satisfies SkipReason,
			message: `The record could not be normalized: ${result.failure}`,
			...(sourceId ? { sourceId } : {}),
			warnings: [],
			raw: { ...raw } as IDataObject,
		};
	}
	return { ...(result.skip as unknown as IDataObject), raw: { ...raw } as IDataObject };
}

/**
 * The same records with duplicate tax IDs collapsed: each losing record's result becomes its
 * `duplicate_tax_id` skip (same order; the other entries are returned as they are).
 */
export function collapseClassified(
	records: readonly ClassifiedRecord[],
	timeZone = 'UTC',
): ClassifiedRecord[] {
	const results = collapseDuplicateTaxIds(
		records.map((r) => r.result),
		timeZone,
	);
	return records.map((r, i) => (results[i] === r.result ? r : { raw: r.raw, result: results[i] }));
}

/**
 * Splits raw records (one read, or one chunk of it) into the Valid and Skipped outputs' JSON, with
 * duplicate tax IDs collapsed. `timeZone` reads `FechaModificacion` stamps without an offset.
 */
export function splitRecords(
	raws: readonly RawRecord[],
	recordType: RecordType,
	options: RecordOptions,
	timeZone = 'UTC',
): { valid: IDataObject[]; skipped: IDataObject[] } {
	const normalize = normalizeOptionsFor(recordType, options);
	const classified = collapseClassified(
		raws.map((raw) => classifyRecord(raw, recordType, normalize)),
		timeZone,
	);
	const valid: IDataObject[] = [];
	const skipped: IDataObject[] = [];
	for (const record of classified) {
		if (record.result.ok)
			valid.push(
				validJson(
					record.result.record as unknown as IDataObject,
					record.raw,
					options.includeRawRecord === true,
				),
			);
		else skipped.push(skippedJson(recordType, record));
	}
	return { valid, skipped };
}
