/** E-mail, phone, postal code, province, country, website, text and kind helpers, table-driven. */
import {
	cleanSingleLine,
	cleanValue,
	hasLegalForm,
	kindFromData,
	normalizeCountry,
	normalizeEmail,
	normalizeWebsite,
	parseEmails,
	parsePhone,
	parsePhoneField,
	parseSpanishPostalCode,
	provinceCode,
	provinceForPostalCode,
	PROVINCES,
	spanishPhoneType,
} from '../../../../nodes/shared/normalize';

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

describe('e-mail', () => {
	it.each<[string, string | undefined]>([
		['Info@Example.ES', 'info@example.es'],
		['mailto:ana@finca.es', 'ana@finca.es'],
		['MAILTO:ana@finca.es', 'ana@finca.es'],
		['<ana@finca.es>', 'ana@finca.es'],
		['"ana@finca.es"', 'ana@finca.es'],
		["'ana@finca.es'", 'ana@finca.es'],
		['ana@finca.es.', 'ana@finca.es'],
		['ana@finca.es;', 'ana@finca.es'],
		['ana.b+crm@finca.es', 'ana.b+crm@finca.es'],
		['josé@finca.es', undefined],
		['info@bodega-ñ.es', 'info@xn--bodega--b0a.es'],
		['ana@finca', undefined],
		['ana@@finca.es', undefined],
		['@finca.es', undefined],
		['ana@', undefined],
		['ana@-finca.es', undefined],
		['ana@finca..es', undefined],
		[`${'a'.repeat(65)}@finca.es`, undefined],
		[`${'a'.repeat(64)}@finca.es`, `${'a'.repeat(64)}@finca.es`],
		[`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}`, undefined],
	])('normalizeEmail(%j) = %j', (input, expected) => {
		expect(normalizeEmail(input)).toBe(expected);
	});

	it.each<[string, { valid: string[]; invalid: string[] }]>([
		['a@x.es;b@x.es', { valid: ['a@x.es', 'b@x.es'], invalid: [] }],
		['a@x.es, b@x.es  c@x.es', { valid: ['a@x.es', 'b@x.es', 'c@x.es'], invalid: [] }],
		['Ana Ruiz <ana@x.es>; "Pepe" <pepe@x.es>', { valid: ['ana@x.es', 'pepe@x.es'], invalid: [] }],
		['ana @ x.es', { valid: ['ana@x.es'], invalid: [] }],
		['ana＠x.es', { valid: ['ana@x.es'], invalid: [] }],
		['a@x.es; A@X.ES', { valid: ['a@x.es'], invalid: [] }],
		['no tiene', { valid: [], invalid: ['no', 'tiene'] }],
		['ana@x; ; pepe@x.es', { valid: ['pepe@x.es'], invalid: ['ana@x'] }],
		['<>', { valid: [], invalid: [] }],
		['ana@x.es/pepe@x.es', { valid: ['ana@x.es', 'pepe@x.es'], invalid: [] }],
		['ana@x.es | pepe@y.es', { valid: ['ana@x.es', 'pepe@y.es'], invalid: [] }],
		['ana/ventas@x.es', { valid: ['ana/ventas@x.es'], invalid: [] }],
	])('parseEmails(%j)', (input, expected) => {
		expect(parseEmails(input)).toEqual(expected);
	});
});

