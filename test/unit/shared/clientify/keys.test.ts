import type { NormalizedRecord } from '../../../../nodes/shared/types';
import { phoneKey, websiteKey } from '../../../../nodes/shared/clientify';
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
