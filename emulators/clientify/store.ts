/**
 * In-memory Clientify data for the emulator: contacts, companies, custom-field definitions, tags,
 * and the work people attach to records (deals, tasks, notes).
 * Ids are sequential (they grow with creation order, like Clientify's, README "Assumed Clientify
 * behaviour") and `created`/`modified` come from the real clock plus a test-controlled offset
 * (`advanceClock`), strictly increasing by at least one millisecond per write (seeds may set their
 * own `created`). A real clock matters: the upsert's re-check after creating (overlapping runs)
 * filters on `created` measured against its own elapsed time.
 *
 * `modified` moves on every change of the record itself: scalars, custom fields, e-mails, phones,
 * addresses, web sites (added, changed, removed, reordered) and tags. Attaching a deal, task or note
 * does NOT move it: in Clientify those are separate objects that point at the record (ASSUMED), so a
 * client cannot tell from `modified` alone that people worked on a record.
 */

export type EntityName = 'contacts' | 'companies';

export interface EmailItem {
	id: number;
	email: string;
	type: number;
	/**
	 * Consent flag, as on phones (reference §4 shows it on phones; on e-mails it is ASSUMED). The
	 * emulator always sets it; optional in the type only so that items tests build by hand compile.
	 */
	unsubscribed?: boolean;
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

/** Who created a record: the API (`POST /contacts/`), a test seed, or a person (`store.people`). */
export type RecordOrigin = 'api' | 'seed' | 'people';

export interface RecordMeta {
	origin: RecordOrigin;
	/** The API key of the `POST` that created it (origin `api`). */
	apiKey?: string;
}

/**
 * A deal, task or note: a separate object that points at contacts and/or companies by id. Deleting
 * the record keeps the row (Clientify does not cascade, ASSUMED), so a test can count the work lost.
 */
export interface WorkItemRow {
	id: number;
	kind: 'deal' | 'task' | 'note';
	name: string;
	/** Deals: the amount; tasks and notes: 0. */
	amount: number;
	/** Notes: the text; deals and tasks: ''. */
	comment: string;
	contact: number | null;
	company: number | null;
	created: string;
	modified: string;
}

export const WORK_KINDS: ReadonlyArray<WorkItemRow['kind']> = ['deal', 'task', 'note'];

export interface SeedRecord {
	taxpayer_identification_number?: string | null;
	emails?: Array<string | { email: string; type?: number; unsubscribed?: boolean }>;
	phones?: Array<string | { phone: string; type?: number; unsubscribed?: boolean }>;
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
	/** Internally the id of the company the contact belongs to (one at a time), or null; shown as Clientify does by the server. */
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
	/** Deals, tasks and notes by id (one id sequence per kind, like separate Clientify tables). */
	readonly work = {
		deal: new Map<number, WorkItemRow>(),
		task: new Map<number, WorkItemRow>(),
		note: new Map<number, WorkItemRow>(),
	};
	/** Who created each record (`contacts:12` → origin); records deleted keep their entry. */
	readonly origins = new Map<string, RecordMeta>();
	private nextIds = firstIds();
	private lastStamp = 0;
	/** Added to the real clock: `advanceClock` lets a test jump weeks between two runs. */
	private clockOffsetMs = 0;

	table(entity: EntityName): Map<number, StoredRecord> {
		return entity === 'contacts' ? this.contacts : this.companies;
	}

	/** The emulator's clock in epoch ms (real clock + offset), without consuming a stamp. */
	clock(): number {
		return Math.max(Date.now() + this.clockOffsetMs, this.lastStamp);
	}

	/**
	 * Moves the clock forward by `ms` (≥ 0): the next stamp is at least `ms` after `clock()` was, and
	 * later stamps stay strictly increasing.
	 */
	advanceClock(ms: number): void {
		if (!(ms >= 0)) throw new Error(`advanceClock: ${ms} is not a forward jump`);
		const before = this.clock();
		this.clockOffsetMs += ms;
		this.lastStamp = Math.max(this.lastStamp, before + ms - 1);
	}

	/** A fresh stamp: the clock, and at least 1 ms after the previous stamp. */
	now(): string {
		this.lastStamp = Math.max(Date.now() + this.clockOffsetMs, this.lastStamp + 1);
		return new Date(this.lastStamp).toISOString();
	}

