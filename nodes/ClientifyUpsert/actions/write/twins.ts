/**
 * Several Clientify records with one tax ID, beside the one the sync writes: each is deleted through
 * the guarded path (guard.ts `deleteTwin`) only when it is a fresh twin the sync alone created;
 * every other one stays as it is, and the item carries a `duplicate_in_crm` warning naming every id
 * (and, with the option *Tag Duplicates*, the records get that tag so people can merge them).
 */
import { tagNames } from '../../../shared/clientify/plan/diff';
import { twinRefusal } from '../../../shared/clientify/plan/guard';
import { type ClientifyRecord, type Entity } from '../../../shared/clientify/types';
import type { NormalizationWarning } from '../../../shared/types';
import { settle } from '../../../shared/settle';
import type { EngineContext } from './context';
import { deleteTwin, twinKeptText } from './guard';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import type { RecordItem, UpsertResult } from './types';
import { addWrite, executeWrite } from './writes';

/** The warning for records left beside the sync's own: every id, and why each stayed. */
export function duplicateInCrmWarning(
	entity: Entity,
	taxId: string,
	ownId: number,
	kept: Array<{ id: number; why: string }>,
): NormalizationWarning {
	const ids = [ownId, ...kept.map((k) => k.id)].sort((a, b) => a - b);
	return {
		code: 'duplicate_in_crm',
		message: `${ids.length} Clientify ${entity}s have tax ID ${taxId} (ids ${ids.join(', ')}); the sync writes id ${ownId} and left the others as they are (${kept.map((k) => k.why).join('; ')}). Merge them in Clientify if they are the same customer.`,
	};
}

export async function settleTwins(
	ctx: EngineContext,
	item: RecordItem,
	keeper: ClientifyRecord,
	twins: ClientifyRecord[],
	result: UpsertResult,
): Promise<{ deleted: number[] }> {
	const { entity, taxId } = item.desired;
	const deleted: number[] = [];
	const kept: Array<{ id: number; why: string; record: ClientifyRecord }> = [];
	for (const twin of twins) {
		// Judged on the lookup's copy first: what it refuses is kept without another read (a record
		// people own costs nothing on every run). What it allows is read again before any DELETE.
		const siblings = [keeper, ...twins].filter((r) => r !== twin);
		const refusal = twinRefusal(twin, {
			nowMs: ctx.options.now(),
			maxAgeMs: ctx.options.twinMaxAgeMs,
			stateField: item.stateField,
			siblings,
		});
		if (refusal) {
			kept.push({ id: twin.id, why: twinKeptText(twin.id, refusal), record: twin });
			continue;
		}
		if (ctx.options.dryRun) {
			// A real run reads it again first.
			result.plannedRequests?.push({
				method: 'DELETE',
				path: `${ENTITY_PATH[entity]}${twin.id}/`,
				body: {},
			});
			deleted.push(twin.id);
			continue;
		}
		const outcome = await settle(deleteTwin(ctx, entity, twin.id, item.stateField, { siblings }));
		if (!outcome.ok)
			kept.push({
				id: twin.id,
				why: `id ${twin.id} was kept: deleting it failed (${(outcome.error as Error).message})`,
				record: twin,
			});
		else if (outcome.value.deleted) deleted.push(twin.id);
		else if (outcome.value.reason !== 'gone')
			kept.push({ id: twin.id, why: twinKeptText(twin.id, outcome.value.reason), record: twin });
	}
	if (deleted.length)
		result.warnings.push({
			code: 'merged_duplicate',
			message: `${deleted.length + kept.length + 1} Clientify ${entity}s had tax ID ${taxId}; the ones this sync had just created and nobody had touched (ids ${deleted.join(', ')}) were deleted, and id ${keeper.id} was updated`,
		});
	if (kept.length) {
		result.warnings.push(duplicateInCrmWarning(entity, taxId, keeper.id, kept));
		await tagDuplicates(ctx, entity, [keeper, ...kept.map((k) => k.record)], result);
	}
	return { deleted };
}

/** Option *Tag Duplicates*: adds the tag to each record that lacks it (a tag POST adds, never removes). */
export async function tagDuplicates(
	ctx: EngineContext,
	entity: Entity,
	records: ClientifyRecord[],
	result: UpsertResult,
): Promise<void> {
	const tag = ctx.options.duplicateTag;
	if (!tag) return;
	for (const record of records) {
		if (tagNames(record).some((t) => t.trim().toLowerCase() === tag.toLowerCase())) continue;
		const write = addWrite(entity, record.id, 'tags', { name: tag });
		if (ctx.options.dryRun) {
			result.plannedRequests?.push({ method: 'POST', path: write.path, body: write.body });
			continue;
		}
		const outcome = await settle(executeWrite(ctx.client, write));
		if (!outcome.ok)
			result.warnings.push({
				code: 'duplicate_tag_failed',
				message: `Tagging ${entity} ${record.id} "${tag}" failed: ${(outcome.error as Error).message}`,
			});
	}
}
