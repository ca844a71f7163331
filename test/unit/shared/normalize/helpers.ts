/** Builders shared by the normalizeRecord tests: each case states only what differs from a clean record. */
import { normalizeRecord } from '../../../../nodes/shared/normalize/record';
import type * as T from '../../../../nodes/shared/types';

/** One row of a normalizeRecord table: the raw input and the whole expected result. */
export interface Case {
	title: string;
	input: T.RawRecord;
	options?: T.NormalizeOptions;
	expected: T.NormalizationResult;
}

/**
 * Builders around one clean raw record and its clean normalized form:
 * `raw(fields)` changes some input fields, `ok(fields, ...warnings)` expects the clean record with some fields
 * changed and these warnings,
 * `skip(reason, message, more)` expects the record skipped (by default with the clean record's sourceId and no warnings).
 */
export function recordBuilders(
	recordType: T.RecordType,
	RAW: T.RawRecord,
	BASE: T.NormalizedRecord,
) {
	return {
		raw: (fields: T.RawRecord): T.RawRecord => ({ ...RAW, ...fields }),
		ok: (
			fields: Partial<T.NormalizedRecord>,
			...warnings: T.NormalizationWarning[]
		): T.NormalizationResult => ({
			ok: true,
			record: { ...BASE, ...fields, ...(warnings.length > 0 && { warnings }) },
		}),
		skip: (
			reason: T.SkipReason,
			message: string,
			more: Partial<T.SkippedRecord> = {},
		): T.NormalizationResult => ({
			ok: false,
			skip: { recordType, reason, message, sourceId: BASE.sourceId, warnings: [], ...more },
		}),
	};
}

type Identity = Pick<
	T.NormalizedRecord,
	'recordType' | 'taxId' | 'taxIdType' | 'taxIdField' | 'kind'
>;

/** A normalized record: the identity and fields given, no e-mails, phones, extra fields or warnings unless given. */
export const normalized = (fields: Identity & Partial<T.NormalizedRecord>): T.NormalizedRecord => ({
	emails: [],
	phones: [],
	extra: {},
	warnings: [],
	...fields,
});

/** A normalized person contact with a DNI: the tax ID and name as given, otherwise as `normalized`. */
export const personContact = (
	fields: Pick<T.NormalizedRecord, 'taxId' | 'taxIdField' | 'name'> & Partial<T.NormalizedRecord>,
): T.NormalizedRecord =>
	normalized({ recordType: 'contact', taxIdType: 'DNI', kind: 'person', ...fields });

export const warn = (code: string, field: string, message: string): T.NormalizationWarning => ({
	code,
	field,
	message,
});

export const phone = (
	number: string,
	type: T.NormalizedPhone['type'],
	field: string,
): T.NormalizedPhone => ({ number, type, field });

/** The checks every table runs: each case gives its expected result, and no result holds an undefined value. */
export function itNormalizesEachCase(recordType: T.RecordType, cases: Case[]): void {
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

/** The clean contact the contact tables start from: José García López, DNI 54362315K, code C0001. */
export const JOSE = {
	recordType: 'contact',
	sourceId: 'C0001',
	taxId: '54362315K',
	taxIdType: 'DNI',
	taxIdField: 'IdentificacionFiscalCliente',
	kind: 'person',
	name: 'José García López',
	firstName: 'José',
	lastName: 'García López',
} satisfies Identity & Partial<T.NormalizedRecord>;
