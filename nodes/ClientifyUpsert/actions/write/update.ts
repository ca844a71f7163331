/**
 * Updates one existing record with a minimal diff: the plan (nodes/shared/clientify/plan/diff.ts,
 * lists.ts) and its writes in the order sent: adds via sub-resources, the guarded item edits
 * (client/guarded.ts), then the record's PUT carrying the new sync state, which so never claims a
 * value before it is written. A record the sync marked as gone from the ERP that comes back loses
 * its removal tag first. item.ts decides before whether the item may write the record at all
 * (decide.ts `ownedByOther`) and moves its company link (links.ts); a 404 before any write throws
 * `RecordVanished` (item.ts searches again once).
 */
import {
	ITEM_REFUSALS,
	LIST_REFUSALS,
	stateTied,
	withoutRefusedReorders,
	type ItemRefusal,
	type ListRefusal,
} from '../../../shared/clientify/plan/guard';
import {
	applyPlan,
	buildUpdateBody,
	diffRecord,
	isEmptyPlan,
} from '../../../shared/clientify/plan/diff';
import { planLists } from '../../../shared/clientify/plan/lists';
import {
	hasSyncStateField,
	readSyncState,
	buildSyncState,
	encodeSyncState,
	withSyncStateValue,
	type OwnedKeys,
} from '../../../shared/clientify/syncState';
import { returningTags } from '../../../shared/clientify/plan/removal';
import type {
	ClientifyRecord,
	Entity,
	ItemEdit,
	ListName,
	DesiredRecord,
	SubResource,
	UpdatePlan,
} from '../../../shared/clientify/types';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import {
	addItem,
	confirmOptOuts,
	editItem,
	itemBody,
	removeTags,
	reorderedLists,
	type Body,
	type FreshLists,
} from '../../../shared/clientify/client/guarded';
import type { NormalizationWarning } from '../../../shared/types';
import { settle } from '../../../shared/settle';
import { ClientifyApiError } from '../../../Clientify/transport';
import type { Notes, PlannedRequest, RecordItem, StepContext, UpdateOutcome, Write } from './types';

/** A record that vanished under an update (404): another run merged it away. */
export class RecordVanished extends Error {}

export async function updateRecord(
	ctx: StepContext,
	item: RecordItem,
	desired: DesiredRecord,
	existing: ClientifyRecord,
	notes: Notes,
	/** The company link's `k` after the link's writes (links.ts); absent: kept as stored. */
	link?: { k: number | undefined },
): Promise<UpdateOutcome> {
	const planned = planUpdate(item, desired, existing, link);
	const plan = planned.plan;
	notes.warnings.push(...planned.refused.map((r) => reorderRefusedWarning(r.list, r.reason)));
	// A record the sync marked as gone from the ERP is back: its removal tag goes first (plan/removal.ts);
	// the sync's tags come back with the diff, and the state written last drops `x`.
	const returning = item.removalTag
		? returningTags(existing, item.stateField, item.removalTag)
		: [];
	if (isEmptyPlan(plan) && !returning.length) return { kind: 'unchanged' };
	if (returning.length) {
		const untag = await settle(
			removeTags(ctx.client, desired.entity, existing.id, returning, ctx.options.dryRun),
		);
		if (!untag.ok) {
			if (isRecordGone(untag.error)) throw new RecordVanished(`tags of ${existing.id}`);
			return { kind: 'failed', error: untag.error };
		}
		notes.plannedRequests?.push(...untag.value.planned);
		notes.removal = 'returned';
		if (!plan.changedFields.includes('tags')) plan.changedFields.push('tags');
	}
	const writes = planWrites(desired.entity, existing.id, plan);
	if (ctx.options.dryRun) {
		notes.plannedRequests?.push(
			...writes.map((w): PlannedRequest => ({ method: w.method, path: w.path, body: w.body })),
		);
		return {
			kind: 'written',
			action: 'updated',
			record: applyPlan(existing, plan),
			changedFields: plan.changedFields,
		};
	}
	const applied = new Set<string>();
	const fresh: FreshLists = new Map();
	// A put in place refused at write time adds the value instead: the list may then need a reorder.
	const reorder = new Set(plan.reorder);
	const puts = plan.itemEdits.some((e) => e.kind === 'put');
	if (item.makePrimary && puts && !writes.some((w) => w.kind === 'record'))
		writes.push({
			kind: 'record',
			method: 'PUT',
			path: recordPath(desired.entity, existing.id),
			body: {},
			reorder: [],
		});
	if (returning.length) applied.add('tags');
	for (const write of writes) {
		const outcome = await settle(
			sendWrite(ctx, existing.id, write, plan, desired, fresh, notes, reorder, item.makePrimary),
		);
		if (!outcome.ok) {
			if (!applied.size && isRecordGone(outcome.error)) throw new RecordVanished(write.path);
			return { kind: 'failed', error: outcome.error, changedFields: [...applied] };
		}
		for (const field of outcome.value) applied.add(field);
	}
	const changedFields = plan.changedFields.filter((f) => applied.has(f));
	return {
		kind: 'written',
		action: changedFields.length ? 'updated' : 'unchanged',
		record: applyPlan(existing, plan),
		changedFields,
		// A guarded write left something as it was: the next item of this tax ID looks it up again.
		partial: changedFields.length < plan.changedFields.length,
	};
}

