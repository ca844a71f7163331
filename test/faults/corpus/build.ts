/**
 * The bad-input corpus, built in memory by `buildCorpus()` (the fault suite calls it; 100 KB values
 * make a file of it 1.6 MB, so none is checked in). `npx tsx test/faults/corpus/build.ts --write`
 * writes test/faults/corpus/records.json to look at.
 *
 * Raw ERP records as the Hispatec emulator serves them (a value is a string, null = xsi:nil, or
 * `{ $xml }` = raw XML content), each with what must become of it:
 * - `synced`: one Clientify record with this tax ID, and (optionally) these stored values;
 * - `skipped`: skipped with one of these reasons;
 * - `clear`: any clear outcome (synced, skipped with a reason, or failed with an error), no crash.
 * Deterministic: no randomness, the same file every time.
 */
import fs from 'fs';
import path from 'path';
import { cif, dni, nie } from '../../../emulators/hispatec/dataset';

type Value = string | null | { $xml: string };
export type CorpusExpect =
	| { synced: true; taxId: string; fields?: Record<string, string> }
	| { skipped: string[] }
	| { clear: true };

export interface CorpusEntry {
	code: string;
	entity: 'contact' | 'company';
	category: string;
	note: string;
	record: Record<string, Value>;
	expect: CorpusExpect;
}

/** Sets each field as an own data property, so keys such as `__proto__` stay data (not the prototype). */
function assignOwn(record: Record<string, Value>, fields: Record<string, Value>): void {
	for (const [k, v] of Object.entries(fields))
		Object.defineProperty(record, k, {
			value: v,
			enumerable: true,
			writable: true,
			configurable: true,
		});
}

