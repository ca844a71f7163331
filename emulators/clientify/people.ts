/**
 * A test acting as a sales team in Clientify's web app: every action works directly on the store
 * (no HTTP, no log entry, no fault) and changes the record the way the API would, including its
 * `modified` stamp. Attaching a deal, task or note does not move the record's `modified` (they are
 * separate objects, see store.ts).
 *
 *   const p = emu.people;
 *   const old = p.create('contact', { first_name: 'Ana', emails: ['ana@agro.es'] });
 *   p.unsubscribe('contact', old.id, 'phones', old.phones[0].id);
 *   p.attachDeal('contact', old.id, { name: 'Campaña 2025', amount: 1200 });
 *   p.typeTaxId('contact', old.id, '12345678Z');
 *   p.workLost(); // deals, tasks and notes whose record is gone
 *
 * Records people create have origin `people` (`store.originOf`), those the API creates `api`, seeds
 * `seed`. Every method throws when the record does not exist (a bug in the test, not a person's).
 */
import {
	SCALAR_DEFAULTS,
	type ClientifyStore,
	type EmailItem,
	type EntityName,
	type PhoneItem,
	type AddressItem,
	type WebsiteItem,
	type SeedRecord,
	type StoredRecord,
	type WorkItemRow,
} from './store';

/** `'contact'` / `'company'`, or the store's `'contacts'` / `'companies'`. */
export type PersonEntity = 'contact' | 'company' | EntityName;
export type ItemListName = 'emails' | 'phones' | 'addresses' | 'websites';

/** Keys that are not scalars a person can type into. */
const NOT_SCALARS = new Set([
	'id',
	'created',
	'modified',
	'emails',
	'phones',
	'addresses',
	'websites',
	'tags',
	'custom_fields',
]);

export function tableOf(entity: PersonEntity): EntityName {
	return entity === 'contact' || entity === 'contacts' ? 'contacts' : 'companies';
}

export class ClientifyPeople {
	constructor(private readonly store: ClientifyStore) {}

	/** A record a person creates (origin `people`), e.g. a customer known before the first sync. */
	create(entity: PersonEntity, seed: SeedRecord = {}): StoredRecord {
		const { created: _ignored, ...rest } = seed;
		return structuredClone(this.store.seed(tableOf(entity), rest, 'people'));
	}

	/** Sets a scalar (`description`, `status`, `first_name`, `taxpayer_identification_number` …). */
	setScalar(entity: PersonEntity, id: number, key: string, value: string | null): StoredRecord {
		if (NOT_SCALARS.has(key)) throw new Error(`people.setScalar: "${key}" is not a scalar`);
		if (!(key in SCALAR_DEFAULTS[tableOf(entity)]) && key !== 'taxpayer_identification_number')
			throw new Error(`people.setScalar: ${tableOf(entity)} have no scalar "${key}"`);
		const record = this.record(entity, id);
		record[key] = value;
		this.store.touch(record);
		return structuredClone(record);
	}

	/** Types a tax ID into a record (e.g. an older record created before the first sync). */
	typeTaxId(entity: PersonEntity, id: number, taxId: string): StoredRecord {
		return this.setScalar(entity, id, 'taxpayer_identification_number', taxId);
	}

	addEmail(
		entity: PersonEntity,
		id: number,
		email: string,
		options: { type?: number; unsubscribed?: boolean; at?: number } = {},
	): EmailItem {
		const item: EmailItem = {
			id: this.store.nextItemId(),
			email,
			type: options.type ?? 2,
			unsubscribed: options.unsubscribed ?? false,
		};
		return this.insertItem(entity, id, 'emails', item, options.at) as EmailItem;
	}

	addPhone(
		entity: PersonEntity,
		id: number,
		phone: string,
		options: { type?: number; unsubscribed?: boolean; at?: number } = {},
	): PhoneItem {
		const item: PhoneItem = {
			id: this.store.nextItemId(),
			phone,
			type: options.type ?? 2,
			unsubscribed: options.unsubscribed ?? false,
		};
		return this.insertItem(entity, id, 'phones', item, options.at) as PhoneItem;
	}

