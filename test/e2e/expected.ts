/**
 * What the Clientify emulator must hold after the template ran on the Hispatec emulator's seed data.
 * Literal values for the records that exercise the tricky paths (checked by hand against the seed
 * data in emulators/hispatec/dataset.ts), plus the whole-store invariants.
 */
import type { StoredRecord } from '../../emulators/clientify';

/** Seed records the Hispatec nodes must skip, with their reason (they never reach Clientify). */
export const SKIPPED = {
	companies: [
		{ sourceId: 'E00038', reason: 'missing_tax_id', taxId: null },
		{ sourceId: 'E00039', reason: 'invalid_tax_id', taxId: 'B64717839' },
		{ sourceId: 'E00040', reason: 'foreign_tax_id', taxId: 'PT501234567' },
	],
	contacts: [
		{ sourceId: 'C00065', reason: 'invalid_tax_id', taxId: '50172129A' },
		{ sourceId: 'C00066', reason: 'missing_tax_id', taxId: null },
		{ sourceId: 'C00067', reason: 'foreign_tax_id', taxId: 'PT123456789' },
		{ sourceId: 'C00072', reason: 'missing_name', taxId: '09464186P' },
	],
};

export const COUNTS = { companies: 39, contacts: 68, customFields: 14 };

export const CUSTOM_FIELD_DEFINITIONS = [
	'companies hispatec_Codigo',
	'companies hispatec_Cultivo',
	'companies hispatec_FormaPago',
	'companies hispatec_NumeroSocios',
	'companies hispatec_Superficie',
	'companies hispatec_SyncState',
	'companies hispatec_TipoCliente',
	'contacts hispatec_Codigo',
	'contacts hispatec_Cultivo',
	'contacts hispatec_FormaPago',
	'contacts hispatec_Observaciones',
	'contacts hispatec_Superficie',
	'contacts hispatec_SyncState',
	'contacts hispatec_TipoCliente',
];

/** The parts of a stored record the assertions compare (ids and timestamps left out). */
export function view(record: StoredRecord): Record<string, unknown> {
	const out: Record<string, unknown> = {
		taxId: record.taxpayer_identification_number,
		emails: record.emails.map((e) => `${e.email} (${e.type})`),
		phones: record.phones.map((p) => `${p.phone} (${p.type})`),
		addresses: record.addresses.map((a) =>
			[a.street, a.postal_code, a.city, a.state, a.country].join(' | '),
		),
		tags: [...record.tags],
		customFields: Object.fromEntries(record.custom_fields.map((f) => [f.field, f.value])),
	};
	if ('first_name' in record) {
		out.firstName = record.first_name;
		out.lastName = record.last_name;
	} else {
		out.name = record.name;
		out.businessName = record.business_name;
		out.websites = record.websites.map((w) => w.website);
	}
	return out;
}

/** Companies, by tax ID: lower case, ES prefix, dots and dashes, an alternative field, CDATA, a character reference. */
export const COMPANIES: Record<string, Record<string, unknown>> = {
	F55831564: {
		taxId: 'F55831564',
		emails: ['administracion@agroponiente.es (1)'],
		phones: ['+34959403471 (3)'],
		addresses: ['Paraje Los Llanos, 54 | 21440 | Lepe | Huelva | ES'],
		tags: ['hispatec'],
		customFields: {
			hispatec_TipoCliente: 'Cooperativa',
			hispatec_Cultivo: 'Aguacate',
			hispatec_Superficie: '268,00',
			hispatec_FormaPago: 'Transferencia 30 días',
			hispatec_NumeroSocios: '783',
			hispatec_Codigo: 'E00001',
		},
		name: 'Agroponiente',
		businessName: 'Agroponiente S. Coop. And.',
		websites: ['https://www.agroponiente.es'],
	},
	B58378431: {
		name: 'exportaciones almerienses s.l.',
		businessName: 'exportaciones almerienses s.l.',
	},
	A58951310: { name: 'Agrícola del Andarax S.L.' },
	J99216582: { name: 'Tomates Rambla S.L.' },
	D78118080: { name: 'Frutas Paco S.L.' },
	A28017895: {
		name: 'Caña',
		businessName: 'Caña & Azúcar <Motril> S.A.',
		websites: ['https://www.canayazucar.es'],
	},
	'20078471T': { name: 'Finca La Loma', businessName: 'Autónomo Agricultor Hernández' },
};

/** Contacts, by tax ID: ES prefix, upper-case e-mail, formatted phones, alternatives, escaping. */
export const CONTACTS: Record<string, Record<string, unknown>> = {
	'12345678Z': {
		taxId: '12345678Z',
		firstName: 'pedro',
		lastName: 'garcía lópez',
		emails: ['gines.gomez60@gmail.com (1)'],
		phones: ['+34950953408 (3)', '+34633988411 (2)'],
		addresses: ['Carretera de Málaga, 5 | 04738 | Vícar | Almería | ES'],
		tags: ['hispatec'],
		customFields: {
			hispatec_TipoCliente: 'Agricultor',
			hispatec_Cultivo: 'Melón',
			hispatec_Superficie: '7,48',
			hispatec_FormaPago: 'Transferencia 30 días',
			hispatec_Codigo: 'C00060',
		},
	},
	'54362315K': { emails: ['juan.martinez@gmail.com (1)'] },
	'36698729K': { phones: ['+34950123456 (3)', '+34612345678 (2)'] },
	'41989851Q': { firstName: 'José', lastName: 'Álvarez García' },
	X2482300W: { firstName: 'Manuel', lastName: 'Fuentes García' },
	'07060225F': {
		firstName: 'Ginés',
		lastName: 'Cantón Ibáñez',
		emails: ['gines.canton@telefonica.net (1)'],
	},
	'71110316C': { firstName: 'Hermanos Pérez & Hijos', lastName: "D'Alessandro <Socio>" },
	'39740191D': { firstName: 'Muñoz & Cía' },
	'01234567L': { emails: [], phones: [] },
};

export const CONTACT_CUSTOM_FIELDS: Record<string, Record<string, string>> = {
	'71110316C': { hispatec_Observaciones: 'Pago "preferente" & urgente; ver <nota>' },
	'39740191D': { hispatec_Observaciones: 'Entrega en <almacén> nº 2 & muelle "B"' },
};
