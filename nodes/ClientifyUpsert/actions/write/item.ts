/**
 * One record item, top to bottom: its matches (Known Records, else the lookup), the decision
 * (decide.ts), then ONE step — create (create.ts) or update (update.ts) — with the steps around it
 * sequenced here: the contact's company link (links.ts) after a create or before an update's writes,
 * the twins after an update (twins.ts), and the follow-ups: a create that found the record (lost
 * answer, 409) goes on as its update; a record that vanished under an update is searched again once.
 * Steps never call each other or back in here; their outcomes become results (results.ts).
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import { createdFieldNames } from '../../../shared/clientify/desired/desired';
import { planLink } from '../../../shared/clientify/plan/links';
import { readSyncState, withSyncStateValue } from '../../../shared/clientify/syncState';
import type { ClientifyRecord, DesiredRecord } from '../../../shared/clientify/types';
import { desiredFingerprint, lookupKnown } from '../../../shared/clientify/plan/fingerprint';
import { settle } from '../../../shared/settle';
import { createRecord } from './create';
import type { CustomFieldRegistry } from './customFields';
import { decide, ownedByOther } from './decide';
import type { CompanyFinder } from './companies';
import { applyLink, linkExisting, linkNew } from './links';
import * as results from './results';
import { settleTwins } from './twins';
import type {
	Decision,
	GroupState,
	ItemOutcome,
	RecordItem,
	StepContext,
	UpsertResult,
} from './types';
import { RecordVanished, updateRecord } from './update';

type Applicable = Exclude<Decision, { kind: 'ambiguous' }>;

export class ItemSync {
	constructor(
		private readonly node: INode,
		private readonly steps: StepContext,
		private readonly customFields: CustomFieldRegistry,
		/** The companies contacts link to (only when the batch's contacts name one). */
		private readonly companies: CompanyFinder | undefined,
	) {}

	/** One item of a group, given what the group knows of its tax ID (`state`). */
	async process(item: RecordItem, state: GroupState, progress: UpsertResult): Promise<ItemOutcome> {
		const { desired } = item;
		const { lookup, options } = this.steps;
		if (!state.lookedUp && options.knownRecords?.[desired.entity]) {
			const known = await this.fromKnownRecords(item, state, progress);
			if (known) return known;
		}
		if (!state.lookedUp) {
			state.matches = await lookup.find(desired.entity, desired.taxId);
			state.lookedUp = true;
		}
		const decision = decide(item, state.matches, this.steps.batch);
		if (decision.kind === 'ambiguous') return this.ambiguous(item, desired, decision.ids, progress);
		if (decision.kind === 'none' && desired.entity === 'company' && !desired.scalars.name)
			return { result: results.missingNameResult(progress) };

		// The state field is resolved (and created) like any custom field; its value is set per write.
		const resolved = await this.customFields.resolve(
			withSyncStateValue(desired, item.stateField, '{}'),
		);
		progress.customFieldsCreated = resolved.created;
		const stateKey = item.stateField.trim().toLowerCase();
		for (const warning of resolved.warnings) {
			if (warning.field?.trim().toLowerCase() !== stateKey) {
				progress.warnings.push(warning);
				continue;
			}
			progress.warnings.push({
				code: 'sync_state_unavailable',
				field: item.stateField,
				message: `The custom field "${item.stateField}", where the sync keeps its state with the record, is not available (${warning.code === 'custom_field_missing' ? '"Create Custom Fields" is off' : 'it could not be created'}): duplicate tax IDs in other batches and e-mails, phones or addresses this sync wrote earlier are not recognised`,
			});
		}
		progress.plannedRequests?.push(...resolved.planned);

		const outcome = await settle(this.apply(item, resolved.desired, decision, state, progress));
		if (outcome.ok) return outcome.value;
		if (!(outcome.error instanceof RecordVanished)) throw outcome.error;
		// Another run merged the record away under our update: find where it went, once.
		state.matches = await lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		const again = decide(item, state.matches, this.steps.batch);
		if (again.kind === 'ambiguous') return this.ambiguous(item, desired, again.ids, progress);
		return await this.apply(item, resolved.desired, again, state, progress);
	}

	/**
	 * Option "Known Records": absent → no record (create without a lookup); same fingerprint →
	 * unchanged without any call; otherwise a live lookup. Returns the outcome when it is decided here.
	 */
	private async fromKnownRecords(
		item: RecordItem,
		state: GroupState,
		progress: UpsertResult,
	): Promise<ItemOutcome | undefined> {
		const { desired, link } = item;
		const { options, lookup } = this.steps;
		const known = lookupKnown(options.knownRecords?.[desired.entity] ?? new Map(), desired.taxId);
		if (known.kind === 'absent') {
			state.matches = [];
			state.lookedUp = true;
			return undefined;
		}
		if (known.kind === 'one' && options.fingerprintScope) {
			const resolved = await this.customFields.resolve(desired);
			// Links: the entry must show the contact already linked as the ERP says (plan/links.ts).
			const linkPlan =
				link?.kind === 'found' && known.link && this.companies
					? planLink({ current: known.link, k: known.k, target: link, names: this.companies.names })
					: undefined;
			const linkSettled = link?.kind !== 'found' || linkPlan?.action === 'unchanged';
			if (
				linkSettled &&
				desiredFingerprint(resolved.desired, options.fingerprintScope) === known.fingerprint
			) {
				// state stays "not looked up": a later item of this tax ID looks it up live.
				const unchanged = results.knownUnchangedResult(progress, known.id, resolved);
				if (this.companies)
					await applyLink(
						this.steps,
						this.companies,
						item,
						known.id,
						{ action: 'unchanged', k: known.k },
						known.k,
						unchanged,
					);
				return { result: unchanged };
			}
		}
		state.matches = await lookup.search(desired.entity, desired.taxId);
		state.lookedUp = true;
		return undefined;
	}

	private ambiguous(
		item: RecordItem,
		desired: DesiredRecord,
		ids: number[],
		progress: UpsertResult,
	): ItemOutcome {
		const error = results.ambiguityError(this.node, desired, ids, item.index);
		return { result: results.failedRecordResult(desired, error, progress), error };
	}

	/** The decision's step: create, or update the record (then settle its twins). */
	private async apply(
		item: RecordItem,
		desired: DesiredRecord,
		decision: Applicable,
		state: GroupState,
		progress: UpsertResult,
	): Promise<ItemOutcome> {
		if (decision.kind === 'none') return await this.create(item, desired, state, progress);
		if (decision.ambiguousIds)
			progress.warnings.push(
				results.multipleMatchesWarning(desired, decision.ambiguousIds, decision.record.id),
			);
		const outcome = await this.update(item, desired, decision, state, progress);
		if (!decision.twins?.length || ['failed', 'skipped'].includes(outcome.result.action))
			return outcome;
		const twins = await settleTwins(
			this.steps,
			item,
			decision.record,
			decision.twins,
			outcome.result,
		);
		state.matches = state.matches.filter((m) => !twins.deleted.includes(m.id));
		return outcome;
	}

	/** Create; a create that found the record (lost answer, 409) goes on as its update. */
	private async create(
		item: RecordItem,
		desired: DesiredRecord,
		state: GroupState,
		progress: UpsertResult,
	): Promise<ItemOutcome> {
		if (desired.entity === 'company' && !desired.scalars.name)
			return { result: results.missingNameResult(progress) };
		const made = await createRecord(this.steps, item, desired, progress);
		if (made.kind === 'created') {
			const { record, dryRun } = made;
			state.matches = [record];
			const id = typeof record.id === 'number' ? record.id : null;
			if (!dryRun) this.noteCreation(item, made.desired, record);
			if (this.companies && (dryRun || id !== null))
				await linkNew(this.steps, this.companies, item, dryRun ? 0 : (id as number), progress);
			const changedFields = createdFieldNames(made.desired);
			return {
				result: {
					...progress,
					action: 'created',
					...(dryRun ? {} : { clientifyId: id }),
					changedFields,
				},
			};
		}
		state.matches = made.matches;
		if (made.kind === 'conflict')
			return await this.updateFound(item, made.desired, state, progress);
		// Our lost create made the record: it stays "created" whatever the diff finds.
		const outcome = await this.updateFound(item, made.desired, state, progress, 'created');
		const found = state.matches.find((m) => m.id === outcome.result.clientifyId);
		const failed = outcome.result.action === 'failed';
		if (found && !failed) this.noteCreation(item, made.desired, found);
		const changedFields = failed ? outcome.result.changedFields : createdFieldNames(made.desired);
		return { ...outcome, result: { ...outcome.result, changedFields } };
	}

	/** After a create found the record: decide again over `state.matches` and apply. */
	private async updateFound(
		item: RecordItem,
		desired: DesiredRecord,
		state: GroupState,
		progress: UpsertResult,
		action?: 'created',
	): Promise<ItemOutcome> {
		const decision = decide(item, state.matches, this.steps.batch);
		if (decision.kind === 'ambiguous') return this.ambiguous(item, desired, decision.ids, progress);
		if (decision.kind === 'none')
			throw new NodeOperationError(this.node, 'The record vanished during the sync', {
				itemIndex: item.index,
			});
		const outcome = await this.apply(item, desired, decision, state, progress);
		if (action && ['unchanged', 'updated'].includes(outcome.result.action))
			return { ...outcome, result: { ...outcome.result, action } };
		return outcome;
	}

	/**
	 * Update the decision's record, unless its sync state gives it to another ERP record (`owner`);
	 * a contact's company link goes first (the record's PUT, last, then carries the state's new `k`).
	 */
	async update(
		item: RecordItem,
		desired: DesiredRecord,
		{ record: existing, owner }: { record: ClientifyRecord; owner?: string },
		state: GroupState,
		progress: UpsertResult,
	): Promise<ItemOutcome> {
		progress.clientifyId = existing.id || null;
		if (owner)
			return { result: results.storedOwnerSkipResult(item, owner, existing.id || null, progress) };
		const stored = readSyncState(existing, item.stateField);
		let link: { k: number | undefined } | undefined;
		if (item.link && desired.entity === 'contact' && this.companies)
			link = {
				k: await linkExisting(this.steps, this.companies, item, existing, stored, progress),
			};
		const updated = await updateRecord(this.steps, item, desired, existing, progress, link);
		if (updated.kind === 'unchanged') return { result: { ...progress, action: 'unchanged' } };
		if (updated.kind === 'failed') {
			const error = results.asItemError(this.node, updated.error, item.index);
			const partial = updated.changedFields
				? { ...progress, changedFields: updated.changedFields }
				: progress;
			return {
				result: results.failedRecordResult(desired, error, partial),
				error,
				resetState: true,
			};
		}
		state.matches = state.matches.map((m) => (m === existing ? updated.record : m));
		const { action, changedFields, partial } = updated;
		return { result: { ...progress, action, changedFields }, resetState: partial };
	}

	private noteCreation(item: RecordItem, desired: DesiredRecord, record: ClientifyRecord): void {
		if (typeof record.id !== 'number' || !record.id) return;
		const { batch } = this.steps;
		batch.creations.push({
			index: item.index,
			item,
			desired,
			record,
			elapsedMs: Date.now() - batch.startedAt,
		});
	}

	/** The re-check's merge: this run's values onto the older twin of the sync's, with its ownership. */
	async updateOlder(
		item: RecordItem,
		desired: DesiredRecord,
		target: ClientifyRecord,
		start: UpsertResult,
	): Promise<ItemOutcome> {
		const owner = ownedByOther(this.steps.batch, item, readSyncState(target, item.stateField));
		const state: GroupState = { lookedUp: true, matches: [target] };
		return await this.update(item, desired, { record: target, owner }, state, start);
	}
}
