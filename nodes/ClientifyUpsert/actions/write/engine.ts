/**
 * The upsert of one batch: lookup → decide (decide.ts) → create (create.ts) or update with a
 * minimal diff (update.ts, writes.ts) → tags and custom fields; then the re-check (recheck.ts).
 *
 * Batch rules:
 * - Items are grouped by entity and tax ID; each group writes once: the item with the newest
 *   FechaModificacion (equal or missing: the later item) wins, the others are skipped as
 *   `duplicate_tax_id`. Across executions the record's sync state (`<prefix>SyncState`) names the
 *   owning ERP record, which keeps the tax ID against an older one (ownership.ts,
 *   nodes/shared/clientify/syncState.ts). Groups run concurrently, at most `concurrency` at a time.
 * - Overlapping runs: after the batch, one listing per entity of the records created since it
 *   started; a record of ours with an older twin is merged into it and deleted
 *   (nodes/shared/clientify/overlap.ts). Twins the sync created are merged at lookup too.
 * - A failing record never stops the others when continue-on-fail is on. Without it, the first
 *   failure stops new records from starting; records already in flight finish their current write
 *   sequence (an HTTP call is never abandoned halfway), then the failure of the lowest item index
 *   is thrown (by execute.ts, from `firstError` of the outcome).
 * - A POST that fails with 5xx or no answer is retried only after a lookup shows the record was not
 *   created (guardedPost.ts); 409 (v2 duplicate tax ID) → look up again and update.
 * - Records that left the ERP (option *When a Record Leaves the ERP*: `RemovedRecord` items, inactive
 *   records) are marked first (removals.ts), never synced; a marked record that comes back is
 *   unmarked by its update (update.ts).
 */
import type { INode } from 'n8n-workflow';
import { groupByTaxId, type RecordGroup } from '../../../shared/clientify/plan/match';
import { runPool } from '../../../shared/clientify/client/timing';
import { withSyncStateValue } from '../../../shared/clientify/syncState';
import { type Entity } from '../../../shared/clientify/types';
import { desiredFingerprint, lookupKnown } from '../../../shared/clientify/plan/fingerprint';
import { planLink } from '../../../shared/clientify/plan/links';
import { ClientifyApiError } from '../../../Clientify/transport';
import { type ClientifyClient } from '../../../shared/clientify/client/client';
import type {
	EngineContext,
	EngineOptions,
	EngineOutcome,
	GroupState,
	ItemOutcome,
	ResultBook,
} from './context';
import { CustomFieldRegistry } from './customFields';
import { ambiguousOutcome, applyDecision, decide } from './decide';
import { asItemError } from './itemError';
import { applyLink, CompanyFinder } from './links';
import { Lookup } from './lookup';
import { collapseDuplicates, noteBatchCodes } from './ownership';
import { recheck } from './recheck';
import {
	failedRecordResult,
	failedResult,
	missingNameResult,
	preparedSkipResult,
	startResult,
} from './results';
import { settle } from '../../../shared/settle';
import { markRemovals } from './removals';
import type { ItemError, PreparedItem, RecordItem, RemovalItem, UpsertResult } from './types';
import { RecordVanished } from './update';

export type { EngineOptions, EngineOutcome } from './context';

/** The failure to throw without continue-on-fail: the one of the lowest item index. */
export function firstError(
	outcome: EngineOutcome,
): { index: number; error: ItemError } | undefined {
	for (let i = 0; i < outcome.errors.length; i++) {
		const error = outcome.errors[i];
		if (error) return { index: i, error };
	}
	return undefined;
}

export class UpsertEngine {
	private readonly outcome: EngineOutcome = { results: [], errors: [] };

	private readonly ctx: EngineContext;

	private readonly book: ResultBook;

	private stopped = false;

	constructor(node: INode, client: ClientifyClient, options: EngineOptions) {
		const ctx: Omit<EngineContext, 'companies'> = {
			node,
			client,
			options,
			lookup: new Lookup(client, options.lookupStrategy),
			customFields: new CustomFieldRegistry(client, {
				create: options.createCustomFields,
				dryRun: options.dryRun,
			}),
			batch: { startedAt: 0, creations: [], codes: new Map() },
		};
		this.ctx = ctx as EngineContext;
		this.ctx.companies = new CompanyFinder(this.ctx);
		this.book = {
			results: this.outcome.results,
			record: (index, result, error) => this.record(index, result, error),
		};
	}

