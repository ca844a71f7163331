/**
 * The sales team of the simulation: people working in Clientify (through the emulator's `people`
 * hook, directly on its store) between the sync's runs and during them. Every edit is remembered
 * here as ground truth ("what people own"), independently of the node and of its sync state, so the
 * invariants (checks.ts) can tell what the sync lost.
 */
import type { ClientifyEmulator, EntityName, StoredRecord } from '../../emulators/clientify';
import { keys, type Erp, type ErpRecord } from './erp';
import type { Rng } from './rng';

export type EditKind =
	| 'add-email'
	| 'remove-email'
	| 'reorder-emails'
	| 'add-phone'
	| 'remove-phone'
	| 'reorder-phones'
	| 'unsubscribe-email'
	| 'unsubscribe-phone'
	| 'add-tag'
	| 'custom-field'
	| 'deal'
	| 'note'
	| 'task'
	| 'type-tax-id'
	| 'duplicate'
	| 'reimport'
	| 'description'
	| 'status'
	| 'erp-owned-scalar'
	/** A person sets a contact's company (issue 20): a link the sync must never undo. */
	| 'link-company';

/** Between runs: every kind. */
export const BETWEEN_WEIGHTS: Record<EditKind, number> = {
	'add-email': 8,
	'remove-email': 4,
	'reorder-emails': 5,
	'add-phone': 8,
	'remove-phone': 4,
	'reorder-phones': 5,
	'unsubscribe-email': 5,
	'unsubscribe-phone': 7,
	'add-tag': 8,
	'custom-field': 9,
	deal: 5,
	note: 5,
	task: 4,
	'type-tax-id': 3,
	duplicate: 1.5,
	reimport: 1.5,
	description: 5,
	status: 4,
	'erp-owned-scalar': 2,
	'link-company': 3,
};

/**
 * During a run: nothing that removes, reorders or re-creates (the run's output must still name a
 * record that holds the ERP's values first); an e-mail or phone is appended. Only records that
 * existed when the run started are touched.
 */
export const DURING_WEIGHTS: Partial<Record<EditKind, number>> = {
	'add-email': 6,
	'add-phone': 6,
	'unsubscribe-email': 5,
	'unsubscribe-phone': 7,
	'add-tag': 6,
	'custom-field': 12,
	deal: 4,
	note: 4,
	task: 3,
	'type-tax-id': 2,
	duplicate: 1,
	description: 4,
	status: 3,
	'erp-owned-scalar': 2,
};

export type ItemList = 'emails' | 'phones' | 'addresses';

/** A value people own on a record, or a sync item whose consent flag a person set. */
export interface PersonItem {
	list: ItemList;
	id: number;
	key: string;
	shown: string;
	unsubscribed: boolean;
	/**
	 * `added` by a person, `pre-existing` on a record people made before the first sync, `copied`
	 * onto a duplicated or re-imported record, or `unsubscribed`: the sync's item a person opted out.
	 */
	why: 'added' | 'pre-existing' | 'copied' | 'unsubscribed';
	/** When it became people's. */
	step: number;
	/** When a person unsubscribed it. */
	flagStep?: number;
}

/** A record people created or worked on: it must never be deleted, nor lose what they did. */
export interface Tracked {
	entity: EntityName;
	id: number;
	byPeople: boolean;
	items: Map<number, PersonItem>;
	tags: Map<string, { name: string; step: number }>;
	fields: Map<string, { name: string; value: string; step: number }>;
	scalars: Map<string, { value: string; step: number }>;
	/** Deals, tasks and notes people attached. */
	work: number;
	/** How it became people's (for messages). */
	origin: string;
	since: number;
	/** Its tax ID when last seen (to say where a deleted record's tax ID went). */
	lastTaxId: string | null;
}

const PERSON_FIELDS = ['Comercial', 'Prioridad', 'Cosecha prevista', 'Visitado'];
const PERSON_TAGS = ['cliente-vip', 'feria-2025', 'llamar', 'exportador', 'bio', 'moroso'];
const STATUSES = ['warm-lead', 'hot-lead', 'in-deal', 'client', 'lost-client'];

export interface EditCounts {
	between: number;
	during: number;
}

