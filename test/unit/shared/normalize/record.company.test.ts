/** normalizeRecord on realistic Hispatec companies, field-map options and input safety. */
import { HISPATEC_FIELD_MAP } from '../../../../nodes/shared/normalize/fields';
import { normalizeRecord } from '../../../../nodes/shared/normalize/record';
import type { RawRecord } from '../../../../nodes/shared/types';
import {
	type Case,
	itNormalizesEachCase,
	normalized,
	personContact,
	phone,
	recordBuilders,
	warn,
} from './helpers';

const RAW: RawRecord = {
	Codigo: 'E0001',
	RazonSocial: 'Agrícola Almeriense, S.L.',
	NombreComercial: '',
	CIF: 'B58378431',
	IdentificacionFiscal: null,
	NIF: '',
	Email: '',
	Telefono: '',
	Direccion: '',
	Poblacion: '',
	Provincia: '',
	CodigoPostal: '',
	Pais: '',
	Web: '',
	FechaModificacion: '2024-03-01T09:15:00',
};

const BASE = normalized({
	recordType: 'company',
	sourceId: 'E0001',
	taxId: 'B58378431',
	taxIdType: 'CIF',
	taxIdField: 'CIF',
	kind: 'company',
	name: 'Agrícola Almeriense, S.L.',
	modifiedAt: '2024-03-01T09:15:00',
});

const { raw, ok, skip } = recordBuilders('company', RAW, BASE);

/** Valid CIFs of several entity types, each in CIF as written: taken as the tax ID, the legal name as the name. */
const validCifs: Case[] = [
	[
		'agricultural cooperative (F), S.COOP.AND.',
		'Cooperativa Agrícola San Isidro, S.COOP.AND.',
		'F04123451',
	],
	['SAT with an old V CIF', 'S.A.T. Nº 9359 Hortofrutícola', 'V0412345A'],
	['town council (P) with a letter control', 'Ayuntamiento de Madrid', 'P2800000H'],
	['public body (Q) from the vectors', 'Organismo Autónomo', 'Q2818015F'],
	[
		'non-resident association (00) with a letter control',
		'Asociación Hortícola Europea',
		'G0011225J',
	],
].map(([title, RazonSocial, CIF]) => ({
	title,
	input: raw({ RazonSocial, CIF }),
	expected: ok({ taxId: CIF, name: RazonSocial }),
}));

