/**
 * Duplicate tax IDs within one read: records of the same entity with the same (normalized) tax ID
 * are collapsed to one before anything is written. Pure; no n8n imports.
 *
 * Rule: the winner is the record with the newest `FechaModificacion` (`modifiedAt`, in the formats of
 * erpDate.ts). Records are compared in read order, each against the group's current winner: the later
 * record wins unless both have a readable date and the earlier one is strictly newer (so equal or
 * missing dates → the later record wins). Every other record of the group becomes a skip with reason
 * `duplicate_tax_id` and `duplicateOf` = the winner's Hispatec code.
 *
 * Memory: one Map from key to the winner's index and one typed array of timestamps; records are
 * never copied (a loser's skip is a new small object, everything else is returned as is).
 */
import { parseErpTimestamp } from './erpDate';
import type { NormalizationResult, NormalizedRecord, SkippedRecord } from './types';

/**
 * The one winner rule, for two records of a group in read order: the later record wins unless both dates
 * are readable and the earlier one (the group's current winner) is strictly newer. Dates are epoch ms,
 * `NaN` when missing or unreadable (NaN compares false, so equal or missing dates → the later record).
 * Used by `duplicateWinners` (one read) and by the cross-page scan (nodes/Hispatec/helpers/duplicates.ts).
 */
export function laterRecordWins(winnerTime: number, laterTime: number): boolean {
	return !(winnerTime > laterTime);
}

/**
 * For each item, the index of its group's winner (itself for winners and for items without a key).
 * `keyOf` gives the group key (`undefined`: not grouped); `timeOf` the date as epoch ms
 * (`undefined`: no readable date).
 */
export function duplicateWinners<T>(
	items: readonly T[],
	keyOf: (item: T) => string | undefined,
	timeOf: (item: T) => number | undefined,
): Int32Array {
	const times = new Float64Array(items.length);
	const winnerByKey = new Map<string, number>();
	for (let i = 0; i < items.length; i++) {
		const key = keyOf(items[i]);
		if (key === undefined) continue;
		const time = timeOf(items[i]);
		times[i] = time === undefined || !Number.isFinite(time) ? Number.NaN : time;
		const current = winnerByKey.get(key);
		if (current === undefined || laterRecordWins(times[current], times[i])) winnerByKey.set(key, i);
	}
	const winners = new Int32Array(items.length);
	for (let i = 0; i < items.length; i++) {
		const key = keyOf(items[i]);
		winners[i] = key === undefined ? i : (winnerByKey.get(key) as number);
	}
	return winners;
}

/** Group key of a normalized record: entity + tax ID. */
function duplicateKey(record: Pick<NormalizedRecord, 'recordType' | 'taxId'>): string {
	return `${record.recordType}\u0000${record.taxId}`;
}

/** The skip of a record that lost to `winner` (same entity and tax ID). */
function duplicateSkip(
	loser: NormalizedRecord,
	winner: NormalizedRecord,
	winnerPosition: number,
	timeZone = 'UTC',
): SkippedRecord {
	const loserTime = parseErpTimestamp(loser.modifiedAt, timeZone);
	const winnerTime = parseErpTimestamp(winner.modifiedAt, timeZone);
	const who = winner.sourceId
		? `Hispatec record ${winner.sourceId}`
		: `the Hispatec record without a code read at position ${winnerPosition + 1}`;
	const why =
		loserTime !== undefined && winnerTime !== undefined && winnerTime > loserTime
			? `is newer (FechaModificacion ${winner.modifiedAt} against ${loser.modifiedAt})`
			: `comes later in the read (FechaModificacion ${loserTime !== undefined && winnerTime !== undefined ? 'equal' : 'missing or unreadable'})`;
	const what = loser.recordType === 'company' ? 'company' : 'contact';
	return {
		recordType: loser.recordType,
		reason: 'duplicate_tax_id',
		message: `Duplicate tax ID ${loser.taxId}: ${who} has the same tax ID and ${why}; only that ${what} is synced`,
		...(loser.sourceId ? { sourceId: loser.sourceId } : {}),
		taxIdCandidate: loser.taxId,
		...(winner.sourceId ? { duplicateOf: winner.sourceId } : {}),
		warnings: loser.warnings,
	};
}

/**
 * Normalization results of one read with duplicate tax IDs collapsed: same length and order; each
 * losing record's result is replaced by its `duplicate_tax_id` skip, everything else is returned as is.
 * `T` may carry other failure shapes; only `{ok: true, record}` items take part.
 */
export function collapseDuplicateTaxIds<T extends { ok: boolean }>(
	results: readonly T[],
	timeZone = 'UTC',
): Array<T | NormalizationResult> {
	const record = (r: T): NormalizedRecord | undefined =>
		r.ok ? (r as unknown as { record: NormalizedRecord }).record : undefined;
	const winners = duplicateWinners(
		results,
		(r) => {
			const rec = record(r);
			return rec ? duplicateKey(rec) : undefined;
		},
		(r) => parseErpTimestamp(record(r)?.modifiedAt, timeZone),
	);
	const out: Array<T | NormalizationResult> = results.slice();
	for (let i = 0; i < results.length; i++) {
		const w = winners[i];
		if (w === i) continue;
		out[i] = {
			ok: false,
			skip: duplicateSkip(
				record(results[i]) as NormalizedRecord,
				record(results[w]) as NormalizedRecord,
				w,
				timeZone,
			),
		};
	}
	return out;
}
