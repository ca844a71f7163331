/**
 * In-memory Clientify data for the emulator: contacts, companies, custom-field definitions, tags.
 * Ids are sequential (they grow with creation order, like Clientify's, README "Assumed Clientify
 * behaviour") and `created`/`modified` come from the real clock, strictly increasing by at least one
 * millisecond per write (seeds may set their own `created`). A real clock matters: the upsert's
 * re-check after creating (overlapping runs) filters on `created` measured against its own elapsed time.
 */

export type EntityName = 'contacts' | 'companies';

export interface EmailItem {
	id: number;
	email: string;
	type: number;
}
export interface PhoneItem {
	id: number;
	phone: string;
	type: number;
	unsubscribed: boolean;
}
export interface AddressItem {
	id: number;
	street: string;
	city: string;
	state: string;
	country: string;
	postal_code: string;
	type: number;
}
export interface WebsiteItem {
	id: number;
	website: string;
	type: number;
}
export interface CustomFieldValueItem {
	id: number;
	field: string;
	value: string;
}

export interface StoredRecord {
	id: number;
	taxpayer_identification_number: string | null;
	emails: EmailItem[];
	phones: PhoneItem[];
	addresses: AddressItem[];
	websites: WebsiteItem[];
	tags: string[];
	custom_fields: CustomFieldValueItem[];
	created: string;
	modified: string;
	/** Scalars (first_name, name, description, …). */
	[key: string]: unknown;
}

export interface CustomFieldDefinitionRow {
	id: number;
	name: string;
	/** 'contacts' | 'companies' (the entity), rendered per API version. */
	entity: EntityName;
	field_type: number;
	help_text: string;
	default_value: string | null;
	visible: boolean;
}

export interface SeedRecord {
	taxpayer_identification_number?: string | null;
	emails?: Array<string | { email: string; type?: number }>;
	phones?: Array<string | { phone: string; type?: number }>;
	addresses?: Array<Partial<Omit<AddressItem, 'id'>>>;
	websites?: Array<string | { website: string; type?: number }>;
	tags?: string[];
	/** By name; definitions are created on the fly for seeds. */
	custom_fields?: Record<string, string> | Array<{ field: string; value: string }>;
	created?: string;
	[key: string]: unknown;
}

const CONTACT_SCALARS: Record<string, unknown> = {
	owner: 'owner@emulator.test',
	first_name: '',
	last_name: '',
	status: 'cold-lead',
	title: '',
	company: null,
	contact_type: null,
	contact_source: null,
	description: '',
	remarks: '',
	summary: '',
};

const COMPANY_SCALARS: Record<string, unknown> = {
	owner: 'owner@emulator.test',
	name: '',
	business_name: '',
	sector: null,
	company_sector: null,
	number_of_employees: null,
	fax: '',
	rank: null,
	description: '',
	remarks: '',
	summary: '',
};

export const SCALAR_DEFAULTS: Record<EntityName, Record<string, unknown>> = {
	contacts: CONTACT_SCALARS,
	companies: COMPANY_SCALARS,
};

export class ClientifyStore {
	readonly contacts = new Map<number, StoredRecord>();
	readonly companies = new Map<number, StoredRecord>();
	readonly customFields = new Map<number, CustomFieldDefinitionRow>();
	/** Tag registry (Clientify creates tags on first use): name → id. */
	readonly tagIds = new Map<string, number>();
	private nextIds = { contacts: 1, companies: 1, customFields: 1, items: 1, tags: 1 };
	private lastStamp = 0;

	table(entity: EntityName): Map<number, StoredRecord> {
		return entity === 'contacts' ? this.contacts : this.companies;
	}

	now(): string {
		this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
		return new Date(this.lastStamp).toISOString();
	}

	nextItemId(): number {
		return this.nextIds.items++;
	}

	tagId(name: string): number {
		const key = name.toLowerCase();
		let id = this.tagIds.get(key);
		if (id === undefined) {
			id = this.nextIds.tags++;
			this.tagIds.set(key, id);
		}
		return id;
	}

	/** Inserts a record as given (the server validated it). */
	insert(entity: EntityName, data: Partial<StoredRecord>): StoredRecord {
		const id = this.nextIds[entity]++;
		const stamp = this.now();
		const record: StoredRecord = {
			...structuredClone(SCALAR_DEFAULTS[entity]),
			taxpayer_identification_number: null,
			emails: [],
			phones: [],
			addresses: [],
			websites: [],
			tags: [],
			custom_fields: [],
			...data,
			id,
			created: typeof data.created === 'string' ? data.created : stamp,
			modified: stamp,
		};
		this.table(entity).set(id, record);
		return record;
	}

