import {
	applyOverrides,
	customFieldCreateBody,
	entityOfContentType,
	indexDefinitions,
	sourceFromNormalizedRecord,
	splitList,
} from '../../../../../nodes/shared/clientify/desired/source';
import { buildDesiredRecord } from '../../../../../nodes/shared/clientify/desired/desired';
import { contactRecord } from '../fixtures';

describe('applyOverrides', () => {
	it('replaces only the values that are set', () => {
		const source = sourceFromNormalizedRecord(contactRecord(), 'contact', 'h_');
		const out = applyOverrides(source, {
			firstName: 'Pepa',
			lastName: '',
			email: 'a@x.es; b@x.es',
			mobilePhone: '600000001',
			city: 'Roquetas de Mar',
			state: 'AL',
		});
		expect(out.firstName).toBe('Pepa');
		expect(out.lastName).toBe('García Núñez');
		expect(out.emails).toEqual(['a@x.es', 'b@x.es']);
		expect(out.phones).toEqual([{ number: '600000001', type: 'mobile' }]);
		expect(out.address).toEqual({
			street: 'Calle Real 1',
			city: 'Roquetas de Mar',
			province: 'AL',
			postalCode: '04700',
			country: 'ES',
		});
		expect(out.customFields).toBe(source.customFields);
	});
});

describe('source values as text', () => {
	it('splitList', () => {
		expect(splitList(['a, b', 'c;d', null, 5])).toEqual(['a', 'b', 'c', 'd', '5']);
	});

	it('tags: trimmed, blank ones dropped, de-duplicated ignoring case', () => {
		const built = buildDesiredRecord({ taxId: '12345678Z' }, 'contact', {
			tags: [' x ', 'X', '', null, 'y'] as string[],
		});
		expect(built.ok && built.desired.tags).toEqual(['x', 'y']);
	});
});

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
