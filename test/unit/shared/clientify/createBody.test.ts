import type { NormalizedRecord } from '../../../../nodes/shared/types';
import {
	buildCreateBody,
	buildDesiredRecord,
	createdFieldNames,
	recordFromCreate,
	sourceFromNormalizedRecord,
} from '../../../../nodes/shared/clientify';
function contactRecord(overrides: Partial<NormalizedRecord> = {}): NormalizedRecord {
	return {
		recordType: 'contact',
		taxId: '12345678Z',
		taxIdType: 'DNI',
		taxIdField: 'IdentificacionFiscalCliente',
		kind: 'person',
		firstName: 'María José',
		lastName: 'García Núñez',
		name: 'María José García Núñez',
		email: 'mj.garcia@agro.es',
		emails: ['mj.garcia@agro.es', 'facturas@agro.es'],
		phone: '+34950123456',
		phones: [
			{ number: '+34950123456', type: 'landline', field: 'Telefono' },
			{ number: '+34600111222', type: 'mobile', field: 'TelefonoMovil' },
		],
		address: { street: 'Calle Real 1', city: 'El Ejido', province: 'Almería', postalCode: '04700', country: 'ES' },
		sourceId: 'C0001',
		modifiedAt: '2024-05-01T10:00:00',
		extra: { Cultivo: 'Tomate', Superficie: '12.5' },
		warnings: [],
		...overrides,
	};
}

const companyRecord: NormalizedRecord = {
	recordType: 'company',
	taxId: 'B58378431',
	taxIdType: 'CIF',
	taxIdField: 'CIF',
	kind: 'company',
	name: 'Hortalizas del Poniente SL',
	tradeName: 'Horponiente',
	emails: ['info@horponiente.es'],
	phones: [],
	website: 'https://www.horponiente.es',
	extra: {},
	warnings: [],
};

describe('create body', () => {
	it('holds scalars, arrays with type codes, tags and custom fields by name', () => {
		const result = buildDesiredRecord(sourceFromNormalizedRecord(contactRecord(), 'contact', 'hispatec_'), 'contact', {
			tags: ['hispatec'],
		});
		if (!result.ok) throw new Error('expected ok');
		expect(buildCreateBody(result.desired)).toEqual({
			taxpayer_identification_number: '12345678Z',
			first_name: 'María José',
			last_name: 'García Núñez',
			emails: [
				{ email: 'mj.garcia@agro.es', type: 1 },
				{ email: 'facturas@agro.es', type: 1 },
			],
			phones: [
				{ phone: '+34950123456', type: 3 },
				{ phone: '+34600111222', type: 2 },
			],
			addresses: [{ street: 'Calle Real 1', city: 'El Ejido', state: 'Almería', postal_code: '04700', country: 'ES', type: 1 }],
			tags: ['hispatec'],
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'hispatec_Superficie', value: '12.5' },
				{ field: 'hispatec_Codigo', value: 'C0001' },
			],
		});
		expect(createdFieldNames(result.desired)).toEqual([
			'taxpayer_identification_number',
			'first_name',
			'last_name',
			'emails',
			'phones',
			'addresses',
			'tags',
			'custom_fields.hispatec_Cultivo',
			'custom_fields.hispatec_Superficie',
			'custom_fields.hispatec_Codigo',
		]);
	});
});

describe('recordFromCreate', () => {
	it('prefers the answer and keeps the body arrays the answer lacks', () => {
		expect(recordFromCreate({ first_name: 'A', tags: ['hispatec'], emails: [{ email: 'a@b.es', type: 1 }] }, { id: 5, first_name: 'A', emails: [] })).toEqual({
			id: 5,
			first_name: 'A',
			emails: [],
			tags: ['hispatec'],
		});
	});
});
