/**
 * The guarded writes, at the client's layer (no n8n import: each takes the client and plain
 * arguments). Every `DELETE`, every list write and every POST that is not idempotent goes through
 * here: each reads the record (or the list) again right before and applies the rules of
 * nodes/shared/clientify/plan/guard.ts (removal.ts, links.ts) to that fresh copy, so the sync deletes
 * or rewrites only what it can prove it alone wrote and nobody has touched since. Whatever it cannot
 * prove stays, and the caller says so. `guardedPost` / `addItem` (look before posting again),
 * `deleteTwin`, `editItem`, `reorderedLists` + `confirmOptOuts`, `removeTags`, `removeCompanyLink`.
 */
import { LIST_RULES, erpValuesFirst, optedOut, itemsOf, primaryOrder } from '../plan/lists';
import {
	itemRefusal,
	lostOptOuts,
	listRefusal,
	relatedRefusal,
	relatedWorkQueries,
	twinRefusal,
	type ItemRefusal,
	type ListRefusal,
	type RelatedKind,
	type TwinRefusal,
} from '../plan/guard';
import { sameSubItem } from '../plan/subItem';
import type {
	ClientifyRecord,
	DesiredRecord,
	Entity,
	ItemEdit,
	ListItem,
	ListName,
	SubResource,
} from '../types';
import { employeePath } from '../plan/links';
import type { NormalizationWarning } from '../../types';
import { ENTITY_PATH, type ClientifyClient } from './client';
import { isNotFound, isUncertain } from './errors';
import { settle } from '../../settle';

/** A request body as the client takes it. */
export type Body = NonNullable<NonNullable<Parameters<ClientifyClient['request']>[2]>['body']>;

/** `DELETE` where a 404 means gone already (a lost answer to our own DELETE, or another run's). */
async function deleteIfThere(client: ClientifyClient, path: string): Promise<void> {
	const outcome = await settle(client.request('DELETE', path, { retry: 'all' }));
	if (!outcome.ok && !isNotFound(outcome.error)) throw outcome.error;
}

/**
 * `post` sends the POST once; `look` looks for what it was writing (`undefined`: not there);
 * `maxRetries` POSTs after the first one, each after `wait(attempt)` (the client's backoff);
 * `shouldLook` whether to look after a failure (default: only when the POST would otherwise be sent
 * again: uncertain failure, retries left).
 */
interface GuardedPostSteps<T, F> {
	post: () => Promise<T>;
	look: (error: unknown) => Promise<F | undefined>;
	maxRetries: number;
	wait: (attempt: number) => Promise<void>;
	shouldLook?: (error: unknown, willRetry: boolean) => boolean;
}

type GuardedPostOutcome<T, F> =
	| { kind: 'posted'; value: T }
	/** The look found the write (after `error`): the POST is not sent again. */
	| { kind: 'found'; found: F; error: unknown }
	/** The last POST's failure: not uncertain, or no retries left. */
	| { kind: 'failed'; error: unknown };

/**
 * A POST is not idempotent: after a 5xx or no answer (the write may or may not have been applied)
 * the caller looks whether it was, and only posts again when it was not. The client retries 429
 * itself (`retry: 'rejectedOnly'`).
 */
export async function guardedPost<T, F>(
	steps: GuardedPostSteps<T, F>,
): Promise<GuardedPostOutcome<T, F>> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await settle(steps.post());
		if (outcome.ok) return { kind: 'posted', value: outcome.value };
		const error = outcome.error;
		const willRetry = isUncertain(error) && attempt < steps.maxRetries;
		if (steps.shouldLook ? steps.shouldLook(error, willRetry) : willRetry) {
			const found = await steps.look(error);
			if (found !== undefined) return { kind: 'found', found, error };
		}
		if (!willRetry) return { kind: 'failed', error };
		await steps.wait(attempt);
	}
}

/**
 * Adds one item to a record's sub-resource (`POST /contacts/{id}/phones/`). Tag POSTs are
 * idempotent; other POSTs are sent again only when a GET of the list shows the item missing.
 */
export async function addItem(
	client: ClientifyClient,
	path: string,
	sub: SubResource,
	body: Body,
): Promise<void> {
	if (sub === 'tags') {
		await client.request('POST', path, { body, retry: 'all' });
		return;
	}
	const outcome = await guardedPost({
		post: async () => await client.request('POST', path, { body, retry: 'rejectedOnly' }),
		look: async () => {
			const current = await client.listAll<Record<string, unknown>>(path);
			return current.results.some((existing) => sameSubItem(sub, existing, body))
				? true
				: undefined;
		},
		maxRetries: client.config.timing.maxRetries,
		wait: async (attempt) => await client.wait(attempt),
	});
	if (outcome.kind === 'failed') throw outcome.error;
}

