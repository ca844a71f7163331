/** Postal codes, provinces and country. */
import {
	normalizeCountry,
	parseSpanishPostalCode,
	provinceCode,
	provinceForPostalCode,
	PROVINCES,
} from '../../../../nodes/shared/normalize/address';

describe('postal codes and provinces', () => {
	it.each([
		['04700', { valid: true, value: '04700', provinceCode: '04', padded: false }],
		['4700', { valid: true, value: '04700', provinceCode: '04', padded: true }],
		[' 04 700 ', { valid: true, value: '04700', provinceCode: '04', padded: false }],
		['04.700', { valid: true, value: '04700', provinceCode: '04', padded: false }],
		['01001', { valid: true, value: '01001', provinceCode: '01', padded: false }],
		['52001', { valid: true, value: '52001', provinceCode: '52', padded: false }],
		['51001', { valid: true, value: '51001', provinceCode: '51', padded: false }],
		['00123', { valid: false, value: '00123' }],
		['53001', { valid: false, value: '53001' }],
		['99999', { valid: false, value: '99999' }],
		['470', { valid: false, value: '470' }],
		['047000', { valid: false, value: '047000' }],
		['AD500', { valid: false, value: 'AD500' }],
		['E-04700', { valid: false, value: 'E-04700' }],
	])('parseSpanishPostalCode(%j)', (input, expected) => {
		expect(parseSpanishPostalCode(input)).toEqual(expected);
	});

	it('has the 52 INE provinces', () => {
		expect(Object.keys(PROVINCES)).toHaveLength(52);
		expect(PROVINCES['04']).toBe('Almería');
		expect(PROVINCES['15']).toBe('A Coruña');
		expect(provinceForPostalCode('48001')).toBe('Bizkaia');
		expect(provinceForPostalCode('35001')).toBe('Las Palmas');
	});

	it.each([
		['Almería', '04'],
		['ALMERIA', '04'],
		['almeria', '04'],
		['Vizcaya', '48'],
		['Bizkaia', '48'],
		['Gerona', '17'],
		['Girona', '17'],
		['Lérida', '25'],
		['Orense', '32'],
		['Guipúzcoa', '20'],
		['Baleares', '07'],
		['Illes Balears', '07'],
		['Balears, Illes', '07'],
		['La Coruña', '15'],
		['Coruña, A', '15'],
		['Alicante', '03'],
		['Alacant', '03'],
		['Valencia/València', '46'],
		['Castellón', '12'],
		['Álava', '01'],
		['Araba/Álava', '01'],
		['Palmas, Las', '35'],
		['S.C. Tenerife', '38'],
		['Navarra', '31'],
		['Poniente', undefined],
	])('provinceCode(%j) = %j', (name, code) => {
		expect(provinceCode(name)).toBe(code);
	});

	it.each([
		['ES', 'ES'],
		['es', 'ES'],
		['ESP', 'ES'],
		['España', 'ES'],
		['ESPAÑA', 'ES'],
		['Espana', 'ES'],
		['Spain', 'ES'],
		['724', 'ES'],
		['Portugal', 'Portugal'],
		['PT', 'PT'],
		['Francia', 'Francia'],
	])('normalizeCountry(%j) = %j', (input, expected) => {
		expect(normalizeCountry(input)).toBe(expected);
	});
});
