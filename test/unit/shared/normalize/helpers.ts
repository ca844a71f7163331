/** Builders shared by the normalizeRecord tests: each case states only what differs from a clean record. */
import { normalizeRecord } from '../../../../nodes/shared/normalize';
import type {
	NormalizationResult,
	NormalizationWarning,
	NormalizedPhone,
	NormalizedRecord,
	NormalizeOptions,
	RawRecord,
	RecordType,
	SkippedRecord,
	SkipReason,
} from '../../../../nodes/shared/types';

/** One row of a normalizeRecord table: the raw input and the whole expected result. */
export interface Case {
	title: string;
	input: RawRecord;
	options?: NormalizeOptions;
	expected: NormalizationResult;
}

/**
 * Builders around one clean raw record and its clean normalized form:
 * `raw(fields)` changes some input fields, `ok(fields)` expects the clean record with some fields changed,
 * `skip(reason, message, more)` expects the record skipped (by default with the clean record's sourceId and no warnings).
 */
export function recordBuilders(recordType: RecordType, RAW: RawRecord, BASE: NormalizedRecord) {
	return {
		raw: (fields: RawRecord): RawRecord => ({ ...RAW, ...fields }),
		ok: (fields: Partial<NormalizedRecord>): NormalizationResult => ({
			ok: true,
			record: { ...BASE, ...fields },
		}),
		skip: (
			reason: SkipReason,
			message: string,
			more: Partial<SkippedRecord> = {},
		): NormalizationResult => ({
			ok: false,
			skip: { recordType, reason, message, sourceId: BASE.sourceId, warnings: [], ...more },
		}),
	};
}

/** A normalized person contact: the tax ID and name as given, no e-mails, phones, extra fields or warnings. */
export const personContact = (
	fields: Pick<NormalizedRecord, 'taxId' | 'taxIdField' | 'name'> & Partial<NormalizedRecord>,
): NormalizedRecord => ({
	recordType: 'contact',
	taxIdType: 'DNI',
	kind: 'person',
	emails: [],
	phones: [],
	extra: {},
	warnings: [],
	...fields,
});

export const warn = (code: string, field: string, message: string): NormalizationWarning => ({
	code,
	field,
	message,
});

export const phone = (
	number: string,
	type: NormalizedPhone['type'],
	field: string,
): NormalizedPhone => ({ number, type, field });

/** The checks every table runs: each case gives its expected result, and no result holds an undefined value. */
export function itNormalizesEachCase(recordType: RecordType, cases: Case[]): void {
	it.each(cases)('$title', ({ input, options, expected }) => {
		expect(normalizeRecord(input, recordType, options)).toEqual(expected);
	});

	it('never emits undefined values (absent means absent)', () => {
		for (const { input, options } of cases) {
			const result = normalizeRecord(input, recordType, options);
			expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
		}
	});
}
