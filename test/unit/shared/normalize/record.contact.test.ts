/** normalizeRecord on realistic Hispatec contacts: whole results compared with toEqual. */
import { normalizeRecord } from '../../../../nodes/shared/normalize/record';
import type { RawRecord } from '../../../../nodes/shared/types';
import {
	type Case,
	itNormalizesEachCase,
	JOSE,
	normalized,
	phone,
	recordBuilders,
	warn,
} from './helpers';

/** A contact as the SOAP reader hands it over: every reference field present, most empty or nil. */
const RAW: RawRecord = {
	Codigo: 'C0001',
	Nombre: 'José',
	Apellidos: 'García López',
	IdentificacionFiscalCliente: '54362315K',
	NIF: null,
	DNI: '',
	Email: '',
	Telefono: '',
	TelefonoMovil: null,
	Direccion: '',
	Poblacion: '',
	Provincia: '',
	CodigoPostal: '',
	Pais: '',
	FechaModificacion: '2024-03-01T09:15:00',
};

const BASE = normalized({
	...JOSE,
	modifiedAt: '2024-03-01T09:15:00',
});

const { raw, ok, skip } = recordBuilders('contact', RAW, BASE);

/** One Spanish landline written in Telefono in different ways: each normalizes to the same phone. */
const landlineSpellings: Case[] = [
	['phone with +34 and spaces', '+34 950 12 34 56'],
	['phone with 0034', '0034950123456'],
	['phone with dashes', '950-12-34-56'],
	['phone with parentheses', '(950) 123 456'],
].map(([title, Telefono]) => ({
	title,
	input: raw({ Telefono }),
	expected: ok({
		phone: '+34950123456',
		phones: [phone('+34950123456', 'landline', 'Telefono')],
	}),
}));