/** The company the sync's state says it linked the contact to (`k`), if any. */
function syncLinkOf(record: StoredRecord): number | undefined {
	const state = record.custom_fields.find((cf) => /^hispatec_syncstate$/i.test(cf.field));
	try {
		const k = (JSON.parse(state?.value ?? '{}') as { k?: unknown }).k;
		return typeof k === 'number' ? k : undefined;
	} catch {
		return undefined;
	}
}

export class Team {
	step = 0;
	readonly tracked = new Map<string, Tracked>();
	readonly counts = {} as Record<EditKind, EditCounts>;
	/** Step → what the person did (every failure message can quote it). */
	readonly journal = new Map<number, string>();
	/** Records people had before the first sync, without a tax ID, waiting for someone to type it. */
	private older: Array<{ entity: EntityName; id: number; erp: ErpRecord }> = [];

	constructor(
		private readonly emu: ClientifyEmulator,
		private readonly rng: Rng,
		private readonly erp: Erp,
	) {
		for (const kind of Object.keys(BETWEEN_WEIGHTS) as EditKind[])
			this.counts[kind] = { between: 0, during: 0 };
	}

	get people() {
		return this.emu.people;
	}

	/**
	 * Before the first sync, the team already has records: some customers of the ERP without a tax
	 * ID (same e-mail; someone will type it later), some with it (their e-mail equal to the ERP's),
	 * and leads the ERP does not know.
	 */
	seedBeforeFirstSync(): void {
		for (const record of this.erp.records.values()) {
			const roll = this.rng.next();
			if (roll < 0.12) this.seedOlder(record, false);
			else if (roll < 0.2) this.seedOlder(record, true);
		}
		for (let i = 0; i < 12; i++) {
			const entity: EntityName = i % 4 === 3 ? 'companies' : 'contacts';
			const created = this.people.create(entity, {
				...(entity === 'contacts'
					? { first_name: `Lead ${i}`, status: 'cold-lead' }
					: { name: `Posible cliente ${i}` }),
				emails: [`lead${i}@correo.es`],
				phones: [`+3462200${String(i).padStart(4, '0')}`],
			});
			this.track(
				created,
				entity,
				true,
				'a lead people created before the first sync',
				'pre-existing',
			);
		}
	}

	private seedOlder(erp: ErpRecord, withTaxId: boolean): void {
		const entity: EntityName = erp.entity === 'contact' ? 'contacts' : 'companies';
		const created = this.people.create(entity, {
			...(entity === 'contacts'
				? { first_name: erp.firstName, last_name: erp.lastName }
				: { name: `${erp.name} (antiguo)` }),
			...(withTaxId ? { taxpayer_identification_number: erp.taxId } : {}),
			emails: [erp.emails[0]],
			phones: this.rng.chance(0.5) ? [erp.phones[0].number] : [],
			description: 'Cliente de toda la vida',
			custom_fields: { Comercial: this.rng.pick(['Luis', 'Marta', 'Paco']) },
		});
		this.track(
			created,
			entity,
			true,
			`people's own record of ERP ${erp.sourceId}, made before the first sync ${withTaxId ? 'with' : 'without'} its tax ID`,
			'pre-existing',
		);
		if (!withTaxId) this.older.push({ entity, id: created.id, erp });
	}

	/** Starts tracking a record with everything on it as people's (`why` for its items). */
	private track(
		record: StoredRecord,
		entity: EntityName,
		byPeople: boolean,
		origin: string,
		why: PersonItem['why'],
	): Tracked {
		const t: Tracked = {
			entity,
			id: record.id,
			byPeople,
			items: new Map(),
			tags: new Map(),
			fields: new Map(),
			scalars: new Map(),
			work: 0,
			origin,
			since: this.step,
			lastTaxId: record.taxpayer_identification_number,
		};
		if (byPeople) {
			for (const list of ['emails', 'phones', 'addresses'] as const)
				for (const item of record[list]) this.trackItem(t, list, item, why);
			for (const tag of record.tags) t.tags.set(tag.toLowerCase(), { name: tag, step: this.step });
			for (const cf of record.custom_fields)
				if (!/^hispatec_/i.test(cf.field))
					t.fields.set(cf.field.toLowerCase(), {
						name: cf.field,
						value: cf.value,
						step: this.step,
					});
			for (const key of ['description', 'status', 'remarks'])
				if (typeof record[key] === 'string' && record[key])
					t.scalars.set(key, { value: record[key] as string, step: this.step });
		}
		this.tracked.set(`${t.entity}:${t.id}`, t);
		return t;
	}

