import { sameSubItem } from '../../../../../nodes/shared/clientify/plan/subItem';

describe('sameSubItem (the look of a guarded sub-resource POST)', () => {
	it('e-mails and tags case-insensitively, phones by digits, web sites without scheme and www', () => {
		expect(sameSubItem('emails', { email: 'Ana@Agro.es' }, { email: 'ana@agro.es', type: 1 })).toBe(
			true,
		);
		expect(sameSubItem('emails', { email: 'ana@agro.es' }, { email: 'eva@agro.es', type: 1 })).toBe(
			false,
		);
		expect(
			sameSubItem('phones', { phone: '950 12 34 56' }, { phone: '+34950123456', type: 3 }),
		).toBe(true);
		expect(
			sameSubItem('websites', { website: 'https://www.agro.es/' }, { website: 'agro.es', type: 1 }),
		).toBe(true);
		expect(sameSubItem('tags', { name: 'Hispatec' }, { name: 'hispatec' })).toBe(true);
	});
	it("addresses by the diff's rule (address.test.ts)", () => {
		expect(
			sameSubItem(
				'addresses',
				{ street: 'Calle Real 1', city: 'El Ejido' },
				{ street: 'calle real, 1', city: '', state: '', country: '', postal_code: '', type: 1 },
			),
		).toBe(true);
	});
});
