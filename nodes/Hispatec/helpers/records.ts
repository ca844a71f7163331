/**
 * Raw Hispatec records → the node outputs: normalized records (Valid) and skipped records with their
 * reason (Skipped). Every input record ends in exactly one of the two lists, in input order. Records
 * with the same entity and tax ID are collapsed first (nodes/shared/duplicates.ts): one stays Valid,
 * the others are skipped as `duplicate_tax_id`.
 */
import type { IDataObject } from 'n8n-workflow';
import { collapseDuplicateTaxIds } from '../../shared/duplicates';
import { normalizeRecord } from '../../shared/normalize';
import type {
	NormalizationResult,
	NormalizeOptions,
	RawRecord,
	RecordType,
	SkipReason,
} from '../../shared/types';
import { normalizeOptionsFor, type RecordOptions } from './recordOptions';

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
