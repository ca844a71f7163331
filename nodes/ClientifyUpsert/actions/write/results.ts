/**
 * Construction of every output item (`UpsertResult`): the one place its shape and key order are
 * written. The engine's steps start from `startResult` and spread changes over it; skips and
 * failures come from the constructors below.
 */
import type { DesiredRecord, Entity } from '../../../shared/clientify/types';
import { SKIP_REASONS, type NormalizationWarning, type RemovalSkip } from '../../../shared/types';
import type { ItemError, RecordItem, RemovalItem, SkipItem, UpsertResult } from './types';

/** The fields every result has, action `unchanged` until a step says otherwise. */
function baseResult(
	recordType: Entity | null,
	taxId: string | null,
	sourceId: string | undefined,
	warnings: NormalizationWarning[],
	clientifyId: number | null = null,
): UpsertResult {
	return {
		action: 'unchanged',
		recordType,
		taxId,
		clientifyId,
		...(sourceId ? { sourceId } : {}),
		changedFields: [],
		customFieldsCreated: [],
		warnings,
	};
}

/** The result an item's processing starts from (dry run: with its empty list of planned requests). */
export function startResult(desired: DesiredRecord, dryRun: boolean): UpsertResult {
	const result = baseResult(desired.entity, desired.taxId, desired.sourceId, [...desired.warnings]);
	if (dryRun) {
		result.dryRun = true;
		result.plannedRequests = [];
	}
	return result;
}

/** An item skipped before the engine ran (no tax ID, invalid tax ID, not a normalized record …). */
export function preparedSkipResult(item: SkipItem): UpsertResult {
	return {
		...baseResult(item.recordType, item.taxId, item.sourceId, item.warnings),
		action: 'skipped',
		reason: item.reason,
		message: item.message,
	};
}

/** A failed item: what was known (id, changed fields, custom fields created, warnings) is kept. */
export function failedResult(
	recordType: Entity | null,
	taxId: string | null,
	sourceId: string | undefined,
	error: ItemError,
	partial?: UpsertResult,
): UpsertResult {
	const result: UpsertResult = {
		...baseResult(
			recordType,
			taxId,
			sourceId,
			partial?.warnings ?? [],
			partial?.clientifyId ?? null,
		),
		action: 'failed',
		changedFields: partial?.changedFields ?? [],
		customFieldsCreated: partial?.customFieldsCreated ?? [],
		error: error.message,
	};
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	if (httpCode) result.httpCode = httpCode;
	return result;
}

/** A failed item of a desired record (the common case of `failedResult`). */
export function failedRecordResult(
	desired: DesiredRecord,
	error: ItemError,
	partial?: UpsertResult,
): UpsertResult {
	return failedResult(desired.entity, desired.taxId, desired.sourceId, error, partial);
}

/** An item the execution was cancelled before. */
export function cancelledResult(): UpsertResult {
	return {
		...baseResult(null, null, undefined, []),
		action: 'failed',
		error: 'The execution was cancelled before this record was synced',
	};
}

/** A company cannot be created without a name. */
export function missingNameResult(result: UpsertResult): UpsertResult {
	return {
		...result,
		action: 'skipped',
		reason: 'missing_name',
		message: 'Clientify needs a name to create a company, and the record has none.',
	};
}

/**
 * A record that lost its tax ID to another ERP record: in this batch (`batch`), or to the owner its
 * Clientify record's sync state names (`stored`).
 */
export function duplicateSkipResult(
	item: RecordItem,
	winnerCode: string | undefined,
	clientifyId: number | null,
	where: 'batch' | 'stored',
): UpsertResult {
	const { desired } = item;
	const who = winnerCode ? `Hispatec record ${winnerCode}` : 'another item';
	const message =
		where === 'batch'
			? `Tax ID ${desired.taxId} also belongs to ${who} in this batch, which wins (newer FechaModificacion, or the later item when the dates are equal or missing); only that one is synced.`
			: `The Clientify ${desired.entity} with tax ID ${desired.taxId} (id ${clientifyId}) belongs to ${who}, which wins (newer FechaModificacion, or the higher code when the dates are equal or missing); this record was not written.`;
	return {
		...baseResult(
			desired.entity,
			desired.taxId,
			desired.sourceId,
			[...desired.warnings],
			clientifyId,
		),
		action: 'skipped',
		reason: 'duplicate_tax_id',
		message,
		...(winnerCode ? { winnerSourceId: winnerCode } : {}),
	};
}

/** The result a record that left the ERP starts from (write/removals.ts). */
export function removalStartResult(item: RemovalItem, dryRun: boolean): UpsertResult {
	const result = baseResult(item.entity, item.taxId ?? null, item.code, [...item.warnings]);
	if (dryRun) {
		result.dryRun = true;
		result.plannedRequests = [];
	}
	return result;
}

/** A record that left the ERP and was not written (its message: `SKIP_REASONS`, shared/types.ts). */
export function removalSkipResult(
	result: UpsertResult,
	reason: RemovalSkip,
	clientifyId: number | null = null,
): UpsertResult {
	return {
		...result,
		action: 'skipped',
		clientifyId,
		reason,
		message: SKIP_REASONS[reason].message,
	};
}
