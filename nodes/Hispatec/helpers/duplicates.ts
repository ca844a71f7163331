/**
 * Duplicate tax IDs across a whole read that is processed in pages (the large-ERP template reads
 * one page per sub-workflow execution, so no single page sees every record).
 *
 * A first pass (`DuplicateScan`) streams every page once and keeps, per normalized tax ID, only the
 * winner so far: the newest `FechaModificacion`; when dates are equal, missing or unreadable, the
 * later record in read order wins (the rule of issue 8, `laterRecordWins` in nodes/shared/duplicates.ts). Only tax IDs seen more than once leave the
 * scan, as `{ taxId: winnerCode }`: small however large the ERP is.
 *
 * The page reads then skip every record of such a tax ID whose code is not the winner
 * (`duplicate_tax_id`, `duplicateOf` = the winner's code, as the within-read collapse does), so each tax ID produces one write set per run and
 * two ERP records never flip-flop one Clientify record, whatever page they land on.
 * Records without a code (`Codigo`) cannot be told apart and are never collapsed by this pass.
 */
import type { IDataObject } from 'n8n-workflow';
import { laterRecordWins } from '../../shared/duplicates';
import { parseErpTimestamp } from '../../shared/erpDate';
import type { SkipReason } from '../../shared/types';

type DuplicateWinners = Record<string, string>;

interface Entry {
	count: number;
	code: string;
	time: number;
}

/** The same date reading as the within-read collapse (nodes/shared/duplicates.ts). */
function timeOf(modifiedAt: unknown, timeZone: string): number {
	const time = typeof modifiedAt === 'string' ? parseErpTimestamp(modifiedAt, timeZone) : undefined;
	return time === undefined ? Number.NaN : time;
}

export class DuplicateScan {
	private readonly entries = new Map<string, Entry>();

	records = 0;

	constructor(private readonly timeZone = 'UTC') {}

	/** One valid record, in read order. */
	add(taxId: string, code: string | undefined, modifiedAt: unknown): void {
		this.records++;
		if (!code) return;
		const time = timeOf(modifiedAt, this.timeZone);
		const entry = this.entries.get(taxId);
		if (!entry) {
			this.entries.set(taxId, { count: 1, code, time });
			return;
		}
		entry.count++;
		if (laterRecordWins(entry.time, time)) {
			entry.code = code;
			entry.time = time;
		}
	}

	winners(): DuplicateWinners {
		const out: DuplicateWinners = {};
		for (const [taxId, entry] of this.entries) if (entry.count > 1) out[taxId] = entry.code;
		return out;
	}
}

/** The option value (an object from an expression, or its JSON text) → winners; throws on nonsense. */
export function parseDuplicateWinners(value: unknown): DuplicateWinners | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') parsed = JSON.parse(value) as unknown;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error(
			'Duplicate Tax IDs must be an object { "<tax ID>": "<winning Hispatec code>" }, as "Find Duplicate Tax IDs" returns',
		);
	}
	const source =
		(parsed as IDataObject).duplicates && typeof (parsed as IDataObject).duplicates === 'object'
			? ((parsed as IDataObject).duplicates as IDataObject)
			: (parsed as IDataObject);
	const out: DuplicateWinners = {};
	for (const [taxId, code] of Object.entries(source))
		if (typeof code === 'string' && code !== '') out[taxId] = code;
	return out;
}

/**
 * Valid records whose tax ID has another winner → skipped items (reason `duplicate_tax_id`).
 * Returns the records that stay valid.
 */
export function applyDuplicateWinners(
	valid: IDataObject[],
	skipped: IDataObject[],
	winners: DuplicateWinners,
	recordType: string,
): IDataObject[] {
	const kept: IDataObject[] = [];
	for (const record of valid) {
		const taxId = typeof record.taxId === 'string' ? record.taxId : '';
		const winner = winners[taxId];
		const code = typeof record.sourceId === 'string' ? record.sourceId : undefined;
		if (winner === undefined || code === undefined || code === winner) {
			kept.push(record);
			continue;
		}
		skipped.push({
			recordType,
			reason: 'duplicate_tax_id' satisfies SkipReason,
			message: `Duplicate tax ID ${taxId}: Hispatec record ${winner} has the same tax ID and is newer, or later in the read; only that ${recordType} is synced`,
			sourceId: code,
			taxIdCandidate: taxId,
			duplicateOf: winner,
			warnings: [],
		});
	}
	return kept;
}
