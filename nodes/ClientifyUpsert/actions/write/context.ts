/**
 * The types the engine's steps pass between them (engine.ts → decide.ts → create.ts / update.ts →
 * writes.ts, and recheck.ts after the batch), and the context they share.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import type {
	ClientifyRecord,
	DesiredRecord,
	Entity,
	ItemEdit,
	ListName,
	LookupStrategy,
	SubResource,
} from '../../../shared/clientify/types';
import type { FingerprintScope, KnownRecords } from '../../../shared/clientify/plan/fingerprint';
import type { ClientifyClient } from '../../../shared/clientify/client/client';
import type { CustomFieldRegistry } from './customFields';
import type { CompanyFinder } from './links';
import type { Lookup } from './lookup';
import type { ItemError, RecordItem, UpsertResult } from './types';

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
	| { kind: 'add'; method: 'POST'; path: string; body: IDataObject; sub: SubResource }
	| { kind: 'item'; method: 'PUT' | 'DELETE'; path: string; body: IDataObject; edit: ItemEdit }
	| { kind: 'record'; method: 'PUT'; path: string; body: IDataObject; reorder: ListName[] };

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

/** Everything a step of the engine needs: the node, the HTTP client, the options and the batch. */
export interface EngineContext {
	node: INode;
	client: ClientifyClient;
	options: EngineOptions;
	lookup: Lookup;
	customFields: CustomFieldRegistry;
	batch: BatchState;
	/** The companies contacts link to, found once per execution (write/links.ts). */
	companies: CompanyFinder;
}

/** Where the engine keeps each item's result (and error); `record` also applies the stop rule. */
export interface ResultBook {
	readonly results: Array<UpsertResult | undefined>;
	record(index: number, result: UpsertResult, error?: ItemError): void;
}
