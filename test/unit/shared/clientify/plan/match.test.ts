import {
	decideMatch,
	exactMatches,
	groupByTaxId,
	shouldIndex,
} from '../../../../../nodes/shared/clientify/plan/match';
import { type ClientifyRecord } from '../../../../../nodes/shared/clientify/types';

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
