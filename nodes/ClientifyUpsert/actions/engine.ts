/**
 * The upsert of one batch: lookup → create or update (minimal diff) → tags and custom fields.
 *
 * Batch rules:
 * - Items are grouped by entity and tax ID; each group writes once: the item with the newest
 *   FechaModificacion (equal or missing: the later item) wins, the others are skipped as
 *   `duplicate_tax_id`. Across executions the record's sync state (`<prefix>SyncState`) names the
 *   owning ERP record, which keeps the tax ID against an older one (nodes/shared/clientify/syncState.ts).
 *   Groups run concurrently, at most `concurrency` at a time.
 * - Overlapping runs: after the batch, one listing per entity of the records created since it
 *   started; a record of ours with an older twin is merged into it and deleted
 *   (nodes/shared/clientify/overlap.ts). Twins the sync created are merged at lookup too.
 * - A failing record never stops the others when continue-on-fail is on. Without it, the first
 *   failure stops new records from starting; records already in flight finish their current write
 *   sequence (an HTTP call is never abandoned halfway), then the failure of the lowest item index
 *   is thrown.
 * - A POST that fails with 5xx or no answer is retried only after a lookup shows the record was not
 *   created; 409 (v2 duplicate tax ID) → look up again and update.
 */
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import {
	applyPlan,
	buildCreateBody,
	buildSyncState,
	encodeSyncState,
	hasSyncStateField,
	pickBatchWinner,
	readSyncState,
	storedOwnerWins,
	withSyncStateValue,
	type SyncState,
	buildUpdateBody,
	createdFieldNames,
	decideMatch,
	diffRecord,
	groupByTaxId,
	isEmptyPlan,
	MAX_PAGE_SIZE,
	mergeTargetFor,
	phoneKey,
	listCreatedSince,
	recheckSince,
	recordFromCreate,
	runPool,
	textKey,
	websiteKey,
	type ClientifyAddress,
	type ClientifyRecord,
	type DesiredRecord,
	type Entity,
	type LookupStrategy,
	type RecordGroup,
	type SubResource,
	type UpdatePlan,
} from '../../shared/clientify';
import { ClientifyApiError, isUncertain, summarizeErrorBody, type ClientifyClient } from '../transport';
import { desiredFingerprint, lookupKnown, type FingerprintScope, type KnownRecords } from '../../shared/clientify/fingerprint';
import { CustomFieldRegistry } from './customFields';
import { ENTITY_PATH, Lookup, buildIndex } from './lookup';
import { settle } from './settle';
import type { ItemError, PlannedRequest, PreparedItem, RecordItem, UpsertResult } from './types';

export interface EngineOptions {
	dryRun: boolean;
	concurrency: number;
	lookupStrategy: LookupStrategy;
	createCustomFields: boolean;
	continueOnFail: boolean;
	/** Option "Known Records": a run-wide index instead of lookups (see shared/clientify/fingerprint.ts). */
	knownRecords?: KnownRecords;
	fingerprintScope?: FingerprintScope;
}

interface GroupState {
	lookedUp: boolean;
	matches: ClientifyRecord[];
}

interface ItemOutcome {
	result: UpsertResult;
	error?: ItemError;
	/** After an uncertain write the record's state is unknown: the next item looks it up again. */
	resetState?: boolean;
}

/** One write of an update plan. */
interface Write {
	method: 'PUT' | 'POST';
	path: string;
	body: IDataObject;
	sub?: SubResource;
}

const LABEL: Record<Entity, string> = { contact: 'contact', company: 'company' };

/** A record this execution created, kept for the re-check against overlapping runs. */
interface Creation {
	index: number;
	item: RecordItem;
	desired: DesiredRecord;
	record: ClientifyRecord;
	/** Our milliseconds from the batch's start to the create's answer. */
	elapsedMs: number;
}

type Decision =
	| { kind: 'none' }
	| { kind: 'one'; record: ClientifyRecord; ambiguousIds?: number[]; mergeAway?: ClientifyRecord[] }
	| { kind: 'ambiguous'; ids: number[] };

/** A record that vanished under an update (404): another run merged it away. */
class RecordVanished extends Error {}

function toIdList(ids: number[]): string {
	return ids.join(', ');
}

export class UpsertEngine {
	readonly results: Array<UpsertResult | undefined> = [];