const cases: Case[] = [
	{ title: 'clean company', input: RAW, expected: ok({}) },
	{
		title: 'trade name and website',
		input: raw({ NombreComercial: 'AgriAlmería', Web: 'www.Agricola-Almeriense.ES' }),
		expected: ok({ tradeName: 'AgriAlmería', website: 'https://www.agricola-almeriense.es' }),
	},
	{
		title: 'trade name equal to the legal name (case and punctuation aside) is dropped',
		input: raw({ NombreComercial: 'AGRICOLA ALMERIENSE S.L.' }),
		expected: ok({}),
	},
	{
		title: 'legal name empty: the trade name becomes the name',
		input: raw({ RazonSocial: ' ', NombreComercial: 'Frutas Níjar' }),
		expected: ok(
			{ name: 'Frutas Níjar' },
			warn(
				'name_from_trade_name',
				'NombreComercial',
				'RazonSocial is empty; used NombreComercial "Frutas Níjar" as the name',
			),
		),
	},
	{
		title: 'no name at all',
		input: raw({ RazonSocial: null, NombreComercial: '.' }),
		expected: skip('missing_name', 'No name: RazonSocial and NombreComercial are empty', {
			taxIdCandidate: 'B58378431',
		}),
	},
	{
		title: 'CIF only in IdentificacionFiscal with an ES prefix',
		input: raw({ CIF: '', IdentificacionFiscal: 'ESB58378431' }),
		expected: ok(
			{ taxIdField: 'IdentificacionFiscal' },
			warn(
				'tax_id_es_prefix_stripped',
				'IdentificacionFiscal',
				'Removed the ES prefix (now B58378431)',
			),
		),
	},
	{
		title: 'CIF only in NIF, lower case with a dash',
		input: raw({ CIF: null, NIF: 'j-99216582' }),
		expected: ok({ taxId: 'J99216582', taxIdField: 'NIF' }),
	},
	...validCifs,
	{
		title: 'state body (S) with a digit control: warned, accepted',
		input: raw({ RazonSocial: 'Delegación del Gobierno', CIF: 'S28000008' }),
		expected: ok(
			{ taxId: 'S28000008', name: 'Delegación del Gobierno' },
			warn(
				'cif_control_type_unusual',
				'CIF',
				'CIF S28000008 ends in a digit; entities of type S normally have a control letter',
			),
		),
	},
	{
		title: 'S.L. (B) with a letter control: warned, accepted',
		input: raw({ CIF: 'B5837843A' }),
		expected: ok(
			{ taxId: 'B5837843A' },
			warn(
				'cif_control_type_unusual',
				'CIF',
				'CIF B5837843A ends in a letter; entities of type B normally have a control digit',
			),
		),
	},
	{
		title: 'irrigation community (G) written with dots',
		input: raw({ RazonSocial: 'Comunidad de Regantes Sol-Poniente', CIF: 'G.0011225.J' }),
		expected: ok(
			{ taxId: 'G0011225J', name: 'Comunidad de Regantes Sol-Poniente' },
			warn(
				'tax_id_separators_removed',
				'CIF',
				'Removed dots, slashes or other separators from the tax ID (now G0011225J)',
			),
		),
	},
	{
		title: 'sole trader (autónomo) with a DNI in the CIF field: a person',
		input: raw({ RazonSocial: 'Finca Los Almendros', CIF: '39740191D' }),
		expected: ok({
			taxId: '39740191D',
			taxIdType: 'DNI',
			kind: 'person',
			name: 'Finca Los Almendros',
		}),
	},
	{
		title: 'wrong CIF control and empty alternatives',
		input: raw({ CIF: 'B58378432' }),
		expected: skip(
			'invalid_tax_id',
			'No valid NIF/CIF: CIF "B58378432" has a wrong control character (expected 1 or A); IdentificacionFiscal and NIF are empty',
			{ taxIdCandidate: 'B58378432' },
		),
	},
	{
		title: 'French company, foreign IDs not allowed',
		input: raw({ RazonSocial: 'Primeurs du Sud SARL', CIF: 'FR 40 303265045' }),
		expected: skip(
			'foreign_tax_id',
			'Foreign tax ID (foreign IDs are not allowed): CIF "FR 40 303265045" is a foreign tax ID (country prefix FR); IdentificacionFiscal and NIF are empty',
			{ taxIdCandidate: 'FR40303265045' },
		),
	},
	{
		title: 'French company, foreign IDs allowed',
		input: raw({
			RazonSocial: 'Primeurs du Sud SARL',
			CIF: 'FR 40 303265045',
			Pais: 'Francia',
			CodigoPostal: '13001',
		}),
		options: { allowForeignTaxIds: true },
		expected: ok(
			{
				taxId: 'FR40303265045',
				taxIdType: 'FOREIGN',
				kind: 'company',
				name: 'Primeurs du Sud SARL',
				address: { postalCode: '13001', country: 'Francia' },
			},
			warn(
				'foreign_tax_id_unverified',
				'CIF',
				'Kept the foreign tax ID FR40303265045 without validation',
			),
		),
	},
	{
		title: 'website with scheme and path keeps the path',
		input: raw({ Web: 'HTTP://WWW.Frutas-Nijar.ES/Contacto' }),
		expected: ok({ website: 'http://www.frutas-nijar.es/Contacto' }),
	},
	{
		title: 'website without a domain dropped with a warning',
		input: raw({ Web: 'agricola almeriense' }),
		expected: ok(
			{},
			warn('website_invalid', 'Web', 'Dropped an invalid website: "agricola almeriense"'),
		),
	},
	{
		title: 'company phones and e-mails',
		input: raw({
			Email: 'Administracion@Agricola.es, comercial@agricola.es',
			Telefono: '950 55 44 33; 950 55 44 34',
		}),
		expected: ok({
			email: 'administracion@agricola.es',
			emails: ['administracion@agricola.es', 'comercial@agricola.es'],
			phone: '+34950554433',
			phones: [
				phone('+34950554433', 'landline', 'Telefono'),
				phone('+34950554434', 'landline', 'Telefono'),
			],
		}),
	},
	{
		title: 'company address with derived province',
		input: raw({
			Direccion: 'Polígono La Redonda, C/ XI, 5',
			Poblacion: 'El Ejido',
			CodigoPostal: '04710',
			Pais: 'ES',
		}),
		expected: ok({
			address: {
				street: 'Polígono La Redonda, C/ XI, 5',
				city: 'El Ejido',
				province: 'Almería',
				postalCode: '04710',
				country: 'ES',
			},
		}),
	},
	{
		title: 'other fields become extra',
		input: raw({ Sector: 'Hortofrutícola', NumeroEmpleados: '45', Observaciones: 'NULL' }),
		expected: ok({ extra: { Sector: 'Hortofrutícola', NumeroEmpleados: '45' } }),
	},
];

