/**
 * Who writes a tax ID: within the batch, one item per entity and tax ID (the winner); across
 * executions, the ERP record the Clientify record's sync state names as its owner. And the sync
 * state stamped on every record the sync writes (nodes/shared/clientify/syncState.ts).
 */
import {
	buildSyncState,
	encodeSyncState,
	hasSyncStateField,
	pickBatchWinner,
	storedOwnerWins,
	withSyncStateValue,
	type OwnedKeys,
	type SyncState,
} from '../../../shared/clientify/syncState';
import { type DesiredRecord } from '../../../shared/clientify/types';
import { type RecordGroup } from '../../../shared/clientify/plan/match';
import type { BatchState } from './context';
import { duplicateSkipResult } from './results';
import type { RecordItem, UpsertResult } from './types';

/**
 * Duplicate tax IDs within the batch: one write set per entity and tax ID. The winner is the
 * item with the newest FechaModificacion (equal or missing: the later item); the others leave
 * as skipped (`duplicate_tax_id`) naming the winner's Hispatec code. Each group keeps only its
 * winner (`group.indexes` is shortened). Returns loser → winner item indexes (the losers get the
 * winner's Clientify id after the batch).
 */
export function collapseDuplicates(
	groups: RecordGroup[],
	byIndex: Map<number, RecordItem>,
	results: Array<UpsertResult | undefined>,
): Map<number, number> {
	const losers = new Map<number, number>();
	for (const group of groups) {
		if (group.indexes.length < 2) continue;
		const items = group.indexes.map((i) => byIndex.get(i) as RecordItem);
		const winner = pickBatchWinner(
			items.map((it) => ({ index: it.index, modifiedAt: it.desired.modifiedAt, item: it })),
		).item;
		for (const item of items) {
			if (item === winner) continue;
			losers.set(item.index, winner.index);
			results[item.index] = duplicateSkipResult(item, winner.desired.sourceId, null, 'batch');
		}
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

/**
 * The record with its sync state set (when the state field's definition exists): `owned`, the values
 * the sync owns once this write is done; `tie`, what ties the state to its record (the creation
 * marker `n` on a create, the record's id `i` on an update; see `SyncState`).
 */
export function withState(
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