	readonly errors: Array<ItemError | undefined> = [];

	readonly lookup: Lookup;

	readonly customFields: CustomFieldRegistry;

	private stopped = false;

	/** Local time before the batch's first lookup (start of the re-check window). */
	private batchStartedAt = 0;

	private readonly creations: Creation[] = [];

	/** Hispatec codes of every record item of the batch, per entity (duplicate tax IDs). */
	private readonly batchCodes = new Map<Entity, Set<string>>();

	constructor(
		private readonly node: INode,
		private readonly client: ClientifyClient,
		private readonly options: EngineOptions,
	) {
		this.lookup = new Lookup(client, options.lookupStrategy);
		this.customFields = new CustomFieldRegistry(client, { create: options.createCustomFields, dryRun: options.dryRun });
	}

	/** Parameter "Known Records", read once the batch's tax IDs are known (before `run`). */
	useKnownRecords(known: Pick<EngineOptions, 'knownRecords' | 'fingerprintScope'>): void {
		this.options.knownRecords = known.knownRecords;
		this.options.fingerprintScope = known.fingerprintScope;
	}

	/** The failure to throw without continue-on-fail: the one of the lowest item index. */
	firstError(): { index: number; error: ItemError } | undefined {
		for (let i = 0; i < this.errors.length; i++) {
			const error = this.errors[i];
			if (error) return { index: i, error };
		}
		return undefined;
	}

	async run(items: PreparedItem[]): Promise<void> {
		const records: RecordItem[] = [];
		for (const item of items) {
			if (item.kind === 'skip') {
				this.results[item.index] = {
					action: 'skipped',
					recordType: item.recordType,
					taxId: item.taxId,
					clientifyId: null,
					...(item.sourceId ? { sourceId: item.sourceId } : {}),
					changedFields: [],
					customFieldsCreated: [],
					warnings: item.warnings,
					reason: item.reason,
					message: item.message,
				};
			} else if (item.kind === 'fail') {
				this.record(item.index, this.failedResult(item.recordType, null, undefined, item.error), item.error);
			} else {
				records.push(item);
			}
		}
		if (this.stopped || !records.length) return;

		const byIndex = new Map(records.map((r) => [r.index, r]));
		for (const r of records) {
			if (!r.desired.sourceId) continue;
			const codes = this.batchCodes.get(r.desired.entity) ?? new Set<string>();
			codes.add(r.desired.sourceId);
			this.batchCodes.set(r.desired.entity, codes);
		}
		const groups = groupByTaxId(records.map((r) => ({ index: r.index, entity: r.desired.entity, taxId: r.desired.taxId })));
		const losers = this.collapseDuplicates(groups, byIndex);
		const perEntity = new Map<Entity, number>();
		for (const g of groups) if (!this.options.knownRecords?.[g.entity]) perEntity.set(g.entity, (perEntity.get(g.entity) ?? 0) + 1);
		this.batchStartedAt = Date.now();
		await this.lookup.prepare(perEntity);

		await runPool(
			groups,
			this.options.concurrency,
			async (group) => await this.processGroup(group, byIndex),
			() => this.stopped || this.client.isCancelled(),
		);
		if (this.creations.length && !this.client.isCancelled()) await this.recheck();
		for (const [loser, winner] of losers) {
			const result = this.results[loser];
			if (result) result.clientifyId = this.results[winner]?.clientifyId ?? null;
		}
	}

	/**
	 * Duplicate tax IDs within the batch: one write set per entity and tax ID. The winner is the
	 * item with the newest FechaModificacion (equal or missing: the later item); the others leave
	 * as skipped (`duplicate_tax_id`) naming the winner's Hispatec code. Each group keeps only its
	 * winner. Returns loser → winner item indexes (the losers get the winner's Clientify id).
	 */
	private collapseDuplicates(groups: RecordGroup[], byIndex: Map<number, RecordItem>): Map<number, number> {
		const losers = new Map<number, number>();
		for (const group of groups) {
			if (group.indexes.length < 2) continue;
			const items = group.indexes.map((i) => byIndex.get(i) as RecordItem);
			const winner = pickBatchWinner(items.map((it) => ({ index: it.index, modifiedAt: it.desired.modifiedAt, item: it }))).item;
			for (const item of items) {
				if (item === winner) continue;
				losers.set(item.index, winner.index);
				this.results[item.index] = this.duplicateSkip(item, winner.desired.sourceId, null, 'batch');
			}
			group.indexes = [winner.index];
		}
		return losers;
	}