	private trackItem(
		t: Tracked,
		list: ItemList,
		item: { id: number },
		why: PersonItem['why'],
	): void {
		const i = item as unknown as Record<string, unknown>;
		const shown =
			list === 'emails'
				? String(i.email)
				: list === 'phones'
					? String(i.phone)
					: `${String(i.street)}, ${String(i.postal_code)} ${String(i.city)}`;
		const key =
			list === 'emails'
				? keys.email(i.email)
				: list === 'phones'
					? keys.phone(i.phone)
					: keys.address(i);
		t.items.set(item.id, {
			list,
			id: item.id,
			key,
			shown,
			unsubscribed: i.unsubscribed === true,
			why,
			step: this.step,
			...(i.unsubscribed === true ? { flagStep: this.step } : {}),
		});
	}

	/** The tracked entry of a record, created (as worked on, not by people) on a first edit. */
	private worked(entity: EntityName, record: StoredRecord, what: string): Tracked {
		return (
			this.tracked.get(`${entity}:${record.id}`) ??
			this.track(
				record,
				entity,
				false,
				`${entity === 'contacts' ? 'a contact' : 'a company'} first worked on at step ${this.step} (${what})`,
				'added',
			)
		);
	}

	/** Live records, contacts then companies, in id order; `only` limits them (during a run). */
	private candidates(only?: Set<string>): Array<{ entity: EntityName; record: StoredRecord }> {
		const out: Array<{ entity: EntityName; record: StoredRecord }> = [];
		for (const entity of ['contacts', 'companies'] as const) {
			const table = this.emu.store.table(entity);
			for (const id of [...table.keys()].sort((a, b) => a - b)) {
				if (only && !only.has(`${entity}:${id}`)) continue;
				out.push({ entity, record: table.get(id) as StoredRecord });
			}
		}
		return out;
	}

	/** Keys (`contacts:12`) of every live record, for `act(…, only)` during a run. */
	liveKeys(): Set<string> {
		return new Set(this.candidates().map(({ entity, record }) => `${entity}:${record.id}`));
	}

	/**
	 * One edit by one person. Between runs any kind; during a run (`only` given) the non-destructive
	 * kinds, on records that existed when the run started, often (`prefer`) one the run is about to
	 * write (its ERP record changed): an edit between the run's lookup and its write. Returns the
	 * journal line.
	 */
	act(
		phase: 'between' | 'during',
		run: number,
		only?: Set<string>,
		prefer?: Set<string>,
	): string | undefined {
		const weights = phase === 'between' ? BETWEEN_WEIGHTS : DURING_WEIGHTS;
		const all = this.candidates(only);
		if (!all.length) return undefined;
		const withTax = all.filter(({ record }) => !!record.taxpayer_identification_number);
		const preferred = prefer
			? all.filter(({ entity, record }) => prefer.has(`${entity}:${record.id}`))
			: [];
		for (let attempt = 0; attempt < 8; attempt++) {
			const usePreferred = preferred.length > 0 && this.rng.chance(0.6);
			// A record the run is about to write gets its own custom field set half the time: the case
			// where a write built from the lookup's copy would revert it.
			const kind: EditKind =
				usePreferred && this.rng.chance(0.5)
					? 'custom-field'
					: this.rng.weighted(weights as Record<EditKind, number>);
			const pool = usePreferred
				? preferred
				: withTax.length && this.rng.chance(0.8)
					? withTax
					: all;
			const target = this.rng.pick(pool);
			this.step++;
			const done = this.apply(kind, target.entity, target.record, phase, only);
			if (done) {
				this.counts[kind][phase]++;
				const line = `step ${this.step} (run ${run}, ${phase === 'between' ? 'before the run' : 'during the run'}): ${done}`;
				this.journal.set(this.step, line);
				return line;
			}
			this.step--;
		}
		return undefined;
	}

