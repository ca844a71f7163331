import {
	checkTaxId,
	decideMatch,
	exactMatches,
	groupByTaxId,
	phoneKey,
	shouldIndex,
	taxIdMatchKey,
	websiteKey,
} from '../../../../../nodes/shared/clientify/plan/match';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';

describe('matching and planning', () => {
	const r = (id: number, tax: string, created?: string): ClientifyRecord => ({
		id,
		taxpayer_identification_number: tax,
		created,
	});

	it('keeps exact matches only (query is a substring search)', () => {
		expect(
			exactMatches(
				[r(1, '12345678Z'), r(2, '112345678Z'), r(3, 'ES-12345678-z'), r(3, '12345678Z'), r(4, '')],
				'12345678Z',
			).map((x) => x.id),
		).toEqual([1, 3]);
	});

	it('decides none / one / ambiguous / oldest', () => {
		expect(decideMatch([], 'fail')).toEqual({ kind: 'none' });
		expect(decideMatch([r(4, 'X')], 'fail')).toEqual({ kind: 'one', record: r(4, 'X') });
		const many = [r(9, 'X', '2024-03-01T00:00:00Z'), r(3, 'X', '2024-05-01T00:00:00Z'), r(5, 'X')];
		expect(decideMatch(many, 'fail')).toEqual({ kind: 'ambiguous', ids: [3, 5, 9] });
		expect(decideMatch(many, 'updateOldest')).toEqual({
			kind: 'one',
			record: many[0],
			ambiguousIds: [9, 3, 5],
		});
	});

	it('groups by entity and tax ID in first-appearance order', () => {
		expect(
			groupByTaxId([
				{ index: 0, entity: 'contact', taxId: 'A' },
				{ index: 1, entity: 'company', taxId: 'A' },
				{ index: 2, entity: 'contact', taxId: 'B' },
				{ index: 3, entity: 'contact', taxId: 'A' },
			]),
		).toEqual([
			{ key: 'contact:A', entity: 'contact', taxId: 'A', indexes: [0, 3] },
			{ key: 'company:A', entity: 'company', taxId: 'A', indexes: [1] },
			{ key: 'contact:B', entity: 'contact', taxId: 'B', indexes: [2] },
		]);
	});

	it('indexes when the rest of the listing costs fewer calls than the searches', () => {
		expect(shouldIndex(2, 100, 1)).toBe(true);
		expect(shouldIndex(2, 0, 1)).toBe(true);
		expect(shouldIndex(9, 1000, 1)).toBe(false);
		expect(shouldIndex(10, 1000, 1)).toBe(true);
		expect(shouldIndex(10, 1001, 1)).toBe(false);
		expect(shouldIndex(11, 1001, 1)).toBe(true);
	});
});

describe('comparison keys', () => {
	it('phoneKey drops the Spanish prefix and punctuation', () => {
		expect(phoneKey('+34 950 12 34 56')).toBe('950123456');
		expect(phoneKey('0034950123456')).toBe('950123456');
		expect(phoneKey('950-12-34-56')).toBe('950123456');
		expect(phoneKey('+33 1 23 45 67 89')).toBe('33123456789');
	});
	it('websiteKey ignores scheme, www and trailing slash', () => {
		expect(websiteKey('HTTPS://www.Agro.es/')).toBe('agro.es');
	});
});

describe('taxIdMatchKey', () => {
	it.each([
		['b-58378431', 'B58378431'],
		['ES B58378431', 'B58378431'],
		['es-b58378431', 'B58378431'],
		['12.345.678-z', '12345678Z'],
		['  x2482300w ', 'X2482300W'],
		['ESX', 'ESX'],
		['1234567L', '01234567L'],
		['NIF: 12345678-Z', '12345678Z'],
		['12345678A', '12345678A'],
		['', ''],
	])('%s → %s', (input, expected) => {
		expect(taxIdMatchKey(input)).toBe(expected);
	});
	it('ignores non-strings', () => {
		expect(taxIdMatchKey(null)).toBe('');
		expect(taxIdMatchKey({})).toBe('');
		expect(taxIdMatchKey(12345678)).toBe('12345678');
	});
});

describe('checkTaxId', () => {
	it('gives the match key, or why the record cannot be matched', () => {
		expect(checkTaxId(' b-58378431 ')).toEqual({ ok: true, taxId: 'B58378431' });
		expect(checkTaxId('')).toMatchObject({ ok: false, reason: 'missing_tax_id' });
		expect(checkTaxId('-/-')).toMatchObject({ ok: false, reason: 'invalid_tax_id' });
		// a FOREIGN tax ID the Hispatec node kept: its match key, unvalidated
		expect(checkTaxId('FR 40 303265045')).toEqual({ ok: true, taxId: 'FR40303265045' });
	});

	it('spanish: a valid Spanish ID, or the skip with its reason, message and match key', () => {
		expect(checkTaxId('12.345.678-z', true)).toEqual({ ok: true, taxId: '12345678Z' });
		expect(checkTaxId('  ', true)).toEqual({
			ok: false,
			reason: 'missing_tax_id',
			message: 'The record has no tax ID (NIF/CIF); it cannot be matched in Clientify.',
		});
		expect(checkTaxId('12345678A', true)).toEqual({
			ok: false,
			reason: 'invalid_tax_id',
			message: 'Tax ID "12345678A" has a wrong check letter (expected Z).',
			key: '12345678A',
		});
		expect(checkTaxId('FR 40 303265045', true)).toMatchObject({
			ok: false,
			reason: 'foreign_tax_id',
			key: 'FR40303265045',
		});
		// a value that is not text has no match key
		expect(checkTaxId(true, true)).toMatchObject({ ok: false, reason: 'invalid_tax_id' });
		expect(checkTaxId(true, true)).not.toHaveProperty('key');
	});
});