	private duplicateSkip(item: RecordItem, winnerCode: string | undefined, clientifyId: number | null, where: 'batch' | 'stored'): UpsertResult {
		const { desired } = item;
		const who = winnerCode ? `Hispatec record ${winnerCode}` : 'another item';
		const message =
			where === 'batch'
				? `Tax ID ${desired.taxId} also belongs to ${who} in this batch, which wins (newer FechaModificacion, or the later item when the dates are equal or missing); only that one is synced.`
				: `The Clientify ${LABEL[desired.entity]} with tax ID ${desired.taxId} (id ${clientifyId}) belongs to ${who}, which wins (newer FechaModificacion, or the higher code when the dates are equal or missing); this record was not written.`;
		return {
			action: 'skipped',
			recordType: desired.entity,
			taxId: desired.taxId,
			clientifyId,
			...(desired.sourceId ? { sourceId: desired.sourceId } : {}),
			changedFields: [],
			customFieldsCreated: [],
			warnings: [...desired.warnings],
			reason: 'duplicate_tax_id',
			message,
			...(winnerCode ? { winnerSourceId: winnerCode } : {}),
		};
	}

	/** Whether the ERP record stored as the Clientify record's owner keeps it against this item. */
	private ownedByOther(item: RecordItem, stored: SyncState | undefined): string | undefined {
		const code = item.desired.sourceId;
		if (!code || !stored?.c || stored.c === code) return undefined;
		// The stored owner is in this batch under another tax ID (its tax ID changed): stale.
		if (this.batchCodes.get(item.desired.entity)?.has(stored.c)) return undefined;
		return storedOwnerWins({ code, modifiedAt: item.desired.modifiedAt }, { c: stored.c, m: stored.m }) ? stored.c : undefined;
	}

	/** The record with its sync state set (when the state field's definition exists). */
	private withState(item: RecordItem, desired: DesiredRecord, createdBySync: boolean, previous?: SyncState): DesiredRecord {
		const name = hasSyncStateField(desired, item.stateField);
		if (!name) return desired;
		return withSyncStateValue(desired, name, encodeSyncState(buildSyncState(desired, createdBySync, previous)));
	}

	// ---- Overlapping runs: the re-check after creating (nodes/shared/clientify/overlap.ts) --------

	/**
	 * One listing per entity of the records created since the batch started; every record this
	 * execution created that has an older twin (same tax ID) is merged into it and deleted.
	 */
	private async recheck(): Promise<void> {
		for (const entity of ['contact', 'company'] as const) {
			const mine = this.creations.filter((c) => c.desired.entity === entity);
			if (!mine.length) continue;
			const since = recheckSince(
				mine.map((c) => ({ createdStamp: c.record.created, elapsedMs: c.elapsedMs })),
				this.batchStartedAt,
			);
			const listed = await settle(
				listCreatedSince(since, MAX_PAGE_SIZE, async (qs, next) =>
					next ? await this.client.listPage<ClientifyRecord>(next) : await this.client.listPage<ClientifyRecord>(ENTITY_PATH[entity], qs as IDataObject),
				),
			);
			if (!listed.ok) {
				const reason = listed.error instanceof Error ? listed.error.message : String(listed.error);
				for (const c of mine) {
					this.results[c.index]?.warnings.push({
						code: 'recheck_failed',
						message: `The check for a record created at the same time by another run failed (${reason}); the next run merges any duplicate`,
					});
				}
				continue;
			}
			const index = buildIndex(listed.value);
			await runPool(
				mine,
				this.options.concurrency,
				async (c) => {
					const target = mergeTargetFor(c.record, index.get(c.desired.taxId) ?? []);
					if (target) await this.mergeCreation(c, target);
				},
				() => this.client.isCancelled(),
			);
		}
	}

