/**
 * Update of one existing record: unless its sync state names another owner, diff it against the
 * desired record (nodes/shared/clientify/plan/diff.ts, lists.ts) and send the plan's writes in order
 * (writes.ts): adds, guarded item edits, then the record's PUT with the new sync state, which so
 * never claims a value before it is written. The group's view of the record is kept up to date for
 * the next item with the same tax ID.
 */
import {
	applyPlan,
	diffRecord,
	isEmptyPlan,
	planLists,
	readSyncState,
	type ClientifyRecord,
	type DesiredRecord,
	type UpdatePlan,
} from '../../../shared/clientify';
import type { EngineContext, GroupState, ItemOutcome, Write } from './context';
import { editItem, itemBody, itemKeptWarning, reorderedLists, type FreshLists } from './guard';
import { asItemError } from './itemError';
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
	const plan = planUpdate(item, desired, existing);
	if (isEmptyPlan(plan)) return { result: { ...result, action: 'unchanged' } };
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
	for (const write of writes) {
		const outcome = await settle(sendWrite(ctx, existing.id, write, plan, desired, fresh, result));
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
 * the rest. The creation marker stays while nothing else changes, and goes with the first update.
 */
export function planUpdate(
	item: RecordItem,
	desired: DesiredRecord,
	existing: ClientifyRecord,
): UpdatePlan {
	const stored = readSyncState(existing, item.stateField);
	const { plans, owned } = planLists(existing, desired, stored, item.makePrimary);
	const plan = diffRecord(existing, withState(item, desired, owned, stored?.n), { lists: plans });
	if (isEmptyPlan(plan) || stored?.n === undefined) return plan;
	return diffRecord(existing, withState(item, desired, owned), { lists: plans });
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
): Promise<string[]> {
	const { client } = ctx;
	const entity = desired.entity;
	if (write.kind === 'item') {
		const { edit } = write;
		const refusal = await editItem(client, entity, id, edit, fresh);
		if (!refusal) return [edit.list];
		result.warnings.push(itemKeptWarning(edit, refusal));
		if (edit.kind === 'delete') return [];
		// The ERP's value still belongs on the record: added instead of put in place.
		await executeWrite(client, addWrite(entity, id, edit.list, itemBody(edit.list, edit.after)));
		return [edit.list];
	}
	if (write.kind === 'record' && write.reorder.length) {
		const lists = await reorderedLists(client, entity, id, write.reorder, desired);
		result.warnings.push(...lists.warnings);
		const body = { ...write.body, ...lists.body };
		if (!Object.keys(body).length) return [];
		await executeWrite(client, { ...write, body });
		return fieldsOf({ ...write, reorder: write.reorder.filter((l) => l in lists.body) }, plan);
	}
	await executeWrite(client, write);
	return fieldsOf(write, plan);
}
