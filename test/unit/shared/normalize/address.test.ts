/** Postal codes, provinces and country, through readAddress (what normalization uses). */
import { HISPATEC_FIELD_MAP } from '../../../../nodes/shared/normalize/fields';
import { readAddress } from '../../../../nodes/shared/normalize/address';
import type { NormalizationWarning, RawRecord } from '../../../../nodes/shared/types';

const MAP = HISPATEC_FIELD_MAP.contact;

/** readAddress over the given raw fields: the address and the warnings' codes. */
function read(raw: RawRecord) {
	const warnings: NormalizationWarning[] = [];
	const address = readAddress(raw, MAP, warnings);
	return { address, codes: warnings.map((w) => w.code) };
}

/** The warnings' messages of readAddress over the given raw fields. */
function messages(raw: RawRecord): string[] {
	const warnings: NormalizationWarning[] = [];
	readAddress(raw, MAP, warnings);
	return warnings.map((w) => w.message);
}

/** The INE display name of a province code, as the address writes it for a postal code of it. */
const provinceOf = (code: string) => read({ CodigoPostal: `${code}001` }).address?.province;

/** What a postal code reads as: its 5 digits, province code and whether it was padded, or invalid. */
type PostalCode =
	| { valid: true; value: string; provinceCode: string; padded: boolean }
	| { valid: false; value: string };

describe('postal codes and provinces', () => {
	it.each<[string, PostalCode]>([
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
	])('postal code %j', (input, expected) => {
		const { address, codes } = read({ CodigoPostal: input });
		if (expected.valid) {
			expect(address).toEqual({
				postalCode: expected.value,
				province: provinceOf(expected.provinceCode),
			});
			expect(address?.province).toBeDefined();
			expect(codes).toEqual(expected.padded ? ['postal_code_zero_padded'] : []);
		} else {
			expect(address).toBeUndefined();
			expect(codes).toEqual(['postal_code_invalid']);
			expect(messages({ CodigoPostal: input })[0]).toContain(`"${expected.value}"`);
		}
	});

	it('has the 52 INE provinces', () => {
		const codes = Array.from({ length: 52 }, (_, i) => String(i + 1).padStart(2, '0'));
		const names = codes.map(provinceOf);
		expect(names.every((name) => typeof name === 'string' && name.length > 0)).toBe(true);
		expect(new Set(names).size).toBe(52);
		expect(provinceOf('04')).toBe('Almería');
		expect(provinceOf('15')).toBe('A Coruña');
		expect(read({ CodigoPostal: '48001' }).address?.province).toBe('Bizkaia');
		expect(read({ CodigoPostal: '35001' }).address?.province).toBe('Las Palmas');
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
	])('province %j is INE code %j', (name, code) => {
		const alone = read({ Provincia: name });
		if (code === undefined) {
			// unknown: kept as given, never taken for a province, so no postal code contradicts it
			expect(alone).toEqual({ address: { province: name }, codes: [] });
			expect(read({ Provincia: name, CodigoPostal: '04001' })).toEqual({
				address: { province: name, postalCode: '04001' },
				codes: [],
			});
			return;
		}
		// written in its INE display form; agrees with a postal code of its code, contradicts another
		expect(alone).toEqual({ address: { province: provinceOf(code) }, codes: [] });
		expect(read({ Provincia: name, CodigoPostal: `${code}001` })).toEqual({
			address: { province: provinceOf(code), postalCode: `${code}001` },
			codes: [],
		});
		const other = code === '28' ? '50' : '28';
		expect(read({ Provincia: name, CodigoPostal: `${other}001` }).codes).toEqual([
			'province_mismatch',
		]);
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
	])('country %j is %j', (input, expected) => {
		expect(read({ Pais: input })).toEqual({ address: { country: expected }, codes: [] });
	});
});