/**
 * The plan for `existing`: the lists first (what the sync owns after them goes into its state), then
 * the rest. Only a state tied to this record (plan/guard.ts `stateTied`) says what the sync owns; a
 * copied or older one is left as it is until the sync writes the record for another reason. The
 * state is rewritten with the record's id (and without the creation marker) only when the record is
 * written anyway, so an unchanged record costs nothing.
 */
function planUpdate(
	item: RecordItem,
	desired: DesiredRecord,
	existing: ClientifyRecord,
	/** The company link's `k` after the link's writes (links.ts); absent: kept as stored. */
	link?: { k: number | undefined },
): ReturnType<typeof withoutRefusedReorders> {
	const stored = readSyncState(existing, item.stateField);
	const trusted = stored && stateTied(existing, stored) ? stored : undefined;
	const { plans, owned } = planLists(existing, desired, trusted, item.makePrimary);
	const stateName = hasSyncStateField(desired, item.stateField);
	// Reorders the lookup's copy already refuses are dropped first (guard.ts: no read for them).
	const as = (tie: { n?: number; i?: number; k?: number }) =>
		withoutRefusedReorders(
			existing,
			diffRecord(existing, withState(item, desired, owned, tie), { lists: plans }),
		);
	const kept = as({ n: stored?.n, i: stored?.i, k: link ? link.k : stored?.k });
	if (isEmptyPlan(kept.plan)) return kept;
	const onlyState =
		stateName !== undefined &&
		kept.plan.changedFields.every((f) => f === `custom_fields.${stateName}`);
	// An untied state whose only change would be itself stays: no write for bookkeeping alone.
	if (stored && !trusted && onlyState)
		return { ...kept, plan: { ...kept.plan, customFields: [], changedFields: [] } };
	return as({ i: existing.id, k: link ? link.k : trusted?.k });
}

/** Sends one write; returns the output's `changedFields` it applied (none when a guard refused). */
async function sendWrite(
	ctx: StepContext,
	id: number,
	write: Write,
	plan: UpdatePlan,
	desired: DesiredRecord,
	fresh: FreshLists,
	notes: Notes,
	reorder: Set<ListName>,
	makePrimary: boolean,
): Promise<string[]> {
	const { client } = ctx;
	const entity = desired.entity;
	if (write.kind === 'item') {
		const { edit } = write;
		const refusal = await editItem(client, entity, id, edit, fresh);
		if (!refusal) return [edit.list];
		notes.warnings.push(itemKeptWarning(edit, refusal));
		if (edit.kind === 'delete') return [];
		// The ERP's value still belongs on the record: added instead of put in place (at the end, so
		// with Make the New Value Primary the record's PUT moves it first).
		await executeWrite(client, addWrite(entity, id, edit.list, itemBody(edit.list, edit.after)));
		if (makePrimary) reorder.add(edit.list);
		return [edit.list];
	}
	if (write.kind === 'record') {
		const lists = reorder.size
			? await reorderedLists(client, entity, id, [...reorder], desired)
			: { body: {}, refused: [] };
		notes.warnings.push(...lists.refused.map((r) => reorderRefusedWarning(r.list, r.reason)));
		const body = { ...write.body, ...lists.body };
		if (!Object.keys(body).length) return [];
		await executeWrite(client, { ...write, body });
		notes.warnings.push(...(await confirmOptOuts(client, entity, id, lists.body)));
		const reordered = [...reorder].filter((l) => l in lists.body);
		return [...new Set([...fieldsOf({ ...write, reorder: [] }, plan), ...reordered])];
	}
	await executeWrite(client, write);
	return fieldsOf(write, plan);
}

