import { taxIdMatchKey } from '../../../../../nodes/shared/clientify/plan/taxId';

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