	/** Parameter "Known Records", read once the batch's tax IDs are known (before `run`). */
	useKnownRecords(known: Pick<EngineOptions, 'knownRecords' | 'fingerprintScope'>): void {
		this.ctx.options.knownRecords = known.knownRecords;
		this.ctx.options.fingerprintScope = known.fingerprintScope;
	}

	/** Runs the batch; the outcome has one result per item index (none for items never started). */
	async run(items: PreparedItem[]): Promise<EngineOutcome> {
		const { client, options, batch } = this.ctx;
		const records: RecordItem[] = [];
		const removals: RemovalItem[] = [];
		for (const item of items) {
			if (item.kind === 'skip') this.outcome.results[item.index] = preparedSkipResult(item);
			else if (item.kind === 'removal') removals.push(item);
			else if (item.kind === 'fail')
				this.record(
					item.index,
					failedResult(item.recordType, null, undefined, item.error),
					item.error,
				);
			else records.push(item);
		}
		// Records that left the ERP first: one that also comes back in this batch ends unmarked.
		if (removals.length && !this.stopped)
			await markRemovals(this.ctx, removals, this.book, () => this.stopped);
		if (this.stopped || !records.length) return this.outcome;

		const byIndex = new Map(records.map((r) => [r.index, r]));
		noteBatchCodes(batch, records);
		const groups = groupByTaxId(
			records.map((r) => ({ index: r.index, entity: r.desired.entity, taxId: r.desired.taxId })),
		);
		const losers = collapseDuplicates(groups, byIndex, this.outcome.results);
		const perEntity = new Map<Entity, number>();
		for (const g of groups)
			if (!options.knownRecords?.[g.entity])
				perEntity.set(g.entity, (perEntity.get(g.entity) ?? 0) + 1);
		// Links: the companies contacts name are looked up like the batch's own (index or search).
		const refs = new Set(
			records.flatMap((r) => (r.companyRef ? [JSON.stringify(r.companyRef)] : [])),
		);
		// With Known Records, only the CIFs it lacks (an index built before the run wrote its companies):
		// Auto then lists the companies once when that is cheaper than a search per company.
		const knownCompanies = options.knownRecords?.company;
		const unknownRefs = knownCompanies
			? new Set(
					records.flatMap((r) => {
						const taxId = r.companyRef?.taxId;
						return taxId && lookupKnown(knownCompanies, taxId).kind === 'absent' ? [taxId] : [];
					}),
				).size
			: refs.size;
		if (unknownRefs) perEntity.set('company', (perEntity.get('company') ?? 0) + unknownRefs);
		batch.startedAt = Date.now();
		await this.ctx.lookup.prepare(perEntity);

		// With links, the batch's companies are written before its contacts link to them.
		const phases = refs.size
			? [groups.filter((g) => g.entity === 'company'), groups.filter((g) => g.entity !== 'company')]
			: [groups];
		for (const phase of phases)
			await runPool(
				phase,
				options.concurrency,
				async (group) => await this.processGroup(group, byIndex),
				() => this.stopped || client.isCancelled(),
			);
		if (batch.creations.length && !client.isCancelled()) await recheck(this.ctx, this.book);
		for (const [loser, winner] of losers) {
			const result = this.outcome.results[loser];
			if (result) result.clientifyId = this.outcome.results[winner]?.clientifyId ?? null;
		}
		return this.outcome;
	}

	private record(index: number, result: UpsertResult, error?: ItemError): void {
		this.outcome.results[index] = result;
		if (result.recordType === 'company' && result.clientifyId && result.taxId)
			if (['created', 'updated', 'unchanged'].includes(result.action))
				this.ctx.companies.note(result.taxId, result.sourceId, { id: result.clientifyId });
		if (error) {
			this.outcome.errors[index] = error;
			if (!this.ctx.options.continueOnFail) this.stopped = true;
		}
	}

