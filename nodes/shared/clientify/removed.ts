/**
 * Clientify's side of the removal check (Clientify Index, docs/clientify-index.md "Find Removed
 * Records"): which records the sync owns, by Hispatec code, and which of those codes a complete ERP
 * read did not see (whether it was complete: ../erpRead.ts).
 *
 * The Clientify Index keeps, per entity, one text of lines `<code>\t<id>\t<tax ID>`: a record whose
 * sync state is tied to it (plan/guard.ts `stateTied`) and names a Hispatec code, and that the sync
 * has not marked yet (no `x`). People's records (no state, or a copied one) are never listed, so
 * never marked. About 25 bytes per record.
 */
import type { RecordType, RemovedRecord } from '../types';
import { stateTied } from './plan/guard';
import { taxIdMatchKey } from './plan/match';
import { readSyncState } from './syncState';
import type { ClientifyRecord } from './types';

/** What the index notes about one listed record for the removal check. */
type OwnedEntry = { kind: 'owned'; line: string } | { kind: 'marked' } | { kind: 'other' };

export function ownedEntry(record: ClientifyRecord, stateField: string): OwnedEntry {
	const state = readSyncState(record, stateField);
	const code = state?.c;
	if (!state || !code || /[\t\n]/.test(code) || typeof record.id !== 'number')
		return { kind: 'other' };
	if (!stateTied(record, state)) return { kind: 'other' };
	if (state.x) return { kind: 'marked' };
	const taxId = taxIdMatchKey(record.taxpayer_identification_number);
	return { kind: 'owned', line: `${code}\t${record.id}\t${taxId}\n` };
}

/**
 * The owned records whose code `seen` does not hold, one `RemovedRecord` per code (the tax ID of its
 * record with the lowest id), in the text's order.
 */
export function removedRecords(
	owned: string,
	recordType: RecordType,
	seen: ReadonlySet<string>,
): RemovedRecord[] {
	const out = new Map<string, { id: number; record: RemovedRecord }>();
	for (const line of owned.split('\n')) {
		const [code, id, taxId] = line.split('\t');
		if (!code || seen.has(code)) continue;
		const n = Number(id);
		const current = out.get(code);
		if (current && current.id <= n) continue;
		out.set(code, {
			id: n,
			record: { action: 'removed', recordType, sourceId: code, ...(taxId ? { taxId } : {}) },
		});
	}
	return [...out.values()].map((v) => v.record);
}
