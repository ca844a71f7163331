/**
 * Update of one existing record: unless its sync state names another owner, diff it against the
 * desired record (nodes/shared/clientify/plan/diff.ts, lists.ts) and send the plan's writes in order
 * (writes.ts): adds, guarded item edits, then the record's PUT with the new sync state, which so
 * never claims a value before it is written. The group's view of the record is kept up to date for
 * the next item with the same tax ID.
 */
import { applyPlan, diffRecord, isEmptyPlan } from '../../../shared/clientify/plan/diff';
import { planLists } from '../../../shared/clientify/plan/lists';
import { hasSyncStateField, readSyncState } from '../../../shared/clientify/syncState';
import { returningTags } from '../../../shared/clientify/plan/removal';
import { stateTied, withoutRefusedReorders } from '../../../shared/clientify/plan/guard';
import {
	type ClientifyRecord,
	type Entity,
	type ListName,
	type DesiredRecord,
	type UpdatePlan,
} from '../../../shared/clientify/types';
import type { EngineContext, GroupState, ItemOutcome, Write } from './context';
import {
	confirmOptOuts,
	editItem,
	itemBody,
	itemKeptWarning,
	reorderRefusedWarning,
	removeTags,
	reorderedLists,
	type FreshLists,
} from './guard';
import { asItemError } from './itemError';
import { applyLink, planContactLink } from './links';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { ownedByOther, withState } from './ownership';
import { duplicateSkipResult, failedRecordResult } from './results';
import { settle } from '../../../shared/settle';
import type { PlannedRequest, RecordItem, UpsertResult } from './types';
import { addWrite, executeWrite, fieldsOf, isRecordGone, planWrites } from './writes';

/** A record that vanished under an update (404): another run merged it away. */
export class RecordVanished extends Error {}

export async function update(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	existing: ClientifyRecord,
	state: GroupState,
	result: UpsertResult,
): Promise<ItemOutcome> {
	result.clientifyId = existing.id || null;
	const stored = readSyncState(existing, item.stateField);
	const owner = ownedByOther(ctx.batch, item, stored);
	if (owner) {
		const skipped = duplicateSkipResult(item, owner, existing.id || null, 'stored');
		return {
			result: {
				...skipped,
				customFieldsCreated: result.customFieldsCreated,
				warnings: result.warnings,
				...(result.dryRun ? { dryRun: true, plannedRequests: result.plannedRequests } : {}),
			},
		};
	}
	let link: { k: number | undefined } | undefined;
	if (item.link && desired.entity === 'contact') {
		// The link's writes go first: the record's PUT, last, then carries the state's new `k`.
		const trusted = stored && stateTied(existing, stored) ? stored.k : undefined;
		const plan =
			item.link.kind === 'found'
				? await planContactLink(ctx, existing, item.link, trusted)
				: undefined;
		link = { k: await applyLink(ctx, item, existing.id, plan, trusted, result) };
	}
	const planned = planUpdate(item, desired, existing, link);
	const plan = planned.plan;
	result.warnings.push(...planned.refused.map((r) => reorderRefusedWarning(r.list, r.reason)));
	// A record the sync marked as gone from the ERP is back: its removal tag goes first (plan/removal.ts);
	// the sync's tags come back with the diff, and the state written last drops `x`.
	const returning = item.removalTag
		? returningTags(existing, item.stateField, item.removalTag)
		: [];
	if (isEmptyPlan(plan) && !returning.length) return { result: { ...result, action: 'unchanged' } };
	if (returning.length) {
		const untag = await settle(
			removeTags(ctx.client, desired.entity, existing.id, returning, ctx.options.dryRun),
		);
		if (!untag.ok) {
			if (isRecordGone(untag.error)) throw new RecordVanished(`tags of ${existing.id}`);
			const error = asItemError(ctx.node, untag.error, item.index);
			return { result: failedRecordResult(desired, error, result), error, resetState: true };
		}
		result.plannedRequests?.push(...untag.value.planned);
		result.removal = 'returned';
		if (!plan.changedFields.includes('tags')) plan.changedFields.push('tags');
	}
	const writes = planWrites(desired.entity, existing.id, plan);
	const replaceMatch = (record: ClientifyRecord) => {
		state.matches = state.matches.map((m) => (m === existing ? record : m));
	};
	if (ctx.options.dryRun) {
		result.plannedRequests?.push(
			...writes.map((w): PlannedRequest => ({ method: w.method, path: w.path, body: w.body })),
		);
		replaceMatch(applyPlan(existing, plan));
		return { result: { ...result, action: 'updated', changedFields: plan.changedFields } };
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
			sendWrite(ctx, existing.id, write, plan, desired, fresh, result, reorder, item.makePrimary),
		);
		if (!outcome.ok) {
			if (!applied.size && isRecordGone(outcome.error)) throw new RecordVanished(write.path);
			const error = asItemError(ctx.node, outcome.error, item.index);
			return {
				result: failedRecordResult(desired, error, { ...result, changedFields: [...applied] }),
				error,
				resetState: true,
			};
		}
		for (const field of outcome.value) applied.add(field);
	}
	replaceMatch(applyPlan(existing, plan));
	const changedFields = plan.changedFields.filter((f) => applied.has(f));
	return {
		result: { ...result, action: changedFields.length ? 'updated' : 'unchanged', changedFields },
		// A guarded write left something as it was: the next item of this tax ID looks it up again.
		resetState: changedFields.length < plan.changedFields.length,
	};
}

/**
 * The plan for `existing`: the lists first (what the sync owns after them goes into its state), then
 * the rest. Only a state tied to this record (plan/guard.ts `stateTied`) says what the sync owns; a
 * copied or older one is left as it is until the sync writes the record for another reason. The
 * state is rewritten with the record's id (and without the creation marker) only when the record is
 * written anyway, so an unchanged record costs nothing.
 */
export function planUpdate(
	item: RecordItem,
	desired: DesiredRecord,
	existing: ClientifyRecord,
	/** The company link's `k` after the link's writes (write/links.ts); absent: kept as stored. */
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
	ctx: EngineContext,
	id: number,
	write: Write,
	plan: UpdatePlan,
	desired: DesiredRecord,
	fresh: FreshLists,
	result: UpsertResult,
	reorder: Set<ListName>,
	makePrimary: boolean,
): Promise<string[]> {
	const { client } = ctx;
	const entity = desired.entity;
	if (write.kind === 'item') {
		const { edit } = write;
		const refusal = await editItem(client, entity, id, edit, fresh);
		if (!refusal) return [edit.list];
		result.warnings.push(itemKeptWarning(edit, refusal));
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
			: { body: {}, warnings: [] };
		result.warnings.push(...lists.warnings);
		const body = { ...write.body, ...lists.body };
		if (!Object.keys(body).length) return [];
		await executeWrite(client, { ...write, body });
		result.warnings.push(...(await confirmOptOuts(client, entity, id, lists.body)));
		const reordered = [...reorder].filter((l) => l in lists.body);
		return [...new Set([...fieldsOf({ ...write, reorder: [] }, plan), ...reordered])];
	}
	await executeWrite(client, write);
	return fieldsOf(write, plan);
}

function recordPath(entity: Entity, id: number): string {
	return `${ENTITY_PATH[entity]}${id}/`;
}
