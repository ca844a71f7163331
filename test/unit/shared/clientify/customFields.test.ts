import {
	customFieldCreateBody,
	entityOfContentType,
	indexDefinitions,
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

describe('custom-field definitions', () => {
	it('reads the entity from the part of content_type before |', () => {
		expect(entityOfContentType('contacts | contact')).toBe('contact');
		expect(entityOfContentType('contacts | contacto')).toBe('contact');
		expect(entityOfContentType('companies | empresa')).toBe('company');
		expect(entityOfContentType('company')).toBe('company');
		expect(entityOfContentType('deals | oportunidad')).toBeUndefined();
		expect(entityOfContentType(7)).toBeUndefined();
	});
	it('indexes one entity by lower-case name', () => {
		const index = indexDefinitions(
			[
				{ id: 1, name: 'Hispatec_Cultivo', content_type: 'contacts | contacto' },
				{ id: 2, name: 'hispatec_cultivo', content_type: 'companies | empresa' },
				{ id: 3, name: 'x', content_type: 'deals | deal' },
			],
			'contact',
		);
		expect([...index.entries()].map(([k, d]) => [k, d.id])).toEqual([['hispatec_cultivo', 1]]);
	});
	it('creation body (assumed API)', () => {
		expect(customFieldCreateBody('hispatec_Cultivo', 'company')).toEqual({ name: 'hispatec_Cultivo', field_type: 3, content_type: 'company' });
	});
});