	addAddress(
		entity: PersonEntity,
		id: number,
		address: Partial<Omit<AddressItem, 'id'>>,
		options: { at?: number } = {},
	): AddressItem {
		const item = this.store.addressItem(address, 2);
		return this.insertItem(entity, id, 'addresses', item, options.at) as AddressItem;
	}

	addWebsite(entity: PersonEntity, id: number, website: string, type = 2): WebsiteItem {
		const item: WebsiteItem = { id: this.store.nextItemId(), website, type };
		return this.insertItem(entity, id, 'websites', item) as WebsiteItem;
	}

	/** Removes an item by id; false when the record has no such item. */
	removeItem(entity: PersonEntity, id: number, list: ItemListName, itemId: number): boolean {
		const record = this.record(entity, id);
		const items = record[list] as Array<{ id: number }>;
		const at = items.findIndex((i) => i.id === itemId);
		if (at < 0) return false;
		items.splice(at, 1);
		this.store.touch(record);
		return true;
	}

	/** Moves an item to position `to` (0 = first, i.e. primary); ids and attributes stay. */
	moveItem(
		entity: PersonEntity,
		id: number,
		list: ItemListName,
		itemId: number,
		to: number,
	): boolean {
		const record = this.record(entity, id);
		const items = record[list] as Array<{ id: number }>;
		const at = items.findIndex((i) => i.id === itemId);
		if (at < 0) return false;
		const [item] = items.splice(at, 1);
		items.splice(Math.max(0, Math.min(to, items.length)), 0, item);
		this.store.touch(record);
		return true;
	}

	/** Marks an e-mail or phone unsubscribed (or subscribed again with `value` false). */
	unsubscribe(
		entity: PersonEntity,
		id: number,
		list: 'emails' | 'phones',
		itemId: number,
		value = true,
	): boolean {
		const record = this.record(entity, id);
		const item = (record[list] as Array<EmailItem | PhoneItem>).find((i) => i.id === itemId);
		if (!item) return false;
		item.unsubscribed = value;
		this.store.touch(record);
		return true;
	}

