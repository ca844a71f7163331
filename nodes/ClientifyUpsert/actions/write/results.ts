/**
 * How an item ends: every output item (`UpsertResult`) and every item error is built here, the one
 * place their shape and key order are written. The engine starts each item from `startResult`,
 * spreads the steps' outcomes over it, and builds skips and failures with the constructors below.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import type { DesiredRecord, Entity } from '../../../shared/clientify/types';
import { SKIP_REASONS, type NormalizationWarning, type RemovalSkip } from '../../../shared/types';
import { ClientifyApiError } from '../../../Clientify/transport';
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

/** Any failure as the n8n error of input item `index` (API errors keep their HTTP facts). */
export function asItemError(node: INode, error: unknown, index: number): ItemError {
	if (error instanceof ClientifyApiError) return error.forItem(node, index);
	if (error instanceof NodeOperationError) {
		return new NodeOperationError(node, error.message, {
			itemIndex: index,
			description: error.description ?? undefined,
		});
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex: index,
	});
}

/** Several Clientify records have the item's tax ID and "On Multiple Matches" is Fail. */
export function ambiguityError(
	node: INode,
	desired: DesiredRecord,
	ids: number[],
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`${ids.length} Clientify ${desired.entity}s have tax ID ${desired.taxId} (ids ${ids.join(', ')})`,
		{
			itemIndex,
			description:
				'The record was not written. Merge the duplicates in Clientify, or set the option "On Multiple Matches" to "Update the Oldest".',
		},
	);
}

/** Known Records show the record as the ERP wants it: unchanged, without any call. */
export function knownUnchangedResult(
	progress: UpsertResult,
	id: number,
	resolved: { created: string[]; warnings: NormalizationWarning[] },
): UpsertResult {
	return {
		...progress,
		action: 'unchanged',
		clientifyId: id,
		customFieldsCreated: resolved.created,
		warnings: [...progress.warnings, ...resolved.warnings],
	};
}

/** "On Multiple Matches" is Update the Oldest, and several records matched. */
export function multipleMatchesWarning(
	desired: DesiredRecord,
	ambiguousIds: number[],
	updatedId: number,
): NormalizationWarning {
	const ids = [...ambiguousIds].sort((a, b) => a - b);
	return {
		code: 'multiple_matches',
		message: `${ambiguousIds.length} Clientify ${desired.entity}s have tax ID ${desired.taxId} (ids ${ids.join(', ')}); updated the oldest, id ${updatedId}`,
	};
}

/** The record's sync state names another ERP record that wins: nothing written. */
export function storedOwnerSkipResult(
	item: RecordItem,
	owner: string,
	clientifyId: number | null,
	progress: UpsertResult,
): UpsertResult {
	return {
		...duplicateSkipResult(item, owner, clientifyId, 'stored'),
		customFieldsCreated: progress.customFieldsCreated,
		warnings: progress.warnings,
		...(progress.dryRun ? { dryRun: true, plannedRequests: progress.plannedRequests } : {}),
	};
}

export function recheckFailedWarning(error: unknown): NormalizationWarning {
	const reason = error instanceof Error ? error.message : String(error);
	return {
		code: 'recheck_failed',
		message: `The check for a record created at the same time by another run failed (${reason}); the next run merges any duplicate`,
	};
}

/** Merging this run's record into the one another run created at the same time failed. */
export function mergeError(
	node: INode,
	creation: { index: number; desired: DesiredRecord; record: { id: number } },
	targetId: number,
	message: string,
): NodeOperationError {
	const { entity, taxId } = creation.desired;
	return new NodeOperationError(
		node,
		`Another run created ${entity} ${taxId} at the same time (id ${targetId}); merging this run's record (id ${creation.record.id}) into it failed: ${message}`,
		{ itemIndex: creation.index, description: 'The next run merges the duplicate.' },
	);
}

/** This run's record was merged into the older one and deleted: the item ends as that update. */
export function mergedResult(
	previous: UpsertResult,
	merged: UpsertResult,
	targetId: number,
	ownId: number,
): UpsertResult {
	const warnings = [...previous.warnings, ...merged.warnings];
	if (merged.action === 'skipped') return { ...merged, warnings };
	const { recordType: entity, taxId } = previous;
	return {
		...previous,
		action: merged.action,
		clientifyId: targetId,
		changedFields: merged.changedFields,
		warnings: [
			...warnings,
			{
				code: 'merged_duplicate',
				message: `Another run created ${entity} ${taxId} at the same time (id ${targetId}); this run's record (id ${ownId}) was merged into it and deleted`,
			},
		],
	};
}
