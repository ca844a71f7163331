/**
 * The one guarded path for every `DELETE` and every list write the node makes. Each reads the record
 * (or the list) again right before, and applies the rules of nodes/shared/clientify/plan/guard.ts to
 * that fresh copy: the sync deletes or rewrites only what it can prove it alone wrote and nobody has
 * touched since. Whatever it cannot prove stays, and the item says so.
 *
 * - `deleteTwin`: a record (the lookup's merge of twins, the re-check after overlapping runs).
 * - `editItem`: the sync's own stale e-mail, phone or address, replaced in place or removed.
 * - `reorderedLists`: the lists *Make the New Value Primary* must reorder, as read, only the order
 *   changed; refused while an item of the list is opted out.
 * - `removeTags`: tags the sync itself put on a record it owns (the removal tag of a record that came
 *   back, the sync's tags under *Tag It and Remove the Sync Tag*), decided by plan/removal.ts.
 * - `removeCompanyLink`: the contact → company link the sync itself made (state `k`), when the ERP
 *   moved the contact (plan/links.ts decides; the path names that company, so no other link goes).
 */
import type { IDataObject } from 'n8n-workflow';
import {
	ITEM_REFUSALS,
	LIST_REFUSALS,
	TWIN_REFUSALS,
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
} from '../../../shared/clientify/plan/guard';
import {
	LIST_RULES,
	erpValuesFirst,
	optedOut,
	itemsOf,
	primaryOrder,
} from '../../../shared/clientify/plan/lists';
import {
	type ClientifyRecord,
	type DesiredRecord,
	type Entity,
	type ItemEdit,
	type ListItem,
	type ListName,
} from '../../../shared/clientify/types';
import { employeePath } from '../../../shared/clientify/plan/links';
import type { NormalizationWarning } from '../../../shared/types';
import { ClientifyApiError } from '../../../Clientify/transport';
import { type ClientifyClient, ENTITY_PATH } from '../../../shared/clientify/client/client';
import { settle } from '../../../shared/settle';
import type { EngineContext } from './context';

export type TwinOutcome = { deleted: true } | { deleted: false; reason: TwinRefusal };

function isNotFound(error: unknown): boolean {
	return error instanceof ClientifyApiError && error.status === 404;
}

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
	ctx: EngineContext,
	entity: Entity,
	id: number,
	stateField: string,
	how: { ownCreation?: boolean; siblings?: ClientifyRecord[] } = {},
): Promise<TwinOutcome> {
	const { client, options } = ctx;
	const fresh = await settle(readRecord(client, entity, id));
	if (!fresh.ok) return { deleted: false, reason: 'unreadable' };
	if (!fresh.value) return { deleted: false, reason: 'gone' };
	const refusal = twinRefusal(fresh.value, {
		nowMs: options.now(),
		maxAgeMs: options.twinMaxAgeMs,
		stateField,
		...how,
	});
	if (refusal) return { deleted: false, reason: refusal };
	const found: Array<{ kind: RelatedKind; count: number }> = [];
	for (const query of relatedWorkQueries(entity, id)) {
		const page = await settle(client.listPage<unknown>(query.path, query.qs as IDataObject));
		if (!page.ok) return { deleted: false, reason: 'related_unreadable' };
		found.push({
			kind: query.kind,
			count: Math.max(Number(page.value.count) || 0, page.value.results.length),
		});
	}
	const related = relatedRefusal(found);
	if (related) return { deleted: false, reason: related };
	const outcome = await settle(
		client.request('DELETE', `${ENTITY_PATH[entity]}${id}/`, { retry: 'all' }),
	);
	// 404: gone already (a lost answer to our own DELETE, or another run's).
	if (!outcome.ok && !isNotFound(outcome.error)) throw outcome.error;
	return { deleted: true };
}

/** The reason for a twin kept, for a warning. */
export function twinKeptText(id: number, reason: TwinRefusal): string {
	return `id ${id} was kept: ${TWIN_REFUSALS[reason]}`;
}

/** The body of an item `PUT`: the value and type the sync writes (addresses with all six keys). */
export function itemBody(list: ListName, item: ListItem): IDataObject {
	if (list === 'emails') return { email: (item as { email: string }).email, type: item.type };
	if (list === 'phones') return { phone: (item as { phone: string }).phone, type: item.type };
	const a = item as unknown as IDataObject;
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
	const outcome = await settle(client.request('DELETE', path, { retry: 'all' }));
	if (!outcome.ok && !isNotFound(outcome.error)) throw outcome.error;
	return undefined;
}

export function itemKeptWarning(edit: ItemEdit, reason: ItemRefusal): NormalizationWarning {
	const value = Object.values(itemBody(edit.list, edit.before)).find((v) => v) ?? edit.id;
	return {
		code: 'item_kept',
		field: edit.list,
		message: `The ${edit.list.replace(/s$/, '')} ${String(value)} that the sync wrote before was left as it is: ${ITEM_REFUSALS[reason]}`,
	};
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
	sent: IDataObject,
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

export function reorderRefusedWarning(list: ListName, reason: ListRefusal): NormalizationWarning {
	return {
		code: 'primary_not_reordered',
		field: list,
		message: `The ERP's ${list.replace(/s$/, '')} is on the record but not first: ${LIST_REFUSALS[reason]}`,
	};
}

/**
 * The lists to send in the record's `PUT` so the ERP's values come first: read again now, every item
 * as read (id, type, `unsubscribed` and any attribute the node does not know), only the order
 * changed. A list already in order is left out. After the `PUT`, `confirmOptOuts`.
 */
export async function reorderedLists(
	client: ClientifyClient,
	entity: Entity,
	recordId: number,
	lists: ListName[],
	desired: DesiredRecord,
): Promise<{ body: IDataObject; warnings: NormalizationWarning[] }> {
	const body: IDataObject = {};
	const warnings: NormalizationWarning[] = [];
	if (!lists.length) return { body, warnings };
	const fresh = await readRecord(client, entity, recordId);
	if (!fresh) return { body, warnings };
	for (const list of lists) {
		const items = itemsOf(fresh, list);
		if (erpValuesFirst(items, desired[list], list)) continue;
		const refusal = listRefusal(items);
		if (refusal) {
			warnings.push(reorderRefusedWarning(list, refusal));
			continue;
		}
		body[list] = primaryOrder(items, desired[list], list).map((i) => ({ ...i })) as IDataObject[];
	}
	return { body, warnings };
}

/**
 * Removes the tags `names` (as decided by plan/removal.ts on a copy read just before) from record `id`:
 * the record's tag list is read now (`GET …/tags/`, each tag's id) and only those of `names` still on
 * it are deleted (`DELETE …/tags/{tagId}/`); a tag already gone is no error. Returns the names
 * removed. `dryRun`: nothing is deleted; the planned requests are returned instead.
 */
export async function removeTags(
	client: ClientifyClient,
	entity: Entity,
	id: number,
	names: string[],
	dryRun = false,
): Promise<{
	removed: string[];
	planned: Array<{ method: 'DELETE'; path: string; body: IDataObject }>;
}> {
	const out = {
		removed: [] as string[],
		planned: [] as Array<{ method: 'DELETE'; path: string; body: IDataObject }>,
	};
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
		else {
			const outcome = await settle(client.request('DELETE', path, { retry: 'all' }));
			if (!outcome.ok && !isNotFound(outcome.error)) throw outcome.error;
		}
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
	const outcome = await settle(
		client.request('DELETE', employeePath(companyId, contactId), { retry: 'all' }),
	);
	if (!outcome.ok && !isNotFound(outcome.error)) throw outcome.error;
}