function recordPath(entity: Entity, id: number): string {
	return `${ENTITY_PATH[entity]}${id}/`;
}

function itemKeptWarning(edit: ItemEdit, reason: ItemRefusal): NormalizationWarning {
	const value = Object.values(itemBody(edit.list, edit.before)).find((v) => v) ?? edit.id;
	return {
		code: 'item_kept',
		field: edit.list,
		message: `The ${edit.list.replace(/s$/, '')} ${String(value)} that the sync wrote before was left as it is: ${ITEM_REFUSALS[reason]}`,
	};
}

/** The add of one item to a record's sub-resource (`POST /contacts/{id}/phones/`). */
function addWrite(
	entity: Entity,
	id: number,
	sub: SubResource,
	body: Body,
): Extract<Write, { kind: 'add' }> {
	return { kind: 'add', method: 'POST', path: `${ENTITY_PATH[entity]}${id}/${sub}/`, body, sub };
}

function planWrites(entity: Entity, id: number, plan: UpdatePlan): Write[] {
	const base = `${ENTITY_PATH[entity]}${id}/`;
	const writes: Write[] = [];
	const add = (sub: SubResource, body: Body) => writes.push(addWrite(entity, id, sub, body));
	for (const email of plan.addEmails) add('emails', { ...email });
	for (const phone of plan.addPhones) add('phones', { ...phone });
	// All six keys: v2's add-address call requires them.
	for (const address of plan.addAddresses) add('addresses', itemBody('addresses', address));
	for (const website of plan.addWebsites) add('websites', { ...website });
	for (const tag of plan.addTags) add('tags', { name: tag });
	for (const edit of plan.itemEdits) {
		writes.push({
			kind: 'item',
			method: edit.kind === 'put' ? 'PUT' : 'DELETE',
			path: `${base}${edit.list}/${edit.id}/`,
			body: edit.kind === 'put' ? itemBody(edit.list, edit.after) : {},
			edit,
		});
	}
	const body = buildUpdateBody(plan);
	if (body || plan.reorder.length)
		writes.push({
			kind: 'record',
			method: 'PUT',
			path: base,
			body: body ?? {},
			reorder: plan.reorder,
		});
	return writes;
}

/** The output's `changedFields` a write applies. */
function fieldsOf(write: Write, plan: UpdatePlan): string[] {
	if (write.kind === 'item') return [write.edit.list];
	if (write.kind === 'record')
		return plan.changedFields.filter(
			(f) =>
				f in plan.scalars ||
				f.startsWith('custom_fields.') ||
				write.reorder.includes(f as (typeof write.reorder)[number]),
		);
	return [write.sub];
}

/** An add (`POST`, guarded: client/guarded.ts `addItem`) or the record's `PUT` (idempotent) as planned. */
async function executeWrite(
	client: StepContext['client'],
	write: Extract<Write, { kind: 'add' | 'record' }>,
): Promise<void> {
	if (write.kind === 'record')
		await client.request(write.method, write.path, { body: write.body, retry: 'all' });
	else await addItem(client, write.path, write.sub, write.body);
}

/**
 * The record with its sync state set (when the state field's definition exists): `owned`, the values
 * the sync owns once this write is done; `tie`, what ties the state to its record (the creation
 * marker `n` on a create, the record's id `i` on an update; see `SyncState`).
 */
function withState(
	item: RecordItem,
	desired: DesiredRecord,
	owned: OwnedKeys,
	tie: { n?: number; i?: number; k?: number } = {},
): DesiredRecord {
	const name = hasSyncStateField(desired, item.stateField);
	if (!name) return desired;
	return withSyncStateValue(
		desired,
		name,
		encodeSyncState(buildSyncState(desired, owned, tie.n, tie.i, tie.k)),
	);
}

function reorderRefusedWarning(list: ListName, reason: ListRefusal): NormalizationWarning {
	return {
		code: 'primary_not_reordered',
		field: list,
		message: `The ERP's ${list.replace(/s$/, '')} is on the record but not first: ${LIST_REFUSALS[reason]}`,
	};
}

/** A JSON 404 ("Not found.") on a write to a record: the record no longer exists. */
function isRecordGone(error: unknown): boolean {
	return (
		error instanceof ClientifyApiError &&
		error.status === 404 &&
		typeof error.clientify.body === 'object' &&
		error.clientify.body !== null
	);
}