	private async processGroup(group: RecordGroup, byIndex: Map<number, RecordItem>): Promise<void> {
		let state: GroupState = { lookedUp: false, matches: [] };
		for (const index of group.indexes) {
			if (this.stopped || this.ctx.client.isCancelled()) return;
			let item = byIndex.get(index) as RecordItem;
			if (item.companyRef)
				item = {
					...item,
					link: await this.ctx.companies.resolve(item.companyRef, item.stateField),
				};
			const progress = startResult(item.desired, this.ctx.options.dryRun);
			const outcome = await settle(this.processItem(item, state, progress));
			if (outcome.ok) {
				this.record(index, outcome.value.result, outcome.value.error);
				if (outcome.value.resetState) state = { lookedUp: false, matches: [] };
			} else {
				// Keeps what was already known (custom fields created, warnings) on the failed item.
				const error = asItemError(this.ctx.node, outcome.error, index);
				this.record(index, failedRecordResult(item.desired, error, progress), error);
				if (outcome.error instanceof ClientifyApiError) state = { lookedUp: false, matches: [] };
			}
		}
	}

	private async processItem(
		item: RecordItem,
		state: GroupState,
		result: UpsertResult,
	): Promise<ItemOutcome> {
		const { desired } = item;
		const { lookup, customFields, options } = this.ctx;
		if (!state.lookedUp && options.knownRecords?.[desired.entity]) {
			const known = await this.fromKnownRecords(item, state, result);
			if (known) return known;
		}
		if (!state.lookedUp) {
			state.matches = await lookup.find(desired.entity, desired.taxId);
			state.lookedUp = true;
		}
		const decision = decide(item, state.matches);
		if (decision.kind === 'ambiguous')
			return ambiguousOutcome(this.ctx, item, desired, decision.ids, result);

		if (decision.kind === 'none' && desired.entity === 'company' && !desired.scalars.name)
			return { result: missingNameResult(result) };

		// The state field is resolved (and created) like any custom field; its value is set per write.
		const resolved = await customFields.resolve(withSyncStateValue(desired, item.stateField, '{}'));
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

		const outcome = await settle(
			applyDecision(this.ctx, item, resolved.desired, decision, state, result),
		);
		if (outcome.ok) return outcome.value;
		if (!(outcome.error instanceof RecordVanished)) throw outcome.error;
		// Another run merged the record away under our update: find where it went, once.
		state.matches = await lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		const again = decide(item, state.matches);
		if (again.kind === 'ambiguous')
			return ambiguousOutcome(this.ctx, item, desired, again.ids, result);
		return await applyDecision(this.ctx, item, resolved.desired, again, state, result);
	}

	/**
	 * Option "Known Records": absent → no record (create without a lookup); same fingerprint →
	 * unchanged without any call; otherwise a live lookup. Returns the outcome when it is decided here.
	 */
	private async fromKnownRecords(
		item: RecordItem,
		state: GroupState,
		result: UpsertResult,
	): Promise<ItemOutcome | undefined> {
		const { desired } = item;
		const { options } = this.ctx;
		const known = lookupKnown(
			options.knownRecords?.[desired.entity] ?? new Map<string, string>(),
			desired.taxId,
		);
		if (known.kind === 'absent') {
			state.matches = [];
			state.lookedUp = true;
			return undefined;
		}
		if (known.kind === 'one' && options.fingerprintScope) {
			const resolved = await this.ctx.customFields.resolve(desired);
			// Links: the entry must show the contact already linked as the ERP says (plan/links.ts).
			const link = item.link;
			const linkPlan =
				link?.kind === 'found' && known.link
					? planLink({
							current: known.link,
							k: known.k,
							target: link,
							names: this.ctx.companies.names,
						})
					: undefined;
			const linkSettled = link?.kind !== 'found' || linkPlan?.action === 'unchanged';
			if (
				linkSettled &&
				desiredFingerprint(resolved.desired, options.fingerprintScope) === known.fingerprint
			) {
				// state stays "not looked up": a later item of this tax ID looks it up live.
				const unchanged: UpsertResult = {
					...result,
					action: 'unchanged',
					clientifyId: known.id,
					customFieldsCreated: resolved.created,
					warnings: [...result.warnings, ...resolved.warnings],
				};
				await applyLink(
					this.ctx,
					item,
					known.id,
					{ action: 'unchanged', k: known.k },
					known.k,
					unchanged,
				);
				return { result: unchanged };
			}
		}
		state.matches = await this.ctx.lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		return undefined;
	}
}