describe('phone', () => {
	it.each([
		['600123456', 'mobile'],
		['712345678', 'mobile'],
		['741234567', 'mobile'],
		['700123456', 'other'],
		['590100123', 'mobile'],
		['973901234', 'mobile'],
		['950123456', 'landline'],
		['912345678', 'landline'],
		['881234567', 'landline'],
		['900123456', 'other'],
		['902123456', 'other'],
		['803123456', 'other'],
		['511234567', 'other'],
	])('spanishPhoneType(%s) = %s', (nsn, type) => {
		expect(spanishPhoneType(nsn)).toBe(type);
	});

	it.each([
		['+34 950 12 34 56', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['+34-600-123-456', { status: 'spanish', number: '+34600123456', type: 'mobile' }],
		['(+34) 600 123 456', { status: 'spanish', number: '+34600123456', type: 'mobile' }],
		['0034950123456', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['34950123456', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950.12.34.56', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950 123 456 ext. 12', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950123456 extensión 3', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['Móvil: 666 55 44 33', { status: 'spanish', number: '+34666554433', type: 'mobile' }],
		['+351 912 345 678', { status: 'foreign', number: '+351912345678' }],
		['0044 20 7946 0958', { status: 'foreign', number: '+442079460958' }],
		['+1 (212) 555-0100', { status: 'foreign', number: '+12125550100' }],
		['+34 60012345', { status: 'invalid', text: '+34 60012345' }],
		['012345678', { status: 'invalid', text: '012345678' }],
		['450123456', { status: 'invalid', text: '450123456' }],
		['12345', { status: 'invalid', text: '12345' }],
		['950+123456', { status: 'invalid', text: '950+123456' }],
		['+12345', { status: 'invalid', text: '+12345' }],
		['+0 123 456 789', { status: 'invalid', text: '+0 123 456 789' }],
		['+1234567890123456', { status: 'invalid', text: '+1234567890123456' }],
	])('parsePhone(%j)', (input, expected) => {
		expect(parsePhone(input)).toEqual(expected);
	});

	it.each([
		['950123456 / 600123456', ['+34950123456', '+34600123456']],
		['950123456; 600123456', ['+34950123456', '+34600123456']],
		['950123456, 600123456', ['+34950123456', '+34600123456']],
		['950123456 y 600123456', ['+34950123456', '+34600123456']],
		['950123456 o 600123456', ['+34950123456', '+34600123456']],
		['950123456 | 600123456', ['+34950123456', '+34600123456']],
		['950123456\n600123456', ['+34950123456', '+34600123456']],
		['950123456 600123456', ['+34950123456', '+34600123456']],
		['950123456-600123456', ['+34950123456', '+34600123456']],
		['950 12 34 56 600 12 34 56', ['+34950123456', '+34600123456']],
		['123456789 600123456', ['invalid:123456789 600123456']],
		['Tel/Fax: 950 12 34 56', ['+34950123456']],
		['950 12 34 56 / 12', ['+34950123456', 'invalid:12']],
		['no tiene', ['invalid:no tiene']],
	])('parsePhoneField(%j)', (input, expected) => {
		const numbers = parsePhoneField(input).map((candidate) =>
			candidate.status === 'invalid' ? `invalid:${candidate.text}` : candidate.number,
		);
		expect(numbers).toEqual(expected);
	});
});

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

describe('website', () => {
	it.each<[string, string | undefined]>([
		['www.finca.es', 'https://www.finca.es'],
		['WWW.Finca.ES', 'https://www.finca.es'],
		['http://finca.es', 'http://finca.es'],
		['https://Finca.es/Tienda?x=1#a', 'https://finca.es/Tienda?x=1#a'],
		['finca.es/', 'https://finca.es/'],
		['//finca.es', 'https://finca.es'],
		['www.bodega-ñ.es', 'https://www.xn--bodega--b0a.es'],
		['https://finca.es:8080/x', 'https://finca.es:8080/x'],
		['finca', undefined],
		['ftp://finca.es', undefined],
		['mailto:ana@finca.es', undefined],
		['http://user:pass@finca.es', undefined],
		['www.finca .es', undefined],
		['http://192.168.1.1', undefined],
		['http://', undefined],
	])('normalizeWebsite(%j) = %j', (input, expected) => {
		expect(normalizeWebsite(input)).toBe(expected);
	});
});

describe('kind from the data', () => {
	it.each([
		['Agrícola Almeriense, S.L.', true],
		['FRUTAS PEREZ SL', true],
		['Frutas Pérez S. L. U.', true],
		['Invernaderos del Sur, S.A.', true],
		['Exportadora SA', true],
		['CASI S.COOP.AND.', true],
		['Coop. Agraria San Isidro', true],
		['Unica Group S.C.A.', true],
		['Hortofrutícola S.A.T. Nº 9359', true],
		['SAT Campo de Níjar', true],
		['Hermanos García C.B.', true],
		['Comunidad de Regantes Sol-Poniente', true],
		['Comunidad de Propietarios Edificio Sol', true],
		['Herederos de Juan López', true],
		['Fundación Cajamar', true],
		['Ayuntamiento de El Ejido', true],
		['Asociación de Agricultores', true],
		['Primeurs du Sud SARL', true],
		['Frutas Lda', true],
		['Juan Pérez', false],
		['José Sá', true],
		['Sá Pereira', false],
		['Salvador', false],
		['Isabel Sancho', false],
	])('hasLegalForm(%j) = %s', (name, expected) => {
		expect(hasLegalForm(name)).toBe(expected);
	});

	it('short forms that are surnames do not count in person names', () => {
		expect(hasLegalForm('José Sá', false)).toBe(false);
		expect(hasLegalForm('Frutas García SL', false)).toBe(true);
	});

	it.each([
		[{ recordType: 'company' as const, name: 'Primeurs du Sud' }, 'company'],
		[{ recordType: 'company' as const, name: 'Finca Ruiz', lastName: 'Ruiz' }, 'unknown'],
		[{ recordType: 'contact' as const, firstName: 'João', lastName: 'Sá' }, 'person'],
		[{ recordType: 'contact' as const, firstName: 'Frutas del Sur S.L.' }, 'company'],
		[{ recordType: 'contact' as const, firstName: 'Pierre' }, 'unknown'],
		[
			{
				recordType: 'contact' as const,
				firstName: 'Ana',
				lastName: 'Ruiz',
				tradeName: 'Ruiz Hortalizas S.L.',
			},
			'company',
		],
		[{ recordType: 'company' as const }, 'unknown'],
	])('kindFromData(%j) = %s', (input, expected) => {
		expect(kindFromData(input)).toBe(expected);
	});
});
