/**
 * What the engine decides for each item, before any write (pure: no HTTP):
 * - `decide`: from the records its tax ID matched: none → create; one → update; several → the sync's
 *   own record is updated and the others are twins, or "On Multiple Matches" decides
 *   (nodes/shared/clientify/plan/match.ts).
 * - Who writes a tax ID: within the batch, one item per entity and tax ID (`collapseDuplicates`);
 *   across executions, the ERP record the Clientify record's sync state names as its owner
 *   (`ownedByOther`, nodes/shared/clientify/syncState.ts).
 */
import { createdBefore } from '../../../shared/clientify/overlap';
import { decideMatch, type RecordGroup } from '../../../shared/clientify/plan/match';
import {
	pickBatchWinner,
	readSyncState,
	storedOwnerWins,
	type SyncState,
} from '../../../shared/clientify/syncState';
import { stateTied } from '../../../shared/clientify/plan/guard';
import type { ClientifyRecord } from '../../../shared/clientify/types';
import type { BatchState, Decision, RecordItem } from './types';

/**
 * No match → create; one → update; several: when some carry this sync's state, the oldest of those
 * (of those whose state is tied to them, when any is) is the sync's record and is updated, and each other one is a twin: deleted only when the guarded
 * path proves it a fresh twin the sync alone created (client/guarded.ts), otherwise left and reported. When
 * none carries the state, "On Multiple Matches" decides (nodes/shared/clientify/plan/match.ts).
 * The record to update names its `owner` when its sync state gives it to another ERP record that
 * wins (`ownedByOther`): then nothing is written.
 */
export function decide(item: RecordItem, matches: ClientifyRecord[], batch: BatchState): Decision {
	const decision = decideRecord(item, matches);
	if (decision.kind !== 'one') return decision;
	const owner = ownedByOther(batch, item, readSyncState(decision.record, item.stateField));
	return owner ? { ...decision, owner } : decision;
}

function decideRecord(item: RecordItem, matches: ClientifyRecord[]): Decision {
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

/**
 * Duplicate tax IDs within the batch: one write set per entity and tax ID. The winner is the
 * item with the newest FechaModificacion (equal or missing: the later item); the others leave
 * as skipped (`duplicate_tax_id`) naming the winner's Hispatec code. Each group keeps only its
 * winner (`group.indexes` is shortened). Returns each loser with its winner (the losers get the
 * winner's Clientify id after the batch).
 */
export function collapseDuplicates(
	groups: RecordGroup[],
	byIndex: Map<number, RecordItem>,
): Array<{ loser: RecordItem; winner: RecordItem }> {
	const losers: Array<{ loser: RecordItem; winner: RecordItem }> = [];
	for (const group of groups) {
		if (group.indexes.length < 2) continue;
		const items = group.indexes.map((i) => byIndex.get(i) as RecordItem);
		const winner = pickBatchWinner(
			items.map((it) => ({ index: it.index, modifiedAt: it.desired.modifiedAt, item: it })),
		).item;
		for (const loser of items) if (loser !== winner) losers.push({ loser, winner });
		group.indexes = [winner.index];
	}
	return losers;
}

/** Notes the Hispatec codes of the batch's record items, per entity (see `ownedByOther`). */
export function noteBatchCodes(batch: BatchState, items: RecordItem[]): void {
	for (const r of items) {
		if (!r.desired.sourceId) continue;
		const codes = batch.codes.get(r.desired.entity) ?? new Set<string>();
		codes.add(r.desired.sourceId);
		batch.codes.set(r.desired.entity, codes);
	}
}

/**
 * The Hispatec code of the ERP record stored as the Clientify record's owner when it keeps the
 * record against this item; undefined when this item may write it.
 */
export function ownedByOther(
	batch: BatchState,
	item: RecordItem,
	stored: SyncState | undefined,
): string | undefined {
	const code = item.desired.sourceId;
	if (!code || !stored?.c || stored.c === code) return undefined;
	// The stored owner is in this batch under another tax ID (its tax ID changed): stale.
	if (batch.codes.get(item.desired.entity)?.has(stored.c)) return undefined;
	return storedOwnerWins(
		{ code, modifiedAt: item.desired.modifiedAt },
		{ c: stored.c, m: stored.m },
	)
		? stored.c
		: undefined;
}
