/**
 * When the sync may delete or rewrite what is in Clientify: the rules, without I/O. The writes that
 * apply them (every `DELETE` and every list `PUT` of the node) are in
 * nodes/shared/clientify/client/guarded.ts, on a copy read again just before.
 *
 * The rule: the sync owns exactly what it wrote. A record is deleted only when it is a fresh twin the
 * sync alone created and nobody has touched: its creation marker is tied to this very record, it is
 * young, unchanged since its creation, and no deal, task or note refers to it. Otherwise it stays, and
 * the item reports it (`duplicate_in_crm`).
 */
import { readSyncState, type SyncState } from '../syncState';
import type { ClientifyRecord, Entity, ListItem, ListName, UpdatePlan } from '../types';
import { itemsOf, LIST_RULES, optedOut } from './lists';

/** Why a record is not deleted. */
export const TWIN_REFUSALS = {
	gone: 'it no longer exists',
	no_marker: 'its sync state does not say that the sync created it',
	marker_untied:
		"its creation marker does not belong to it (a copy, a re-import, or an older version's marker)",
	clean_up_off: 'deleting twins is off (the age limit is 0)',
	too_old: 'the sync created it longer ago than the age limit',
	changed_since_created: 'it changed after its creation',
	unreadable: 'it could not be read again',
	has_deals: 'a deal refers to it',
	has_tasks: 'a task refers to it',
	has_notes: 'its timeline has notes or activity',
	related_unreadable: 'its deals, tasks or notes could not be read',
} as const;

export type TwinRefusal = keyof typeof TWIN_REFUSALS;

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): Clientify's `created` of a record is the moment it
 * received the create, and the marker is our clock when we sent it; the two agree within this
 * allowance (request time plus clock skew between the n8n host and Clientify). A copy people make
 * later gets its own `created`, outside it. A host clock off by more only costs a report instead of a
 * deletion.
 */
const MARKER_TIE_MS = 2 * 60 * 1000;

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): `modified` moves with every change of the record
 * (fields, custom fields, e-mails, phones, addresses, tags), and a create leaves it within this
 * allowance of `created`. Deals, tasks and notes are other objects: they need their own check.
 */
const UNCHANGED_MS = 2000;

/** Default of the option *Twin Clean-Up Window (Hours)*. */
export const DEFAULT_TWIN_MAX_AGE_HOURS = 24;

