/**
 * The invariants of the sales-team simulation, checked after every run against the ground truth
 * (team.ts, erp.ts) and the emulator's store, never against what the node says it did:
 *
 * a) nothing a person added, set or attached is lost or undone (values, item ids, consent flags,
 *    tags, their custom fields, untouched scalars); the ERP owns only the tax ID, the names, the
 *    `hispatec_*` custom fields, the values the sync itself added, and (Make the New Value Primary)
 *    which value comes first;
 * b) no record people created or worked on is deleted, and no deal, task or note loses its record;
 * c) the record each synced item names holds the ERP's current e-mails, phones and address (first,
 *    in the ERP's order, with Make the New Value Primary);
 * d) per tax ID, at most one record the sync created that nobody worked on (after a run that neither
 *    overlapped nor died); twins people worked on are kept on purpose and only counted;
 * e) every input item has exactly one outcome (in a run that died, failed is fine).
 *
 * A loss is reported once: the truth is updated to what is left, so later runs do not repeat it.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ClientifyEmulator, EntityName, StoredRecord } from '../../emulators/clientify';
import type { NormalizedRecord } from '../../nodes/shared/types';
import { keys } from './erp';
import type { Team, Tracked } from './team';

export type Invariant = 'a' | 'b' | 'c' | 'd' | 'e';

export interface Violation {
	invariant: Invariant;
	kind: ViolationKind;
	run: number;
	/** The team's last step when it was seen. */
	step: number;
	message: string;
}

export type ViolationKind =
	| 'value lost'
	| 'item id changed'
	| 'value changed'
	| 'flag undone'
	| 'unsubscribed item removed'
	| 'tag lost'
	| 'custom field reverted'
	| 'scalar reverted'
	| "record with people's work deleted"
	| 'deal, task or note lost its record'
	| 'named record missing'
	| 'ERP value missing'
	| 'ERP value not primary'
	| 'tax ID differs'
	| 'sync duplicate'
	| 'item without one outcome';

export const KINDS_BY_INVARIANT: Record<Invariant, ViolationKind[]> = {
	a: [
		'value lost',
		'item id changed',
		'value changed',
		'flag undone',
		'unsubscribed item removed',
		'tag lost',
		'custom field reverted',
		'scalar reverted',
	],
	b: ["record with people's work deleted", 'deal, task or note lost its record'],
	c: ['named record missing', 'ERP value missing', 'ERP value not primary', 'tax ID differs'],
	d: ['sync duplicate'],
	e: ['item without one outcome'],
};

const OUTCOMES = new Set(['created', 'updated', 'unchanged', 'skipped', 'failed']);

export class Checker {
	readonly violations: Violation[] = [];
	/** c) is checked after every run: a failure that persists is reported once (per record and list). */
	private reportedErp = new Set<string>();
	/** Twins the sync created that people worked on, kept (seen after settled runs; max at once). */
	keptTwins = 0;
	private reportedWork = new Set<string>();

	constructor(
		private readonly emu: ClientifyEmulator,
		private readonly team: Team,
		private readonly seed: number,
	) {}

	private add(invariant: Invariant, kind: ViolationKind, run: number, message: string): void {
		this.violations.push({
			invariant,
			kind,
			run,
			step: this.team.step,
			message: `seed ${this.seed}, run ${run}, after step ${this.team.step}: (${invariant}) ${kind}: ${message}`,
		});
	}

	private record(entity: EntityName, id: number): StoredRecord | undefined {
		return this.emu.store.table(entity).get(id);
	}

