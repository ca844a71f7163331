/** Text clean-up: empty, blank and placeholder values, whitespace, invisible characters. */
import {
	cleanSingleLine,
	cleanValue,
	foldKey,
	joinList,
	quote,
	stripAccents,
	toRawString,
} from '../../../../nodes/shared/normalize/text';

describe('cleanValue / cleanSingleLine', () => {
	it.each<[unknown, string | undefined]>([
		[null, undefined],
		[undefined, undefined],
		['', undefined],
		['   ', undefined],
		['\u00a0\u2003\t\n', undefined],
		['\u200b', undefined],
		['-', undefined],
		['--', undefined],
		['.', undefined],
		['...', undefined],
		['?', undefined],
		['*', undefined],
		['N/A', undefined],
		['n/a', undefined],
		['NA', undefined],
		['null', undefined],
		['NULL', undefined],
		['nil', undefined],
		['Sin datos', undefined],
		['SIN  DATOS', undefined],
		['no consta', undefined],
		['Desconocido', undefined],
		['0', '0'],
		['Nada', 'Nada'],
		[' Tomate ', 'Tomate'],
		[12.5, '12.5'],
		[false, 'false'],
		[{}, undefined],
		['Mun\u0303oz', 'Muñoz'],
		['a\n b', 'a\n b'],
	])('cleanValue(%j) = %j', (input, expected) => {
		expect(cleanValue(input)).toBe(expected);
	});

	it.each([
		['  Juan \u00a0 Carlos  ', 'Juan Carlos'],
		['Calle\tReal,\n 3', 'Calle Real, 3'],
		['-', undefined],
	])('cleanSingleLine(%j) = %j', (input, expected) => {
		expect(cleanSingleLine(input)).toBe(expected);
	});
});

describe('comparison keys and messages', () => {
	it.each([
		['Coruña, A', 'coruna a'],
		['  ESPAÑA ', 'espana'],
		['Castelló de la Plana', 'castello de la plana'],
		['S.A.T. nº 12', 's a t n 12'],
		['---', ''],
	])('foldKey(%j) = %j', (input, expected) => {
		expect(foldKey(input)).toBe(expected);
	});

	it('stripAccents removes combining marks only', () => {
		expect(stripAccents('Muñoz Álvarez, Çà')).toBe('Munoz Alvarez, Ca');
		expect(stripAccents('L·leida')).toBe('L·leida');
	});

	it('toRawString takes text, numbers, booleans and bigints, nothing else', () => {
		expect(toRawString('x')).toBe('x');
		expect(toRawString(0)).toBe('0');
		expect(toRawString(true)).toBe('true');
		expect(toRawString(BigInt(12))).toBe('12');
		expect(toRawString(null)).toBeUndefined();
		expect(toRawString({})).toBeUndefined();
		expect(toRawString(['a'])).toBeUndefined();
	});

	it('quote shortens a long value to the given length, with an ellipsis', () => {
		expect(quote('Ana')).toBe('"Ana"');
		expect(quote('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
		expect(quote('x'.repeat(61))).toBe(`"${'x'.repeat(59)}…"`);
		expect(quote('abcdef', 4)).toBe('"abc…"');
	});

	it('joinList joins with commas and a final "and"', () => {
		expect(joinList([])).toBe('');
		expect(joinList(['a'])).toBe('a');
		expect(joinList(['a', 'b'])).toBe('a and b');
		expect(joinList(['a', 'b', 'c'])).toBe('a, b and c');
	});
});