export type TwinOutcome = { deleted: true } | { deleted: false; reason: TwinRefusal };

/** `GET /contacts/{id}/`; undefined when it is gone (404). */
export async function readRecord(
	client: ClientifyClient,
	entity: Entity,
	id: number,
): Promise<ClientifyRecord | undefined> {
	const read = await settle(
		client.request<ClientifyRecord>('GET', `${ENTITY_PATH[entity]}${id}/`, { retry: 'all' }),
	);
	if (read.ok) return read.value;
	if (isNotFound(read.error)) return undefined;
	throw read.error;
}

/**
 * Deletes record `id` only when it is a fresh twin the sync alone created (plan/guard.ts
 * `twinRefusal`, on a copy read again now) and no deal, task or note refers to it. `ownCreation`:
 * this execution created it (the id came in its own create's answer); `siblings`: the other records
 * with its tax ID (an older one with the same creation marker is its original).
 */
export async function deleteTwin(
	client: ClientifyClient,
	entity: Entity,
	id: number,
	rules: { nowMs: number; maxAgeMs: number; stateField: string },
	how: { ownCreation?: boolean; siblings?: ClientifyRecord[] } = {},
): Promise<TwinOutcome> {
	const fresh = await settle(readRecord(client, entity, id));
	if (!fresh.ok) return { deleted: false, reason: 'unreadable' };
	if (!fresh.value) return { deleted: false, reason: 'gone' };
	const refusal = twinRefusal(fresh.value, { ...rules, ...how });
	if (refusal) return { deleted: false, reason: refusal };
	const found: Array<{ kind: RelatedKind; count: number }> = [];
	for (const query of relatedWorkQueries(entity, id)) {
		const page = await settle(client.listPage<unknown>(query.path, query.qs as Body));
		if (!page.ok) return { deleted: false, reason: 'related_unreadable' };
		found.push({
			kind: query.kind,
			count: Math.max(Number(page.value.count) || 0, page.value.results.length),
		});
	}
	const related = relatedRefusal(found);
	if (related) return { deleted: false, reason: related };
	await deleteIfThere(client, `${ENTITY_PATH[entity]}${id}/`);
	return { deleted: true };
}

/** The body of an item `PUT`: the value and type the sync writes (addresses with all six keys). */
export function itemBody(list: ListName, item: ListItem): Body {
	if (list === 'emails') return { email: (item as { email: string }).email, type: item.type };
	if (list === 'phones') return { phone: (item as { phone: string }).phone, type: item.type };
	const a = item as unknown as Body;
	return {
		street: a.street ?? '',
		city: a.city ?? '',
		state: a.state ?? '',
		country: a.country ?? '',
		postal_code: a.postal_code ?? '',
		type: item.type,
	};
}

/** The record read again before its first item edit (null: gone), shared by its other edits. */
export type FreshLists = Map<number, ClientifyRecord | null>;

/**
 * Writes one edit of the sync's own stale item (`PUT`/`DELETE …/phones/{itemId}/`) when the item,
 * read again, is still what the sync wrote; returns the refusal otherwise (nothing written).
 */
export async function editItem(
	client: ClientifyClient,
	entity: Entity,
	recordId: number,
	edit: ItemEdit,
	fresh: FreshLists,
): Promise<ItemRefusal | undefined> {
	if (!fresh.has(recordId))
		fresh.set(recordId, (await readRecord(client, entity, recordId)) ?? null);
	const record = fresh.get(recordId);
	const current = record ? itemsOf(record, edit.list).find((i) => i.id === edit.id) : undefined;
	const refusal = itemRefusal(current, edit.before, LIST_RULES[edit.list].same);
	if (refusal) return refusal;
	const path = `${ENTITY_PATH[entity]}${recordId}/${edit.list}/${edit.id}/`;
	if (edit.kind === 'put') {
		await client.request('PUT', path, { body: itemBody(edit.list, edit.after), retry: 'all' });
		return undefined;
	}
	await deleteIfThere(client, path);
	return undefined;
}

/**
 * After a reorder that re-sent opted-out items: reads the record again and flags again at once
 * (item `PUT {unsubscribed: true}`) any item that lost its opt-out, so *Make the New Value Primary*
 * never subscribes anything again. A flag that cannot be set again fails the item, loudly.
 */
