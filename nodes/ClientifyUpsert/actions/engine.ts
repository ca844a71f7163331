/**
 * The upsert of one batch: lookup → create or update (minimal diff) → tags and custom fields.
 *
 * Batch rules:
 * - Items are grouped by entity and tax ID. A group's items are applied one after the other in
 *   input order (so two items with the same tax ID never produce two creates, and the later item's
 *   data wins); the second item is diffed against the record as the first left it, without another
 *   lookup. Groups run concurrently, at most `concurrency` at a time.
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
	buildUpdateBody,
	createdFieldNames,
	decideMatch,
	diffRecord,
	groupByTaxId,
	isEmptyPlan,
	phoneKey,
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
import { ENTITY_PATH, Lookup } from './lookup';
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

function toIdList(ids: number[]): string {
	return ids.join(', ');
}

export class UpsertEngine {
	readonly results: Array<UpsertResult | undefined> = [];

	readonly errors: Array<ItemError | undefined> = [];

	readonly lookup: Lookup;

	readonly customFields: CustomFieldRegistry;

	private stopped = false;

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
		const groups = groupByTaxId(records.map((r) => ({ index: r.index, entity: r.desired.entity, taxId: r.desired.taxId })));
		const perEntity = new Map<Entity, number>();
		for (const g of groups) if (!this.options.knownRecords?.[g.entity]) perEntity.set(g.entity, (perEntity.get(g.entity) ?? 0) + 1);
		await this.lookup.prepare(perEntity);

		await runPool(
			groups,
			this.options.concurrency,
			async (group) => await this.processGroup(group, byIndex),
			() => this.stopped || this.client.isCancelled(),
		);
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
		const decision = decideMatch(state.matches, item.onMultipleMatches);
		if (decision.kind === 'ambiguous') {
			const error = this.ambiguity(desired, decision.ids, item.index);
			return { result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, result), error };
		}

		const resolved = await this.customFields.resolve(desired);
		result.customFieldsCreated = resolved.created;
		result.warnings.push(...resolved.warnings);
		result.plannedRequests?.push(...resolved.planned);

		if (decision.kind === 'one') {
			if (decision.ambiguousIds) {
				result.warnings.push({
					code: 'multiple_matches',
					message: `${decision.ambiguousIds.length} Clientify ${LABEL[desired.entity]}s have tax ID ${desired.taxId} (ids ${toIdList(
						[...decision.ambiguousIds].sort((a, b) => a - b),
					)}); updated the oldest, id ${decision.record.id}`,
				});
			}
			return await this.update(item, resolved.desired, decision.record, state, result);
		}
		return await this.create(item, resolved.desired, state, result);
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
		if (desired.entity === 'company' && !desired.scalars.name) {
			return {
				result: {
					...result,
					action: 'skipped',
					reason: 'missing_name',
					message: 'Clientify needs a name to create a company, and the record has none.',
				},
			};
		}
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
				return {
					...outcome2,
					result: { ...outcome2.result, changedFields: outcome2.result.action === 'failed' ? outcome2.result.changedFields : createdFieldNames(desired) },
				};
			}
			await this.client.wait(attempt);
		}
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
		const decision = decideMatch(state.matches, item.onMultipleMatches);
		if (decision.kind === 'ambiguous') {
			const error = this.ambiguity(desired, decision.ids, item.index);
			return { result: this.failedResult(desired.entity, desired.taxId, desired.sourceId, error, result), error };
		}
		if (decision.kind === 'none') throw new NodeOperationError(this.node, 'The record vanished during the sync', { itemIndex: item.index });
		const outcome = await this.update(item, desired, decision.record, state, result);
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
		const plan = diffRecord(existing, desired);
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
		if (write.method === 'PUT') return plan.changedFields.filter((f) => f in plan.scalars || f.startsWith('custom_fields.'));
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

