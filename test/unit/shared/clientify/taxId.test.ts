import type { NormalizedRecord } from '../../../../nodes/shared/types';
import { taxIdMatchKey } from '../../../../nodes/shared/clientify';
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
