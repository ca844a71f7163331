import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { CompanyRef, NormalizationWarning, SkipReason } from '../../../shared/types';
import type {
	DesiredRecord,
	Entity,
	OnMultipleMatches,
	UpsertAction,
} from '../../../shared/clientify/types';
import type { RemovalSettings } from '../../../shared/clientify/plan/removal';

export type ItemError = NodeApiError | NodeOperationError;

/** A write the node made (or, in a dry run, would make). */
export interface PlannedRequest {
	method: 'POST' | 'PUT' | 'DELETE';
	/** Relative to the Base URL. */
	path: string;
	body: IDataObject;
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
	/** Skipped: why (`SKIP_REASONS`, nodes/shared/types.ts). */
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

export interface FailItem {
	kind: 'fail';
	index: number;
	recordType: Entity | null;
	error: ItemError;
}

export type PreparedItem = RecordItem | SkipItem | FailItem | RemovalItem;
