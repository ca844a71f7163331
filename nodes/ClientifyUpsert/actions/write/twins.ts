/**
 * Twins: several Clientify records with one tax ID, beside the one the sync writes. Each is deleted
 * through the guarded path (client/guarded.ts `deleteTwin`) only when it is a fresh twin the sync
 * alone created; every other one stays as it is, and the item carries a `duplicate_in_crm` warning
 * naming every id (and, with the option *Tag Duplicates*, the records get that tag so people can
 * merge them). At lookup: `settleTwins`; after the batch's re-check merged our own creation into an
 * older twin of the sync's: `deleteOwnCreation` (the engine sequences the update before it).
 */
import { TWIN_REFUSALS, twinRefusal, type TwinRefusal } from '../../../shared/clientify/plan/guard';
import { tagNames } from '../../../shared/clientify/plan/diff';
import type { ClientifyRecord, Entity } from '../../../shared/clientify/types';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { addItem, deleteTwin, type TwinOutcome } from '../../../shared/clientify/client/guarded';
import type { NormalizationWarning } from '../../../shared/types';
import { settle } from '../../../shared/settle';
import type { Notes, RecordItem, StepContext } from './types';

/** The reason for a twin kept, for a warning. */
export function twinKeptText(id: number, reason: TwinRefusal): string {
	return `id ${id} was kept: ${TWIN_REFUSALS[reason]}`;
}

function rules(ctx: StepContext, stateField: string) {
	return { nowMs: ctx.options.now(), maxAgeMs: ctx.options.twinMaxAgeMs, stateField };
}

/** This execution's own creation, merged into an older twin: deleted only if nobody touched it. */
export async function deleteOwnCreation(
	ctx: StepContext,
	entity: Entity,
	id: number,
	stateField: string,
): Promise<TwinOutcome> {
	return await deleteTwin(ctx.client, entity, id, rules(ctx, stateField), { ownCreation: true });
}

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
	ctx: StepContext,
	item: RecordItem,
	keeper: ClientifyRecord,
	twins: ClientifyRecord[],
	notes: Notes,
): Promise<{ deleted: number[] }> {
	const { entity, taxId } = item.desired;
	const deleted: number[] = [];
	const kept: Array<{ id: number; why: string; record: ClientifyRecord }> = [];
	for (const twin of twins) {
		// Judged on the lookup's copy first: what it refuses is kept without another read (a record
		// people own costs nothing on every run). What it allows is read again before any DELETE.
		const siblings = [keeper, ...twins].filter((r) => r !== twin);
		const refusal = twinRefusal(twin, { ...rules(ctx, item.stateField), siblings });
		if (refusal) {
			kept.push({ id: twin.id, why: twinKeptText(twin.id, refusal), record: twin });
			continue;
		}
		if (ctx.options.dryRun) {
			// A real run reads it again first.
			notes.plannedRequests?.push({
				method: 'DELETE',
				path: `${ENTITY_PATH[entity]}${twin.id}/`,
				body: {},
			});
			deleted.push(twin.id);
			continue;
		}
		const outcome = await settle(
			deleteTwin(ctx.client, entity, twin.id, rules(ctx, item.stateField), { siblings }),
		);
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
		notes.warnings.push({
			code: 'merged_duplicate',
			message: `${deleted.length + kept.length + 1} Clientify ${entity}s had tax ID ${taxId}; the ones this sync had just created and nobody had touched (ids ${deleted.join(', ')}) were deleted, and id ${keeper.id} was updated`,
		});
	if (kept.length) {
		notes.warnings.push(duplicateInCrmWarning(entity, taxId, keeper.id, kept));
		await tagDuplicates(ctx, entity, [keeper, ...kept.map((k) => k.record)], notes);
	}
	return { deleted };
}

/** Option *Tag Duplicates*: adds the tag to each record that lacks it (a tag POST adds, never removes). */
async function tagDuplicates(
	ctx: StepContext,
	entity: Entity,
	records: ClientifyRecord[],
	notes: Notes,
): Promise<void> {
	const tag = ctx.options.duplicateTag;
	if (!tag) return;
	for (const record of records) {
		if (tagNames(record).some((t) => t.trim().toLowerCase() === tag.toLowerCase())) continue;
		const path = `${ENTITY_PATH[entity]}${record.id}/tags/`;
		if (ctx.options.dryRun) {
			notes.plannedRequests?.push({ method: 'POST', path, body: { name: tag } });
			continue;
		}
		const outcome = await settle(addItem(ctx.client, path, 'tags', { name: tag }));
		if (!outcome.ok)
			notes.warnings.push({
				code: 'duplicate_tag_failed',
				message: `Tagging ${entity} ${record.id} "${tag}" failed: ${(outcome.error as Error).message}`,
			});
	}
}
