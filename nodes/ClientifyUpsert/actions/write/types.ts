import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { NormalizationWarning } from '../../../shared/types';
import type {
	DesiredRecord,
	Entity,
	OnMultipleMatches,
	UpsertAction,
} from '../../../shared/clientify';

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
	/** Skipped: a code (`missing_tax_id`, `invalid_tax_id`, `foreign_tax_id`, `missing_name` …). */
	reason?: string;
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
}

export interface SkipItem {
	kind: 'skip';
	index: number;
	recordType: Entity | null;
	taxId: string | null;
	sourceId?: string;
	reason: string;
	message: string;
	warnings: NormalizationWarning[];
}

export interface FailItem {
	kind: 'fail';
	index: number;
	recordType: Entity | null;
	error: ItemError;
}

export type PreparedItem = RecordItem | SkipItem | FailItem;