describe('normalizeRecord: companies', () => {
	itNormalizesEachCase('company', cases);
});

describe('normalizeRecord: options', () => {
	const contact: RawRecord = {
		Codigo: 'C9',
		Nombre: 'Ana',
		Apellidos: 'Ruiz',
		IdentificacionFiscalCliente: '54362315K',
		NIF_Titular: '68785585Z',
		CorreoElectronico: 'ana@finca.es',
		Email: 'otra@finca.es',
		Tfno1: '950111222',
		Tfno2: '600111222',
		Pais: 'ES',
	};
	const base = {
		recordType: 'contact',
		sourceId: 'C9',
		kind: 'person',
		name: 'Ana Ruiz',
		firstName: 'Ana',
		lastName: 'Ruiz',
		warnings: [],
	};

	it('taxIdFields replaces the candidates; the old main field becomes extra', () => {
		expect(normalizeRecord(contact, 'contact', { taxIdFields: ['NIF_Titular'] })).toEqual({
			ok: true,
			record: {
				...base,
				taxId: '68785585Z',
				taxIdType: 'DNI',
				taxIdField: 'NIF_Titular',
				email: 'otra@finca.es',
				emails: ['otra@finca.es'],
				phones: [],
				address: { country: 'ES' },
				extra: {
					IdentificacionFiscalCliente: '54362315K',
					CorreoElectronico: 'ana@finca.es',
					Tfno1: '950111222',
					Tfno2: '600111222',
				},
			},
		});
	});

	it('fieldMap renames fields, unmaps with an empty name, and taxIdFields wins over fieldMap.taxIdFields', () => {
		expect(
			normalizeRecord(contact, 'contact', {
				taxIdFields: ['IdentificacionFiscalCliente'],
				fieldMap: {
					taxIdFields: ['NIF_Titular'],
					email: 'CorreoElectronico',
					phoneFields: ['Tfno2', 'Tfno1'],
					country: '',
				},
			}),
		).toEqual({
			ok: true,
			record: {
				...base,
				taxId: '54362315K',
				taxIdType: 'DNI',
				taxIdField: 'IdentificacionFiscalCliente',
				email: 'ana@finca.es',
				emails: ['ana@finca.es'],
				phone: '+34600111222',
				phones: [
					phone('+34600111222', 'mobile', 'Tfno2'),
					phone('+34950111222', 'landline', 'Tfno1'),
				],
				extra: { NIF_Titular: '68785585Z', Email: 'otra@finca.es', Pais: 'ES' },
			},
		});
	});

	it('an empty candidate list is a missing tax ID', () => {
		expect(normalizeRecord(contact, 'contact', { taxIdFields: [] })).toEqual({
			ok: false,
			skip: {
				recordType: 'contact',
				reason: 'missing_tax_id',
				message: 'No NIF/CIF: no tax-ID fields are configured',
				sourceId: 'C9',
				warnings: [],
			},
		});
	});

	it('a mapped name field names a contact without first and last name', () => {
		expect(
			normalizeRecord({ NombreCompleto: 'Ana Ruiz', NIF: '54362315K' }, 'contact', {
				fieldMap: { name: 'NombreCompleto', firstName: '', lastName: '' },
			}),
		).toEqual({
			ok: true,
			record: personContact({
				taxId: '54362315K',
				taxIdField: 'NIF',
				name: 'Ana Ruiz',
			}),
		});
	});

	it('exports the default field map, which callers cannot change', () => {
		expect(HISPATEC_FIELD_MAP.contact.taxIdFields).toEqual([
			'IdentificacionFiscalCliente',
			'NIF',
			'DNI',
		]);
		expect(HISPATEC_FIELD_MAP.company.taxIdFields).toEqual(['CIF', 'IdentificacionFiscal', 'NIF']);
		expect(Object.isFrozen(HISPATEC_FIELD_MAP.contact)).toBe(true);
		expect(Object.isFrozen(HISPATEC_FIELD_MAP.contact.taxIdFields)).toBe(true);
		expect(() => {
			(HISPATEC_FIELD_MAP.contact.phoneFields as string[]).push('X');
		}).toThrow(TypeError);
	});

	it('rejects an unknown record type', () => {
		expect(() => normalizeRecord({}, 'lead' as never)).toThrow(
			new TypeError('Unknown record type "lead" (expected contact or company)'),
		);
	});
});

