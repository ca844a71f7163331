/**
 * The upsert of one batch, read top to bottom: the records that left the ERP first (removals.ts);
 * then duplicate collapse (decide.ts), the lookup prepared for the batch's tax IDs (lookup.ts), the
 * groups of one tax ID, each item through its decision and ONE step (item.ts); then the overlap
 * re-check. Every HTTP call is a step's, or the client's guarded path (client/guarded.ts).
 *
 * Batch rules:
 * - Items are grouped by entity and tax ID; each group writes once: the item with the newest
 *   FechaModificacion (equal or missing: the later item) wins, the others are skipped as
 *   `duplicate_tax_id`. Across executions the record's sync state (`<prefix>SyncState`) names the
 *   owning ERP record (decide.ts `ownedByOther`). Groups run concurrently, at most `concurrency` at
 *   a time; with links, the companies first.
 * - Overlapping runs: after the batch, one listing per entity of the records created since it
 *   started; a record of ours with an older twin of the sync's is merged into it and deleted
 *   (nodes/shared/clientify/overlap.ts). Twins the sync created are merged at lookup too.
 * - A failing record never stops the others when continue-on-fail is on. Without it, the first
 *   failure stops new records from starting; records already in flight finish their current write
 *   sequence (an HTTP call is never abandoned halfway), then the failure of the lowest item index
 *   is thrown (by execute.ts, from `firstError` of the outcome).
 */
import type { INode } from 'n8n-workflow';
import { groupByTaxId, type RecordGroup } from '../../../shared/clientify/plan/match';
import { mergeTargetFor, recheckSince } from '../../../shared/clientify/overlap';
import { readSyncState } from '../../../shared/clientify/syncState';
import { runPool } from '../../../shared/clientify/client/timing';
import type { ClientifyRecord, Entity } from '../../../shared/clientify/types';
import { lookupKnown } from '../../../shared/clientify/plan/fingerprint';
import { settle } from '../../../shared/settle';
import { ClientifyApiError } from '../../../Clientify/transport';
import type { ClientifyClient } from '../../../shared/clientify/client/client';
import { CustomFieldRegistry } from './customFields';
import { collapseDuplicates, noteBatchCodes } from './decide';
import { ItemSync } from './item';
import { CompanyFinder } from './companies';
import { Lookup } from './lookup';
import { markRemoval, type CodeIndex } from './removals';
import * as results from './results';
import { deleteOwnCreation, duplicateInCrmWarning, twinKeptText } from './twins';
import type {
	Creation,
	EngineOptions,
	EngineOutcome,
	GroupState,
	ItemError,
	PreparedItem,
	RecordItem,
	RemovalItem,
	StepContext,
	UpsertResult,
} from './types';

