/**
 * Overlapping runs: the re-check after the batch (nodes/shared/clientify/overlap.ts). One listing
 * per entity of the records created since the batch started; every record this execution created
 * that has an older twin (same tax ID) is merged into it and deleted.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import {
	diffRecord,
	isEmptyPlan,
	listCreatedSince,
	MAX_PAGE_SIZE,
	mergeTargetFor,
	readSyncState,
	recheckSince,
	runPool,
	type ClientifyRecord,
} from '../../../shared/clientify';
import type { Creation, EngineContext, ResultBook } from './context';
import { asItemError } from './itemError';
import { buildIndex, ENTITY_PATH } from './lookup';
import { ownedByOther, withState } from './ownership';
import { duplicateSkipResult, failedRecordResult } from './results';
import { settle } from '../../../shared/settle';
import type { UpsertResult } from './types';
import { deleteRecord, executeWrite, planWrites } from './writes';

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

/** Our newer record → the older twin: update the older with our values, then delete ours. */
async function mergeCreation(
	ctx: EngineContext,
	book: ResultBook,
	c: Creation,
	target: ClientifyRecord,
): Promise<void> {
	const previous = book.results[c.index] as UpsertResult;
	const entity = c.desired.entity;
	const stored = readSyncState(target, c.item.stateField);
	const owner = ownedByOther(ctx.batch, c.item, stored);
	const outcome = await settle(
		(async () => {
			const desired = withState(c.item, c.desired, stored?.n === 1, stored);
			const plan = owner
				? undefined
				: diffRecord(target, desired, { makePrimary: c.item.makePrimary, previous: stored });
			if (plan && !isEmptyPlan(plan))
				for (const write of planWrites(entity, target.id, plan))
					await executeWrite(ctx.client, write);
			await deleteRecord(ctx.client, entity, c.record.id);
			return plan;
		})(),
	);
	if (!outcome.ok) {
		const base = asItemError(ctx.node, outcome.error, c.index);
		const error = new NodeOperationError(
			ctx.node,
			`Another run created ${entity} ${c.desired.taxId} at the same time (id ${target.id}); merging this run's record (id ${c.record.id}) into it failed: ${base.message}`,
			{ itemIndex: c.index, description: 'The next run merges the duplicate.' },
		);
		book.record(c.index, failedRecordResult(c.desired, error, previous), error);
		return;
	}
	const plan = outcome.value;
	if (!plan) {
		const skipped = duplicateSkipResult(c.item, owner, target.id, 'stored');
		skipped.warnings.push(...previous.warnings.filter((w) => !c.desired.warnings.includes(w)));
		book.results[c.index] = skipped;
		return;
	}
	book.results[c.index] = {
		...previous,
		action: isEmptyPlan(plan) ? 'unchanged' : 'updated',
		clientifyId: target.id,
		changedFields: plan.changedFields,
		warnings: [
			...previous.warnings,
			{
				code: 'merged_duplicate',
				message: `Another run created ${entity} ${c.desired.taxId} at the same time (id ${target.id}); this run's record (id ${c.record.id}) was merged into it and deleted`,
			},
		],
	};
}