	touch(record: StoredRecord): void {
		record.modified = this.now();
	}

	findDefinition(entity: EntityName, name: string): CustomFieldDefinitionRow | undefined {
		const key = name.trim().toLowerCase();
		for (const def of this.customFields.values()) {
			if (def.entity === entity && def.name.trim().toLowerCase() === key) return def;
		}
		return undefined;
	}

	addDefinition(entity: EntityName, name: string, fieldType = 3): CustomFieldDefinitionRow {
		const def: CustomFieldDefinitionRow = {
			id: this.nextIds.customFields++,
			name,
			entity,
			field_type: fieldType,
			help_text: '',
			default_value: null,
			visible: true,
		};
		this.customFields.set(def.id, def);
		return def;
	}

	// ---- Seeding and inspection for tests ---------------------------------------------------

	seedContact(seed: SeedRecord = {}): StoredRecord {
		return this.seed('contacts', seed);
	}

	seedCompany(seed: SeedRecord = {}): StoredRecord {
		return this.seed('companies', seed);
	}

	seedCustomField(entity: 'contact' | 'company', name: string): CustomFieldDefinitionRow {
		const table: EntityName = entity === 'contact' ? 'contacts' : 'companies';
		return this.findDefinition(table, name) ?? this.addDefinition(table, name);
	}

	private seed(entity: EntityName, seed: SeedRecord): StoredRecord {
		const { emails, phones, addresses, websites, tags, custom_fields: cf, ...scalars } = seed;
		const data: Partial<StoredRecord> = { ...scalars };
		data.emails = (emails ?? []).map((e) =>
			typeof e === 'string'
				? { id: this.nextItemId(), email: e, type: 1 }
				: { id: this.nextItemId(), email: e.email, type: e.type ?? 1 },
		);
		data.phones = (phones ?? []).map((p) =>
			typeof p === 'string'
				? { id: this.nextItemId(), phone: p, type: 1, unsubscribed: false }
				: { id: this.nextItemId(), phone: p.phone, type: p.type ?? 1, unsubscribed: false },
		);
		data.addresses = (addresses ?? []).map((a) => ({
			id: this.nextItemId(),
			street: a.street ?? '',
			city: a.city ?? '',
			state: a.state ?? '',
			country: a.country ?? '',
			postal_code: a.postal_code ?? '',
			type: a.type ?? 1,
		}));
		data.websites = (websites ?? []).map((w) =>
			typeof w === 'string'
				? { id: this.nextItemId(), website: w, type: 1 }
				: { id: this.nextItemId(), website: w.website, type: w.type ?? 1 },
		);
		data.tags = [...(tags ?? [])];
		for (const t of data.tags) this.tagId(t);
		const values = Array.isArray(cf)
			? cf
			: Object.entries(cf ?? {}).map(([field, value]) => ({ field, value }));
		data.custom_fields = values.map(({ field, value }) => {
			const def = this.findDefinition(entity, field) ?? this.addDefinition(entity, field);
			return { id: this.nextItemId(), field: def.name, value };
		});
		return this.insert(entity, data);
	}

	getContact(id: number): StoredRecord | undefined {
		return this.contacts.get(id);
	}

	getCompany(id: number): StoredRecord | undefined {
		return this.companies.get(id);
	}

	/** Records whose tax ID equals `taxId` ignoring case, spaces and punctuation. */
	findByTaxId(entity: 'contact' | 'company', taxId: string): StoredRecord[] {
		const key = compactTaxId(taxId);
		const table = entity === 'contact' ? this.contacts : this.companies;
		return [...table.values()].filter(
			(r) => compactTaxId(r.taxpayer_identification_number) === key,
		);
	}

	/** Deep copies of every record, for assertions. */
	snapshot(): {
		contacts: StoredRecord[];
		companies: StoredRecord[];
		customFields: CustomFieldDefinitionRow[];
	} {
		return structuredClone({
			contacts: [...this.contacts.values()],
			companies: [...this.companies.values()],
			customFields: [...this.customFields.values()],
		});
	}

	reset(): void {
		this.contacts.clear();
		this.companies.clear();
		this.customFields.clear();
		this.tagIds.clear();
		this.nextIds = { contacts: 1, companies: 1, customFields: 1, items: 1, tags: 1 };
	}
}

/** Upper-case alphanumerics only (the emulator's notion of "same tax ID" for the v2 409). */
export function compactTaxId(value: unknown): string {
	return typeof value === 'string' ? value.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';
}