	/** Our newer record → the older twin: update the older with our values, then delete ours. */
	private async mergeCreation(c: Creation, target: ClientifyRecord): Promise<void> {
		const previous = this.results[c.index] as UpsertResult;
		const entity = c.desired.entity;
		const stored = readSyncState(target, c.item.stateField);
		const owner = this.ownedByOther(c.item, stored);
		const outcome = await settle(
			(async () => {
				const desired = this.withState(c.item, c.desired, stored?.n === 1, stored);
				const plan = owner ? undefined : diffRecord(target, desired, { makePrimary: c.item.makePrimary, previous: stored });
				if (plan && !isEmptyPlan(plan)) for (const write of this.planWrites(entity, target.id, plan)) await this.executeWrite(write);
				await this.deleteRecord(entity, c.record.id);
				return plan;
			})(),
		);
		if (!outcome.ok) {
			const base = this.asItemError(outcome.error, c.index);
			const error = new NodeOperationError(
				this.node,
				`Another run created ${LABEL[entity]} ${c.desired.taxId} at the same time (id ${target.id}); merging this run's record (id ${c.record.id}) into it failed: ${base.message}`,
				{ itemIndex: c.index, description: 'The next run merges the duplicate.' },
			);
			this.record(c.index, this.failedResult(entity, c.desired.taxId, c.desired.sourceId, error, previous), error);
			return;
		}
		const plan = outcome.value;
		if (!plan) {
			const skipped = this.duplicateSkip(c.item, owner, target.id, 'stored');
			skipped.warnings.push(...previous.warnings.filter((w) => !c.desired.warnings.includes(w)));
			this.results[c.index] = skipped;
			return;
		}
		this.results[c.index] = {
			...previous,
			action: isEmptyPlan(plan) ? 'unchanged' : 'updated',
			clientifyId: target.id,
			changedFields: plan.changedFields,
			warnings: [
				...previous.warnings,
				{
					code: 'merged_duplicate',
					message: `Another run created ${LABEL[entity]} ${c.desired.taxId} at the same time (id ${target.id}); this run's record (id ${c.record.id}) was merged into it and deleted`,
				},
			],
		};
	}

	/**
	 * `DELETE /contacts/{id}/` (confirmed endpoint). Retried like a PUT; 404 means already gone
	 * (a lost answer, or another run merged it).
	 */
	private async deleteRecord(entity: Entity, id: number): Promise<void> {
		const outcome = await settle(this.client.request('DELETE', `${ENTITY_PATH[entity]}${id}/`, { retry: 'all' }));
		if (!outcome.ok && !(outcome.error instanceof ClientifyApiError && outcome.error.status === 404)) throw outcome.error;
	}

	private record(index: number, result: UpsertResult, error?: ItemError): void {
		this.results[index] = result;
		if (error) {
			this.errors[index] = error;
			if (!this.options.continueOnFail) this.stopped = true;
		}
	}

	private async processGroup(group: RecordGroup, byIndex: Map<number, RecordItem>): Promise<void> {
		let state: GroupState = { lookedUp: false, matches: [] };
		for (const index of group.indexes) {
			if (this.stopped || this.client.isCancelled()) return;
			const item = byIndex.get(index) as RecordItem;
			const progress = this.startResult(item);
			const outcome = await settle(this.processItem(item, state, progress));
			if (outcome.ok) {
				this.record(index, outcome.value.result, outcome.value.error);
				if (outcome.value.resetState) state = { lookedUp: false, matches: [] };
			} else {
				// Keeps what was already known (custom fields created, warnings) on the failed item.
				const error = this.asItemError(outcome.error, index);
				this.record(index, this.failedResult(item.desired.entity, item.desired.taxId, item.desired.sourceId, error, progress), error);
				if (outcome.error instanceof ClientifyApiError) state = { lookedUp: false, matches: [] };
			}
		}
	}

	private asItemError(error: unknown, index: number): ItemError {
		if (error instanceof ClientifyApiError) return error.forItem(this.node, index);
		if (error instanceof NodeOperationError) {
			return new NodeOperationError(this.node, error.message, { itemIndex: index, description: error.description ?? undefined });
		}
		return new NodeOperationError(this.node, error instanceof Error ? error : String(error), { itemIndex: index });
	}

	private failedResult(recordType: Entity | null, taxId: string | null, sourceId: string | undefined, error: ItemError, partial?: UpsertResult): UpsertResult {
		const result: UpsertResult = {
			action: 'failed',
			recordType,
			taxId,
			clientifyId: partial?.clientifyId ?? null,
			...(sourceId ? { sourceId } : {}),
			changedFields: partial?.changedFields ?? [],
			customFieldsCreated: partial?.customFieldsCreated ?? [],
			warnings: partial?.warnings ?? [],
			error: error.message,
		};
		const httpCode = (error as { httpCode?: string | null }).httpCode;
		if (httpCode) result.httpCode = httpCode;
		return result;
	}