	/** a) and b): the team's truth against the store. */
	checkPeople(run: number): void {
		for (const [key, t] of [...this.team.tracked]) {
			const record = this.record(t.entity, t.id);
			if (!record) {
				const heirs = t.lastTaxId
					? this.emu.people
							.withTaxId(t.entity, t.lastTaxId)
							.map((r) => `${r.id} (${this.emu.store.originOf(t.entity, r.id)?.origin})`)
					: [];
				this.add(
					'b',
					"record with people's work deleted",
					run,
					`${key} (${t.origin}; ${describe(t)})` +
						(t.lastTaxId
							? `; its tax ID ${t.lastTaxId} is now on ${heirs.join(', ') || 'no record'}`
							: ''),
				);
				this.team.tracked.delete(key);
				continue;
			}
			t.lastTaxId = record.taxpayer_identification_number;
			this.checkItems(run, key, t, record);
			for (const [tagKey, tag] of [...t.tags]) {
				if (!record.tags.some((x) => x.toLowerCase() === tagKey.toLowerCase())) {
					this.add('a', 'tag lost', run, `${key} lost tag "${tag.name}" (step ${tag.step})`);
					t.tags.delete(tagKey);
				}
			}
			for (const [fieldKey, field] of t.fields) {
				const now = record.custom_fields.find((cf) => cf.field.toLowerCase() === fieldKey);
				if (now?.value !== field.value) {
					this.add(
						'a',
						'custom field reverted',
						run,
						`${key} custom field "${field.name}" is ${now ? `"${now.value}"` : 'gone'}, people set "${field.value}" (${this.team.journal.get(field.step) ?? 'before the first sync'})`,
					);
					if (now) field.value = now.value;
					else t.fields.delete(fieldKey);
				}
			}
			for (const [scalar, set] of t.scalars) {
				// (`company` is the id of the contact's company: issue 20's links)
				if (String(record[scalar] ?? '') !== set.value) {
					this.add(
						'a',
						'scalar reverted',
						run,
						`${key} ${scalar} is ${JSON.stringify(record[scalar])}, people set "${set.value}" (step ${set.step})`,
					);
					set.value = String(record[scalar] ?? '');
				}
			}
		}
		for (const row of this.emu.store.workLost()) {
			const id = `${row.kind}:${row.id}`;
			if (this.reportedWork.has(id)) continue;
			this.reportedWork.add(id);
			this.add(
				'b',
				'deal, task or note lost its record',
				run,
				`${row.kind} ${row.id} "${row.name}" points at ${row.contact !== null ? `contact ${row.contact}` : `company ${row.company}`}, which is gone`,
			);
		}
	}

	private checkItems(run: number, key: string, t: Tracked, record: StoredRecord): void {
		for (const [itemId, item] of [...t.items]) {
			const list = record[item.list] as unknown as Array<Record<string, unknown> & { id: number }>;
			const keyOf = (i: Record<string, unknown>) =>
				item.list === 'emails'
					? keys.email(i.email)
					: item.list === 'phones'
						? keys.phone(i.phone)
						: keys.address(i);
			const what =
				`${SINGULAR[item.list]} ${item.shown} (item ${itemId}, ` +
				(item.why === 'unsubscribed'
					? `the sync's, unsubscribed by a person at step ${item.step})`
					: `${item.why} at step ${item.step}${item.unsubscribed ? `, unsubscribed at step ${item.flagStep ?? item.step}` : ''})`);
			let now = list.find((i) => i.id === itemId);
			if (now && keyOf(now) !== item.key) {
				this.add('a', 'value changed', run, `${key} ${what} now holds ${JSON.stringify(now)}`);
				t.items.delete(itemId);
				continue;
			}
			if (!now) {
				const sameValue = list.find((i) => keyOf(i) === item.key);
				if (!sameValue) {
					this.add(
						'a',
						item.unsubscribed ? 'unsubscribed item removed' : 'value lost',
						run,
						`${key} lost ${what}`,
					);
					t.items.delete(itemId);
					continue;
				}
				this.add(
					'a',
					'item id changed',
					run,
					`${key} ${what} is now item ${sameValue.id} (the list was rebuilt)`,
				);
				t.items.delete(itemId);
				item.id = sameValue.id;
				t.items.set(sameValue.id, item);
				now = sameValue;
			}
			if (item.unsubscribed && now.unsubscribed !== true) {
				this.add('a', 'flag undone', run, `${key} ${what} is subscribed again`);
				// Reported once: a sync's item is no longer the person's; the person's own item still is.
				if (item.why === 'unsubscribed') t.items.delete(item.id);
				else item.unsubscribed = false;
			}
		}
	}

