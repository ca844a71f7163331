import {
	decideMatch,
	exactMatches,
	groupByTaxId,
	shouldIndex,
	type ClientifyRecord,
	type DesiredRecord,
} from '../../../../nodes/shared/clientify';
const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	scalars: { taxpayer_identification_number: '12345678Z', first_name: 'María', last_name: 'García' },
	emails: [{ email: 'maria@agro.es', type: 1 }],
	phones: [{ phone: '+34950123456', type: 3 }],
	addresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }],
	websites: [],
	tags: ['hispatec'],
	customFields: [
		{ name: 'hispatec_Cultivo', value: 'Tomate' },
		{ name: 'hispatec_Codigo', value: 'C1' },
	],
	warnings: [],
};

const sameAsDesired: ClientifyRecord = {
	id: 7,
	taxpayer_identification_number: '12345678z',
	first_name: 'María',
	last_name: ' García ',
	emails: [{ id: 1, email: 'MARIA@agro.es', type: 2 }],
	phones: [{ id: 2, phone: '950 12 34 56', type: 1 }],
	addresses: [{ id: 3, street: 'calle real, 1', city: 'EL EJIDO', postal_code: '04700', state: 'Almería', type: 5 }],
	tags: ['Hispatec', 'vip'],
	custom_fields: [
		{ id: 1, field: 'hispatec_Cultivo', value: 'Tomate' },
		{ id: 2, field: 'HISPATEC_codigo', value: 'C1' },
		{ id: 3, field: 'Other', value: 'kept' },
	],
};

describe('matching and planning', () => {
	const r = (id: number, tax: string, created?: string): ClientifyRecord => ({ id, taxpayer_identification_number: tax, created });

	it('keeps exact matches only (query is a substring search)', () => {
		expect(exactMatches([r(1, '12345678Z'), r(2, '112345678Z'), r(3, 'ES-12345678-z'), r(3, '12345678Z'), r(4, '')], '12345678Z').map((x) => x.id)).toEqual([1, 3]);
	});

	it('decides none / one / ambiguous / oldest', () => {
		expect(decideMatch([], 'fail')).toEqual({ kind: 'none' });
		expect(decideMatch([r(4, 'X')], 'fail')).toEqual({ kind: 'one', record: r(4, 'X') });
		const many = [r(9, 'X', '2024-03-01T00:00:00Z'), r(3, 'X', '2024-05-01T00:00:00Z'), r(5, 'X')];
		expect(decideMatch(many, 'fail')).toEqual({ kind: 'ambiguous', ids: [3, 5, 9] });
		expect(decideMatch(many, 'updateOldest')).toEqual({ kind: 'one', record: many[0], ambiguousIds: [9, 3, 5] });
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