export function buildCorpus(): CorpusEntry[] {
	const entries: CorpusEntry[] = [];
	let contactNo = 0;
	let companyNo = 0;
	let idNo = 0;
	const nextDni = () => dni(31_000_000 + 7919 * ++idNo);
	const nextCif = () => cif('B', 4_000_000 + 3571 * ++idNo);

	function contact(
		category: string,
		note: string,
		fields: Record<string, Value>,
		expect: (taxId: string) => CorpusExpect,
		taxId = nextDni(),
	): void {
		const code = `QC${String(++contactNo).padStart(4, '0')}`;
		const record: Record<string, Value> = {
			Codigo: code,
			Nombre: 'Ana',
			Apellidos: `Corpus ${contactNo}`,
			IdentificacionFiscalCliente: taxId,
			Email: `qc${contactNo}@corpus.es`,
			Telefono: '950123456',
			Poblacion: 'El Ejido',
			Provincia: 'Almería',
			CodigoPostal: '04700',
			Pais: 'España',
			FechaModificacion: '2024-05-01T10:00:00+01:00',
		};
		assignOwn(record, fields);
		entries.push({ code, entity: 'contact', category, note, record, expect: expect(taxId) });
	}

	function company(
		category: string,
		note: string,
		fields: Record<string, Value>,
		expect: (taxId: string) => CorpusExpect,
		taxId = nextCif(),
	): void {
		const code = `QE${String(++companyNo).padStart(4, '0')}`;
		const record: Record<string, Value> = {
			Codigo: code,
			RazonSocial: `Corpus Agrícola ${companyNo} SL`,
			NombreComercial: '',
			CIF: taxId,
			Email: `qe${companyNo}@corpus.es`,
			Telefono: '950654321',
			Poblacion: 'Níjar',
			Provincia: 'Almería',
			CodigoPostal: '04100',
			Pais: 'España',
			FechaModificacion: '2024-05-01T10:00:00+01:00',
		};
		assignOwn(record, fields);
		entries.push({ code, entity: 'company', category, note, record, expect: expect(taxId) });
	}

	const synced =
		(fields?: Record<string, string>) =>
		(taxId: string): CorpusExpect => ({ synced: true, taxId, ...(fields ? { fields } : {}) });
	const skipped =
		(...reasons: string[]) =>
		(): CorpusExpect => ({ skipped: reasons });

	// ---- tax-ID forms ------------------------------------------------------------------------------
	const taxForms: Array<[string, (id: string) => string]> = [
		['as is', (id) => id],
		['lower case', (id) => id.toLowerCase()],
		[
			'dots and dash',
			(id) => `${id.slice(0, 2)}.${id.slice(2, 5)}.${id.slice(5, 8)}-${id.slice(8)}`,
		],
		['spaces inside', (id) => `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`],
		['ES prefix', (id) => `ES${id}`],
		['ES- prefix, lower case', (id) => `es-${id.toLowerCase()}`],
		['padded with spaces', (id) => `   ${id}  `],
		['tab and newline around', (id) => `\t${id}\n`],
		['no-break spaces around', (id) => `\u00a0${id}\u00a0`],
		['slash separator', (id) => `${id.slice(0, 8)}/${id.slice(8)}`],
		['underscore separator', (id) => `${id.slice(0, 8)}_${id.slice(8)}`],
		['zero-width space inside', (id) => `${id.slice(0, 4)}\u200b${id.slice(4)}`],
		[
			'fullwidth digits',
			(id) => id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
		],
	];
	for (const [note, form] of taxForms) {
		const id = nextDni();
		contact(
			'tax-ID forms',
			`DNI, ${note}`,
			{ IdentificacionFiscalCliente: form(id) },
			() => ({ synced: true, taxId: id }),
			id,
		);
	}
	for (const [note, form] of taxForms.slice(0, 8)) {
		const id = nextCif();
		company(
			'tax-ID forms',
			`CIF, ${note}`,
			{ CIF: form(id) },
			() => ({ synced: true, taxId: id }),
			id,
		);
	}
	for (const [prefix, n] of [
		['X', 1234567],
		['Y', 7654321],
		['Z', 1111111],
	] as const) {
		const id = nie(prefix, n + idNo);
		contact('tax-ID forms', `NIE ${prefix}`, { IdentificacionFiscalCliente: id }, synced(), id);
		const id2 = nie(prefix, n + 17 + idNo);
		contact(
			'tax-ID forms',
			`NIE ${prefix}, lower case with dashes`,
			{
				IdentificacionFiscalCliente: `${id2[0].toLowerCase()}-${id2.slice(1, 8)}-${id2[8].toLowerCase()}`,
			},
			synced(),
			id2,
		);
	}
	for (const letter of [
		'A',
		'F',
		'G',
		'J',
		'P',
		'Q',
		'S',
		'V',
		'W',
		'N',
		'R',
		'U',
		'H',
		'C',
		'D',
		'E',
	]) {
		const id = cif(letter, 2_000_000 + 101 * ++idNo);
		company('tax-ID forms', `CIF of type ${letter}`, { CIF: id }, synced(), id);
	}
	const invalidContacts: Array<[string, Value, string[]]> = [
		['wrong check letter', '12345678A', ['invalid_tax_id']],
		['too short', '123', ['invalid_tax_id']],
		['too long', '123456789012Z', ['invalid_tax_id']],
		['letters only', 'ABCDEFGHI', ['invalid_tax_id']],
		['digits only', '12345678', ['invalid_tax_id']],
		['empty', '', ['missing_tax_id']],
		['nil', null, ['missing_tax_id']],
		['only spaces', '    ', ['missing_tax_id']],
		['a dash', '-', ['missing_tax_id', 'invalid_tax_id']],
		['N/A', 'N/A', ['missing_tax_id', 'invalid_tax_id']],
		['0', '0', ['missing_tax_id', 'invalid_tax_id']],
		['Portuguese NIF', 'PT123456789', ['foreign_tax_id']],
		['French VAT', 'FR40303265045', ['foreign_tax_id']],
		['German VAT', 'DE136695976', ['foreign_tax_id']],
		['two tax IDs in one field', '12345678Z / 87654321X', ['invalid_tax_id']],
		['tax ID with a label', 'NIF: 12345678Z', ['invalid_tax_id', 'ok']],
		['NIE with wrong letter', 'X1234567A', ['invalid_tax_id']],
		['CIF in a contact, bad control', 'B12345670', ['invalid_tax_id']],
		['SQL in the tax ID', "1' OR '1'='1", ['invalid_tax_id']],
		['100 KB of digits', '1'.repeat(100 * 1024), ['invalid_tax_id']],
	];
	for (const [note, value, reasons] of invalidContacts) {
		if (reasons.includes('ok'))
			contact('tax-ID forms', `odd: ${note}`, { IdentificacionFiscalCliente: value }, () => ({
				synced: true,
				taxId: '12345678Z',
			}));
		else
			contact(
				'tax-ID forms',
				`invalid: ${note}`,
				{ IdentificacionFiscalCliente: value },
				skipped(...reasons),
			);
	}
	for (const [note, value, reasons] of [
		['wrong control digit', 'B12345679', ['invalid_tax_id']],
		['empty', '', ['missing_tax_id']],
		['Italian VAT', 'IT00743110157', ['foreign_tax_id']],
		['letters only', 'SOCIEDAD', ['invalid_tax_id']],
	] as Array<[string, Value, string[]]>) {
		company('tax-ID forms', `invalid: ${note}`, { CIF: value }, skipped(...reasons));
	}

	// ---- encodings ---------------------------------------------------------------------------------
	const names: Array<[string, Value, string]> = [
		['accents (NFC)', 'José María', 'José María'],
		['accents decomposed (NFD)', 'José María'.normalize('NFD'), 'José María'],
		['ñ and ç', 'Iñaki Çelik', 'Iñaki Çelik'],
		['numeric character references', { $xml: 'Jos&#233; Mar&#xED;a' }, 'José María'],
		['CDATA', { $xml: '<![CDATA[Ana & <Luis>]]>' }, 'Ana & <Luis>'],
		['escaped markup characters', 'Ana & "Luis" <socio>', 'Ana & "Luis" <socio>'],
		['emoji', 'Ana 🌶️🍅', 'Ana 🌶️🍅'],
		['astral plane letters', '𝔄𝔫𝔞', '𝔄𝔫𝔞'],
		['Chinese', '王秀英', '王秀英'],
		['Arabic (right to left)', 'فاطمة', 'فاطمة'],
		['Greek', 'Ελένη', 'Ελένη'],
		['Cyrillic', 'Светлана', 'Светлана'],
		['mojibake (UTF-8 read as Latin-1)', 'JosÃ© MarÃ\u00ada', 'JosÃ© MarÃ\u00ada'],
		['byte order mark inside', '\uFEFFAna', 'Ana'],
		['right-to-left override', 'Ana\u202Egnp.exe', 'Ana\u202Egnp.exe'],
		['combining marks stacked', 'Z\u0351\u0352\u0353ana', 'Z\u0351\u0352\u0353ana'],
		['Latin-1 supplement symbols', '«Ana» ¿Sí? ¡Olé! ºª', '«Ana» ¿Sí? ¡Olé! ºª'],
		['apostrophes and quotes', 'D’Alessandro “el Bueno”', 'D’Alessandro “el Bueno”'],
		['entity-looking text', '&amp; &lt;b&gt;', '&amp; &lt;b&gt;'],
		['XML reference to a supplementary character', { $xml: '&#x1F345; Tomate' }, '🍅 Tomate'],
	];
	for (const [note, value, expected] of names) {
		const exact = !note.includes('combining') && !note.includes('right-to-left');
		contact(
			'encodings',
			`first name: ${note}`,
			{ Nombre: value },
			exact ? synced({ first_name: expected }) : synced(),
		);
	}
	for (const [note, value, expected] of names.slice(0, 6)) {
		company(
			'encodings',
			`company name: ${note}`,
			{
				RazonSocial:
					value === null
						? null
						: typeof value === 'string'
							? `${value} SL`
							: { $xml: `${value.$xml} SL` },
			},
			synced({ name: `${expected} SL` }),
		);
	}

	// ---- control characters (legal in XML 1.0) -----------------------------------------------------
	const controls: Array<[string, string]> = [
		['tab inside', 'Ana\tMaría'],
		['newline inside', 'Ana\nMaría'],
		['CRLF inside', 'Ana\r\nMaría'],
		['carriage return only', 'Ana\rMaría'],
		['DEL (U+007F)', 'Ana\u007fMaría'],
		['C1 control (U+0085, NEL)', 'Ana\u0085María'],
		['C1 control (U+009F)', 'Ana\u009fMaría'],
		['line separator (U+2028)', 'Ana\u2028María'],
		['paragraph separator (U+2029)', 'Ana\u2029María'],
		['zero-width joiner', 'Ana\u200dMaría'],
		['soft hyphen', 'Ana\u00adMaría'],
		['many spaces and tabs', '  Ana \t\t  María  '],
		['only whitespace', ' \t \n '],
		['non-characters U+FFFE-like (U+FDD0)', 'Ana\ufdd0'],
	];
	for (const [note, value] of controls) {
		contact(
			'control characters',
			`first name: ${note}`,
			{ Nombre: value },
			note === 'only whitespace' ? synced({ first_name: `Corpus ${contactNo + 1}` }) : synced(),
		);
	}
	for (const [note, value] of controls.slice(0, 6)) {
		contact(
			'control characters',
			`observations: ${note}`,
			{ Observaciones: `Nota${value}fin` },
			synced(),
		);
		contact('control characters', `e-mail: ${note}`, { Email: `qa${value}@corpus.es` }, synced());
	}
	// C0 controls (U+0001…U+001F but tab, LF, CR) cannot appear in XML 1.0 even as references, and .NET
	// XmlSerializer refuses to write them, so an ASMX server never sends them.

	// ---- 100 KB fields -----------------------------------------------------------------------------
	const big = (unit: string) =>
		unit.repeat(Math.ceil((100 * 1024) / unit.length)).slice(0, 100 * 1024);
	for (const [field, value] of [
		['Nombre', big('Ana ')],
		['Apellidos', big('López ')],
		['Observaciones', big('Entrega en almacén. ')],
		['Direccion', big('Calle Real ')],
		['Email', `${big('a')}@corpus.es`],
		['Telefono', big('9')],
		['Poblacion', big('El Ejido ')],
		['Cultivo', big('Tomate ')],
		['Nombre', big('ñ')],
		['Observaciones', big('🍅')],
	] as Array<[string, string]>) {
		contact(
			'100 KB fields',
			`100 KB in ${field}${value.startsWith('ñ') ? ' (2-byte characters)' : value.startsWith('🍅') ? ' (4-byte characters)' : ''}`,
			{ [field]: value },
			synced(),
		);
	}
	company('100 KB fields', '100 KB in RazonSocial', { RazonSocial: big('Cooperativa ') }, synced());
	company('100 KB fields', '100 KB in Web', { Web: `https://${big('a')}.es` }, synced());

	// ---- HTML and script in names ------------------------------------------------------------------
	const hostile: string[] = [
		'<script>alert(1)</script>',
		'<b>Ana</b>',
		'"><img src=x onerror=alert(1)>',
		"<svg/onload=alert('x')>",
		'<iframe src="javascript:alert(1)"></iframe>',
		'</Nombre><Codigo>HACK</Codigo>',
		'<![CDATA[x]]>',
		'Robert"); DROP TABLE contacts;--',
		'={{ $env.N8N_ENCRYPTION_KEY }}',
		'{{ $json.password }}',
		'${7*7}',
		'#{7*7}',
		'<%= 7*7 %>',
		'javascript:alert(1)',
		'&lt;script&gt;',
		'<a href="https://evil.example">Ana</a>',
		'Ana<br/>López',
		'<!-- comment -->Ana',
	];
	for (const text of hostile) {
		contact(
			'HTML and script in names',
			`first name ${JSON.stringify(text).slice(0, 40)}`,
			{ Nombre: text },
			synced({ first_name: text }),
		);
	}
	for (const text of hostile.slice(0, 6)) {
		company(
			'HTML and script in names',
			`company name ${JSON.stringify(text).slice(0, 40)}`,
			{ RazonSocial: text },
			synced({ name: text }),
		);
	}
	contact(
		'HTML and script in names',
		'HTML in the surname and observations',
		{ Apellidos: '<i>López</i>', Observaciones: '<script src=//evil.example/x.js></script>' },
		synced({ last_name: '<i>López</i>' }),
	);
	company(
		'HTML and script in names',
		'javascript: website',
		{ Web: 'javascript:alert(1)' },
		synced({ 'websites.length': '0' }),
	);

	// ---- wrong types -------------------------------------------------------------------------------
	const wrongContact: Array<[string, Record<string, Value>]> = [
		['child elements in the name', { Nombre: { $xml: '<Valor>Ana</Valor><Valor>Luis</Valor>' } }],
		['child element in the e-mail', { Email: { $xml: '<Principal>a@corpus.es</Principal>' } }],
		[
			'child elements in the tax ID field',
			{ IdentificacionFiscalCliente: { $xml: '<Numero>12345678</Numero><Letra>Z</Letra>' } },
		],
		['date that is not a date', { FechaModificacion: 'ayer' }],
		['impossible date', { FechaModificacion: '2024-02-31T10:00:00' }],
		['date as a number', { FechaModificacion: '1714550400' }],
		['nil date', { FechaModificacion: null }],
		['e-mail without a domain', { Email: 'ana@' }],
		['e-mail with spaces', { Email: 'ana lopez@corpus.es' }],
		['two e-mails in one field', { Email: 'a@corpus.es; b@corpus.es' }],
		['e-mail is a URL', { Email: 'https://corpus.es' }],
		['phone with letters', { Telefono: 'llamar por la tarde' }],
		['phone too short', { Telefono: '12' }],
		['phone is an e-mail', { Telefono: 'ana@corpus.es' }],
		['postal code with letters', { CodigoPostal: 'ABCDE' }],
		['postal code from another province', { CodigoPostal: '28001' }],
		['country is a number', { Pais: '724' }],
		['country code', { Pais: 'ES' }],
		['unknown country', { Pais: 'Atlántida' }],
		['boolean in the name', { Nombre: 'true' }],
		['nil name', { Nombre: null, Apellidos: 'Solo Apellidos' }],
		['no name at all', { Nombre: '', Apellidos: '' }],
		['name is only punctuation', { Nombre: '---', Apellidos: '...' }],
		['surface with letters', { Superficie: 'mucho' }],
		['negative surface', { Superficie: '-5,00' }],
	];
	for (const [note, fields] of wrongContact) {
		const expect =
			note === 'no name at all' || note === 'name is only punctuation'
				? skipped('missing_name')
				: note === 'child elements in the tax ID field'
					? skipped('missing_tax_id', 'invalid_tax_id')
					: note === 'two e-mails in one field'
						? synced({ 'emails.0.email': 'a@corpus.es', 'emails.1.email': 'b@corpus.es' })
						: note === 'e-mail with spaces'
							? // Whitespace separates addresses (nodes/shared/normalize/email.ts): "ana" is dropped with a warning.
								synced({ 'emails.length': '1', 'emails.0.email': 'lopez@corpus.es' })
							: note.startsWith('e-mail ') || note.startsWith('child element in the e-mail')
								? synced({ 'emails.length': '0' })
								: note.startsWith('phone ')
									? synced({ 'phones.length': '0' })
									: synced();
		contact('wrong types', note, fields, expect);
	}
	for (const [note, fields] of [
		['nil company name', { RazonSocial: null, NombreComercial: '' }],
		['number of members negative', { NumeroSocios: '-5' }],
		['number of members with letters', { NumeroSocios: 'muchos' }],
		['website without a scheme', { Web: 'www.corpus.es' }],
		['website is an e-mail', { Web: 'info@corpus.es' }],
	] as Array<[string, Record<string, Value>]>) {
		company(
			'wrong types',
			note,
			fields,
			note === 'nil company name' ? skipped('missing_name') : synced(),
		);
	}

	// ---- prototype keys ----------------------------------------------------------------------------
	for (const key of [
		'__proto__',
		'constructor',
		'prototype',
		'hasOwnProperty',
		'toString',
		'valueOf',
		'__defineGetter__',
		'isPrototypeOf',
		'__lookupGetter__',
		'propertyIsEnumerable',
	]) {
		contact('prototype keys', `extra element <${key}>`, { [key]: 'polluted' }, synced());
	}
	contact(
		'prototype keys',
		'name "__proto__"',
		{ Nombre: '__proto__', Apellidos: 'constructor' },
		synced({ first_name: '__proto__', last_name: 'constructor' }),
	);
	contact(
		'prototype keys',
		'element <__proto__> with child elements',
		{ ['__proto__']: { $xml: '<polluted>yes</polluted><isAdmin>true</isAdmin>' } },
		synced(),
	);
	company('prototype keys', 'extra element <__proto__>', { ['__proto__']: 'polluted' }, synced());
	company('prototype keys', 'extra element <constructor>', { constructor: 'polluted' }, synced());
	company(
		'prototype keys',
		'name "constructor"',
		{ RazonSocial: 'constructor' },
		synced({ name: 'constructor' }),
	);

	// ---- numbers as strings and the reverse --------------------------------------------------------
	const numeric: Array<[string, Record<string, Value>, Record<string, string> | undefined]> = [
		[
			'postal code lost its leading zero',
			{ CodigoPostal: '4700' },
			{ 'addresses.0.postal_code': '04700' },
		],
		['postal code as a decimal', { CodigoPostal: '4700.0' }, undefined],
		['phone as a decimal', { Telefono: '950123456.0' }, undefined],
		['phone in scientific notation', { Telefono: '9.50123456E8' }, undefined],
		[
			'phone with +34 and spaces',
			{ Telefono: '+34 950 12 34 56' },
			{ 'phones.0.phone': '+34950123456' },
		],
		['phone with 0034', { Telefono: '0034950123456' }, { 'phones.0.phone': '+34950123456' }],
		[
			'mobile as a number with thousands separators',
			{ TelefonoMovil: '612.345.678' },
			{ 'phones.1.phone': '+34612345678' },
		],
		[
			'name is a number',
			{ Nombre: '12345', Apellidos: '67890' },
			{ first_name: '12345', last_name: '67890' },
		],
		['surname is zero', { Apellidos: '0' }, { last_name: '0' }],
		['code with leading zeros', { Observaciones: '000123' }, undefined],
		['surface with a decimal point', { Superficie: '12.5' }, undefined],
		['surface with a decimal comma', { Superficie: '12,5' }, undefined],
		['surface in scientific notation', { Superficie: '1e3' }, undefined],
		['e-mail that is all digits', { Email: '123@456.es' }, { 'emails.0.email': '123@456.es' }],
		['country as ISO number string', { Pais: '0724' }, undefined],
	];
	for (const [note, fields, checks] of numeric)
		contact('numbers as strings and the reverse', note, fields, synced(checks));
	contact(
		'numbers as strings and the reverse',
		'tax ID digits as a number (leading zero lost)',
		{ IdentificacionFiscalCliente: '1234567L' },
		synced(),
		'01234567L',
	);
	contact(
		'numbers as strings and the reverse',
		'tax ID number without its letter',
		{ IdentificacionFiscalCliente: '31415926' },
		skipped('invalid_tax_id'),
	);
	company(
		'numbers as strings and the reverse',
		'company name is a number',
		{ RazonSocial: '1234' },
		synced({ name: '1234' }),
	);
	company(
		'numbers as strings and the reverse',
		'members as a decimal',
		{ NumeroSocios: '120.0' },
		synced(),
	);
	company(
		'numbers as strings and the reverse',
		'postal code lost its leading zero',
		{ CodigoPostal: '4100' },
		synced({ 'addresses.0.postal_code': '04100' }),
	);

	// ---- the same tax ID twice (issue 8: the newest FechaModificacion wins, else the later record) ----
	{
		const id = nextDni();
		const written = `${id.slice(0, 2)}.${id.slice(2, 5)}.${id.slice(5, 8)}-${id[8].toLowerCase()}`;
		contact(
			'duplicate tax IDs',
			'same DNI written differently, newer record first (wins)',
			{ Nombre: 'Nueva', FechaModificacion: '2024-06-01T10:00:00+01:00' },
			synced({ first_name: 'Nueva' }),
			id,
		);
		contact(
			'duplicate tax IDs',
			'same DNI written differently, older record second (loses)',
			{
				IdentificacionFiscalCliente: written,
				Nombre: 'Vieja',
				FechaModificacion: '2024-01-01T10:00:00+01:00',
			},
			skipped('duplicate_tax_id'),
			id,
		);
		const id2 = nextDni();
		contact(
			'duplicate tax IDs',
			'same DNI, equal dates, first record (loses)',
			{ Nombre: 'Primera' },
			skipped('duplicate_tax_id'),
			id2,
		);
		contact(
			'duplicate tax IDs',
			'same DNI, equal dates, later record (wins)',
			{ IdentificacionFiscalCliente: `ES${id2}`, Nombre: 'Segunda' },
			synced({ first_name: 'Segunda' }),
			id2,
		);
		const id3 = nextCif();
		company(
			'duplicate tax IDs',
			'same CIF, no dates, first record (loses)',
			{ RazonSocial: 'Antigua SL', FechaModificacion: null },
			skipped('duplicate_tax_id'),
			id3,
		);
		company(
			'duplicate tax IDs',
			'same CIF lower case, no dates, later record (wins)',
			{ CIF: id3.toLowerCase(), RazonSocial: 'Moderna SL', FechaModificacion: null },
			synced({ name: 'Moderna SL' }),
			id3,
		);
	}

	return entries;
}

if (require.main === module) {
	const entries = buildCorpus();
	process.stdout.write(
		`${entries.length} corpus records (${entries.filter((e) => e.entity === 'contact').length} contacts, ${entries.filter((e) => e.entity === 'company').length} companies)\n`,
	);
	if (process.argv.includes('--write')) {
		const out = path.join(__dirname, 'records.json');
		fs.writeFileSync(out, `${JSON.stringify(entries, null, '\t')}\n`);
		process.stdout.write(`→ ${path.relative(process.cwd(), out)}\n`);
	}
}
