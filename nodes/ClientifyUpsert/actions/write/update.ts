/**
 * Update of one existing record: unless its sync state names another owner, diff it against the
 * desired record (nodes/shared/clientify/plan/diff.ts) and send the plan's writes (writes.ts), keeping
 * the group's view of the record up to date for the next item with the same tax ID.
 */
import {
	applyPlan,
	diffRecord,
	isEmptyPlan,
	readSyncState,
	type ClientifyRecord,
	type DesiredRecord,
} from '../../../shared/clientify';
import type { EngineContext, GroupState, ItemOutcome } from './context';
import { asItemError } from './itemError';
import { ownedByOther, withState } from './ownership';
import { duplicateSkipResult, failedRecordResult } from './results';
import { settle } from '../../../shared/settle';
import type { PlannedRequest, RecordItem, UpsertResult } from './types';
import { executeWrite, fieldsOf, isRecordGone, planWrites } from './writes';

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
	const plan = diffRecord(existing, withState(item, desired, stored?.n === 1, stored), {
		makePrimary: item.makePrimary,
		previous: stored,
	});
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
	const applied: string[] = [];
	for (const write of writes) {
		const outcome = await settle(executeWrite(ctx.client, write));
		if (!outcome.ok) {
			if (!applied.length && isRecordGone(outcome.error)) throw new RecordVanished(write.path);
			const error = asItemError(ctx.node, outcome.error, item.index);
			return {
				result: failedRecordResult(desired, error, { ...result, changedFields: applied }),
				error,
				resetState: true,
			};
		}
		applied.push(...fieldsOf(write, plan));
	}
	replaceMatch(applyPlan(existing, plan));
	return { result: { ...result, action: 'updated', changedFields: plan.changedFields } };
}