function stampMs(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const ms = Date.parse(zoned ? text : `${text.replace(' ', 'T')}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether the sync state on `record` was written on this very record: its id is the state's `i`, or
 * the record's `created` is the state's creation marker `n` (within `MARKER_TIE_MS`). A state copied
 * onto another record (a duplicate, an export and re-import) is not tied: what it lists as the sync's
 * is not trusted there. States from versions before `i` are not tied either, until the sync's next
 * write to the record.
 */
export function stateTied(record: ClientifyRecord, state: SyncState): boolean {
	if (state.i !== undefined) return state.i === record.id;
	if (state.n === undefined || state.n === 1) return false;
	const created = stampMs(record.created);
	return created !== undefined && Math.abs(created - state.n) <= MARKER_TIE_MS;
}

interface TwinCheck {
	/** Our clock now (epoch ms). */
	nowMs: number;
	/** Age limit in ms; 0 = never delete. */
	maxAgeMs: number;
	/** The state field's full name (`<prefix>SyncState`). */
	stateField: string;
	/** This execution created the record itself (its id came in the create's answer). */
	ownCreation?: boolean;
	/**
	 * The other records with the same tax ID. One created before this one that carries the same
	 * creation marker is the original this one was copied from (a duplicate made within the tie's
	 * allowance): this one is then not the sync's.
	 */
	siblings?: ClientifyRecord[];
}

/**
 * Why `record` (read again just now) must not be deleted as a twin, or undefined when it may be,
 * apart from its deals, tasks and notes (`relatedRefusal`).
 */
export function twinRefusal(record: ClientifyRecord, check: TwinCheck): TwinRefusal | undefined {
	const state = readSyncState(record, check.stateField);
	const marker = state?.n;
	if (!state || marker === undefined) return 'no_marker';
	const created = stampMs(record.created);
	if (!check.ownCreation && (marker === 1 || !stateTied(record, state))) return 'marker_untied';
	const original = (check.siblings ?? []).some(
		(s) => s.id < record.id && readSyncState(s, check.stateField)?.n === marker,
	);
	if (!check.ownCreation && original) return 'marker_untied';
	if (check.maxAgeMs <= 0) return 'clean_up_off';
	if (marker === 1 || check.nowMs - marker > check.maxAgeMs) return 'too_old';
	const modified = stampMs(record.modified);
	if (created === undefined || modified === undefined) return 'changed_since_created';
	if (modified - created > UNCHANGED_MS) return 'changed_since_created';
	return undefined;
}

/** What refers to a record, as listed by `relatedWorkQueries`. */
export type RelatedKind = 'deals' | 'tasks' | 'notes';

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): the objects that hold people's work on a record.
 * Tasks and the timeline (notes, calls, e-mails) have per-record lists in the official node's catalog
 * (`/contacts/{id}/tasks/`, `/contacts/{id}/wallentries`, the same for companies); deals have no such
 * list, and `GET /deals/?contact=<id>` (`?company=<id>`) is assumed to filter them. If the timeline
 * also held entries Clientify writes itself, no twin would ever be deleted, only reported.
 */
export function relatedWorkQueries(
	entity: Entity,
	id: number,
): Array<{ kind: RelatedKind; path: string; qs: Record<string, string | number> }> {
	const base = entity === 'contact' ? `/contacts/${id}/` : `/companies/${id}/`;
	return [
		{ kind: 'deals', path: '/deals/', qs: { [entity]: id, page_size: 1 } },
		{ kind: 'tasks', path: `${base}tasks/`, qs: { page_size: 1 } },
		{ kind: 'notes', path: `${base}wallentries`, qs: { page_size: 1 } },
	];
}

/** The refusal for related work found (`count` or a result on the first page). */
export function relatedRefusal(
	found: Array<{ kind: RelatedKind; count: number }>,
): TwinRefusal | undefined {
	for (const { kind, count } of found) if (count > 0) return `has_${kind}`;
	return undefined;
}

/** Why a list must not be re-sent whole (a reorder), or undefined. */
export const LIST_REFUSALS = {
	item_without_id: 'an item of the list has no id, so it could not be kept as it is',
} as const;

export type ListRefusal = keyof typeof LIST_REFUSALS;

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): a list `PUT` keeps an item sent with its `id`, and
 * keeps the attributes sent with it, `unsubscribed` included (a `PUT` of `{phone, type}` items resets
 * it: the flag must be sent). An item without id could not be kept, so such a list is never re-sent.
 * Opt-outs are checked again after every reorder that carried one (`lostOptOuts`).
 */
export function listRefusal(items: ListItem[]): ListRefusal | undefined {
	if (items.some((i) => typeof i.id !== 'number')) return 'item_without_id';
	return undefined;
}

/**
 * The items opted out in `sent` (a reorder's lists) that `after` (the record read again) no longer
 * holds as opted out: found by id, else by value. Each must be flagged again at once.
 */
export function lostOptOuts(
	sent: Partial<Record<ListName, ListItem[]>>,
	after: ClientifyRecord,
): Array<{ list: ListName; item: ListItem; now: ListItem | undefined }> {
	const lost: Array<{ list: ListName; item: ListItem; now: ListItem | undefined }> = [];
	for (const [list, items] of Object.entries(sent) as Array<[ListName, ListItem[]]>) {
		const current = itemsOf(after, list);
		for (const item of items.filter(optedOut)) {
			const now =
				current.find((c) => c.id === item.id) ??
				current.find((c) => LIST_RULES[list].same(c, item));
			if (!optedOut(now)) lost.push({ list, item, now });
		}
	}
	return lost;
}

/**
 * The plan without the reorders the lookup's copy already refuses (`listRefusal`): they would be
 * refused on the copy read again too, so no read is spent on them. The list's other changes stay.
 */
export function withoutRefusedReorders(
	existing: ClientifyRecord,
	plan: UpdatePlan,
): { plan: UpdatePlan; refused: Array<{ list: ListName; reason: ListRefusal }> } {
	const refused: Array<{ list: ListName; reason: ListRefusal }> = [];
	for (const list of plan.reorder) {
		const reason = listRefusal(itemsOf(existing, list));
		if (reason) refused.push({ list, reason });
	}
	if (!refused.length) return { plan, refused };
	const lists = new Set(refused.map((r) => r.list));
	const stillChanged = (list: ListName) =>
		plan.itemEdits.some((e) => e.list === list) ||
		(list === 'emails' ? plan.addEmails : list === 'phones' ? plan.addPhones : plan.addAddresses)
			.length > 0;
	return {
		plan: {
			...plan,
			reorder: plan.reorder.filter((l) => !lists.has(l)),
			changedFields: plan.changedFields.filter(
				(f) => !lists.has(f as ListName) || stillChanged(f as ListName),
			),
		},
		refused,
	};
}

/** Why an item write (the sync's own stale item, to be replaced or removed) must not happen. */
export const ITEM_REFUSALS = {
	item_gone: 'the item is no longer on the record',
	item_changed: 'the item changed since the lookup',
	opted_out: 'the item is unsubscribed',
} as const;

export type ItemRefusal = keyof typeof ITEM_REFUSALS;

/**
 * `current`: the item with that id as read again just before the write (undefined: gone);
 * `expected`: as the plan saw it. The write goes ahead only when the item is still what the sync
 * wrote: same value and type, and not opted out.
 */
export function itemRefusal(
	current: ListItem | undefined,
	expected: ListItem,
	same: (a: ListItem, b: ListItem) => boolean,
): ItemRefusal | undefined {
	if (!current) return 'item_gone';
	if (optedOut(current)) return 'opted_out';
	if (!same(current, expected) || current.type !== expected.type) return 'item_changed';
	return undefined;
}
