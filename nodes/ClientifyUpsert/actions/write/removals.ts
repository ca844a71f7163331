/**
 * Records that left the ERP (option *When a Record Leaves the ERP*; the rules: nodes/shared/clientify/
 * plan/removal.ts). For each item: the Clientify records of its tax ID (Known Records, else a live
 * search), or, without a tax ID, those whose sync state names its Hispatec code (one listing per entity
 * and execution); of those, the ones the sync owns for that code are read again and marked:
 * the removal tag added (`POST …/tags/`), under *Tag It and Remove the Sync Tag* the sync's tags
 * removed (client/guarded.ts `removeTags`), then the state with `x` (`PUT`, after the writes it
 * describes). Nothing is ever deleted but those tags. A record that comes back: update.ts. The
 * engine runs the removals first and turns each outcome into the item's result.
 */
import {
	encodeSyncState,
	readSyncState,
	type SyncState,
} from '../../../shared/clientify/syncState';
import { ownedRecords, planMark, type MarkPlan } from '../../../shared/clientify/plan/removal';
import type { ClientifyRecord, Entity } from '../../../shared/clientify/types';
import { lookupKnown } from '../../../shared/clientify/plan/fingerprint';
import { settle } from '../../../shared/settle';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { addItem, readRecord, removeTags } from '../../../shared/clientify/client/guarded';
import type { RemovalItem, RemovalOutcome, StepContext, UpsertResult } from './types';

/** Per execution: Hispatec code → ids of the records whose sync state names it, per entity. */
export type CodeIndex = Map<Entity, Promise<Map<string, number[]>>>;

/** The Clientify records that may be this item's: by tax ID, else by the code in their sync state. */
async function candidates(
	ctx: StepContext,
	item: RemovalItem,
	byCode: CodeIndex,
): Promise<ClientifyRecord[]> {
	const { entity, taxId, code } = item;
	if (taxId) {
		const known = ctx.options.knownRecords?.[entity];
		if (known && lookupKnown(known, taxId).kind === 'absent') return [];
		return await ctx.lookup.search(entity, taxId);
	}
	if (!code) return [];
	let index = byCode.get(entity);
	if (!index) {
		index = listByCode(ctx, entity, item.settings.stateField);
		byCode.set(entity, index);
	}
	const ids = (await index).get(code) ?? [];
	const found: ClientifyRecord[] = [];
	for (const id of ids) {
		const record = await readRecord(ctx.client, entity, id);
		if (record) found.push(record);
	}
	return found;
}

async function listByCode(
	ctx: StepContext,
	entity: Entity,
	stateField: string,
): Promise<Map<string, number[]>> {
	const index = new Map<string, number[]>();
	await ctx.lookup.each(entity, (record) => {
		const code = readSyncState(record, stateField)?.c;
		if (code && typeof record.id === 'number')
			index.set(code, [...(index.get(code) ?? []), record.id]);
	});
	return index;
}

/**
 * Marks the records of one item that left the ERP. `result` (the item's result so far) gets the
 * record found, the planned requests and the changed fields; the outcome says how it ended.
 */
export async function markRemoval(
	ctx: StepContext,
	item: RemovalItem,
	result: UpsertResult,
	byCode: CodeIndex,
): Promise<RemovalOutcome> {
	const { settings } = item;
	const found = await candidates(ctx, item, byCode);
	if (!found.length)
		return {
			kind: 'skipped',
			reason: item.why === 'inactive' ? 'inactive_in_erp' : 'not_in_clientify',
			clientifyId: null,
		};
	const owned = ownedRecords(found, settings.stateField, item.code);
	if (!owned.length)
		return { kind: 'skipped', reason: 'not_owned', clientifyId: found[0].id ?? null };
	result.clientifyId = owned[0].id;
	if (!result.taxId) result.taxId = String(owned[0].taxpayer_identification_number ?? '') || null;
	let marked = false;
	let stayed = false;
	for (const record of owned) {
		// Read again just before: the mark is decided on what Clientify holds now.
		const fresh = await readRecord(ctx.client, item.entity, record.id);
		const plan: MarkPlan = fresh ? planMark(fresh, item.code, settings) : { kind: 'not_owned' };
		if (plan.kind === 'mark') {
			await applyMark(ctx, item.entity, fresh as ClientifyRecord, plan, result);
			marked = true;
		} else if (plan.kind === 'tagged_by_people') {
			stayed = true;
			result.warnings.push({
				code: 'removal_tag_by_people',
				message: `The ${item.entity} (id ${record.id}) already has the tag "${settings.removalTag}", which the sync did not add: it was left as it is, and stays when the record comes back`,
			});
		} else if (plan.kind === 'already_marked') stayed = true;
	}
	if (marked) return { kind: 'marked_removed' };
	if (stayed) return { kind: 'already_marked' };
	return { kind: 'skipped', reason: 'not_owned', clientifyId: result.clientifyId };
}

/**
 * The removal tag, the sync's tags under *Tag It and Remove the Sync Tag*, then the state with `x`
 * (after the writes it describes). When removing the sync's tags fails after the removal tag was
 * added, the state still records the tag (`x: 1`), so it stays the sync's, and the next run removes
 * the sync's tags.
 */
async function applyMark(
	ctx: StepContext,
	entity: Entity,
	record: ClientifyRecord,
	plan: Extract<MarkPlan, { kind: 'mark' }>,
	result: UpsertResult,
): Promise<void> {
	const { client, options } = ctx;
	const dryRun = options.dryRun;
	const path = `${ENTITY_PATH[entity]}${record.id}/`;
	const putState = async (state: SyncState) => {
		const body = { custom_fields: [{ field: plan.stateName, value: encodeSyncState(state) }] };
		if (dryRun) result.plannedRequests?.push({ method: 'PUT', path, body });
		else await client.request('PUT', path, { body, retry: 'all' });
	};
	if (plan.addTag) {
		const tagPath = `${path}tags/`;
		const body = { name: plan.addTag };
		if (dryRun) result.plannedRequests?.push({ method: 'POST', path: tagPath, body });
		else await addItem(client, tagPath, 'tags', body);
	}
	const removed = await settle(removeTags(client, entity, record.id, plan.removeTags, dryRun));
	if (!removed.ok) {
		if (plan.addTag) await putState({ ...plan.state, x: 1 });
		throw removed.error;
	}
	result.plannedRequests?.push(...removed.value.planned);
	await putState(plan.state);
	result.changedFields = [
		...new Set([...result.changedFields, 'tags', `custom_fields.${plan.stateName}`]),
	];
}
