/**
 * Records that left the ERP (option *When a Record Leaves the ERP*; the rules: nodes/shared/clientify/
 * plan/removal.ts). For each item: the Clientify records of its tax ID (Known Records, else a live
 * search), or, without a tax ID, those whose sync state names its Hispatec code (one listing per entity
 * and execution); of those, the ones the sync owns for that code are read again and marked:
 * the removal tag added (`POST …/tags/`), under *Tag It and Remove the Sync Tag* the sync's tags
 * removed (guard.ts `removeTags`), then the state with `x` (`PUT`, after the writes it describes).
 * Nothing is ever deleted but those tags. A record that comes back: update.ts.
 */
import {
	encodeSyncState,
	readSyncState,
	type SyncState,
} from '../../../shared/clientify/syncState';
import { ownedRecords, planMark, type MarkPlan } from '../../../shared/clientify/plan/removal';
import { runPool } from '../../../shared/clientify/client/timing';
import { type ClientifyRecord, type Entity } from '../../../shared/clientify/types';
import { lookupKnown } from '../../../shared/clientify/plan/fingerprint';
import { settle } from '../../../shared/settle';
import type { EngineContext, ResultBook } from './context';
import { readRecord, removeTags } from './guard';
import { asItemError } from './itemError';
import { ENTITY_PATH, eachRecord } from '../../../shared/clientify/client/client';
import { failedResult, removalSkipResult, removalStartResult } from './results';
import type { RemovalItem, UpsertResult } from './types';
import { addWrite, executeWrite } from './writes';

/** Per execution: Hispatec code → ids of the records whose sync state names it, per entity. */
type CodeIndex = Map<Entity, Promise<Map<string, number[]>>>;

export async function markRemovals(
	ctx: EngineContext,
	items: RemovalItem[],
	book: ResultBook,
	stopped: () => boolean,
): Promise<void> {
	const byCode: CodeIndex = new Map();
	await runPool(
		items,
		ctx.options.concurrency,
		async (item) => {
			const start = removalStartResult(item, ctx.options.dryRun);
			const outcome = await settle(markOne(ctx, item, start, byCode));
			if (outcome.ok) {
				book.record(item.index, outcome.value);
				return;
			}
			const error = asItemError(ctx.node, outcome.error, item.index);
			book.record(
				item.index,
				failedResult(item.entity, item.taxId ?? null, item.code, error, start),
				error,
			);
		},
		() => stopped() || ctx.client.isCancelled(),
	);
}

/** The Clientify records that may be this item's: by tax ID, else by the code in their sync state. */
async function candidates(
	ctx: EngineContext,
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
	ctx: EngineContext,
	entity: Entity,
	stateField: string,
): Promise<Map<string, number[]>> {
	const index = new Map<string, number[]>();
	await eachRecord(ctx.client, entity, (record) => {
		const code = readSyncState(record, stateField)?.c;
		if (code && typeof record.id === 'number')
			index.set(code, [...(index.get(code) ?? []), record.id]);
	});
	return index;
}

async function markOne(
	ctx: EngineContext,
	item: RemovalItem,
	result: UpsertResult,
	byCode: CodeIndex,
): Promise<UpsertResult> {
	const { settings } = item;
	const found = await candidates(ctx, item, byCode);
	if (!found.length)
		return removalSkipResult(
			result,
			item.why === 'inactive' ? 'inactive_in_erp' : 'not_in_clientify',
		);
	const owned = ownedRecords(found, settings.stateField, item.code);
	if (!owned.length) return removalSkipResult(result, 'not_owned', found[0].id ?? null);
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
	if (marked) return { ...result, action: 'updated', removal: 'marked_removed' };
	if (stayed) return { ...result, action: 'unchanged', removal: 'already_marked' };
	return removalSkipResult(result, 'not_owned', result.clientifyId);
}

/**
 * The removal tag, the sync's tags under *Tag It and Remove the Sync Tag*, then the state with `x`
 * (after the writes it describes). When removing the sync's tags fails after the removal tag was
 * added, the state still records the tag (`x: 1`), so it stays the sync's, and the next run removes
 * the sync's tags.
 */
async function applyMark(
	ctx: EngineContext,
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
		const tagAdd = addWrite(entity, record.id, 'tags', { name: plan.addTag });
		if (dryRun)
			result.plannedRequests?.push({ method: 'POST', path: tagAdd.path, body: tagAdd.body });
		else await executeWrite(client, tagAdd);
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
