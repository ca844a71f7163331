/**
 * The emulator's data: a deterministic, realistic Spanish agri-food seed (contacts and companies with
 * tricky values), a synthetic generator for benchmarks, and a mutable store for trigger tests.
 *
 * A value is a string, `null` (served as `xsi:nil="true"`), or `{ $xml: '…' }`: raw XML content
 * written verbatim (CDATA sections, numeric character references). A missing key is not served at all.
 */
import type { RecordType } from '../../nodes/shared/types';

export type EmulatorValue = string | null | { $xml: string };
export type EmulatorRecord = Record<string, EmulatorValue> & { Codigo: string };

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export function dni(digits: number): string {
	return `${String(digits).padStart(8, '0')}${LETTERS[digits % 23]}`;
}

export function nie(prefix: 'X' | 'Y' | 'Z', digits: number): string {
	const n = 'XYZ'.indexOf(prefix) * 10_000_000 + digits;
	return `${prefix}${String(digits).padStart(7, '0')}${LETTERS[n % 23]}`;
}

export function klm(prefix: 'K' | 'L' | 'M', digits: number): string {
	return `${prefix}${String(digits).padStart(7, '0')}${LETTERS[digits % 23]}`;
}

/** Entity NIF (CIF) with the usual control type: letter for P Q R S W N, digit otherwise. */
export function cif(letter: string, digits: number): string {
	const body = String(digits).padStart(7, '0');
	let sum = 0;
	for (let i = 0; i < 7; i++) {
		let d = Number(body[i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	const c = (10 - (sum % 10)) % 10;
	const control = 'PQRSWN'.includes(letter) ? 'JABCDEFGHI'[c] : String(c);
	return `${letter}${body}${control}`;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST_NAMES = [
	'Antonio',
	'José',
	'Manuel',
	'Francisco',
	'Juan',
	'María',
	'Carmen',
	'Ana',
	'Isabel',
	'Dolores',
	'Pilar',
	'Ginés',
	'Trinidad',
	'Encarnación',
	'Rosario',
	'Miguel Ángel',
	'José Luis',
	'Francisca',
	'Diego',
	'Remedios',
];
const SURNAMES = [
	'García',
	'Martínez',
	'López',
	'Sánchez',
	'Fernández',
	'Gómez',
	'Pérez',
	'Muñoz',
	'Jiménez',
	'Ruiz',
	'Hernández',
	'Díaz',
	'Moreno',
	'Álvarez',
	'Romero',
	'Navarro',
	'Torres',
	'Ibáñez',
	'Cantón',
	'Maldonado',
	'Fuentes',
	'Escobar',
];
const PLACES: Array<[string, string, string, string]> = [
	['El Ejido', 'Almería', '04700', '950'],
	['Níjar', 'Almería', '04100', '950'],
	['Roquetas de Mar', 'Almería', '04740', '950'],
	['Vícar', 'Almería', '04738', '950'],
	['Adra', 'Almería', '04770', '950'],
	['Cartagena', 'Murcia', '30200', '968'],
	['Lorca', 'Murcia', '30800', '968'],
	['Águilas', 'Murcia', '30880', '968'],
	['Torre-Pacheco', 'Murcia', '30700', '968'],
	['Lepe', 'Huelva', '21440', '959'],
	['Moguer', 'Huelva', '21800', '959'],
	['Cartaya', 'Huelva', '21450', '959'],
	['Alzira', 'Valencia', '46600', '962'],
	['Sueca', 'Valencia', '46410', '961'],
	['Motril', 'Granada', '18600', '958'],
	['Vélez-Málaga', 'Málaga', '29700', '952'],
];
const CROPS = [
	'Tomate',
	'Pimiento',
	'Pepino',
	'Calabacín',
	'Berenjena',
	'Sandía',
	'Melón',
	'Fresa',
	'Arándano',
	'Frambuesa',
	'Cítricos',
	'Aguacate',
	'Lechuga',
	'Brócoli',
	'Uva de mesa',
	'Almendro',
];
const STREETS = [
	'Calle Real',
	'Avenida de la Libertad',
	'Paraje Los Llanos',
	'Camino de la Rambla',
	'Calle San Isidro',
	'Carretera de Málaga',
	'Calle Invernaderos',
	'Paraje El Cortijo',
];
const PAYMENTS = ['Transferencia 30 días', 'Recibo domiciliado', 'Confirming 60 días', 'Contado'];
const DOMAINS = ['gmail.com', 'hotmail.es', 'telefonica.net', 'yahoo.es'];

function pick<T>(rand: () => number, list: readonly T[]): T {
	return list[Math.floor(rand() * list.length)];
}

function ascii(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/\s+/g, '')
		.toLowerCase();
}

/** `2024-MM-DDTHH:mm:00+01:00` spread over 2024, deterministic. */
function stamp(rand: () => number): string {
	const month = 1 + Math.floor(rand() * 10);
	const day = 1 + Math.floor(rand() * 28);
	const hour = 7 + Math.floor(rand() * 11);
	const minute = Math.floor(rand() * 60);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `2024-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+01:00`;
}

function farmer(rand: () => number, n: number, taxId: string): EmulatorRecord {
	const first = pick(rand, FIRST_NAMES);
	const s1 = pick(rand, SURNAMES);
	const s2 = pick(rand, SURNAMES);
	const [city, province, postal, prefix] = pick(rand, PLACES);
	const mobile = `6${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
	const landline = `${prefix}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
	return {
		Codigo: `C${String(n).padStart(5, '0')}`,
		Nombre: first,
		Apellidos: `${s1} ${s2}`,
		IdentificacionFiscalCliente: taxId,
		NIF: '',
		DNI: null,
		Email: `${ascii(first)}.${ascii(s1)}${n}@${pick(rand, DOMAINS)}`,
		Telefono: landline,
		TelefonoMovil: mobile,
		Direccion: `${pick(rand, STREETS)}, ${1 + Math.floor(rand() * 120)}`,
		Poblacion: city,
		Provincia: province,
		CodigoPostal: postal,
		Pais: 'España',
		FechaModificacion: stamp(rand),
		TipoCliente: rand() < 0.8 ? 'Agricultor' : 'Socio',
		Cultivo: pick(rand, CROPS),
		Superficie: `${1 + Math.floor(rand() * 30)},${String(Math.floor(rand() * 100)).padStart(2, '0')}`,
		FormaPago: pick(rand, PAYMENTS),
		Observaciones: '',
	};
}

function company(
	rand: () => number,
	n: number,
	taxId: string,
	name: string,
	trade: string,
	type: string,
): EmulatorRecord {
	const [city, province, postal, prefix] = pick(rand, PLACES);
	const slug = ascii(trade || name)
		.replace(/[^a-z0-9]/g, '')
		.slice(0, 18);
	return {
		Codigo: `E${String(n).padStart(5, '0')}`,
		RazonSocial: name,
		NombreComercial: trade,
		CIF: taxId,
		IdentificacionFiscal: '',
		NIF: null,
		Email: `administracion@${slug}.es`,
		Telefono: `${prefix}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`,
		Direccion: `${pick(rand, STREETS)}, ${1 + Math.floor(rand() * 60)}`,
		Poblacion: city,
		Provincia: province,
		CodigoPostal: postal,
		Pais: 'España',
		Web: `https://www.${slug}.es`,
		FechaModificacion: stamp(rand),
		TipoCliente: type,
		Cultivo: pick(rand, CROPS),
		Superficie: `${10 + Math.floor(rand() * 900)},00`,
		FormaPago: pick(rand, PAYMENTS),
		NumeroSocios:
			type === 'Cooperativa' || type === 'SAT' ? String(20 + Math.floor(rand() * 900)) : '',
		Observaciones: '',
	};
}

/** The seed dataset: 72 contacts and 42 companies, always the same. */
export function seedDataset(): { contacts: EmulatorRecord[]; companies: EmulatorRecord[] } {
	const rand = prng(20240521);
	const contacts: EmulatorRecord[] = [];
	let n = 1;
	// 44 farmers with a plain DNI
	for (let i = 0; i < 44; i++)
		contacts.push(farmer(rand, n++, dni(10_000_000 + Math.floor(rand() * 79_999_999))));
	// 12 with a NIE (X, Y, Z)
	for (let i = 0; i < 12; i++)
		contacts.push(
			farmer(rand, n++, nie((['X', 'Y', 'Z'] as const)[i % 3], Math.floor(rand() * 9_999_999))),
		);
	// 3 with K/L/M NIFs
	contacts.push(farmer(rand, n++, klm('K', 23)));
	contacts.push(farmer(rand, n++, klm('L', 3453453)));
	contacts.push(farmer(rand, n++, klm('M', 1234567)));

	// Tricky contacts (C00060…C00072)
	const tricky: Array<Partial<EmulatorRecord>> = [
		{ IdentificacionFiscalCliente: '12345678z', Nombre: 'pedro', Apellidos: 'garcía lópez' }, // lower case
		{ IdentificacionFiscalCliente: 'ES54362315K', Email: 'JUAN.MARTINEZ@GMAIL.COM' }, // ES prefix, upper-case e-mail
		{
			IdentificacionFiscalCliente: '36.698.729-K',
			Telefono: '+34 950 12 34 56',
			TelefonoMovil: '0034 612-345-678',
		}, // dots and dashes
		{ IdentificacionFiscalCliente: '', NIF: '41989851Q' }, // only in NIF
		{ IdentificacionFiscalCliente: null, NIF: null, DNI: 'X2482300W' }, // only in DNI (a NIE)
		{ IdentificacionFiscalCliente: '50172129A' }, // wrong check letter
		{ IdentificacionFiscalCliente: '', NIF: '', DNI: '' }, // no tax ID at all
		{
			IdentificacionFiscalCliente: 'PT123456789',
			Pais: 'Portugal',
			Poblacion: 'Faro',
			Provincia: 'Algarve',
			CodigoPostal: '8000-123',
		}, // foreign
		{
			Nombre: '  Ginés  ',
			Apellidos: '  Cantón   Ibáñez ',
			IdentificacionFiscalCliente: '  07060225F  ',
			Email: '  gines.canton@telefonica.net ',
		}, // padded
		{
			Nombre: 'Hermanos Pérez & Hijos',
			Apellidos: "D'Alessandro <Socio>",
			IdentificacionFiscalCliente: '71110316C',
			Observaciones: 'Pago "preferente" & urgente; ver <nota>',
		}, // escaped characters
		{
			Nombre: { $xml: 'Mu&#241;oz &#x26; Cía' },
			IdentificacionFiscalCliente: '39740191D',
			Observaciones: { $xml: '<![CDATA[Entrega en <almacén> nº 2 & muelle "B"]]>' },
		}, // numeric refs and CDATA
		{
			IdentificacionFiscalCliente: '1234567L',
			Telefono: null,
			TelefonoMovil: null,
			Email: null,
			Direccion: null,
		}, // short DNI, nil contact data
		{ Nombre: '', Apellidos: '', IdentificacionFiscalCliente: '09464186P' }, // no name
	];
	for (const overrides of tricky) {
		const base = farmer(rand, n++, '');
		contacts.push({ ...base, ...overrides } as EmulatorRecord);
	}

	const companies: EmulatorRecord[] = [];
	let e = 1;
	const coopNames = [
		'Agroponiente',
		'Campo de Níjar',
		'Hortofrutícola Costa de Almería',
		'Fresas del Condado',
		'Citrícola del Júcar',
		'Cooperativa Agrícola San Isidro',
		'Frutas de Lepe',
		'Horticultores del Campo de Cartagena',
	];
	/** One company per name: a random CIF of `letter`, legal name `name + legalSuffix`, a TipoCliente. */
	const addCompanies = (
		names: string[],
		letter: string,
		kind: string,
		legalSuffix: string,
		tradeName = (name: string) => name,
	) => {
		for (const name of names)
			companies.push(
				company(
					rand,
					e++,
					cif(letter, Math.floor(rand() * 9_999_999)),
					`${name}${legalSuffix}`,
					tradeName(name),
					kind,
				),
			);
	};
	addCompanies(coopNames, 'F', 'Cooperativa', ' S. Coop. And.');
	const satNames = [
		'SAT Hortamar',
		'SAT Costa Tropical',
		'SAT Los Llanos',
		'SAT Tierra de Lorca',
		'SAT Berries del Sur',
		'SAT Invernaderos Unidos',
	];
	addCompanies(satNames, 'V', 'SAT', '', (name) => name.replace('SAT ', ''));
	const slNames = [
		'Agrícola Martínez Hermanos',
		'Semilleros del Poniente',
		'Plásticos Agrícolas del Sur',
		'Riegos y Fertirrigación Almería',
		'Exportaciones Hortofrutícolas Lorca',
		'Biocontrol Sureste',
		'Transportes Frigoríficos Moguer',
		'Envases Agrícolas Vícar',
		'Viveros El Cortijo',
		'Fitosanitarios Campo Sur',
	];
	addCompanies(slNames, 'B', 'Proveedor', ' S.L.');
	const saNames = [
		'Grupo Hortofrutícola Mediterráneo',
		'Conservas Vegetales del Segura',
		'Maquinaria Agrícola Ibérica',
		'Zumos Naturales de Valencia',
	];
	addCompanies(saNames, 'A', 'Cliente', ' S.A.');
	companies.push(
		company(
			rand,
			e++,
			'Q2818015F',
			'Instituto de Investigación y Formación Agraria',
			'IFAPA',
			'Organismo público',
		),
	);
	companies.push(
		company(rand, e++, cif('P', 400_100), 'Ayuntamiento de El Ejido', '', 'Administración'),
	);
	companies.push(
		company(
			rand,
			e++,
			cif('S', 4_111_001),
			'Delegación Territorial de Agricultura de Almería',
			'',
			'Administración',
		),
	);
	companies.push(
		company(
			rand,
			e++,
			cif('G', 4_512_345),
			'Comunidad de Regantes Sol y Arena',
			'CR Sol y Arena',
			'Comunidad de regantes',
		),
	);
	companies.push(
		company(
			rand,
			e++,
			cif('E', 4_898_765),
			'Hermanos Fuentes Escobar C.B.',
			'Finca Los Fuentes',
			'Agricultor',
		),
	);

	// Tricky companies (E00034…E00042)
	const trickyCompanies: Array<Partial<EmulatorRecord>> = [
		{ RazonSocial: 'exportaciones almerienses s.l.', CIF: 'b58378431' }, // lower case
		{ RazonSocial: 'Agrícola del Andarax S.L.', CIF: 'ESA58951310' }, // ES prefix
		{ RazonSocial: 'Tomates Rambla S.L.', CIF: 'J-99.216.582' }, // dots and dashes
		{ RazonSocial: 'Frutas Paco S.L.', CIF: '', IdentificacionFiscal: 'D78118080' }, // only alternative
		{ RazonSocial: 'Hortícola Sin CIF S.L.', CIF: null, IdentificacionFiscal: null, NIF: null }, // no tax ID
		{ RazonSocial: 'Invernaderos Erróneos S.L.', CIF: 'B64717839' }, // wrong control
		{
			RazonSocial: 'Frutas Portuguesas Lda.',
			CIF: 'PT501234567',
			Pais: 'Portugal',
			Poblacion: 'Tavira',
			CodigoPostal: '8800-000',
		}, // foreign
		{
			RazonSocial: { $xml: '<![CDATA[Caña & Azúcar <Motril> S.A.]]>' },
			NombreComercial: { $xml: 'Ca&#241;a' },
			CIF: 'A28017895',
			Web: '  www.canayazucar.es ',
		}, // CDATA, numeric character reference, padded
		{
			RazonSocial: 'Autónomo Agricultor Hernández',
			NombreComercial: 'Finca La Loma',
			CIF: '',
			NIF: '20078471T',
		}, // person's NIF on a company record
	];
	for (const overrides of trickyCompanies) {
		const base = company(rand, e++, '', 'placeholder', '', 'Cliente');
		companies.push({ ...base, ...overrides } as EmulatorRecord);
	}
	return { contacts: seedCompanyRefs(contacts, companies), companies };
}

/** The two `Contacto` elements naming the contact's company (issue 20). */
export type CompanyRefFields = Pick<EmulatorRecord, 'CodigoEmpresa' | 'CIFEmpresa'>;

/** The company's tax ID as the ERP holds it: `CIF`, else the first non-empty alternative, else `''`. */
function companyTaxIdText(company: EmulatorRecord): string {
	for (const field of ['CIF', 'IdentificacionFiscal', 'NIF']) {
		const value = company[field];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return '';
}

/** A CIF whose control character is wrong (the last digit moved on by one; a letter becomes a digit). */
export function wrongControl(taxId: string): string {
	const last = taxId.slice(-1);
	const next = /\d/.test(last) ? String((Number(last) + 1) % 10) : '0';
	return `${taxId.slice(0, -1)}${next}`;
}

/** How a contact names an existing company: by code and CIF, by code only, or by CIF only. */
function refTo(company: EmulatorRecord, how: 'both' | 'code' | 'cif'): CompanyRefFields {
	return {
		CodigoEmpresa: how === 'cif' ? '' : company.Codigo,
		CIFEmpresa: how === 'code' ? '' : companyTaxIdText(company),
	};
}

const REF_MODES = ['both', 'both', 'code', 'cif'] as const;

/**
 * The seed's company references, deterministic and drawn from their own PRNG so that every other
 * field of the seed stays as it was: every 12th contact names no company (half of them without the
 * elements, half with empty ones), C00008 and C00041 name a company that does not exist, C00021 and
 * C00051 an existing company's code with a CIF whose control character is wrong; the other 62 an existing company, by code and CIF, by code only or by CIF only, in turn.
 */
function seedCompanyRefs(
	contacts: EmulatorRecord[],
	companies: EmulatorRecord[],
): EmulatorRecord[] {
	const rand = prng(20240522);
	let turn = 0;
	return contacts.map((contact, i): EmulatorRecord => {
		if (i % 24 === 11) return contact;
		if (i % 24 === 23) return { ...contact, CodigoEmpresa: '', CIFEmpresa: '' };
		if (i === 7) return { ...contact, CodigoEmpresa: 'E09001', CIFEmpresa: cif('B', 9_876_543) };
		if (i === 40) return { ...contact, CodigoEmpresa: 'E09002', CIFEmpresa: '' };
		const target = pick(rand, companies);
		if (i === 20 || i === 50)
			return {
				...contact,
				CodigoEmpresa: target.Codigo,
				CIFEmpresa: wrongControl(cif('B', 1_000_000 + i)),
			};
		return { ...contact, ...refTo(target, REF_MODES[turn++ % REF_MODES.length]) };
	});
}

/** Code and CIF of the synthetic company at 0-based index `j` (the same in its record and in references). */
function syntheticCompanyId(j: number): { Codigo: string; CIF: string } {
	return { Codigo: `E${String(j + 1).padStart(7, '0')}`, CIF: cif('B', (j * 104729) % 9_999_999) };
}

/**
 * The company reference of synthetic contact `i` among `companies` synthetic companies: of every 20
 * contacts, one names no company (empty elements), one a company that does not exist (`EX…`), one
 * an existing company's code with a wrong CIF, three the company by code only, three by CIF only, and
 * eleven by code and CIF. No reference at all when there are no companies.
 */
export function syntheticCompanyRef(i: number, companies: number): CompanyRefFields | undefined {
	if (companies <= 0) return undefined;
	const { Codigo, CIF } = syntheticCompanyId((i * 7) % companies);
	const slot = i % 20;
	if (slot === 0) return { CodigoEmpresa: '', CIFEmpresa: '' };
	if (slot === 1) return { CodigoEmpresa: `EX${String(i).padStart(6, '0')}`, CIFEmpresa: '' };
	if (slot === 2) return { CodigoEmpresa: Codigo, CIFEmpresa: wrongControl(CIF) };
	if (slot <= 5) return { CodigoEmpresa: Codigo, CIFEmpresa: '' };
	if (slot <= 8) return { CodigoEmpresa: '', CIFEmpresa: CIF };
	return { CodigoEmpresa: Codigo, CIFEmpresa: CIF };
}

/**
 * Synthetic records for benchmarks: 13 string fields each, about 1.1 kB of XML per record with escaped
 * characters, like the reference measurement (50,000 records ≈ 55 MB). Contacts name one of
 * `options.companies` synthetic companies (`syntheticCompanyRef`) when that count is given.
 */
export function syntheticRecords(
	type: RecordType,
	count: number,
	seed = 7,
	options: { companies?: number } = {},
): EmulatorRecord[] {
	const rand = prng(seed);
	const out: EmulatorRecord[] = [];
	const note =
		'Cliente preferente: entrega en almacén "B" & muelle 3 <invernadero> — revisar condiciones de pago, certificado GlobalG.A.P. vigente y trazabilidad de lotes. ';
	for (let i = 0; i < count; i++) {
		const [city, province, postal, prefix] = PLACES[i % PLACES.length];
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const s1 = SURNAMES[i % SURNAMES.length];
		const id = dni(10_000_000 + ((i * 7919) % 89_999_999));
		const common = {
			Email: `${ascii(first)}.${ascii(s1)}${i}@${DOMAINS[i % DOMAINS.length]}`,
			Telefono: `${prefix}${String(100000 + (i % 900000))}`,
			Direccion: `${STREETS[i % STREETS.length]}, ${1 + (i % 200)} & bajo`,
			Poblacion: city,
			Provincia: province,
			CodigoPostal: postal,
			Pais: 'España',
			FechaModificacion: stamp(rand),
			Observaciones: note + note + note + note.slice(0, 20 + (i % 60)),
		};
		if (type === 'contact') {
			out.push({
				Codigo: `C${String(i + 1).padStart(7, '0')}`,
				Nombre: first,
				Apellidos: `${s1} ${SURNAMES[(i + 3) % SURNAMES.length]}`,
				IdentificacionFiscalCliente: id,
				...common,
				Cultivo: CROPS[i % CROPS.length],
				...syntheticCompanyRef(i, options.companies ?? 0),
			});
		} else {
			const { Codigo, CIF } = syntheticCompanyId(i);
			out.push({
				Codigo,
				RazonSocial: `${s1} & ${SURNAMES[(i + 5) % SURNAMES.length]} Agrícola S.L.`,
				NombreComercial: `${s1} Agrícola`,
				CIF,
				...common,
				Web: `https://www.${ascii(s1)}${i}.es`,
			});
		}
	}
	return out;
}

/**
 * `count` records marked inactive (`Baja: 'S'`), chosen deterministically from `seed`; the others
 * unchanged (no `Baja` element). Returns new records.
 */
export function markInactive(
	records: readonly EmulatorRecord[],
	count: number,
	seed = 20,
): EmulatorRecord[] {
	const rand = prng(seed);
	const chosen = new Set<number>();
	const wanted = Math.min(Math.max(0, Math.floor(count)), records.length);
	while (chosen.size < wanted) chosen.add(Math.floor(rand() * records.length));
	return records.map((record, i) => (chosen.has(i) ? { ...record, Baja: 'S' } : record));
}

function clone(record: EmulatorRecord): EmulatorRecord {
	const out: Record<string, EmulatorValue> = {};
	for (const [k, v] of Object.entries(record))
		out[k] = v !== null && typeof v === 'object' ? { $xml: v.$xml } : v;
	return out as EmulatorRecord;
}

/** Mutable store behind the emulator (the trigger tests and the end-to-end suite change it). */
export class EmulatorDataset {
	private data: Record<RecordType, EmulatorRecord[]>;
	private nextNumber: Record<RecordType, number>;
	private initial: { contacts: EmulatorRecord[]; companies: EmulatorRecord[] };

	constructor(
		initial: { contacts?: EmulatorRecord[]; companies?: EmulatorRecord[] },
		private readonly now: () => Date,
	) {
		this.initial = {
			contacts: (initial.contacts ?? []).map(clone),
			companies: (initial.companies ?? []).map(clone),
		};
		this.data = { contact: [], company: [] };
		this.nextNumber = { contact: 1, company: 1 };
		this.reset();
	}

	/** Back to the records the emulator started with. */
	reset(): void {
		this.data = {
			contact: this.initial.contacts.map(clone),
			company: this.initial.companies.map(clone),
		};
		this.nextNumber = {
			contact: this.data.contact.length + 1,
			company: this.data.company.length + 1,
		};
	}

	/** Replaces every record of a type (e.g. with `syntheticRecords`). */
	replace(type: RecordType, records: EmulatorRecord[]): void {
		this.data[type] = records.map(clone);
		this.nextNumber[type] = records.length + 1;
	}

	/** A copy of the records of a type, in serving order. */
	list(type: RecordType): EmulatorRecord[] {
		return this.data[type].map(clone);
	}

	/** The live array (serving path; do not mutate outside the dataset API). */
	records(type: RecordType): readonly EmulatorRecord[] {
		return this.data[type];
	}

	get(type: RecordType, codigo: string): EmulatorRecord | undefined {
		const found = this.data[type].find((r) => r.Codigo === codigo);
		return found ? clone(found) : undefined;
	}

	count(type: RecordType): number {
		return this.data[type].length;
	}

	private stampNow(): string {
		return this.now()
			.toISOString()
			.replace(/\.\d{3}Z$/, 'Z');
	}

	/** Adds a record; `Codigo` and `FechaModificacion` default to the next code and "now". */
	add(type: RecordType, record: Partial<EmulatorRecord>): EmulatorRecord {
		const prefix = type === 'contact' ? 'C' : 'E';
		const codigo =
			typeof record.Codigo === 'string'
				? record.Codigo
				: `${prefix}${String(this.nextNumber[type]++).padStart(5, '0')}`;
		if (this.data[type].some((r) => r.Codigo === codigo))
			throw new Error(`Emulator dataset: ${type} ${codigo} already exists`);
		const full = {
			...record,
			Codigo: codigo,
			FechaModificacion: record.FechaModificacion ?? this.stampNow(),
		} as EmulatorRecord;
		this.data[type].push(clone(full));
		return clone(full);
	}

	/** Changes fields of a record; `FechaModificacion` becomes "now" unless given. */
	update(
		type: RecordType,
		codigo: string,
		changes: Partial<Record<string, EmulatorValue>>,
	): EmulatorRecord {
		const index = this.data[type].findIndex((r) => r.Codigo === codigo);
		if (index === -1) throw new Error(`Emulator dataset: no ${type} ${codigo}`);
		const updated = {
			...this.data[type][index],
			FechaModificacion: this.stampNow(),
			...changes,
		} as EmulatorRecord;
		for (const [k, v] of Object.entries(changes)) if (v === undefined) delete updated[k];
		this.data[type][index] = clone(updated);
		return clone(updated);
	}

	/** Sets `FechaModificacion` only (ISO string), without touching anything else. */
	setModified(type: RecordType, codigo: string, iso: string): void {
		const record = this.data[type].find((r) => r.Codigo === codigo);
		if (!record) throw new Error(`Emulator dataset: no ${type} ${codigo}`);
		record.FechaModificacion = iso;
	}

	/** Deletes a record (it disappears from the listings). Returns whether it existed. */
	remove(type: RecordType, codigo: string): boolean {
		const before = this.data[type].length;
		this.data[type] = this.data[type].filter((r) => r.Codigo !== codigo);
		return this.data[type].length !== before;
	}
}