const cases: Case[] = [
	{ title: 'clean record', input: RAW, expected: ok({}) },
	{
		title: 'lower-case NIE',
		input: raw({ IdentificacionFiscalCliente: 'x2482300w' }),
		expected: ok({ taxId: 'X2482300W', taxIdType: 'NIE' }),
	},
	{
		title: 'ES prefix',
		input: raw({ IdentificacionFiscalCliente: 'ES54362315K' }),
		expected: ok(
			{},
			warn(
				'tax_id_es_prefix_stripped',
				'IdentificacionFiscalCliente',
				'Removed the ES prefix (now 54362315K)',
			),
		),
	},
	{
		title: 'dots and dashes',
		input: raw({ IdentificacionFiscalCliente: '54.362.315-K' }),
		expected: ok(
			{},
			warn(
				'tax_id_separators_removed',
				'IdentificacionFiscalCliente',
				'Removed dots, slashes or other separators from the tax ID (now 54362315K)',
			),
		),
	},
	{
		title: 'NBSP and tab around the ID',
		input: raw({ IdentificacionFiscalCliente: '\u00a054362315 K\t' }),
		expected: ok({}),
	},
	{
		title: 'ID only in NIF',
		input: raw({ IdentificacionFiscalCliente: '', NIF: 'Y2584969J' }),
		expected: ok({ taxId: 'Y2584969J', taxIdType: 'NIE', taxIdField: 'NIF' }),
	},
	{
		title: 'ID only in DNI, nil main field, placeholder NIF',
		input: raw({ IdentificacionFiscalCliente: null, NIF: 'N/A', DNI: ' 36698729-k ' }),
		expected: ok({ taxId: '36698729K', taxIdField: 'DNI' }),
	},
	{
		title: 'main field invalid, alternative valid',
		input: raw({ IdentificacionFiscalCliente: '54362315Z', NIF: 'X2482300W' }),
		expected: ok(
			{ taxId: 'X2482300W', taxIdType: 'NIE', taxIdField: 'NIF' },
			warn(
				'tax_id_invalid_ignored',
				'IdentificacionFiscalCliente',
				'IdentificacionFiscalCliente "54362315Z" has a wrong check letter (expected K); used X2482300W from NIF',
			),
		),
	},
	{
		title: 'garbage in a later alternative',
		input: raw({ DNI: '123' }),
		expected: ok(
			{},
			warn(
				'tax_id_invalid_ignored',
				'DNI',
				'DNI "123" is malformed (3 characters after clean-up; a NIF has 9); used 54362315K from IdentificacionFiscalCliente',
			),
		),
	},
	{
		title: 'the same ID again in an alternative, formatted differently',
		input: raw({ NIF: 'ES-54362315-K' }),
		expected: ok({}),
	},
	{
		title: 'a different valid ID in an alternative',
		input: raw({ NIF: '41989851Q' }),
		expected: ok(
			{},
			warn(
				'tax_id_conflict',
				'NIF',
				'NIF holds another valid tax ID (41989851Q); used 54362315K from IdentificacionFiscalCliente',
			),
		),
	},
	{
		title: 'wrong check letter and empty alternatives',
		input: raw({ IdentificacionFiscalCliente: '12345678A' }),
		expected: skip(
			'invalid_tax_id',
			'No valid NIF/CIF: IdentificacionFiscalCliente "12345678A" has a wrong check letter (expected Z); NIF and DNI are empty',
			{ taxIdCandidate: '12345678A' },
		),
	},
	{
		title: 'two invalid candidates',
		input: raw({ IdentificacionFiscalCliente: '54362315', DNI: '5436231-K' }),
		expected: skip(
			'invalid_tax_id',
			'No valid NIF/CIF: IdentificacionFiscalCliente "54362315" is malformed (8 digits without the check letter, which would be K); DNI "5436231-K" has a wrong check letter (expected C); NIF is empty',
			{ taxIdCandidate: '54362315' },
		),
	},
	{
		title: 'no tax ID at all',
		input: raw({ IdentificacionFiscalCliente: '' }),
		expected: skip(
			'missing_tax_id',
			'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
		),
	},
	{
		title: 'placeholders in every tax-ID field',
		input: raw({ IdentificacionFiscalCliente: '-', NIF: 'null', DNI: 'sin datos' }),
		expected: skip(
			'missing_tax_id',
			'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
		),
	},
	{
		title: 'tax-ID fields absent from the record, no Codigo',
		input: { Nombre: 'Ana', Apellidos: 'Ruiz' },
		expected: skip(
			'missing_tax_id',
			'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
			{ sourceId: undefined },
		),
	},
	{
		title: 'two ES prefixes',
		input: raw({ IdentificacionFiscalCliente: 'ESES54362315K' }),
		expected: skip(
			'invalid_tax_id',
			'No valid NIF/CIF: IdentificacionFiscalCliente "ESES54362315K" is malformed (more than one ES prefix); NIF and DNI are empty',
			{ taxIdCandidate: 'ES54362315K' },
		),
	},
	{
		title: 'Portuguese VAT, foreign IDs not allowed',
		input: raw({ IdentificacionFiscalCliente: 'PT 501 234 567' }),
		expected: skip(
			'foreign_tax_id',
			'Foreign tax ID (foreign IDs are not allowed): IdentificacionFiscalCliente "PT 501 234 567" is a foreign tax ID (country prefix PT); NIF and DNI are empty',
			{ taxIdCandidate: 'PT501234567' },
		),
	},
	{
		title: 'Portuguese VAT, foreign IDs allowed, first and last name',
		input: raw({
			IdentificacionFiscalCliente: 'pt501234567',
			Nombre: 'João',
			Apellidos: 'Sá Pereira',
		}),
		options: { allowForeignTaxIds: true },
		expected: ok(
			{
				taxId: 'PT501234567',
				taxIdType: 'FOREIGN',
				kind: 'person',
				name: 'João Sá Pereira',
				firstName: 'João',
				lastName: 'Sá Pereira',
			},
			warn(
				'foreign_tax_id_unverified',
				'IdentificacionFiscalCliente',
				'Kept the foreign tax ID PT501234567 without validation',
			),
		),
	},
	{
		title: 'French VAT allowed, first name only: kind unknown',
		input: raw({ IdentificacionFiscalCliente: 'FR40303265045', Nombre: 'Pierre', Apellidos: '' }),
		options: { allowForeignTaxIds: true },
		expected: ok(
			{
				taxId: 'FR40303265045',
				taxIdType: 'FOREIGN',
				kind: 'unknown',
				name: 'Pierre',
				firstName: 'Pierre',
				lastName: undefined,
			},
			warn(
				'foreign_tax_id_unverified',
				'IdentificacionFiscalCliente',
				'Kept the foreign tax ID FR40303265045 without validation',
			),
		),
	},
	{
		title: 'foreign VAT allowed, a S.A.T. written as the contact name: kind company',
		input: raw({
			IdentificacionFiscalCliente: 'FR40303265045',
			Nombre: 'Hortofrutícola S.A.T. Nº 9359',
			Apellidos: null,
		}),
		options: { allowForeignTaxIds: true },
		expected: ok(
			{
				taxId: 'FR40303265045',
				taxIdType: 'FOREIGN',
				kind: 'company',
				name: 'Hortofrutícola S.A.T. Nº 9359',
				firstName: 'Hortofrutícola S.A.T. Nº 9359',
				lastName: undefined,
			},
			warn(
				'foreign_tax_id_unverified',
				'IdentificacionFiscalCliente',
				'Kept the foreign tax ID FR40303265045 without validation',
			),
		),
	},
	{
		title: 'foreign VAT in the main field, valid DNI in an alternative',
		input: raw({ IdentificacionFiscalCliente: 'FR40303265045', DNI: '54362315K' }),
		expected: ok(
			{ taxIdField: 'DNI' },
			warn(
				'foreign_tax_id_ignored',
				'IdentificacionFiscalCliente',
				'IdentificacionFiscalCliente "FR40303265045" is a foreign tax ID (country prefix FR); used 54362315K from DNI',
			),
		),
	},
	{
		title: 'short DNI from a numeric column',
		input: raw({ IdentificacionFiscalCliente: '7060225F' }),
		expected: ok(
			{ taxId: '07060225F' },
			warn(
				'tax_id_zero_padded',
				'IdentificacionFiscalCliente',
				'Zero-padded a short DNI: 7060225F → 07060225F',
			),
		),
	},
	{
		title: 'legacy 10-character NIE',
		input: raw({ IdentificacionFiscalCliente: 'X-00095892-M' }),
		expected: ok(
			{ taxId: 'X0095892M', taxIdType: 'NIE' },
			warn(
				'tax_id_nie_legacy_shortened',
				'IdentificacionFiscalCliente',
				'Shortened a legacy 10-character NIE: X00095892M → X0095892M',
			),
		),
	},
	{
		title: 'placeholder DNI 12345678Z',
		input: raw({ IdentificacionFiscalCliente: '12345678Z' }),
		expected: ok(
			{ taxId: '12345678Z' },
			warn(
				'suspicious_placeholder',
				'IdentificacionFiscalCliente',
				'Tax ID 12345678Z is valid but looks like a placeholder or test number',
			),
		),
	},
	{
		title: 'K NIF (minor without DNI)',
		input: raw({ IdentificacionFiscalCliente: 'K0000023T' }),
		expected: ok({ taxId: 'K0000023T', taxIdType: 'NIF_KLM' }),
	},
	{
		title: 'L NIF (Spaniard abroad)',
		input: raw({ IdentificacionFiscalCliente: 'l3453453a' }),
		expected: ok({ taxId: 'L3453453A', taxIdType: 'NIF_KLM' }),
	},
	{
		title: 'M NIF (foreigner without NIE)',
		input: raw({ NIF: 'M2812345C', IdentificacionFiscalCliente: '' }),
		expected: ok({ taxId: 'M2812345C', taxIdType: 'NIF_KLM', taxIdField: 'NIF' }),
	},
	{
		title: 'a CIF on a contact makes it a company',
		input: raw({ IdentificacionFiscalCliente: 'B-58378431' }),
		expected: ok({ taxId: 'B58378431', taxIdType: 'CIF', kind: 'company' }),
	},
	{
		title: 'NBSP and runs of spaces in names',
		input: raw({ Nombre: ' María\u00a0 José ', Apellidos: 'Fernández\u00a0\u00a0Ruiz\u200b' }),
		expected: ok({
			firstName: 'María José',
			lastName: 'Fernández Ruiz',
			name: 'María José Fernández Ruiz',
		}),
	},
	{
		title: 'entity-decoded Ñ and decomposed accents',
		input: raw({ Nombre: 'IÑAKI', Apellidos: 'MUN\u0303OZ IBA\u0301N\u0303EZ' }),
		expected: ok({ firstName: 'IÑAKI', lastName: 'MUÑOZ IBÁÑEZ', name: 'IÑAKI MUÑOZ IBÁÑEZ' }),
	},
	{
		title: 'surname only',
		input: raw({ Nombre: '', Apellidos: 'Martínez Soler' }),
		expected: ok({ firstName: undefined, lastName: 'Martínez Soler', name: 'Martínez Soler' }),
	},
	{
		title: 'no name',
		input: raw({ Nombre: '  ', Apellidos: '-' }),
		expected: skip('missing_name', 'No name: Nombre and Apellidos are empty', {
			taxIdCandidate: '54362315K',
		}),
	},
	{
		title: 'e-mail with capitals and spaces',
		input: raw({ Email: ' Jose.Garcia@Gmail.COM ' }),
		expected: ok({ email: 'jose.garcia@gmail.com', emails: ['jose.garcia@gmail.com'] }),
	},
	{
		title: 'three addresses in one field',
		input: raw({ Email: 'jose@agricola.es; ventas@agricola.es , admin@agricola.es' }),
		expected: ok({
			email: 'jose@agricola.es',
			emails: ['jose@agricola.es', 'ventas@agricola.es', 'admin@agricola.es'],
		}),
	},
	{
		title: 'mailto, angle brackets, trailing dot',
		input: raw({ Email: 'mailto:<Info@Coop-SanIsidro.es>.' }),
		expected: ok({ email: 'info@coop-sanisidro.es', emails: ['info@coop-sanisidro.es'] }),
	},
	{
		title: 'display name and a duplicate',
		input: raw({ Email: '"José García" <jose@agricola.es>; JOSE@agricola.es' }),
		expected: ok({ email: 'jose@agricola.es', emails: ['jose@agricola.es'] }),
	},
	{
		title: 'invalid e-mail dropped with a warning',
		input: raw({ Email: 'jose@gmail' }),
		expected: ok(
			{},
			warn('email_invalid', 'Email', 'Dropped an invalid e-mail address: "jose@gmail"'),
		),
	},
	{
		title: 'invalid address first, valid second',
		input: raw({ Email: 'jose(at)gmail.com; ana@agricola.es' }),
		expected: ok(
			{ email: 'ana@agricola.es', emails: ['ana@agricola.es'] },
			warn('email_invalid', 'Email', 'Dropped an invalid e-mail address: "jose(at)gmail.com"'),
		),
	},
	{ title: 'placeholder e-mail', input: raw({ Email: 'sin datos' }), expected: ok({}) },
	{
		title: 'IDN domain to A-labels',
		input: raw({ Email: 'info@cañas.es' }),
		expected: ok({ email: 'info@xn--caas-hqa.es', emails: ['info@xn--caas-hqa.es'] }),
	},
	...landlineSpellings,
	{
		title: 'two numbers in Telefono',
		input: raw({ Telefono: '950 12 34 56 / 600123456' }),
		expected: ok({
			phone: '+34950123456',
			phones: [
				phone('+34950123456', 'landline', 'Telefono'),
				phone('+34600123456', 'mobile', 'Telefono'),
			],
		}),
	},
	{
		title: 'two numbers joined by " y "',
		input: raw({ Telefono: '950 12 34 56 y 600 11 22 33' }),
		expected: ok({
			phone: '+34950123456',
			phones: [
				phone('+34950123456', 'landline', 'Telefono'),
				phone('+34600112233', 'mobile', 'Telefono'),
			],
		}),
	},
	{
		title: 'Telefono and TelefonoMovil merged, Telefono first',
		input: raw({ Telefono: '950 12 34 56', TelefonoMovil: '600 12 34 56' }),
		expected: ok({
			phone: '+34950123456',
			phones: [
				phone('+34950123456', 'landline', 'Telefono'),
				phone('+34600123456', 'mobile', 'TelefonoMovil'),
			],
		}),
	},
	{
		title: 'mobile only',
		input: raw({ TelefonoMovil: '600123456' }),
		expected: ok({
			phone: '+34600123456',
			phones: [phone('+34600123456', 'mobile', 'TelefonoMovil')],
		}),
	},
	{
		title: 'same number in both fields',
		input: raw({ Telefono: '600123456', TelefonoMovil: '+34 600 12 34 56' }),
		expected: ok({
			phone: '+34600123456',
			phones: [phone('+34600123456', 'mobile', 'Telefono')],
		}),
	},
	{
		title: 'Portuguese number kept with a warning',
		input: raw({ TelefonoMovil: '+351 912 345 678' }),
		expected: ok(
			{ phone: '+351912345678', phones: [phone('+351912345678', 'other', 'TelefonoMovil')] },
			warn(
				'foreign_phone_unverified',
				'TelefonoMovil',
				'Kept the non-Spanish number +351912345678 without checking it',
			),
		),
	},
	{
		title: 'too short a number dropped with a warning',
		input: raw({ Telefono: '12345' }),
		expected: ok(
			{},
			warn(
				'phone_invalid',
				'Telefono',
				'Dropped a phone number that is neither Spanish nor international: "12345"',
			),
		),
	},
	{
		title: '4-digit postal code, no country, no province',
		input: raw({ CodigoPostal: '4700' }),
		expected: ok(
			{ address: { postalCode: '04700', province: 'Almería' } },
			warn(
				'postal_code_zero_padded',
				'CodigoPostal',
				'Left-padded the 4-digit postal code 4700 to 04700',
			),
		),
	},
	{
		title: 'full Spanish address',
		input: raw({
			Direccion: 'Ctra. de Málaga,  km 12',
			Poblacion: 'El Ejido',
			Provincia: 'Almería',
			CodigoPostal: '04700',
			Pais: 'España',
		}),
		expected: ok({
			address: {
				street: 'Ctra. de Málaga, km 12',
				city: 'El Ejido',
				province: 'Almería',
				postalCode: '04700',
				country: 'ES',
			},
		}),
	},
	{
		title: 'province in capitals without accent is written in its INE form',
		input: raw({ Provincia: 'ALMERIA', CodigoPostal: '04700', Pais: 'ESPAÑA' }),
		expected: ok({ address: { province: 'Almería', postalCode: '04700', country: 'ES' } }),
	},
	{
		title: 'Vizcaya becomes Bizkaia',
		input: raw({ Provincia: 'Vizcaya', CodigoPostal: '48001', Pais: 'ES' }),
		expected: ok({ address: { province: 'Bizkaia', postalCode: '48001', country: 'ES' } }),
	},
	{
		title: 'Gerona becomes Girona',
		input: raw({ Provincia: 'Gerona', CodigoPostal: '17001', Pais: 'ESP' }),
		expected: ok({ address: { province: 'Girona', postalCode: '17001', country: 'ES' } }),
	},
	{
		title: 'a recognized province without postal code is written in its INE form',
		input: raw({ Provincia: 'lerida' }),
		expected: ok({ address: { province: 'Lleida' } }),
	},
	{
		title: 'baleares becomes Illes Balears',
		input: raw({ Provincia: 'baleares', CodigoPostal: '07001', Pais: 'Spain' }),
		expected: ok({ address: { province: 'Illes Balears', postalCode: '07001', country: 'ES' } }),
	},
	{
		title: 'province contradicts the postal code',
		input: raw({ Poblacion: 'Sevilla', Provincia: 'Almería', CodigoPostal: '41001' }),
		expected: ok(
			{ address: { city: 'Sevilla', province: 'Almería', postalCode: '41001' } },
			warn(
				'province_mismatch',
				'Provincia',
				'Provincia "Almería" contradicts postal code 41001 (Sevilla); kept "Almería"',
			),
		),
	},
	{
		title: 'unknown province text is kept without a warning',
		input: raw({ Provincia: 'Poniente Almeriense', CodigoPostal: '04700' }),
		expected: ok({ address: { province: 'Poniente Almeriense', postalCode: '04700' } }),
	},
	{
		title: 'postal code with prefix 00 dropped',
		input: raw({ Poblacion: 'Adra', CodigoPostal: '00770' }),
		expected: ok(
			{ address: { city: 'Adra' } },
			warn(
				'postal_code_invalid',
				'CodigoPostal',
				'Dropped an invalid Spanish postal code: "00770" (5 digits, province 01–52)',
			),
		),
	},
	{
		title: 'postal code 53xxx dropped, no address left',
		input: raw({ CodigoPostal: '53001' }),
		expected: ok(
			{},
			warn(
				'postal_code_invalid',
				'CodigoPostal',
				'Dropped an invalid Spanish postal code: "53001" (5 digits, province 01–52)',
			),
		),
	},
	{
		title: 'Portuguese address kept as given',
		input: raw({ Poblacion: 'Lisboa', CodigoPostal: '1000-001', Pais: 'Portugal' }),
		expected: ok({ address: { city: 'Lisboa', postalCode: '1000-001', country: 'Portugal' } }),
	},
	{
		title: 'other fields become extra, empty and placeholder ones are dropped',
		input: raw({
			TipoCliente: 'Agricultor',
			Cultivo: ' Tomate ',
			Superficie: '12,5',
			FormaPago: '',
			Observaciones: '-',
			Comercial: null,
		}),
		expected: ok({ extra: { TipoCliente: 'Agricultor', Cultivo: 'Tomate', Superficie: '12,5' } }),
	},
	{
		title: 'multi-line observations keep their line breaks',
		input: raw({ Observaciones: '  Paga a 60 días.\nVisitar en marzo.  ' }),
		expected: ok({ extra: { Observaciones: 'Paga a 60 días.\nVisitar en marzo.' } }),
	},
	{
		title: 'every optional field nil',
		input: {
			Codigo: 'C0002',
			Nombre: 'Ana',
			Apellidos: null,
			IdentificacionFiscalCliente: '50172129K',
			NIF: null,
			DNI: null,
			Email: null,
			Telefono: null,
			TelefonoMovil: null,
			Direccion: null,
			Poblacion: null,
			Provincia: null,
			CodigoPostal: null,
			Pais: null,
			FechaModificacion: null,
		},
		expected: {
			ok: true,
			record: {
				recordType: 'contact',
				sourceId: 'C0002',
				taxId: '50172129K',
				taxIdType: 'DNI',
				taxIdField: 'IdentificacionFiscalCliente',
				kind: 'person',
				name: 'Ana',
				firstName: 'Ana',
				emails: [],
				phones: [],
				extra: {},
				warnings: [],
			},
		},
	},
	{
		title: 'a skipped record still reports the other problems it had',
		input: raw({ IdentificacionFiscalCliente: '', Email: 'jose@', CodigoPostal: '99999' }),
		expected: skip(
			'missing_tax_id',
			'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
			{
				warnings: [
					warn('email_invalid', 'Email', 'Dropped an invalid e-mail address: "jose@"'),
					warn(
						'postal_code_invalid',
						'CodigoPostal',
						'Dropped an invalid Spanish postal code: "99999" (5 digits, province 01–52)',
					),
				],
			},
		),
	},
	{
		title: 'a messy but complete record',
		input: {
			Codigo: ' 000123 ',
			Nombre: 'FRANCISCO JAVIER',
			Apellidos: 'LÓPEZ  MARTÍNEZ',
			IdentificacionFiscalCliente: 'ES 71.110.316-c',
			NIF: '--',
			DNI: null,
			Email: 'mailto:FJLopez@Hotmail.com; fincas.lopez@gmail.com.',
			Telefono: '950 48 12 34 / 0034 666 55 44 33',
			TelefonoMovil: '666554433',
			Direccion: 'Paraje Las Norias, s/n',
			Poblacion: 'La Mojonera',
			Provincia: '',
			CodigoPostal: '4745',
			Pais: 'ESPAÑA',
			FechaModificacion: '2024-05-17T12:00:00+02:00',
			Cultivo: 'Pimiento',
			Superficie: '3.5 ha',
			Observaciones: 'N/A',
		},
		expected: {
			ok: true,
			record: {
				recordType: 'contact',
				sourceId: '000123',
				taxId: '71110316C',
				taxIdType: 'DNI',
				taxIdField: 'IdentificacionFiscalCliente',
				kind: 'person',
				name: 'FRANCISCO JAVIER LÓPEZ MARTÍNEZ',
				firstName: 'FRANCISCO JAVIER',
				lastName: 'LÓPEZ MARTÍNEZ',
				email: 'fjlopez@hotmail.com',
				emails: ['fjlopez@hotmail.com', 'fincas.lopez@gmail.com'],
				phone: '+34950481234',
				phones: [
					phone('+34950481234', 'landline', 'Telefono'),
					phone('+34666554433', 'mobile', 'Telefono'),
				],
				address: {
					street: 'Paraje Las Norias, s/n',
					city: 'La Mojonera',
					province: 'Almería',
					postalCode: '04745',
					country: 'ES',
				},
				modifiedAt: '2024-05-17T12:00:00+02:00',
				extra: { Cultivo: 'Pimiento', Superficie: '3.5 ha' },
				warnings: [
					warn(
						'tax_id_separators_removed',
						'IdentificacionFiscalCliente',
						'Removed dots, slashes or other separators from the tax ID (now ES71110316C)',
					),
					warn(
						'tax_id_es_prefix_stripped',
						'IdentificacionFiscalCliente',
						'Removed the ES prefix (now 71110316C)',
					),
					warn(
						'postal_code_zero_padded',
						'CodigoPostal',
						'Left-padded the 4-digit postal code 4745 to 04745',
					),
				],
			},
		},
	},
];

describe('normalizeRecord: contacts', () => {
	itNormalizesEachCase('contact', cases);

	it('does not modify its input', () => {
		const input = raw({ Email: 'A@B.ES', Telefono: '950123456', Cultivo: 'Uva' });
		const copy = { ...input };
		normalizeRecord(input, 'contact');
		expect(input).toEqual(copy);
	});
});
