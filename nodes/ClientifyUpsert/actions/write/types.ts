/**
 * The types the write path's modules share (type-only: no code runs here). The engine (engine.ts
 * for the batch, item.ts for one item) hands each item to one step (create.ts, update.ts, links.ts,
 * twins.ts, removals.ts) with a `StepContext`, and turns the step's outcome into the item's
 * `UpsertResult` (results.ts).
 */
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	CompanyRef,
	NormalizationWarning,
	RemovalSkip,
	SkipReason,
} from '../../../shared/types';
import type {
	ClientifyRecord,
	DesiredRecord,
	Entity,
	ItemEdit,
	ListName,
	LookupStrategy,
	OnMultipleMatches,
	SubResource,
	UpsertAction,
} from '../../../shared/clientify/types';
import type { RemovalSettings } from '../../../shared/clientify/plan/removal';
import type { FingerprintScope, KnownRecords } from '../../../shared/clientify/plan/fingerprint';
import type { ClientifyClient } from '../../../shared/clientify/client/client';
import type { Body } from '../../../shared/clientify/client/guarded';
import type { Lookup } from './lookup';

export type ItemError = NodeApiError | NodeOperationError;

/** A write the node made (or, in a dry run, would make). */
export interface PlannedRequest {
	method: 'POST' | 'PUT' | 'DELETE';
	/** Relative to the Base URL. */
	path: string;
	body: Body;
}

/** One output item (see docs/clientify-upsert.md, "Output"). */
export interface UpsertResult {
	action: UpsertAction;
	recordType: Entity | null;
	taxId: string | null;
	clientifyId: number | null;
	sourceId?: string;
	changedFields: string[];
	customFieldsCreated: string[];
	warnings: NormalizationWarning[];
	/** Skipped: a code (`missing_tax_id`, `invalid_tax_id`, `foreign_tax_id`, `missing_name` …). */
	reason?: SkipReason;
	/** Skipped: what is wrong, for a person. */
	message?: string;
	/** Failed: the error message. */
	error?: string;
	/** Skipped as `duplicate_tax_id`: the Hispatec code of the record that won the tax ID. */
	winnerSourceId?: string;
	/** Failed: HTTP status of the failing call, when there was one. */
	httpCode?: string;
	/** Dry run: nothing was written; `plannedRequests` lists what would have been. */
	dryRun?: true;
	plannedRequests?: PlannedRequest[];
	/**
	 * *When a Record Leaves the ERP*: `marked_removed` (the removal tag added now), `already_marked`
	 * (by an earlier run), `returned` (a record that came back lost the sync's removal tag).
	 */
	removal?: 'marked_removed' | 'already_marked' | 'returned';
	/** Contacts whose ERP record names a company, with *Link Contacts to Companies* on: the link's outcome. */
	link?: LinkOutcome;
}

/**
 * The contact → company link of one item (docs/clientify-upsert.md "Links to companies"):
 * `linked` (the link was added), `moved` (the sync's old link removed, the new one added),
 * `unchanged`, `kept` (people linked the contact to another company: left as it is), `not_found`
 * (no such company in Clientify), `failed` (the link call failed; the contact itself was synced).
 */
export interface LinkOutcome {
	companyId: number | null;
	action: 'linked' | 'moved' | 'unchanged' | 'kept' | 'not_found' | 'failed';
}

export interface RecordItem {
	kind: 'record';
	index: number;
	desired: DesiredRecord;
	onMultipleMatches: OnMultipleMatches;
	/** Full name of the custom field holding the sync state (`<prefix>SyncState`). */
	stateField: string;
	/** "When Contact Details Change": Make the New Value Primary (true) or Only Add. */
	makePrimary: boolean;
	/** Contacts, *Link Contacts to Companies* on: the company the ERP names. */
	companyRef?: CompanyRef;
	/** Set by the engine before the item is applied: that company as found in Clientify. */
	link?: ResolvedLink;
	/** Option *Removal Tag*: removed again when a record the sync marked comes back. */
	removalTag?: string;
}

/** A record that left the ERP (option *When a Record Leaves the ERP*, write/removals.ts). */
export interface RemovalItem {
	kind: 'removal';
	index: number;
	entity: Entity;
	/** A `RemovedRecord` item, or a normalized record with `inactive: true`. */
	why: 'removed' | 'inactive';
	/** Hispatec code of the record that left. */
	code?: string;
	/** Its normalized tax ID, when known (else the record is found by the code in its sync state). */
	taxId?: string;
	settings: RemovalSettings;
	warnings: NormalizationWarning[];
}

/** The company of a contact's `companyRef`, found in Clientify or not (write/links.ts). */
export type ResolvedLink =
	{ kind: 'found'; id: number; name?: string } | { kind: 'missing'; warning: NormalizationWarning };

export interface SkipItem {
	kind: 'skip';
	index: number;
	recordType: Entity | null;
	taxId: string | null;
	sourceId?: string;
	reason: SkipReason;
	message: string;
	warnings: NormalizationWarning[];
}

interface FailItem {
	kind: 'fail';
	index: number;
	recordType: Entity | null;
	error: ItemError;
}

