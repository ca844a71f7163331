import {
	customFieldCreateBody,
	entityOfContentType,
	indexDefinitions,
} from '../../../../../nodes/shared/clientify/desired/customFields';

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
		expect(customFieldCreateBody('hispatec_Cultivo', 'company')).toEqual({
			name: 'hispatec_Cultivo',
			field_type: 3,
			content_type: 'company',
		});
	});
});
