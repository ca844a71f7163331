/** Clean-up extensions, foreign prefixes, warnings and failure reasons of parseTaxId. */
import { parseTaxId, type TaxIdResult } from '../../../../nodes/shared/normalize/taxId';

const placeholder = (value: string) => ({
	code: 'suspicious_placeholder',
	message: `Tax ID ${value} is valid but looks like a placeholder or test number`,
});
const esStripped = (value: string) => ({
	code: 'tax_id_es_prefix_stripped',
	message: `Removed the ES prefix (now ${value})`,
});
const separators = (value: string) => ({
	code: 'tax_id_separators_removed',
	message: `Removed dots, slashes or other separators from the tax ID (now ${value})`,
});
const person = (
	value: string,
	type: 'DNI' | 'NIE' | 'NIF_KLM',
	notes: object[] = [],
): TaxIdResult => ({ valid: true, value, type, kind: 'person', notes }) as TaxIdResult;
const cif = (value: string, notes: object[] = []): TaxIdResult =>
	({ valid: true, value, type: 'CIF', kind: 'company', notes }) as TaxIdResult;
const unusualDigit = (value: string, who: string) => ({
	code: 'cif_control_type_unusual',
	message: `CIF ${value} ends in a digit; ${who} normally have a control letter`,
});
const unusualLetter = (value: string, org: string) => ({
	code: 'cif_control_type_unusual',
	message: `CIF ${value} ends in a letter; entities of type ${org} normally have a control digit`,
});