export async function confirmOptOuts(
	client: ClientifyClient,
	entity: Entity,
	recordId: number,
	sent: Body,
): Promise<NormalizationWarning[]> {
	const lists = sent as Partial<Record<ListName, ListItem[]>>;
	if (!Object.values(lists).some((items) => items?.some(optedOut))) return [];
	const after = await readRecord(client, entity, recordId);
	if (!after) return [];
	const warnings: NormalizationWarning[] = [];
	for (const { list, item, now } of lostOptOuts(lists, after)) {
		const label = Object.values(itemBody(list, item)).find((v) => v) ?? item.id;
		if (!now || typeof now.id !== 'number')
			throw new Error(
				`Reordering the ${list} lost the opt-out of ${String(label)}, and the item was not found to flag it again: check its consent in Clientify`,
			);
		await client.request('PUT', `${ENTITY_PATH[entity]}${recordId}/${list}/${now.id}/`, {
			body: { ...itemBody(list, now), unsubscribed: true },
			retry: 'all',
		});
		warnings.push({
			code: 'opt_out_restored',
			field: list,
			message: `Clientify dropped the opt-out of ${String(label)} when the list was reordered; it was set again at once`,
		});
	}
	return warnings;
}

/**
 * The lists to send in the record's `PUT` so the ERP's values come first: read again now, every item
 * as read (id, type, `unsubscribed` and any attribute the node does not know), only the order
 * changed. A list already in order is left out; one refused (plan/guard.ts `listRefusal`) is
 * returned in `refused`. After the `PUT`, `confirmOptOuts`.
 */
export async function reorderedLists(
	client: ClientifyClient,
	entity: Entity,
	recordId: number,
	lists: ListName[],
	desired: DesiredRecord,
): Promise<{ body: Body; refused: Array<{ list: ListName; reason: ListRefusal }> }> {
	const body: Body = {};
	const refused: Array<{ list: ListName; reason: ListRefusal }> = [];
	if (!lists.length) return { body, refused };
	const fresh = await readRecord(client, entity, recordId);
	if (!fresh) return { body, refused };
	for (const list of lists) {
		const items = itemsOf(fresh, list);
		if (erpValuesFirst(items, desired[list], list)) continue;
		const refusal = listRefusal(items);
		if (refusal) {
			refused.push({ list, reason: refusal });
			continue;
		}
		body[list] = primaryOrder(items, desired[list], list).map((i) => ({ ...i })) as Body[];
	}
	return { body, refused };
}

/**
 * Removes the tags `names` (decided by plan/removal.ts) from record `id`: its tag list read now
 * (`GET …/tags/`), only those of `names` still on it deleted (`DELETE …/tags/{tagId}/`; gone: no
 * error). `dryRun`: nothing deleted, the planned requests returned instead.
 */
export async function removeTags(
	client: ClientifyClient,
	entity: Entity,
	id: number,
	names: string[],
	dryRun = false,
): Promise<{ removed: string[]; planned: Array<{ method: 'DELETE'; path: string; body: Body }> }> {
	const out: Awaited<ReturnType<typeof removeTags>> = { removed: [], planned: [] };
	if (!names.length) return out;
	const base = `${ENTITY_PATH[entity]}${id}/tags/`;
	const listed = await settle(client.listAll<{ id?: unknown; name?: unknown }>(base));
	if (!listed.ok) {
		if (isNotFound(listed.error)) return out;
		throw listed.error;
	}
	const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
	for (const tag of listed.value.results) {
		if (typeof tag?.name !== 'string' || typeof tag.id !== 'number') continue;
		if (!wanted.has(tag.name.trim().toLowerCase())) continue;
		const path = `${base}${tag.id}/`;
		if (dryRun) out.planned.push({ method: 'DELETE', path, body: {} });
		else await deleteIfThere(client, path);
		out.removed.push(tag.name);
	}
	return out;
}

/**
 * Removes the contact's link to `companyId`, a link the sync made itself (its state's `k`, on a
 * state tied to the contact, and still the contact's company as read: plan/links.ts `planLink`).
 * The path names that company, so a link to any other company is never touched. 404: gone already.
 */
export async function removeCompanyLink(
	client: ClientifyClient,
	companyId: number,
	contactId: number,
): Promise<void> {
	await deleteIfThere(client, employeePath(companyId, contactId));
}
