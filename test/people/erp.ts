/**
 * The ERP side of the sales-team simulation: customers (contacts and companies) whose values change,
 * that come and go, fed to Clientify Upsert as normalized records (what the Hispatec nodes emit).
 * Every value the ERP ever uses is unique (counters), so a value tells whose it is.
 */
import { validCif, validDni } from '../../harness/taxIds';
import type { NormalizedRecord } from '../../nodes/shared/types';
import type { Rng } from './rng';

export type ErpEntity = 'contact' | 'company';

export interface ErpPhone {
	number: string;
	type: 'mobile' | 'landline';
}

export interface ErpAddress {
	street: string;
	city: string;
	province: string;
	postalCode: string;
	country: string;
}

export interface ErpRecord {
	entity: ErpEntity;
	n: number;
	sourceId: string;
	taxId: string;
	firstName?: string;
	lastName?: string;
	/** Companies: legal name. */
	name?: string;
	emails: string[];
	phones: ErpPhone[];
	address: ErpAddress;
	extra: Record<string, string>;
	modifiedAt: string;
	/** Contacts: the company the ERP names (issue 20), as its code and CIF when it was assigned. */
	company?: { code: string; taxId: string };
}

/** What the ERP does between two runs. */
export type ErpChange =
	| 'email'
	| 'second-email'
	| 'phone'
	| 'mobile'
	| 'address'
	| 'name'
	| 'custom-field'
	| 'added'
	| 'removed'
	/** A contact moves to another company (or leaves its company). */
	| 'company';

export const ERP_CHANGE_WEIGHTS: Record<ErpChange, number> = {
	email: 5,
	'second-email': 1,
	phone: 5,
	mobile: 2,
	address: 3,
	name: 2,
	'custom-field': 6,
	added: 2,
	removed: 1,
	company: 2,
};

/** A valid DNI from a number (30000000 + n: apart from the other suites' 20000000 + n). */
export function dni(n: number): string {
	return validDni(String(30000000 + n).padStart(8, '0'));
}

/** A valid B-type CIF from a number. */
export function cif(n: number): string {
	return validCif(String(3000000 + n).padStart(7, '0'));
}