	private apply(
		kind: EditKind,
		entity: EntityName,
		record: StoredRecord,
		phase: 'between' | 'during',
		only?: Set<string>,
	): string | undefined {
		const p = this.people;
		const id = record.id;
		const name = `${entity === 'contacts' ? 'contact' : 'company'} ${id}`;
		const rng = this.rng;
		switch (kind) {
			case 'add-email': {
				const at = phase === 'between' && rng.chance(0.3) ? 0 : undefined;
				const item = p.addEmail(entity, id, `p${this.step}@correo.es`, { at });
				this.trackItem(this.worked(entity, record, kind), 'emails', item, 'added');
				return `added e-mail ${item.email} (item ${item.id}${at === 0 ? ', first' : ''}) to ${name}`;
			}
			case 'add-phone': {
				const at = phase === 'between' && rng.chance(0.3) ? 0 : undefined;
				const number = `+3462${String(this.step).padStart(7, '0')}`;
				const item = p.addPhone(entity, id, number, { at });
				this.trackItem(this.worked(entity, record, kind), 'phones', item, 'added');
				return `added phone ${number} (item ${item.id}${at === 0 ? ', first' : ''}) to ${name}`;
			}
			case 'remove-email':
			case 'remove-phone': {
				const list = kind === 'remove-email' ? 'emails' : 'phones';
				const items = record[list] as Array<{ id: number }>;
				if (!items.length) return undefined;
				const item = rng.pick(items);
				const t = this.worked(entity, record, kind);
				p.removeItem(entity, id, list, item.id);
				t.items.delete(item.id);
				return `removed ${list.slice(0, -1)} item ${item.id} from ${name}`;
			}
			case 'reorder-emails':
			case 'reorder-phones': {
				const list = kind === 'reorder-emails' ? 'emails' : 'phones';
				const items = record[list] as Array<{ id: number }>;
				if (items.length < 2) return undefined;
				const item = rng.pick(items);
				const to = rng.int(0, items.length - 1);
				this.worked(entity, record, kind);
				p.moveItem(entity, id, list, item.id, to);
				return `moved ${list.slice(0, -1)} item ${item.id} of ${name} to position ${to}`;
			}
			case 'unsubscribe-email':
			case 'unsubscribe-phone': {
				const list = kind === 'unsubscribe-email' ? 'emails' : 'phones';
				const items = (record[list] as Array<{ id: number; unsubscribed?: boolean }>).filter(
					(i) => !i.unsubscribed,
				);
				if (!items.length) return undefined;
				const item = rng.pick(items);
				const t = this.worked(entity, record, kind);
				p.unsubscribe(entity, id, list, item.id);
				const known = t.items.get(item.id);
				if (known) {
					known.unsubscribed = true;
					known.flagStep = this.step;
				} else {
					this.trackItem(t, list, Object.assign({}, item, { unsubscribed: true }), 'unsubscribed');
				}
				return `unsubscribed ${list.slice(0, -1)} item ${item.id} of ${name}`;
			}
			case 'add-tag': {
				const free = PERSON_TAGS.filter(
					(tag) => !record.tags.some((t) => t.toLowerCase() === tag.toLowerCase()),
				);
				if (!free.length) return undefined;
				const tag = rng.pick(free);
				p.addTag(entity, id, tag);
				this.worked(entity, record, kind).tags.set(tag, { name: tag, step: this.step });
				return `tagged ${name} "${tag}"`;
			}
			case 'custom-field': {
				// Often a field the record already has: changing it is what a stale write would revert.
				const own = record.custom_fields.filter((cf) => !/^hispatec_/i.test(cf.field));
				const field = own.length && rng.chance(0.6) ? rng.pick(own).field : rng.pick(PERSON_FIELDS);
				const value = `v${this.step}`;
				p.setCustomField(entity, id, field, value);
				this.worked(entity, record, kind).fields.set(field.toLowerCase(), {
					name: field,
					value,
					step: this.step,
				});
				return `set custom field "${field}" of ${name} to "${value}"`;
			}
			case 'deal':
			case 'note':
			case 'task': {
				const row =
					kind === 'deal'
						? p.attachDeal(entity, id, {
								name: `Oportunidad ${this.step}`,
								amount: rng.int(1, 90) * 100,
							})
						: kind === 'note'
							? p.attachNote(entity, id, { name: 'Visita', comment: `Nota ${this.step}` })
							: p.attachTask(entity, id, { name: `Llamar ${this.step}` });
				this.worked(entity, record, kind).work++;
				return `attached ${kind} ${row.id} to ${name}`;
			}
			case 'type-tax-id': {
				const waiting = this.older.filter(
					(o) =>
						this.erp.records.get(o.erp.sourceId) === o.erp &&
						this.emu.store.table(o.entity).has(o.id) &&
						(!only || only.has(`${o.entity}:${o.id}`)),
				);
				if (!waiting.length) return undefined;
				const older = rng.pick(waiting);
				this.older = this.older.filter((o) => o !== older);
				const stored = this.emu.store.table(older.entity).get(older.id) as StoredRecord;
				p.typeTaxId(older.entity, older.id, older.erp.taxId);
				this.worked(older.entity, stored, kind);
				return `typed tax ID ${older.erp.taxId} (ERP ${older.erp.sourceId}) into the older ${older.entity === 'contacts' ? 'contact' : 'company'} ${older.id}`;
			}
			case 'duplicate': {
				const copy = p.duplicate(entity, id);
				this.worked(entity, record, kind);
				this.track(
					copy,
					entity,
					true,
					`people's duplicate of ${name}, made at step ${this.step}`,
					'copied',
				);
				return `duplicated ${name} as ${copy.id}`;
			}
			case 'reimport': {
				const copy = p.exportReimport(entity, id);
				this.tracked.delete(`${entity}:${id}`);
				// its contacts were linked again to the re-imported company: so were people's links
				if (entity === 'companies')
					for (const t of this.tracked.values()) {
						const link = t.scalars.get('company');
						if (link?.value === String(id)) link.value = String(copy.id);
					}
				this.older = this.older.map((o) =>
					o.entity === entity && o.id === id ? { ...o, id: copy.id } : o,
				);
				this.track(
					copy,
					entity,
					true,
					`people's re-import of ${name}, made at step ${this.step}`,
					'copied',
				);
				return `exported and re-imported ${name} as ${copy.id}`;
			}
			case 'description': {
				const value = `Nota comercial ${this.step}`;
				p.setScalar(entity, id, 'description', value);
				this.worked(entity, record, kind).scalars.set('description', { value, step: this.step });
				return `set the description of ${name}`;
			}
			case 'status': {
				const key = entity === 'contacts' ? 'status' : 'remarks';
				const value = entity === 'contacts' ? rng.pick(STATUSES) : `Observación ${this.step}`;
				p.setScalar(entity, id, key, value);
				this.worked(entity, record, kind).scalars.set(key, { value, step: this.step });
				return `set ${key} of ${name} to "${value}"`;
			}
			case 'erp-owned-scalar': {
				const key = entity === 'contacts' ? 'first_name' : 'name';
				p.setScalar(entity, id, key, `Editado ${this.step}`);
				this.worked(entity, record, kind);
				return `edited ${key} of ${name} (a value the ERP owns)`;
			}
			case 'link-company': {
				if (entity !== 'contacts') return undefined;
				// Another company than its own and than the one the sync linked (a person re-making the
				// sync's own link cannot be told from it: docs/clientify-upsert.md "Links to companies").
				const k = syncLinkOf(record);
				const choices = [...this.emu.store.companies.keys()]
					.sort((a, b) => a - b)
					.filter((c) => c !== record.company && c !== k);
				if (!choices.length) return undefined;
				const company = rng.pick(choices);
				p.linkToCompany(id, company);
				this.worked(entity, record, kind).scalars.set('company', {
					value: String(company),
					step: this.step,
				});
				return `linked ${name} to company ${company}`;
			}
		}
		return undefined;
	}

	get totalEdits(): number {
		return Object.values(this.counts).reduce((n, c) => n + c.between + c.during, 0);
	}
}