describe('parseTaxId', () => {
	it.each<[string, string | null | undefined, TaxIdResult]>([
		['null', null, { valid: false, error: 'empty', value: '', reason: 'is empty', notes: [] }],
		[
			'undefined',
			undefined,
			{ valid: false, error: 'empty', value: '', reason: 'is empty', notes: [] },
		],
		[
			'empty string',
			'',
			{ valid: false, error: 'empty', value: '', reason: 'is empty', notes: [] },
		],
		[
			'only spaces and NBSP',
			' \u00a0 ',
			{ valid: false, error: 'empty', value: '', reason: 'is empty', notes: [] },
		],
		[
			'only dashes',
			' - – ',
			{ valid: false, error: 'empty', value: '', reason: 'is empty', notes: [] },
		],
		['lower-case DNI letter', '54362315k', person('54362315K', 'DNI')],
		['padded with whitespace', '  54362315K\t', person('54362315K', 'DNI')],
		['NBSP inside', '54362315\u00a0K', person('54362315K', 'DNI')],
		['en dash', '54362315–K', person('54362315K', 'DNI')],
		['minus sign', '54362315\u2212K', person('54362315K', 'DNI')],
		['zero-width space', '54362315\u200bK', person('54362315K', 'DNI')],
		['full-width digits (NFKC)', '５４３６２３１５Ｋ', person('54362315K', 'DNI')],
		['ES prefix', 'ES54362315K', person('54362315K', 'DNI', [esStripped('54362315K')])],
		[
			'lower-case es prefix with space',
			'es 54362315-k',
			person('54362315K', 'DNI', [esStripped('54362315K')]),
		],
		[
			'dots and ES prefix',
			'ES-54.362.315-K',
			person('54362315K', 'DNI', [separators('ES54362315K'), esStripped('54362315K')]),
		],
		['slash', '54362315/K', person('54362315K', 'DNI', [separators('54362315K')])],
		[
			'second ES prefix',
			'ESES54362315K',
			{
				valid: false,
				error: 'malformed',
				value: 'ES54362315K',
				reason: 'is malformed (more than one ES prefix)',
				notes: [],
			},
		],
		[
			'short DNI zero-padded',
			'631803Q',
			person('00631803Q', 'DNI', [
				{ code: 'tax_id_zero_padded', message: 'Zero-padded a short DNI: 631803Q → 00631803Q' },
			]),
		],
		[
			'7-digit DNI zero-padded with a wrong letter',
			'7060225A',
			{
				valid: false,
				error: 'wrong_check',
				value: '07060225A',
				reason: 'has a wrong check letter (expected F)',
				expected: 'F',
				notes: [
					{ code: 'tax_id_zero_padded', message: 'Zero-padded a short DNI: 7060225A → 07060225A' },
				],
			},
		],
		[
			'legacy 10-character NIE',
			'X00095892M',
			person('X0095892M', 'NIE', [
				{
					code: 'tax_id_nie_legacy_shortened',
					message: 'Shortened a legacy 10-character NIE: X00095892M → X0095892M',
				},
			]),
		],
		['NIE with Y', 'y-2584969-j', person('Y2584969J', 'NIE')],
		['K NIF', 'k0000023t', person('K0000023T', 'NIF_KLM')],
		['L NIF', 'L-3453453-A', person('L3453453A', 'NIF_KLM')],
		[
			'8 digits without the letter',
			'54362315',
			{
				valid: false,
				error: 'malformed',
				value: '54362315',
				reason: 'is malformed (8 digits without the check letter, which would be K)',
				notes: [],
			},
		],
		[
			'10 characters',
			'543623155K',
			{
				valid: false,
				error: 'malformed',
				value: '543623155K',
				reason: 'is malformed (10 characters after clean-up; a NIF has 9)',
				notes: [],
			},
		],
		[
			'letters in the middle',
			'B58A78431',
			{
				valid: false,
				error: 'malformed',
				value: 'B58A78431',
				reason:
					'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
				notes: [],
			},
		],
		[
			'a first letter no NIF uses',
			'I5837843A',
			{
				valid: false,
				error: 'malformed',
				value: 'I5837843A',
				reason: 'is malformed (no NIF starts with "I")',
				notes: [],
			},
		],
		[
			'a name typed in the NIF field (no digits, not foreign)',
			'Francisco',
			{
				valid: false,
				error: 'malformed',
				value: 'FRANCISCO',
				reason:
					'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
				notes: [],
			},
		],
		[
			'unknown two-letter prefix',
			'XX1234567',
			{
				valid: false,
				error: 'malformed',
				value: 'XX1234567',
				reason:
					'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
				notes: [],
			},
		],
		[
			'wrong DNI letter',
			'12345678A',
			{
				valid: false,
				error: 'wrong_check',
				value: '12345678A',
				reason: 'has a wrong check letter (expected Z)',
				expected: 'Z',
				notes: [],
			},
		],
		[
			'wrong CIF control',
			'B-58378432',
			{
				valid: false,
				error: 'wrong_check',
				value: 'B58378432',
				reason: 'has a wrong control character (expected 1 or A)',
				expected: '1 or A',
				notes: [],
			},
		],
		['CIF with hyphen', 'B-58378431', cif('B58378431')],
		['CIF with ES prefix and spaces', 'ES B 58378431', cif('B58378431', [esStripped('B58378431')])],
		['cooperative (F), digit control', 'F04123451', cif('F04123451')],
		['cooperative (F), letter control', 'F0412345A', cif('F0412345A')],
		['SAT (V), digit control', 'v04123451', cif('V04123451')],
		['public body P, letter control', 'P2800000H', cif('P2800000H')],
		[
			'public body P, digit control',
			'P28000008',
			cif('P28000008', [unusualDigit('P28000008', 'entities of type P')]),
		],
		[
			'public body Q, digit control',
			'Q41000001',
			cif('Q41000001', [unusualDigit('Q41000001', 'entities of type Q')]),
		],
		['state body S, letter control', 'S2800000H', cif('S2800000H')],
		[
			'S.A. with a letter control',
			'A1234560I',
			cif('A1234560I', [unusualLetter('A1234560I', 'A')]),
		],
		[
			'C.B. (E) with a letter control',
			'E0412345A',
			cif('E0412345A', [unusualLetter('E0412345A', 'E')]),
		],
		['non-resident S.A. (00) with a letter control: the exception', 'A0012345E', cif('A0012345E')],
		[
			'non-resident association (00) with a digit control',
			'G00123455',
			cif('G00123455', [unusualDigit('G00123455', 'non-resident entities (digits 2–3 "00")')]),
		],
		['all-zero DNI', '00000000T', person('00000000T', 'DNI', [placeholder('00000000T')])],
		['all-same NIE', 'X0000000T', person('X0000000T', 'NIE', [placeholder('X0000000T')])],
		['descending DNI', '87654321X', person('87654321X', 'DNI', [placeholder('87654321X')])],
		[
			'all-zero CIF',
			'B00000000',
			cif('B00000000', [
				unusualDigit('B00000000', 'non-resident entities (digits 2–3 "00")'),
				placeholder('B00000000'),
			]),
		],
		[
			'a typed label',
			'NIF: 54362315-K',
			person('54362315K', 'DNI', [
				separators('NIF54362315K'),
				{ code: 'tax_id_label_removed', message: 'Removed the label NIF before the tax ID' },
			]),
		],
		[
			'a label and an ES prefix',
			'CIF ES-B58378431',
			cif('B58378431', [
				{ code: 'tax_id_label_removed', message: 'Removed the label CIF before the tax ID' },
				esStripped('B58378431'),
			]),
		],
		[
			'a name that starts like a label is not a label',
			'Nieves',
			{
				valid: false,
				error: 'malformed',
				value: 'NIEVES',
				reason:
					'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
				notes: [],
			},
		],
		[
			'VAT label before a foreign number',
			'VAT PT501234567',
			{
				valid: false,
				error: 'foreign',
				value: 'PT501234567',
				reason: 'is a foreign tax ID (country prefix PT)',
				country: 'PT',
				notes: [
					{ code: 'tax_id_label_removed', message: 'Removed the label VAT before the tax ID' },
				],
			},
		],
		[
			'Portuguese VAT',
			'PT501234567',
			{
				valid: false,
				error: 'foreign',
				value: 'PT501234567',
				reason: 'is a foreign tax ID (country prefix PT)',
				country: 'PT',
				notes: [],
			},
		],
		[
			'French VAT with spaces',
			'fr 40 303 265 045',
			{
				valid: false,
				error: 'foreign',
				value: 'FR40303265045',
				reason: 'is a foreign tax ID (country prefix FR)',
				country: 'FR',
				notes: [],
			},
		],
		[
			'German VAT with dots',
			'DE-123.456.789',
			{
				valid: false,
				error: 'foreign',
				value: 'DE123456789',
				reason: 'is a foreign tax ID (country prefix DE)',
				country: 'DE',
				notes: [separators('DE123456789')],
			},
		],
		[
			'Greek VAT (EL)',
			'EL094259216',
			{
				valid: false,
				error: 'foreign',
				value: 'EL094259216',
				reason: 'is a foreign tax ID (country prefix EL)',
				country: 'EL',
				notes: [],
			},
		],
	])('%s: %j', (_label, input, expected) => {
		expect(parseTaxId(input)).toEqual(expected);
	});
});
