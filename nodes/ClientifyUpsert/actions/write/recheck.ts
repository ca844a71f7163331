/**
 * Overlapping runs: the re-check after the batch (nodes/shared/clientify/overlap.ts). One listing
 * per entity of the records created since the batch started; every record this execution created
 * that has an older twin of the sync's (same tax ID) is merged into it, and deleted when the guarded
 * path (guard.ts) finds it untouched since its creation.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { listCreatedSince, mergeTargetFor, recheckSince } from '../../../shared/clientify/overlap';
import { MAX_PAGE_SIZE } from '../../../shared/clientify/plan/match';
import { readSyncState } from '../../../shared/clientify/syncState';
import { runPool } from '../../../shared/clientify/client/timing';
import { type ClientifyRecord } from '../../../shared/clientify/types';
import type { Creation, EngineContext, GroupState, ResultBook } from './context';
import { deleteTwin, twinKeptText } from './guard';
import { asItemError } from './itemError';
import { buildIndex } from './lookup';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { failedRecordResult } from './results';
import { settle } from '../../../shared/settle';
import { duplicateInCrmWarning } from './twins';
import type { UpsertResult } from './types';
import { update } from './update';

export async function recheck(ctx: EngineContext, book: ResultBook): Promise<void> {
	for (const entity of ['contact', 'company'] as const) {
		const mine = ctx.batch.creations.filter((c) => c.desired.entity === entity);
		if (!mine.length) continue;
		const since = recheckSince(
			mine.map((c) => ({ createdStamp: c.record.created, elapsedMs: c.elapsedMs })),
			ctx.batch.startedAt,
		);
		const listed = await settle(
			listCreatedSince(since, MAX_PAGE_SIZE, async (qs, next) =>
				next
					? await ctx.client.listPage<ClientifyRecord>(next)
					: await ctx.client.listPage<ClientifyRecord>(ENTITY_PATH[entity], qs as IDataObject),
			),
		);
		if (!listed.ok) {
			const reason = listed.error instanceof Error ? listed.error.message : String(listed.error);
			for (const c of mine) {
				book.results[c.index]?.warnings.push({
					code: 'recheck_failed',
					message: `The check for a record created at the same time by another run failed (${reason}); the next run merges any duplicate`,
				});
			}
			continue;
		}
		const index = buildIndex(listed.value);
		await runPool(
			mine,
			ctx.options.concurrency,
			async (c) => {
				const target = mergeTargetFor(c.record, index.get(c.desired.taxId) ?? []);
				if (target) await mergeCreation(ctx, book, c, target);
			},
			() => ctx.client.isCancelled(),
		);
	}
}

/**
 * Our newer record has an older twin. When the twin carries the sync's state (another run created
 * it, or the sync writes it), the twin is the record to keep: it is updated with our values (update.ts,
 * with its ownership rules), then ours is deleted through the guarded path, which reads it again and
 * keeps it if anyone touched it meanwhile. A twin without the sync's state is people's record: both
 * stay, and the item reports them.
 */
async function mergeCreation(
	ctx: EngineContext,
	book: ResultBook,
	c: Creation,
	target: ClientifyRecord,
): Promise<void> {
	const previous = book.results[c.index] as UpsertResult;
	const { entity, taxId } = c.desired;
	const ownId = c.record.id;
	if (!readSyncState(target, c.item.stateField)) {
		previous.warnings.push(
			duplicateInCrmWarning(entity, taxId, ownId, [
				{ id: target.id, why: `id ${target.id} has no sync state: it is people's record` },
			]),
		);
		return;
	}
	const outcome = await settle(
		(async () => {
			const state: GroupState = { lookedUp: true, matches: [target] };
			const start: UpsertResult = { ...previous, changedFields: [], warnings: [] };
			const updated = await update(ctx, c.item, c.desired, target, state, start);
			if (updated.error) return { updated };
			const gone = await deleteTwin(ctx, entity, ownId, c.item.stateField, {
				ownCreation: true,
			});
			return { updated, gone };
		})(),
	);
	const failed = (message: string) => {
		const error = new NodeOperationError(
			ctx.node,
			`Another run created ${entity} ${taxId} at the same time (id ${target.id}); merging this run's record (id ${ownId}) into it failed: ${message}`,
			{ itemIndex: c.index, description: 'The next run merges the duplicate.' },
		);
		book.record(c.index, failedRecordResult(c.desired, error, previous), error);
	};
	if (!outcome.ok) return failed(asItemError(ctx.node, outcome.error, c.index).message);
	const { updated, gone } = outcome.value;
	if (!gone) return failed(updated.result.error ?? 'the update failed');
	const merged = updated.result;
	if (!gone.deleted && gone.reason !== 'gone') {
		// Ours stays: it is the item's result, with both records named.
		previous.warnings.push(
			duplicateInCrmWarning(entity, taxId, ownId, [
				{
					id: target.id,
					why: `id ${target.id} was created at the same time by another run, and ${twinKeptText(ownId, gone.reason)}`,
				},
			]),
		);
		return;
	}
	const warnings = [...previous.warnings, ...merged.warnings];
	if (merged.action === 'skipped') {
		book.results[c.index] = { ...merged, warnings };
		return;
	}
	book.results[c.index] = {
		...previous,
		action: merged.action,
		clientifyId: target.id,
		changedFields: merged.changedFields,
		warnings: [
			...warnings,
			{
				code: 'merged_duplicate',
				message: `Another run created ${entity} ${taxId} at the same time (id ${target.id}); this run's record (id ${ownId}) was merged into it and deleted`,
			},
		],
	};
}
