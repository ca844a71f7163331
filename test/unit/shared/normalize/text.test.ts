/** Text clean-up: empty, blank and placeholder values, whitespace, invisible characters. */
import { cleanSingleLine, cleanValue } from '../../../../nodes/shared/normalize/text';

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
