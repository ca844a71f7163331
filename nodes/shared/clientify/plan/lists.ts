/**
 * E-mails, phones and addresses are edited item by item, never rebuilt (docs/clientify-upsert.md "What the sync changes
 * in Clientify"). For one list of an existing record and the ERP's values for it:
 *
 * - A value the ERP has and the record lacks is added (sub-resource `POST`, at the end).
 * - *Make the New Value Primary*: an item the sync itself added earlier (its hash is in the sync
 *   state), that the ERP no longer has and that nobody touched (no opt-out flag), takes the ERP's new
 *   value in place (item `PUT`: same id, same position), or is removed (item `DELETE`) when no new
 *   value needs its place. When the ERP's values are still not first after that, the list must be
 *   reordered (`reorder`): the write side re-reads the record and sends the list as read, only the
 *   order changed (nodes/shared/clientify/client/guarded.ts).
 * - Every other item keeps its id, type, flags, attributes and position.
 *
 * Ownership: a value becomes the sync's only when the sync's own write puts it there. A value that
 * was on the record before stays the person's, even when it equals the ERP's.
 */
import { addressMatches } from './address';
import { FIELD_TABLE } from '../fieldTable';
import { phoneKey } from './match';
import { addressStateKey, emailStateKey, phoneStateKey, type OwnedKeys } from '../syncState';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyRecord,
	DesiredRecord,
	ItemEdit,
	ListItem,
	ListName,
} from '../types';
import { cleanText } from '../desired/source';

/**
 * The lists edited item by item: the field table's lists whose own items the sync may replace or
 * remove (`ownItemsReplaced`); the others (web sites, tags) are only added to.
 */
export const LIST_NAMES: readonly ListName[] = FIELD_TABLE.contact
	.filter((row) => row.kind === 'list' && row.ownItemsReplaced)
	.map((row) => row.api as ListName);

/** The sync-state key of each list (`SyncState.e`, `.p`, `.a`). */
const OWNED_KEY: Record<ListName, keyof OwnedKeys> = {
	emails: 'e',
	phones: 'p',
	addresses: 'a',
};

export interface ListPlan {
	add: ListItem[];
	edits: ItemEdit[];
	/** The ERP's values are not first after the adds and edits: a guarded list `PUT` must reorder. */
	reorder: boolean;
	/** Hashes of the values the sync owns once the plan is written. */
	owned: string[];
}

function text(value: unknown): string {
	return cleanText(value) ?? '';
}

/** When two items are the same value, and each item's sync-state hash. */
export const LIST_RULES: Record<
	ListName,
	{ same: (existing: ListItem, desired: ListItem) => boolean; key: (item: ListItem) => string }
> = {
	emails: {
		same: (e, d) =>
			text((e as ClientifyEmail).email).toLowerCase() ===
			text((d as ClientifyEmail).email).toLowerCase(),
		key: (item) => emailStateKey(text((item as ClientifyEmail).email)),
	},
	phones: {
		same: (e, d) =>
			phoneKey(text((e as ClientifyPhone).phone)) === phoneKey(text((d as ClientifyPhone).phone)),
		key: (item) => phoneStateKey(text((item as ClientifyPhone).phone)),
	},
	addresses: {
		same: (e, d) => addressMatches(e as ClientifyAddress, d as ClientifyAddress),
		key: (item) => addressStateKey(item as ClientifyAddress),
	},
};

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): an item carries its opt-out as `unsubscribed: true`
 * (phones, and e-mails where Clientify has the flag). Such an item was touched by a person: the sync
 * never changes, removes or re-sends it in a list, whoever added it.
 */
export function optedOut(item: unknown): boolean {
	return (
		typeof item === 'object' &&
		item !== null &&
		(item as { unsubscribed?: unknown }).unsubscribed === true
	);
}

/** The record's items of one list (objects only). */
export function itemsOf(record: ClientifyRecord, list: ListName): ListItem[] {
	const items = record[list];
	return Array.isArray(items)
		? (items.filter((i) => i && typeof i === 'object') as ListItem[])
		: [];
}