describe('normalizeRecord: input safety', () => {
	it('ignores __proto__, constructor and prototype keys and pollutes nothing', () => {
		const input = JSON.parse(
			'{"Codigo":"C1","Nombre":"Ana","Apellidos":"Ruiz","NIF":"54362315K","__proto__":{"polluted":"yes"},"constructor":"x","prototype":"y","Cultivo":"Uva"}',
		) as RawRecord;
		const result = normalizeRecord(input, 'contact');
		expect(result).toEqual({
			ok: true,
			record: personContact({
				sourceId: 'C1',
				taxId: '54362315K',
				taxIdField: 'NIF',
				name: 'Ana Ruiz',
				firstName: 'Ana',
				lastName: 'Ruiz',
				extra: { Cultivo: 'Uva' },
			}),
		});
		expect(result.ok && Object.keys(result.record.extra)).toEqual(['Cultivo']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('does not read inherited properties and maps forbidden names to nothing', () => {
		const proto = { NIF: '54362315K', Nombre: 'Heredado' };
		const input = Object.assign(Object.create(proto) as RawRecord, {
			Apellidos: 'Ruiz',
			DNI: '68785585Z',
		});
		expect(normalizeRecord(input, 'contact', { fieldMap: { sourceId: '__proto__' } })).toEqual({
			ok: true,
			record: personContact({
				taxId: '68785585Z',
				taxIdField: 'DNI',
				name: 'Ruiz',
				lastName: 'Ruiz',
			}),
		});
	});

	it('turns numbers into text and reports values that are not text', () => {
		const input = {
			NIF: '54362315K',
			Nombre: 'Ana',
			Superficie: 12.5,
			Activo: true,
			Lista: ['a'],
		} as unknown as RawRecord;
		expect(normalizeRecord(input, 'contact')).toEqual({
			ok: true,
			record: personContact({
				taxId: '54362315K',
				taxIdField: 'NIF',
				name: 'Ana',
				firstName: 'Ana',
				extra: { Superficie: '12.5', Activo: 'true' },
				warnings: [warn('value_unsupported', 'Lista', 'Ignored a value that is not text (object)')],
			}),
		});
	});
});