	/** c) and e) for one execution's output over `inputs`. */
	checkRun(
		run: number,
		label: string,
		inputs: NormalizedRecord[],
		output: IDataObject[],
		options: { makePrimary: boolean; died: boolean; thrown?: Error },
	): void {
		if (output.length !== inputs.length) {
			if (!(options.died && options.thrown))
				this.add(
					'e',
					'item without one outcome',
					run,
					`${label}: ${inputs.length} items in, ${output.length} out${options.thrown ? ` (threw: ${options.thrown.message})` : ''}`,
				);
			return;
		}
		for (let i = 0; i < inputs.length; i++) {
			const json = output[i];
			const input = inputs[i];
			const action = String(json.action);
			if (!OUTCOMES.has(action) || (action === 'failed' && !options.died && !json.error)) {
				this.add(
					'e',
					'item without one outcome',
					run,
					`${label}: item ${i} (${input.sourceId}) has action ${JSON.stringify(json.action)}`,
				);
				continue;
			}
			if (action !== 'created' && action !== 'updated' && action !== 'unchanged') continue;
			const entity: EntityName = input.recordType === 'company' ? 'companies' : 'contacts';
			const id = Number(json.clientifyId);
			const record = this.record(entity, id);
			const warnings = (Array.isArray(json.warnings) ? (json.warnings as IDataObject[]) : [])
				.map((w) => String(w.code))
				.join(', ');
			const who = `${label}: ERP ${input.sourceId} (${action} ${entity} ${id}${warnings ? `, warnings: ${warnings}` : ''})`;
			const at = `${entity}:${id}`;
			if (!record) {
				this.add('c', 'named record missing', run, `${who}: the record does not exist`);
				continue;
			}
			if (keys.tax(record.taxpayer_identification_number) !== keys.tax(input.taxId))
				this.add(
					'c',
					'tax ID differs',
					run,
					`${who}: holds tax ID ${String(record.taxpayer_identification_number)}`,
				);
			this.checkErpList(
				run,
				who,
				`${at}:emails`,
				record.emails,
				input.emails,
				keys.email,
				(e) => e.email,
				options,
			);
			this.checkErpList(
				run,
				who,
				`${at}:phones`,
				record.phones,
				input.phones.map((p) => p.number),
				keys.phone,
				(p) => p.phone,
				options,
			);
			if (input.address) {
				const wanted = keys.address({
					street: input.address.street,
					postal_code: input.address.postalCode,
					city: input.address.city,
				});
				this.checkErpList(
					run,
					who,
					`${at}:addresses`,
					record.addresses,
					[wanted],
					(v) => String(v),
					(a) => keys.address(a),
					options,
				);
			}
		}
	}

	private checkErpList<T>(
		run: number,
		who: string,
		where: string,
		items: T[],
		wanted: string[],
		key: (value: unknown) => string,
		valueOf: (item: T) => unknown,
		options: { makePrimary: boolean },
	): void {
		const held = items.map((i) => key(valueOf(i)));
		const once = (kind: ViolationKind, detail: string) => {
			const id = `${kind}|${where}|${wanted.map(key).join(',')}`;
			if (this.reportedErp.has(id)) return;
			this.reportedErp.add(id);
			this.add('c', kind, run, `${who}: ${detail}`);
		};
		for (const value of wanted) {
			if (!held.includes(key(value)))
				once('ERP value missing', `lacks ${value} (holds ${held.join(', ')})`);
		}
		if (options.makePrimary && wanted.every((v) => held.includes(key(v)))) {
			const head = held.slice(0, wanted.length);
			const unsubscribed = items.filter((i) => (i as { unsubscribed?: boolean }).unsubscribed);
			if (head.join('\n') !== wanted.map(key).join('\n'))
				once(
					'ERP value not primary',
					`${where.split(':')[2]} start ${head.join(', ')}, the ERP's is ${wanted.join(', ')}` +
						` (${unsubscribed.length} unsubscribed in the list)`,
				);
		}
	}

	/** d): after a run that neither overlapped nor died. */
	checkDuplicates(run: number): void {
		let kept = 0;
		for (const entity of ['contacts', 'companies'] as const) {
			const byTax = new Map<string, StoredRecord[]>();
			for (const record of this.emu.store.table(entity).values()) {
				if (this.emu.store.originOf(entity, record.id)?.origin !== 'api') continue;
				const tax = keys.tax(record.taxpayer_identification_number);
				if (!tax) continue;
				byTax.set(tax, [...(byTax.get(tax) ?? []), record]);
			}
			for (const [tax, records] of byTax) {
				if (records.length < 2) continue;
				const untouched = records.filter((r) => !this.team.tracked.has(`${entity}:${r.id}`));
				kept += records.length - untouched.length;
				if (untouched.length > 1)
					this.add(
						'd',
						'sync duplicate',
						run,
						`${entity} with tax ID ${tax}: the sync created ${records.map((r) => r.id).join(', ')}; ${untouched.map((r) => r.id).join(', ')} nobody worked on`,
					);
			}
		}
		this.keptTwins = Math.max(this.keptTwins, kept);
	}

	count(kind: ViolationKind): number {
		return this.violations.filter((v) => v.kind === kind).length;
	}
}

const SINGULAR = { emails: 'e-mail', phones: 'phone', addresses: 'address' } as const;

function describe(t: Tracked): string {
	const parts = [
		t.items.size ? `${t.items.size} people's item(s)` : '',
		t.tags.size ? `tags ${[...t.tags.values()].map((x) => x.name).join(', ')}` : '',
		t.fields.size ? `${t.fields.size} custom field(s)` : '',
		t.work ? `${t.work} deal(s)/task(s)/note(s)` : '',
	].filter(Boolean);
	return parts.join(', ') || 'edited by people';
}