const CITIES: Array<[string, string, string]> = [
	['El Ejido', 'Almería', '04700'],
	['Níjar', 'Almería', '04100'],
	['Motril', 'Granada', '18600'],
	['Lepe', 'Huelva', '21440'],
	['Cartaya', 'Huelva', '21450'],
];
const CROPS = ['tomate', 'pimiento', 'pepino', 'calabacín', 'fresa', 'sandía', 'melón'];
const NAMES = ['Ana', 'Luis', 'Carmen', 'José', 'María', 'Juan', 'Lucía', 'Antonio'];
const SURNAMES = ['García', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz'];

export class Erp {
	/** By source id (`C12`, `E3`), in the order added. */
	readonly records = new Map<string, ErpRecord>();
	readonly changes: Record<ErpChange, number> = {
		email: 0,
		'second-email': 0,
		phone: 0,
		mobile: 0,
		address: 0,
		name: 0,
		'custom-field': 0,
		added: 0,
		removed: 0,
		company: 0,
	};
	private counters = { contact: 0, company: 0, value: 0, minute: 0 };

	constructor(private readonly rng: Rng) {}

	private unique(): number {
		return ++this.counters.value;
	}

	private stamp(): string {
		this.counters.minute += 1 + this.rng.int(0, 90);
		return new Date(Date.UTC(2025, 0, 1) + this.counters.minute * 60000).toISOString();
	}

	email(n: number, entity: ErpEntity): string {
		return `${entity === 'contact' ? 'c' : 'info'}${n}.${this.unique()}@agro.es`;
	}

	phone(type: ErpPhone['type']): ErpPhone {
		const digits = String(this.unique()).padStart(6, '0');
		return { number: type === 'mobile' ? `+34611${digits}` : `+34950${digits}`, type };
	}

	address(): ErpAddress {
		const [city, province, postalCode] = this.rng.pick(CITIES);
		return { street: `Calle ${this.unique()}`, city, province, postalCode, country: 'ES' };
	}

	add(entity: ErpEntity): ErpRecord {
		const n = ++this.counters[entity];
		const record: ErpRecord = {
			entity,
			n,
			sourceId: `${entity === 'contact' ? 'C' : 'E'}${n}`,
			taxId: entity === 'contact' ? dni(n) : cif(n),
			emails: [this.email(n, entity)],
			phones: [this.phone(entity === 'contact' && this.rng.chance(0.5) ? 'mobile' : 'landline')],
			address: this.address(),
			extra: { Cultivo: this.rng.pick(CROPS), Superficie: String(this.rng.int(1, 80)) },
			modifiedAt: this.stamp(),
		};
		if (entity === 'contact') {
			record.firstName = this.rng.pick(NAMES);
			record.lastName = `${this.rng.pick(SURNAMES)} ${n}`;
			if (this.rng.chance(0.85)) this.assignCompany(record);
		} else {
			record.name = `Agrícola ${n} SL`;
		}
		this.records.set(record.sourceId, record);
		return record;
	}

	/** A random ERP company for the contact (none when the ERP has no company). */
	private assignCompany(record: ErpRecord): void {
		const companies = [...this.records.values()].filter((r) => r.entity === 'company');
		if (!companies.length) return;
		const company = this.rng.pick(companies);
		record.company = { code: company.sourceId, taxId: company.taxId };
	}

	/** One random change; returns what changed and the record it changed (none for `removed`). */
	change(): { kind: ErpChange; record?: ErpRecord } {
		const kind = this.rng.weighted(ERP_CHANGE_WEIGHTS);
		this.changes[kind]++;
		if (kind === 'added')
			return { kind, record: this.add(this.rng.chance(0.75) ? 'contact' : 'company') };
		const all = [...this.records.values()];
		const record = this.rng.pick(all);
		if (kind === 'removed') {
			this.records.delete(record.sourceId);
			return { kind, record };
		}
		switch (kind) {
			case 'email':
				record.emails = [this.email(record.n, record.entity), ...record.emails.slice(1)];
				break;
			case 'second-email':
				record.emails = [record.emails[0], this.email(record.n, record.entity)];
				break;
			case 'phone':
				record.phones = [
					this.phone(record.phones[0]?.type ?? 'landline'),
					...record.phones.slice(1),
				];
				break;
			case 'mobile': {
				const others = record.phones.filter((p) => p.type !== 'mobile');
				record.phones = [...others.slice(0, 1), this.phone('mobile')];
				break;
			}
			case 'address':
				record.address = this.address();
				break;
			case 'name':
				if (record.entity === 'contact') record.lastName = `${this.rng.pick(SURNAMES)} ${record.n}`;
				else record.name = `Agrícola ${record.n} ${this.rng.pick(['SL', 'SA', 'SCA', 'SAT'])}`;
				break;
			case 'custom-field':
				if (this.rng.chance(0.5)) record.extra.Cultivo = this.rng.pick(CROPS);
				else record.extra.Superficie = String(this.rng.int(1, 80));
				break;
			case 'company':
				if (record.entity !== 'contact') break;
				if (this.rng.chance(0.1)) delete record.company;
				else this.assignCompany(record);
				break;
		}
		record.modifiedAt = this.stamp();
		return { kind, record };
	}

	/** The ERP as the Hispatec nodes would emit it: companies, then contacts, in code order. */
	normalized(): NormalizedRecord[] {
		const all = [...this.records.values()].sort((a, b) =>
			a.entity === b.entity ? a.n - b.n : a.entity === 'company' ? -1 : 1,
		);
		return all.map(toNormalized);
	}
}

export function toNormalized(r: ErpRecord): NormalizedRecord {
	const common = {
		emails: [...r.emails],
		email: r.emails[0],
		phones: r.phones.map((p) => ({
			number: p.number,
			type: p.type,
			field: p.type === 'mobile' ? 'TelefonoMovil' : 'Telefono',
		})),
		phone: r.phones[0]?.number,
		address: { ...r.address },
		sourceId: r.sourceId,
		modifiedAt: r.modifiedAt,
		extra: { ...r.extra },
		warnings: [],
	};
	if (r.entity === 'contact') {
		return {
			recordType: 'contact',
			taxId: r.taxId,
			taxIdType: 'DNI',
			taxIdField: 'IdentificacionFiscalCliente',
			kind: 'person',
			firstName: r.firstName,
			lastName: r.lastName,
			name: `${r.firstName} ${r.lastName}`,
			...(r.company ? { companyRef: { ...r.company } } : {}),
			...common,
		} as NormalizedRecord;
	}
	return {
		recordType: 'company',
		taxId: r.taxId,
		taxIdType: 'CIF',
		taxIdField: 'CIF',
		kind: 'company',
		name: r.name,
		...common,
	} as NormalizedRecord;
}

/** Comparison keys, as Clientify Upsert compares (docs/clientify-upsert.md "Field mapping"). */
export const keys = {
	/** Tax IDs: upper-case alphanumerics. */
	tax: (value: unknown) =>
		typeof value === 'string' ? value.toUpperCase().replace(/[^0-9A-Z]/g, '') : '',
	email: (value: unknown) =>
		String(value ?? '')
			.trim()
			.toLowerCase(),
	phone: (value: unknown) => {
		let digits = String(value ?? '').replace(/\D/g, '');
		if (digits.startsWith('00')) digits = digits.slice(2);
		if (digits.length === 11 && digits.startsWith('34')) digits = digits.slice(2);
		return digits;
	},
	address: (a: { street?: unknown; postal_code?: unknown; city?: unknown }) =>
		[a.street, a.postal_code, a.city]
			.map((v) =>
				String(v ?? '')
					.normalize('NFD')
					.replace(/[\u0300-\u036f]/g, '')
					.replace(/[^0-9a-z]/gi, '')
					.toLowerCase(),
			)
			.join('|'),
};