	private ambiguity(desired: DesiredRecord, ids: number[], itemIndex: number): NodeOperationError {
		return new NodeOperationError(
			this.node,
			`${ids.length} Clientify ${LABEL[desired.entity]}s have tax ID ${desired.taxId} (ids ${toIdList(ids)})`,
			{
				itemIndex,
				description:
					'The record was not written. Merge the duplicates in Clientify, or set the option "On Multiple Matches" to "Update the Oldest".',
			},
		);
	}

	private startResult(item: RecordItem): UpsertResult {
		const { desired } = item;
		const result: UpsertResult = {
			action: 'unchanged',
			recordType: desired.entity,
			taxId: desired.taxId,
			clientifyId: null,
			...(desired.sourceId ? { sourceId: desired.sourceId } : {}),
			changedFields: [],
			customFieldsCreated: [],
			warnings: [...desired.warnings],
		};
		if (this.options.dryRun) {
			result.dryRun = true;
			result.plannedRequests = [];
		}
		return result;
	}

	private async processItem(item: RecordItem, state: GroupState, result: UpsertResult): Promise<ItemOutcome> {
		const { desired } = item;
		if (!state.lookedUp && this.options.knownRecords?.[desired.entity]) {
			const known = await this.fromKnownRecords(item, state, result);
			if (known) return known;
		}
		if (!state.lookedUp) {
			state.matches = await this.lookup.find(desired.entity, desired.taxId);
			state.lookedUp = true;
		}
		const decision = this.decide(item, state.matches);
		if (decision.kind === 'ambiguous') {
			const error = this.ambiguity(desired, decision.ids, item.index);
			return { result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, result), error };
		}

		if (decision.kind === 'none' && desired.entity === 'company' && !desired.scalars.name) return this.missingName(result);

		// The state field is resolved (and created) like any custom field; its value is set per write.
		const resolved = await this.customFields.resolve(withSyncStateValue(desired, item.stateField, '{}'));
		result.customFieldsCreated = resolved.created;
		const stateKey = item.stateField.trim().toLowerCase();
		for (const warning of resolved.warnings) {
			if (warning.field?.trim().toLowerCase() !== stateKey) {
				result.warnings.push(warning);
				continue;
			}
			result.warnings.push({
				code: 'sync_state_unavailable',
				field: item.stateField,
				message: `The custom field "${item.stateField}", where the sync keeps its state with the record, is not available (${warning.code === 'custom_field_missing' ? '"Create Custom Fields" is off' : 'it could not be created'}): duplicate tax IDs in other batches and e-mails, phones or addresses this sync wrote earlier are not recognised`,
			});
		}
		result.plannedRequests?.push(...resolved.planned);