/** Whether the first items of `list` are the desired ones, in order. */
export function erpValuesFirst(list: ListItem[], desired: ListItem[], name: ListName): boolean {
	const { same } = LIST_RULES[name];
	return desired.every((d, i) => list[i] !== undefined && same(list[i], d));
}

/**
 * The plan for one list. `previous`: hashes the sync owned before (its state). `makePrimary`: the
 * option *When Contact Details Change*.
 */
function planList(
	name: ListName,
	existing: ListItem[],
	desired: ListItem[],
	previous: readonly string[],
	makePrimary: boolean,
): ListPlan {
	// The ERP has no value of this kind: nothing is added, removed or reordered, and the sync keeps
	// knowing its values for when the ERP has one again.
	if (!desired.length) return { add: [], edits: [], reorder: false, owned: [...previous] };
	const { same, key } = LIST_RULES[name];
	const written = new Set(previous);
	const present = (d: ListItem) => existing.some((e) => same(e, d));
	const missing = desired.filter((d) => !present(d));
	const owned = desired.filter((d) => present(d) && written.has(key(d))).map(key);
	if (!makePrimary) {
		return { add: missing, edits: [], reorder: false, owned: [...owned, ...missing.map(key)] };
	}
	const stale = existing.filter(
		(e) =>
			typeof e.id === 'number' &&
			!desired.some((d) => same(e, d)) &&
			written.has(key(e)) &&
			!optedOut(e),
	);
	const edits: ItemEdit[] = [];
	const add: ListItem[] = [];
	for (const d of missing) {
		const slot = stale[edits.length];
		if (slot)
			edits.push({ kind: 'put', list: name, id: slot.id as number, before: slot, after: d });
		else add.push(d);
	}
	for (const slot of stale.slice(edits.length))
		edits.push({ kind: 'delete', list: name, id: slot.id as number, before: slot });
	const after = applyEdits(existing, edits, add);
	return {
		add,
		edits,
		reorder: !erpValuesFirst(after, desired, name),
		owned: [...owned, ...missing.map(key)],
	};
}

/** The list after `edits` and `add` (pure). */
export function applyEdits(existing: ListItem[], edits: ItemEdit[], add: ListItem[]): ListItem[] {
	const out: ListItem[] = [];
	for (const item of existing) {
		const edit = edits.find((e) => e.id === item.id);
		if (!edit) out.push(item);
		else if (edit.kind === 'put') out.push({ ...item, ...edit.after, id: item.id } as ListItem);
	}
	return [...out, ...add];
}

/**
 * The list in the order *Make the New Value Primary* wants: the ERP's values first (in the ERP's
 * order), then every other item in the order read. Items are the ones read, untouched.
 */
export function primaryOrder(list: ListItem[], desired: ListItem[], name: ListName): ListItem[] {
	const { same } = LIST_RULES[name];
	const first: ListItem[] = [];
	for (const d of desired) {
		const item = list.find((e) => same(e, d) && !first.includes(e));
		if (item) first.push(item);
	}
	return [...first, ...list.filter((e) => !first.includes(e))];
}

/** The plans of the three lists and the hashes the sync owns after them. */
export function planLists(
	existing: ClientifyRecord,
	desired: DesiredRecord,
	previous: OwnedKeys | undefined,
	makePrimary: boolean,
): { plans: Record<ListName, ListPlan>; owned: OwnedKeys } {
	const plans = {} as Record<ListName, ListPlan>;
	const owned: OwnedKeys = { e: [], p: [], a: [] };
	for (const name of LIST_NAMES) {
		const key = OWNED_KEY[name];
		plans[name] = planList(
			name,
			itemsOf(existing, name),
			desired[name],
			previous?.[key] ?? [],
			makePrimary,
		);
		owned[key] = plans[name].owned;
	}
	return { plans, owned };
}