	/** An address item with a new id, every part a string (`type` when the address has none). */
	addressItem(address: Partial<Omit<AddressItem, 'id'>>, type: number): AddressItem {
		return {
			id: this.nextItemId(),
			street: address.street ?? '',
			city: address.city ?? '',
			state: address.state ?? '',
			country: address.country ?? '',
			postal_code: address.postal_code ?? '',
			type: address.type ?? type,
		};
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
	insert(
		entity: EntityName,
		data: Partial<StoredRecord>,
		meta: RecordMeta = { origin: 'seed' },
	): StoredRecord {
		const id = this.nextIds[entity]++;
		this.origins.set(`${entity}:${id}`, { ...meta });
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

	/** Who created a record (also after it was deleted); undefined for an id never used. */
	originOf(entity: EntityName, id: number): RecordMeta | undefined {
		return this.origins.get(`${entity}:${id}`);
	}

	/** Deletes a record; its deals, tasks and notes stay (orphaned: `workLost()` counts them). */
	deleteRecord(entity: EntityName, id: number): boolean {
		// A company's employees lose the link (ASSUMED: the contacts stay, without a company).
		if (entity === 'companies')
			for (const contact of this.contacts.values())
				if (contact.company === id) this.setEmployer(contact, null);
		return this.table(entity).delete(id);
	}

	/** The company a contact belongs to (ASSUMED #27: at most one), or undefined. */
	employerOf(contact: StoredRecord): StoredRecord | undefined {
		return typeof contact.company === 'number' ? this.companies.get(contact.company) : undefined;
	}

	/** Links the contact to `companyId` (replacing its company) or unlinks it; moves `modified`. */
	setEmployer(contact: StoredRecord, companyId: number | null): void {
		if ((contact.company ?? null) === companyId) return;
		contact.company = companyId;
		this.touch(contact);
	}

	/** Adds a deal, task or note pointing at `links` (does not touch the records' `modified`). */
	addWork(
		kind: WorkItemRow['kind'],
		links: { contact?: number | null; company?: number | null },
		fields: { name?: string; amount?: number; comment?: string } = {},
	): WorkItemRow {
		const stamp = this.now();
		const row: WorkItemRow = {
			id: this.nextIds[kind]++,
			kind,
			name: fields.name ?? `${kind} ${this.nextIds[kind] - 1}`,
			amount: fields.amount ?? 0,
			comment: fields.comment ?? '',
			contact: links.contact ?? null,
			company: links.company ?? null,
			created: stamp,
			modified: stamp,
		};
		this.work[kind].set(row.id, row);
		return row;
	}

	/** Deals, tasks and notes that point at this record (deleted or not), in id order per kind. */
	workOn(entity: EntityName, id: number, kinds = WORK_KINDS): WorkItemRow[] {
		const key = entity === 'contacts' ? 'contact' : 'company';
		return kinds.flatMap((kind) => [...this.work[kind].values()].filter((w) => w[key] === id));
	}

	/** Deals, tasks and notes that point at a record that no longer exists (work lost). */
	workLost(): WorkItemRow[] {
		return WORK_KINDS.flatMap((kind) =>
			[...this.work[kind].values()].filter(
				(w) =>
					(w.contact !== null && !this.contacts.has(w.contact)) ||
					(w.company !== null && !this.companies.has(w.company)),
			),
		);
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

	/** Builds and inserts a record from a seed (`origin` says who created it). */
	seed(entity: EntityName, seed: SeedRecord, origin: RecordOrigin = 'seed'): StoredRecord {
		const { emails, phones, addresses, websites, tags, custom_fields: cf, ...scalars } = seed;
		const data: Partial<StoredRecord> = { ...scalars };
		data.emails = (emails ?? []).map((e) =>
			typeof e === 'string'
				? { id: this.nextItemId(), email: e, type: 1, unsubscribed: false }
				: {
						id: this.nextItemId(),
						email: e.email,
						type: e.type ?? 1,
						unsubscribed: e.unsubscribed ?? false,
					},
		);
		data.phones = (phones ?? []).map((p) =>
			typeof p === 'string'
				? { id: this.nextItemId(), phone: p, type: 1, unsubscribed: false }
				: {
						id: this.nextItemId(),
						phone: p.phone,
						type: p.type ?? 1,
						unsubscribed: p.unsubscribed ?? false,
					},
		);
		data.addresses = (addresses ?? []).map((a) => this.addressItem(a, 1));
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
		return this.insert(entity, data, { origin });
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

	/** Deep copies of every record (and the deals, tasks and notes), for assertions. */
	snapshot(): {
		contacts: StoredRecord[];
		companies: StoredRecord[];
		customFields: CustomFieldDefinitionRow[];
		work: WorkItemRow[];
	} {
		return structuredClone({
			contacts: [...this.contacts.values()],
			companies: [...this.companies.values()],
			customFields: [...this.customFields.values()],
			work: WORK_KINDS.flatMap((kind) => [...this.work[kind].values()]),
		});
	}

	/** Empties everything; the clock offset stays (stamps never go back). */
	reset(): void {
		this.contacts.clear();
		this.companies.clear();
		this.customFields.clear();
		this.tagIds.clear();
		this.origins.clear();
		for (const kind of WORK_KINDS) this.work[kind].clear();
		this.nextIds = firstIds();
	}
}

/** Upper-case alphanumerics only (the emulator's notion of "same tax ID" for the v2 409). */
export function compactTaxId(value: unknown): string {
	return typeof value === 'string' ? value.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';
}

/** The first id of every sequence (a new store, or one reset). */
function firstIds() {
	return {
		contacts: 1,
		companies: 1,
		customFields: 1,
		items: 1,
		tags: 1,
		deal: 1,
		task: 1,
		note: 1,
	};
}