		const outcome = await settle(this.applyDecision(item, resolved.desired, decision, state, result));
		if (outcome.ok) return outcome.value;
		if (!(outcome.error instanceof RecordVanished)) throw outcome.error;
		// Another run merged the record away under our update: find where it went, once.
		state.matches = await this.lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		const again = this.decide(item, state.matches);
		if (again.kind === 'ambiguous') {
			const error = this.ambiguity(desired, again.ids, item.index);
			return { result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, result), error };
		}
		return await this.applyDecision(item, resolved.desired, again, state, result);
	}

	/**
	 * No match → create; one → update; several: when every one but the oldest (lowest id) was
	 * created by this sync (its state says so: duplicates left by an overlapping run that died
	 * before its re-check), they are merged into the oldest; otherwise "On Multiple Matches" decides.
	 */
	private decide(item: RecordItem, matches: ClientifyRecord[]): Decision {
		if (matches.length > 1) {
			const sorted = [...matches].sort((a, b) => a.id - b.id);
			const rest = sorted.slice(1);
			if (rest.every((r) => readSyncState(r, item.stateField)?.n === 1)) return { kind: 'one', record: sorted[0], mergeAway: rest };
		}
		return decideMatch(matches, item.onMultipleMatches);
	}

	private async applyDecision(item: RecordItem, desired: DesiredRecord, decision: Exclude<Decision, { kind: 'ambiguous' }>, state: GroupState, result: UpsertResult): Promise<ItemOutcome> {
		if (decision.kind === 'one' && decision.mergeAway?.length) {
			const outcome = await this.update(item, desired, decision.record, state, result);
			if (outcome.result.action === 'failed' || outcome.result.action === 'skipped') return outcome;
			const ids = decision.mergeAway.map((r) => r.id);
			for (const id of ids) {
				if (this.options.dryRun) outcome.result.plannedRequests?.push({ method: 'DELETE', path: `${ENTITY_PATH[desired.entity]}${id}/`, body: {} });
				else await this.deleteRecord(desired.entity, id);
			}
			state.matches = state.matches.filter((m) => !ids.includes(m.id));
			outcome.result.warnings.push({
				code: 'merged_duplicate',
				message: `${ids.length + 1} Clientify ${LABEL[desired.entity]}s had tax ID ${desired.taxId}; the ones this sync had created (ids ${toIdList(ids)}) were merged into the oldest (id ${decision.record.id}) and deleted`,
			});
			return outcome;
		}
		if (decision.kind === 'one') {
			if (decision.ambiguousIds) {
				result.warnings.push({
					code: 'multiple_matches',
					message: `${decision.ambiguousIds.length} Clientify ${LABEL[desired.entity]}s have tax ID ${desired.taxId} (ids ${toIdList(
						[...decision.ambiguousIds].sort((a, b) => a - b),
					)}); updated the oldest, id ${decision.record.id}`,
				});
			}
			return await this.update(item, desired, decision.record, state, result);
		}
		return await this.create(item, desired, state, result);
	}

	/**
	 * Option "Known Records": absent → no record (create without a lookup); same fingerprint →
	 * unchanged without any call; otherwise a live lookup. Returns the outcome when it is decided here.
	 */
	private async fromKnownRecords(item: RecordItem, state: GroupState, result: UpsertResult): Promise<ItemOutcome | undefined> {
		const { desired } = item;
		const known = lookupKnown(this.options.knownRecords?.[desired.entity] ?? new Map<string, string>(), desired.taxId);
		if (known.kind === 'absent') {
			state.matches = [];
			state.lookedUp = true;
			return undefined;
		}
		if (known.kind === 'one' && this.options.fingerprintScope) {
			const resolved = await this.customFields.resolve(desired);
			if (desiredFingerprint(resolved.desired, this.options.fingerprintScope) === known.fingerprint) {
				// state stays "not looked up": a later item of this tax ID looks it up live.
				return {
					result: {
						...result,
						action: 'unchanged',
						clientifyId: known.id,
						customFieldsCreated: resolved.created,
						warnings: [...result.warnings, ...resolved.warnings],
					},
				};
			}
		}
		state.matches = await this.lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		return undefined;
	}

	// ---- Create ---------------------------------------------------------------------------------

	private async create(item: RecordItem, desired: DesiredRecord, state: GroupState, result: UpsertResult): Promise<ItemOutcome> {
		if (desired.entity === 'company' && !desired.scalars.name) return this.missingName(result);
		desired = this.withState(item, desired, true);
		const body = buildCreateBody(desired) as IDataObject;
		const path = ENTITY_PATH[desired.entity];
		if (this.options.dryRun) {
			result.plannedRequests?.push({ method: 'POST', path, body });
			state.matches = [recordFromCreate(body, { id: 0 })];
			return { result: { ...result, action: 'created', changedFields: createdFieldNames(desired) } };
		}

		const timing = this.client.config.timing;
		for (let attempt = 0; ; attempt++) {
			const outcome = await settle(this.client.request('POST', path, { body, qs: this.createQuery(desired.entity), retry: 'rejectedOnly' }));
			if (outcome.ok) {
				const record = recordFromCreate(body, outcome.value);
				state.matches = [record];
				this.noteCreation(item, desired, record);
				return {
					result: {
						...result,
						action: 'created',
						clientifyId: typeof record.id === 'number' ? record.id : null,
						changedFields: createdFieldNames(desired),
					},
				};
			}
			const error = outcome.error;
			if (error instanceof ClientifyApiError && error.status === 409) {
				const matches = await this.lookup.search(desired.entity, desired.taxId);
				if (!matches.length) throw error;
				state.matches = matches;
				result.warnings.push({
					code: 'create_conflict',
					message: `Clientify refused the create (409: ${summarizeErrorBody(error.clientify.body)}); the existing record was updated instead`,
				});
				return await this.updateFound(item, desired, state, result, 'updated');
			}
			if (!isUncertain(error) || attempt >= timing.maxRetries) throw error;
			// 5xx or no answer: was the record created? Look before sending the POST again.
			const matches = await this.lookup.search(desired.entity, desired.taxId);
			if (matches.length) {
				state.matches = matches;
				result.warnings.push({
					code: 'create_confirmed_by_lookup',
					message: `The answer to the create was lost (${error.message}); a lookup found the record, so the create was not sent again`,
				});
				const outcome2 = await this.updateFound(item, desired, state, result, 'created');
				const found = state.matches.find((m) => m.id === outcome2.result.clientifyId);
				if (found && outcome2.result.action !== 'failed') this.noteCreation(item, desired, found);
				return {
					...outcome2,
					result: { ...outcome2.result, changedFields: outcome2.result.action === 'failed' ? outcome2.result.changedFields : createdFieldNames(desired) },
				};
			}
			await this.client.wait(attempt);
		}
	}

	private missingName(result: UpsertResult): ItemOutcome {
		return {
			result: { ...result, action: 'skipped', reason: 'missing_name', message: 'Clientify needs a name to create a company, and the record has none.' },
		};
	}

	private noteCreation(item: RecordItem, desired: DesiredRecord, record: ClientifyRecord): void {
		if (typeof record.id !== 'number' || !record.id) return;
		this.creations.push({ index: item.index, item, desired, record, elapsedMs: Date.now() - this.batchStartedAt });
	}

	/**
	 * ASSUMED (README "Assumed Clientify behaviour"): v1's `force_insert=true` (seen in a
	 * third-party client) stops v1 from merging a new contact into another one by e-mail.
	 */
	private createQuery(entity: Entity): IDataObject | undefined {
		return this.client.generation === 'v1' && entity === 'contact' ? { force_insert: 'true' } : undefined;
	}

	private async updateFound(
		item: RecordItem,
		desired: DesiredRecord,
		state: GroupState,
		result: UpsertResult,
		action: 'created' | 'updated',
	): Promise<ItemOutcome> {
		const decision = this.decide(item, state.matches);
		if (decision.kind === 'ambiguous') {
			const error = this.ambiguity(desired, decision.ids, item.index);
			return { result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, result), error };
		}
		if (decision.kind === 'none') throw new NodeOperationError(this.node, 'The record vanished during the sync', { itemIndex: item.index });
		const outcome = await this.applyDecision(item, desired, decision, state, result);
		// Our lost create made the record: it stays "created" whatever the diff finds.
		if (action === 'created' && (outcome.result.action === 'unchanged' || outcome.result.action === 'updated')) {
			return { ...outcome, result: { ...outcome.result, action } };
		}
		return outcome;
	}

	// ---- Update ---------------------------------------------------------------------------------

	private async update(
		item: RecordItem,
		desired: DesiredRecord,
		existing: ClientifyRecord,
		state: GroupState,
		result: UpsertResult,
	): Promise<ItemOutcome> {
		result.clientifyId = existing.id || null;
		const stored = readSyncState(existing, item.stateField);
		const owner = this.ownedByOther(item, stored);
		if (owner) {
			const skipped = this.duplicateSkip(item, owner, existing.id || null, 'stored');
			return { result: { ...skipped, customFieldsCreated: result.customFieldsCreated, warnings: result.warnings, ...(result.dryRun ? { dryRun: true, plannedRequests: result.plannedRequests } : {}) } };
		}
		const plan = diffRecord(existing, this.withState(item, desired, stored?.n === 1, stored), { makePrimary: item.makePrimary, previous: stored });
		if (isEmptyPlan(plan)) return { result: { ...result, action: 'unchanged' } };
		const writes = this.planWrites(desired.entity, existing.id, plan);
		const replaceMatch = (record: ClientifyRecord) => {
			state.matches = state.matches.map((m) => (m === existing ? record : m));
		};
		if (this.options.dryRun) {
			result.plannedRequests?.push(...writes.map((w): PlannedRequest => ({ method: w.method, path: w.path, body: w.body })));
			replaceMatch(applyPlan(existing, plan));
			return { result: { ...result, action: 'updated', changedFields: plan.changedFields } };
		}
		const applied: string[] = [];
		for (const write of writes) {
			const outcome = await settle(this.executeWrite(write));
			if (!outcome.ok) {
				if (!applied.length && isRecordGone(outcome.error)) throw new RecordVanished(write.path);
				const error = this.asItemError(outcome.error, item.index);
				return {
					result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, { ...result, changedFields: applied }),
					error,
					resetState: true,
				};
			}
			applied.push(...this.fieldsOf(write, plan));
		}
		replaceMatch(applyPlan(existing, plan));
		return { result: { ...result, action: 'updated', changedFields: plan.changedFields } };
	}

	private planWrites(entity: Entity, id: number, plan: UpdatePlan): Write[] {
		const base = `${ENTITY_PATH[entity]}${id}/`;
		const writes: Write[] = [];
		const body = buildUpdateBody(plan);
		if (body) writes.push({ method: 'PUT', path: base, body: body as IDataObject });
		for (const email of plan.addEmails) writes.push({ method: 'POST', path: `${base}emails/`, body: { ...email }, sub: 'emails' });
		for (const phone of plan.addPhones) writes.push({ method: 'POST', path: `${base}phones/`, body: { ...phone }, sub: 'phones' });
		for (const address of plan.addAddresses) {
			// All six keys: v2's add-address call requires them.
			const full: IDataObject = { street: '', city: '', state: '', country: '', postal_code: '', ...address };
			writes.push({ method: 'POST', path: `${base}addresses/`, body: full, sub: 'addresses' });
		}
		for (const website of plan.addWebsites) writes.push({ method: 'POST', path: `${base}websites/`, body: { ...website }, sub: 'websites' });
		for (const tag of plan.addTags) writes.push({ method: 'POST', path: `${base}tags/`, body: { name: tag }, sub: 'tags' });
		return writes;
	}

	private fieldsOf(write: Write, plan: UpdatePlan): string[] {
		if (write.method === 'PUT') {
			const lists = [plan.replaceEmails && 'emails', plan.replacePhones && 'phones', plan.replaceAddresses && 'addresses'];
			return plan.changedFields.filter((f) => f in plan.scalars || f.startsWith('custom_fields.') || lists.includes(f));
		}
		return write.sub ? [write.sub] : [];
	}

	/** PUT and tag POSTs are idempotent; other POSTs are re-sent only when a GET shows them missing. */
	private async executeWrite(write: Write): Promise<void> {
		if (write.method === 'PUT' || write.sub === 'tags') {
			await this.client.request(write.method, write.path, { body: write.body, retry: 'all' });
			return;
		}
		const timing = this.client.config.timing;
		for (let attempt = 0; ; attempt++) {
			const outcome = await settle(this.client.request('POST', write.path, { body: write.body, retry: 'rejectedOnly' }));
			if (outcome.ok) return;
			if (!isUncertain(outcome.error) || attempt >= timing.maxRetries) throw outcome.error;
			const current = await this.client.listAll<Record<string, unknown>>(write.path);
			if (current.results.some((existing) => sameSubItem(write.sub as SubResource, existing, write.body))) return;
			await this.client.wait(attempt);
		}
	}
}

/** A JSON 404 ("Not found.") on a write to a record: the record no longer exists. */
function isRecordGone(error: unknown): boolean {
	return error instanceof ClientifyApiError && error.status === 404 && typeof error.clientify.body === 'object' && error.clientify.body !== null;
}

/** Whether a sub-resource item already holds what a POST was adding. */
export function sameSubItem(sub: SubResource, existing: Record<string, unknown>, added: IDataObject): boolean {
	switch (sub) {
		case 'emails':
			return String(existing.email ?? '').toLowerCase() === String(added.email ?? '').toLowerCase();
		case 'phones':
			return phoneKey(String(existing.phone ?? '')) === phoneKey(String(added.phone ?? ''));
		case 'websites':
			return websiteKey(existing.website) === websiteKey(added.website);
		case 'addresses': {
			const a = existing as unknown as ClientifyAddress;
			const b = added as unknown as ClientifyAddress;
			return (['street', 'postal_code', 'city'] as const).every((k) => textKey(a[k]) === textKey(b[k]));
		}
		case 'tags':
			return String(existing.name ?? '').toLowerCase() === String(added.name ?? '').toLowerCase();
	}
	return false;
}