export type PreparedItem = RecordItem | SkipItem | FailItem | RemovalItem;

export interface EngineOptions {
	dryRun: boolean;
	concurrency: number;
	lookupStrategy: LookupStrategy;
	createCustomFields: boolean;
	continueOnFail: boolean;
	/** Option "Known Records": a run-wide index instead of lookups (see shared/clientify/plan/fingerprint.ts). */
	knownRecords?: KnownRecords;
	fingerprintScope?: FingerprintScope;
	/** Our clock (epoch ms): the creation marker and the twins' age. */
	now: () => number;
	/** Option *Twin Clean-Up Window*, in ms (0: never delete, only report). */
	twinMaxAgeMs: number;
	/** Option *Tag Duplicates*: a tag for the records of a tax ID found more than once (empty: none). */
	duplicateTag: string;
	/** Option *Link Contacts to Companies* (write/links.ts). */
	linkCompanies?: boolean;
}

/** What `UpsertEngine.run` hands back: one result (and maybe an error) per input item index. */
export interface EngineOutcome {
	results: Array<UpsertResult | undefined>;
	errors: Array<ItemError | undefined>;
}

/** What is known about the Clientify records of one tax ID while its group's items are applied. */
export interface GroupState {
	lookedUp: boolean;
	matches: ClientifyRecord[];
}

export interface ItemOutcome {
	result: UpsertResult;
	error?: ItemError;
	/** After an uncertain write the record's state is unknown: the next item looks it up again. */
	resetState?: boolean;
}

/**
 * One write of an update plan, in the order sent: the adds, the guarded item edits, then the record's
 * `PUT` (scalars, changed custom fields, the sync state, and the lists a reorder needs), so the state
 * never claims a value before it is written.
 */
export type Write =
	| { kind: 'add'; method: 'POST'; path: string; body: Body; sub: SubResource }
	| { kind: 'item'; method: 'PUT' | 'DELETE'; path: string; body: Body; edit: ItemEdit }
	| { kind: 'record'; method: 'PUT'; path: string; body: Body; reorder: ListName[] };

/** A record this execution created, kept for the re-check against overlapping runs. */
export interface Creation {
	index: number;
	item: RecordItem;
	desired: DesiredRecord;
	record: ClientifyRecord;
	/** Our milliseconds from the batch's start to the create's answer. */
	elapsedMs: number;
}

export type Decision =
	| { kind: 'none' }
	| {
			kind: 'one';
			record: ClientifyRecord;
			ambiguousIds?: number[];
			/** Other records with the tax ID, beside the sync's own (`record`): deleted or reported. */
			twins?: ClientifyRecord[];
			/** The Hispatec code of the ERP record the record's sync state gives it to: not written. */
			owner?: string;
	  }
	| { kind: 'ambiguous'; ids: number[] };

/** The batch-wide facts the engine's steps share (one per execution, never module-scoped). */
export interface BatchState {
	/** Local time before the batch's first lookup (start of the re-check window). */
	startedAt: number;
	creations: Creation[];
	/** Hispatec codes of every record item of the batch, per entity (duplicate tax IDs). */
	codes: Map<Entity, Set<string>>;
}

/**
 * What a step needs: the HTTP client, the options, the lookup (a live search after a lost answer) and
 * the batch. Steps report what they did (an outcome) and note warnings and planned requests on the
 * item's `Notes`; the engine turns outcomes into results (results.ts).
 */
export interface StepContext {
	client: ClientifyClient;
	options: EngineOptions;
	lookup: Lookup;
	batch: BatchState;
}

/** What a step may add to the item's result while it works; the rest is the engine's. */
export type Notes = Pick<UpsertResult, 'warnings' | 'plannedRequests' | 'removal' | 'link'>;

/**
 * What a create's POST came to (create.ts): `created` (dry run: nothing sent, id 0), or the record
 * exists already and the engine continues with an update of `matches`: `found` after a lost answer
 * (our create made it), `conflict` after a 409.
 */
export type CreateOutcome =
	| { kind: 'created'; desired: DesiredRecord; record: ClientifyRecord; dryRun?: true }
	| { kind: 'found' | 'conflict'; desired: DesiredRecord; matches: ClientifyRecord[] };

/**
 * What an update came to (update.ts): `unchanged` (empty plan, nothing sent); `written` with the
 * record as it now is and the output's `changedFields` (`partial`: a guarded write left something as
 * it was, so the next item of this tax ID looks it up again); `failed` (`changedFields`: what was
 * applied before the failure, when anything was sent).
 */
export type UpdateOutcome =
	| { kind: 'unchanged' }
	| {
			kind: 'written';
			action: 'updated' | 'unchanged';
			record: ClientifyRecord;
			changedFields: string[];
			partial?: boolean;
	  }
	| { kind: 'failed'; error: unknown; changedFields?: string[] };

/** How one record that left the ERP ended (removals.ts): marked now, by an earlier run, or skipped. */
export type RemovalOutcome =
	| { kind: 'marked_removed' | 'already_marked' }
	| { kind: 'skipped'; reason: RemovalSkip; clientifyId: number | null };
