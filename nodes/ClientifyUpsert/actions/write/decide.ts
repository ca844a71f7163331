/**
 * The decision for one item from the records its tax ID matched: none → create; one → update;
 * several → merge the ones this sync created into the oldest, or "On Multiple Matches" decides
 * (nodes/shared/clientify/plan/match.ts). Then the decision is applied (create.ts, update.ts).
 */
import { NodeOperationError } from 'n8n-workflow';
import { createdBefore } from '../../../shared/clientify/overlap';
import { decideMatch } from '../../../shared/clientify/plan/match';
import { readSyncState } from '../../../shared/clientify/syncState';
import { stateTied } from '../../../shared/clientify/plan/guard';
import { type ClientifyRecord, type DesiredRecord } from '../../../shared/clientify/types';
import type { Decision, EngineContext, GroupState, ItemOutcome } from './context';
import { create } from './create';
import { ambiguityError } from './itemError';
import { failedRecordResult } from './results';
import type { RecordItem, UpsertResult } from './types';
import { update } from './update';
import { settleTwins } from './twins';

/**
 * No match → create; one → update; several: when some carry this sync's state, the oldest of those
 * (of those whose state is tied to them, when any is) is the sync's record and is updated, and each other one is a twin: deleted only when the guarded
 * path proves it a fresh twin the sync alone created (guard.ts), otherwise left and reported. When
 * none carries the state, "On Multiple Matches" decides (nodes/shared/clientify/plan/match.ts).
 */
export function decide(item: RecordItem, matches: ClientifyRecord[]): Decision {
	if (matches.length > 1) {
		const withState = matches.flatMap((r) => {
			const state = readSyncState(r, item.stateField);
			return state ? [{ record: r, tied: stateTied(r, state) }] : [];
		});
		if (withState.length) {
			// A state written on the record itself wins over one copied onto a duplicate.
			const tied = withState.filter((s) => s.tied);
			const ours = (tied.length ? tied : withState).map((s) => s.record);
			const keeper = ours.reduce((a, b) => (createdBefore(b, a) ? b : a));
			return {
				kind: 'one',
				record: keeper,
				twins: matches.filter((m) => m !== keeper).sort((a, b) => a.id - b.id),
			};
		}
	}
	return decideMatch(matches, item.onMultipleMatches);
}

/** The ambiguous decision as the item's failure. */
export function ambiguousOutcome(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	ids: number[],
	result: UpsertResult,
): ItemOutcome {
	const error = ambiguityError(ctx.node, desired, ids, item.index);
	return { result: failedRecordResult(desired, error, result), error };
}

export async function applyDecision(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	decision: Exclude<Decision, { kind: 'ambiguous' }>,
	state: GroupState,
	result: UpsertResult,
): Promise<ItemOutcome> {
	const { entity, taxId } = desired;
	if (decision.kind === 'one' && decision.twins?.length) {
		const outcome = await update(ctx, item, desired, decision.record, state, result);
		if (outcome.result.action === 'failed' || outcome.result.action === 'skipped') return outcome;
		const twins = await settleTwins(ctx, item, decision.record, decision.twins, outcome.result);
		state.matches = state.matches.filter((m) => !twins.deleted.includes(m.id));
		return outcome;
	}
	if (decision.kind === 'one') {
		if (decision.ambiguousIds) {
			const ids = [...decision.ambiguousIds].sort((a, b) => a - b);
			result.warnings.push({
				code: 'multiple_matches',
				message: `${decision.ambiguousIds.length} Clientify ${entity}s have tax ID ${taxId} (ids ${ids.join(', ')}); updated the oldest, id ${decision.record.id}`,
			});
		}
		return await update(ctx, item, desired, decision.record, state, result);
	}
	return await create(
		ctx,
		item,
		desired,
		state,
		result,
		async (found, action) => await updateFound(ctx, item, found, state, result, action),
	);
}

/** After a create found the record (lost answer, 409): decide again over `state.matches` and apply. */
async function updateFound(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	state: GroupState,
	result: UpsertResult,
	action: 'created' | 'updated',
): Promise<ItemOutcome> {
	const decision = decide(item, state.matches);
	if (decision.kind === 'ambiguous')
		return ambiguousOutcome(ctx, item, desired, decision.ids, result);
	if (decision.kind === 'none')
		throw new NodeOperationError(ctx.node, 'The record vanished during the sync', {
			itemIndex: item.index,
		});
	const outcome = await applyDecision(ctx, item, desired, decision, state, result);
	// Our lost create made the record: it stays "created" whatever the diff finds.
	if (
		action === 'created' &&
		(outcome.result.action === 'unchanged' || outcome.result.action === 'updated')
	) {
		return { ...outcome, result: { ...outcome.result, action } };
	}
	return outcome;
}