	/** Adds a tag (no change when the record has it, ignoring case). */
	addTag(entity: PersonEntity, id: number, name: string): boolean {
		const record = this.record(entity, id);
		const tag = name.trim();
		if (record.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return false;
		record.tags.push(tag);
		this.store.tagId(tag);
		this.store.touch(record);
		return true;
	}

	removeTag(entity: PersonEntity, id: number, name: string): boolean {
		const record = this.record(entity, id);
		const at = record.tags.findIndex((t) => t.toLowerCase() === name.trim().toLowerCase());
		if (at < 0) return false;
		record.tags.splice(at, 1);
		this.store.touch(record);
		return true;
	}

	/** Sets a custom field by name, creating the definition (text) when the account lacks it. */
	setCustomField(entity: PersonEntity, id: number, name: string, value: string): StoredRecord {
		const table = tableOf(entity);
		const record = this.record(entity, id);
		const def = this.store.findDefinition(table, name) ?? this.store.addDefinition(table, name);
		const existing = record.custom_fields.find(
			(v) => v.field.toLowerCase() === def.name.toLowerCase(),
		);
		if (existing) existing.value = value;
		else record.custom_fields.push({ id: this.store.nextItemId(), field: def.name, value });
		this.store.touch(record);
		return structuredClone(record);
	}

	attachDeal(
		entity: PersonEntity,
		id: number,
		fields: { name?: string; amount?: number } = {},
	): WorkItemRow {
		return this.attach('deal', entity, id, fields);
	}

	attachTask(entity: PersonEntity, id: number, fields: { name?: string } = {}): WorkItemRow {
		return this.attach('task', entity, id, fields);
	}

	attachNote(
		entity: PersonEntity,
		id: number,
		fields: { name?: string; comment?: string } = {},
	): WorkItemRow {
		return this.attach('note', entity, id, fields);
	}

	/**
	 * "Duplicate" in the web app: a copy with all the record's data (scalars, tax ID, lists, tags and
	 * custom fields, so also a copied sync state), with a new id, new item ids and a new `created`.
	 * Deals, tasks and notes stay on the original.
	 */
	duplicate(entity: PersonEntity, id: number): StoredRecord {
		const table = tableOf(entity);
		return structuredClone(
			this.store.insert(table, this.copyData(table, id), { origin: 'people' }),
		);
	}

	/**
	 * Export and re-import: the record is deleted and created again from the export (all its data,
	 * new id, new item ids, new `created`, origin `people`). The people then link their deals, tasks
	 * and notes (and a company's contacts) to the re-imported record, so this loses no work
	 * (`workLost` does not count it).
	 */
	exportReimport(entity: PersonEntity, id: number): StoredRecord {
		const table = tableOf(entity);
		const data = this.copyData(table, id);
		const employees =
			table === 'companies'
				? [...this.store.contacts.values()].filter((c) => c.company === id)
				: [];
		this.store.deleteRecord(table, id);
		const copy = this.store.insert(table, data, { origin: 'people' });
		for (const contact of employees) this.store.setEmployer(contact, copy.id);
		const key = table === 'contacts' ? 'contact' : 'company';
		for (const row of this.store.workOn(table, id)) row[key] = copy.id;
		return structuredClone(copy);
	}

	// ---- Inspection -------------------------------------------------------------------------------

	/** A deep copy of the record, undefined when it does not exist (deleted or never created). */
	get(entity: PersonEntity, id: number): StoredRecord | undefined {
		const record = this.store.table(tableOf(entity)).get(id);
		return record ? structuredClone(record) : undefined;
	}

	exists(entity: PersonEntity, id: number): boolean {
		return this.store.table(tableOf(entity)).has(id);
	}

	/** A person sets the contact's company in Clientify (null: no company); `modified` moves. */
	linkToCompany(contactId: number, companyId: number | null): void {
		const contact = this.store.contacts.get(contactId);
		if (!contact) throw new Error(`people.linkToCompany: no contact ${contactId}`);
		if (companyId !== null && !this.store.companies.has(companyId))
			throw new Error(`people.linkToCompany: no company ${companyId}`);
		this.store.setEmployer(contact, companyId);
	}

	/** The deals, tasks and notes that point at the record (copies). */
	workOn(entity: PersonEntity, id: number): WorkItemRow[] {
		return structuredClone(this.store.workOn(tableOf(entity), id));
	}

	/** Deals, tasks and notes whose record no longer exists (copies). */
	workLost(): WorkItemRow[] {
		return structuredClone(this.store.workLost());
	}

	/** Records (of both entities) with this tax ID, ignoring case and punctuation. */
	withTaxId(entity: PersonEntity, taxId: string): StoredRecord[] {
		return structuredClone(
			this.store.findByTaxId(tableOf(entity) === 'contacts' ? 'contact' : 'company', taxId),
		);
	}

	// ---- Internals --------------------------------------------------------------------------------

	private record(entity: PersonEntity, id: number): StoredRecord {
		const record = this.store.table(tableOf(entity)).get(id);
		if (!record) throw new Error(`people: ${tableOf(entity)} ${id} does not exist`);
		return record;
	}

	private insertItem(
		entity: PersonEntity,
		id: number,
		list: ItemListName,
		item: { id: number },
		at?: number,
	): unknown {
		const record = this.record(entity, id);
		const items = record[list] as Array<{ id: number }>;
		if (at === undefined) items.push(item);
		else items.splice(Math.max(0, Math.min(at, items.length)), 0, item);
		this.store.touch(record);
		return structuredClone(item);
	}

	private attach(
		kind: WorkItemRow['kind'],
		entity: PersonEntity,
		id: number,
		fields: { name?: string; amount?: number; comment?: string },
	): WorkItemRow {
		this.record(entity, id);
		const links = tableOf(entity) === 'contacts' ? { contact: id } : { company: id };
		return structuredClone(this.store.addWork(kind, links, fields));
	}

	/** The record's data for a new record: every value, fresh item ids, no id or stamps. */
	private copyData(table: EntityName, id: number): Partial<StoredRecord> {
		const record = this.record(table, id);
		const {
			id: _id,
			created: _created,
			modified: _modified,
			...data
		} = structuredClone(record) as StoredRecord;
		for (const list of ['emails', 'phones', 'addresses', 'websites', 'custom_fields'] as const)
			for (const item of data[list] as Array<{ id: number }>) item.id = this.store.nextItemId();
		return data;
	}
}
