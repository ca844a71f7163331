/** The check rule of each Spanish tax-ID type (python-stdnum's es.dni, es.nie, es.nif K/L/M, es.cif). */
import {
	checkCif,
	checkDni,
	checkNie,
	checkNifKlm,
	dniCheckLetter,
	type TypeCheck,
} from '../../../../nodes/shared/normalize/taxIdChecks';

const OK: TypeCheck = { valid: true };
const MALFORMED: TypeCheck = { valid: false, error: 'malformed' };
const wrong = (expected: string): TypeCheck => ({ valid: false, error: 'wrong_check', expected });

describe('check characters', () => {
	it.each([
		['54362315', 'K'],
		['12345678', 'Z'],
		['00000000', 'T'],
		['1234567', 'L'],
	])('dniCheckLetter(%s) = %s', (digits, letter) => {
		expect(dniCheckLetter(digits)).toBe(letter);
	});

	it.each([
		['5837843', 1, 'A'],
		['2800000', 8, 'H'],
		['0012345', 5, 'E'],
		['0000000', 0, 'J'],
		['1234560', 9, 'I'],
	])('the CIF control of %s is %d or %s', (body, digit, letter) => {
		expect(checkCif(`B${body}${digit}`)).toEqual(OK);
		expect(checkCif(`B${body}${letter}`)).toEqual(OK);
		expect(checkCif(`B${body}${(digit + 1) % 10}`)).toEqual(wrong(`${digit} or ${letter}`));
	});
});

describe('the check of each type', () => {
	it.each<[string, TypeCheck]>([
		['12345678Z', OK],
		['00000000T', OK],
		['12345678A', wrong('Z')],
		['1234567Z', MALFORMED],
		['1234567AZ', MALFORMED],
	])('checkDni(%s)', (value, expected) => {
		expect(checkDni(value)).toEqual(expected);
	});

	it.each<[string, TypeCheck]>([
		['X1234567L', OK],
		['Y1234567X', OK],
		['Z1234567R', OK],
		['X1234567A', wrong('L')],
		['W1234567L', MALFORMED],
		['X123456L', MALFORMED],
	])('checkNie(%s)', (value, expected) => {
		expect(checkNie(value)).toEqual(expected);
	});

	it.each<[string, TypeCheck]>([
		['K1234567L', OK],
		['L1234567L', OK],
		['M1234567L', OK],
		['K1234567A', wrong('L')],
		['X1234567L', MALFORMED],
		['K123456L', MALFORMED],
	])('checkNifKlm(%s): the DNI rule over the 7 digits', (value, expected) => {
		expect(checkNifKlm(value)).toEqual(expected);
	});

	it.each<[string, TypeCheck]>([
		['B58378431', OK],
		['B5837843A', OK], // the control letter of digit 1 is accepted for any organization letter
		['Q2800000H', OK],
		['Q28000008', OK],
		['B58378432', wrong('1 or A')],
		['I5837843A', MALFORMED],
		['B5837843', MALFORMED],
		['B58A78431', MALFORMED],
	])('checkCif(%s): control digit or letter', (value, expected) => {
		expect(checkCif(value)).toEqual(expected);
	});
});