export type { EngineOptions } from './types';

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

	private readonly steps: StepContext;

	private readonly customFields: CustomFieldRegistry;

	/** The companies contacts link to (only when the batch's contacts name one). */
	private companies?: CompanyFinder;

	private stopped = false;

	constructor(
		private readonly node: INode,
		client: ClientifyClient,
		options: EngineOptions,
	) {
		const lookup = new Lookup(client, options.lookupStrategy);
		this.steps = {
			client,
			options,
			lookup,
			batch: { startedAt: 0, creations: [], codes: new Map() },
		};
		this.customFields = new CustomFieldRegistry(client, {
			create: options.createCustomFields,
			dryRun: options.dryRun,
		});
	}

	/** Parameter "Known Records", read once the batch's tax IDs are known (before `run`). */
	useKnownRecords(known: Pick<EngineOptions, 'knownRecords' | 'fingerprintScope'>): void {
		this.steps.options.knownRecords = known.knownRecords;
		this.steps.options.fingerprintScope = known.fingerprintScope;
	}

	/** Runs the batch; the outcome has one result per item index (none for items never started). */
	async run(items: PreparedItem[]): Promise<EngineOutcome> {
		const { client, options, batch, lookup } = this.steps;
		const records: RecordItem[] = [];
		const removals: RemovalItem[] = [];
		for (const item of items) {
			if (item.kind === 'skip') this.outcome.results[item.index] = results.preparedSkipResult(item);
			else if (item.kind === 'removal') removals.push(item);
			else if (item.kind === 'fail')
				this.record(
					item.index,
					results.failedResult(item.recordType, null, undefined, item.error),
					item.error,
				);
			else records.push(item);
		}
		const refs = new Set(
			records.flatMap((r) => (r.companyRef ? [JSON.stringify(r.companyRef)] : [])),
		);
		if (refs.size) this.companies = new CompanyFinder(this.steps);
		// Records that left the ERP first: one that also comes back in this batch ends unmarked.
		if (removals.length && !this.stopped) await this.markRemovals(removals);
		if (this.stopped || !records.length) return this.outcome;

		const byIndex = new Map(records.map((r) => [r.index, r]));
		noteBatchCodes(batch, records);
		const groups = groupByTaxId(
			records.map((r) => ({ index: r.index, entity: r.desired.entity, taxId: r.desired.taxId })),
		);
		const losers = collapseDuplicates(groups, byIndex);
		for (const { loser, winner } of losers)
			this.outcome.results[loser.index] = results.duplicateSkipResult(
				loser,
				winner.desired.sourceId,
				null,
				'batch',
			);
		const perEntity = new Map<Entity, number>();
		for (const g of groups)
			if (!options.knownRecords?.[g.entity])
				perEntity.set(g.entity, (perEntity.get(g.entity) ?? 0) + 1);
		// Links: the companies contacts name are looked up like the batch's own (index or search).
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
		await lookup.prepare(perEntity);
		const flow = new ItemSync(this.node, this.steps, this.customFields, this.companies);

		// With links, the batch's companies are written before its contacts link to them.
		const phases = refs.size
			? [groups.filter((g) => g.entity === 'company'), groups.filter((g) => g.entity !== 'company')]
			: [groups];
		for (const phase of phases)
			await runPool(
				phase,
				options.concurrency,
				async (group) => await this.processGroup(group, byIndex, flow),
				() => this.stopped || client.isCancelled(),
			);
		if (batch.creations.length && !client.isCancelled()) await this.recheck(flow);
		for (const { loser, winner } of losers) {
			const result = this.outcome.results[loser.index];
			if (result) result.clientifyId = this.outcome.results[winner.index]?.clientifyId ?? null;
		}
		return this.outcome;
	}

	private record(index: number, result: UpsertResult, error?: ItemError): void {
		this.outcome.results[index] = result;
		if (result.recordType === 'company' && result.clientifyId && result.taxId)
			if (['created', 'updated', 'unchanged'].includes(result.action))
				this.companies?.note(result.taxId, result.sourceId, { id: result.clientifyId });
		if (error) {
			this.outcome.errors[index] = error;
			if (!this.steps.options.continueOnFail) this.stopped = true;
		}
	}

	private fail(item: { index: number }, cause: unknown, result: (e: ItemError) => UpsertResult) {
		const error = results.asItemError(this.node, cause, item.index);
		this.record(item.index, result(error), error);
	}

	private async markRemovals(removals: RemovalItem[]): Promise<void> {
		const { client, options } = this.steps;
		const byCode: CodeIndex = new Map();
		await runPool(
			removals,
			options.concurrency,
			async (item) => {
				const start = results.removalStartResult(item, options.dryRun);
				const outcome = await settle(markRemoval(this.steps, item, start, byCode));
				if (!outcome.ok)
					return this.fail(item, outcome.error, (error) =>
						results.failedResult(item.entity, item.taxId ?? null, item.code, error, start),
					);
				const marked = outcome.value;
				this.record(
					item.index,
					marked.kind === 'skipped'
						? results.removalSkipResult(start, marked.reason, marked.clientifyId)
						: {
								...start,
								action: marked.kind === 'marked_removed' ? 'updated' : 'unchanged',
								removal: marked.kind,
							},
				);
			},
			() => this.stopped || client.isCancelled(),
		);
	}

	private async processGroup(
		group: RecordGroup,
		byIndex: Map<number, RecordItem>,
		flow: ItemSync,
	): Promise<void> {
		let state: GroupState = { lookedUp: false, matches: [] };
		for (const index of group.indexes) {
			if (this.stopped || this.steps.client.isCancelled()) return;
			let item = byIndex.get(index) as RecordItem;
			if (item.companyRef && this.companies)
				item = { ...item, link: await this.companies.resolve(item.companyRef, item.stateField) };
			const progress = results.startResult(item.desired, this.steps.options.dryRun);
			const outcome = await settle(flow.process(item, state, progress));
			if (outcome.ok) {
				this.record(index, outcome.value.result, outcome.value.error);
				if (outcome.value.resetState) state = { lookedUp: false, matches: [] };
			} else {
				// Keeps what was already known (custom fields created, warnings) on the failed item.
				this.fail(item, outcome.error, (e) =>
					results.failedRecordResult(item.desired, e, progress),
				);
				if (outcome.error instanceof ClientifyApiError) state = { lookedUp: false, matches: [] };
			}
		}
	}

	/**
	 * Overlapping runs: one listing per entity of the records created since the batch started; each
	 * record this execution created with an older twin of the sync's (same tax ID) is merged into it.
	 */
	private async recheck(flow: ItemSync): Promise<void> {
		const { batch, lookup, options, client } = this.steps;
		for (const entity of ['contact', 'company'] as const) {
			const mine = batch.creations.filter((c) => c.desired.entity === entity);
			if (!mine.length) continue;
			const since = recheckSince(
				mine.map((c) => ({ createdStamp: c.record.created, elapsedMs: c.elapsedMs })),
				batch.startedAt,
			);
			const listed = await settle(lookup.createdSince(entity, since));
			if (!listed.ok) {
				for (const c of mine)
					this.outcome.results[c.index]?.warnings.push(results.recheckFailedWarning(listed.error));
				continue;
			}
			await runPool(
				mine,
				options.concurrency,
				async (c) => {
					const target = mergeTargetFor(c.record, listed.value.get(c.desired.taxId) ?? []);
					if (target) await this.mergeCreation(flow, c, target);
				},
				() => client.isCancelled(),
			);
		}
	}

	/**
	 * Our newer record has an older twin. When the twin carries the sync's state, it is the record to
	 * keep: updated with our values (with its ownership rules), then ours is deleted through the
	 * guarded path, which keeps it if anyone touched it meanwhile. A twin without the sync's state is
	 * people's record: both stay, and the item reports them.
	 */
	private async mergeCreation(flow: ItemSync, c: Creation, target: ClientifyRecord): Promise<void> {
		const previous = this.outcome.results[c.index] as UpsertResult;
		const { entity, taxId } = c.desired;
		const ownId = c.record.id;
		if (!readSyncState(target, c.item.stateField)) {
			const why = `id ${target.id} has no sync state: it is people's record`;
			previous.warnings.push(duplicateInCrmWarning(entity, taxId, ownId, [{ id: target.id, why }]));
			return;
		}
		const outcome = await settle(
			(async () => {
				const start: UpsertResult = { ...previous, changedFields: [], warnings: [] };
				const updated = await flow.updateOlder(c.item, c.desired, target, start);
				if (updated.error) return { updated };
				const gone = await deleteOwnCreation(this.steps, entity, ownId, c.item.stateField);
				return { updated, gone };
			})(),
		);
		const failed = (message: string) => {
			const error = results.mergeError(this.node, c, target.id, message);
			this.record(c.index, results.failedRecordResult(c.desired, error, previous), error);
		};
		if (!outcome.ok) return failed(results.asItemError(this.node, outcome.error, c.index).message);
		if (!outcome.value.gone)
			return failed(outcome.value.updated.result.error ?? 'the update failed');
		const { updated, gone } = outcome.value;
		if (!gone.deleted && gone.reason !== 'gone') {
			// Ours stays: it is the item's result, with both records named.
			const why = `id ${target.id} was created at the same time by another run, and ${twinKeptText(ownId, gone.reason)}`;
			previous.warnings.push(duplicateInCrmWarning(entity, taxId, ownId, [{ id: target.id, why }]));
			return;
		}
		this.outcome.results[c.index] = results.mergedResult(
			previous,
			updated.result,
			target.id,
			ownId,
		);
	}
}
