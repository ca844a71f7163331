/**
 * Whether a run read the ERP completely, for the removal check (issue 20; docs/clientify-index.md
 * "Find Removed Records"). A Clientify record whose sync state names a Hispatec code the run did not
 * see has left the ERP, but only when the run's reads were complete: a failed or partial read must
 * never mark anything.
 *
 * - `ErpRead`: the facts of one read of a record type. The Hispatec node's *Find Duplicate Tax IDs*
 *   collects them while it pages (`CodesRead`) and outputs them with its result; `readsFromItems`
 *   builds them from the items of a read (a Hispatec *Get Many*'s Valid, Skipped and Error outputs, or
 *   the Clientify Upsert results of them).
 * - `readVerdict` is THE rule, in one place; `removalCheck` applies it to every read of a run.
 *
 * Plain TypeScript, no n8n imports.
 */
import type { RecordType } from './types';

/** One read of a record type (the fields *Find Duplicate Tax IDs* outputs beside its duplicates). */
interface ErpRead {
	recordType: RecordType;
	/** Records read: valid and skipped (a record with an invalid tax ID is still in the ERP). */
	records: number;
	/** Every Hispatec code read, one per line. */
	codes: string;
	/** `Total` as the ERP reported it on the first page that had one, and on the last. */
	totalFirst?: number;
	totalLast?: number;
	/** Only records modified since a date were asked for: not a read of every record. */
	modifiedSince?: boolean;
}

/** Collects an `ErpRead` page by page: only the codes' text grows (about 8 bytes per record). */
export class CodesRead {
	private text = '';

	private records = 0;

	private totalFirst?: number;

	private totalLast?: number;

	/** A page arrived, with the `Total` it reported (if any). */
	page(total: number | undefined): void {
		if (total === undefined) return;
		if (this.totalFirst === undefined) this.totalFirst = total;
		this.totalLast = total;
	}

	/** One record read (valid or skipped), with its code when it has one. */
	add(code: string | undefined): void {
		this.records++;
		if (code && !/[\t\n]/.test(code)) this.text += `${code}\n`;
	}

	facts(recordType: RecordType, modifiedSince: boolean): ErpRead {
		return {
			recordType,
			records: this.records,
			codes: this.text,
			...(this.totalFirst !== undefined ? { totalFirst: this.totalFirst } : {}),
			...(this.totalLast !== undefined ? { totalLast: this.totalLast } : {}),
			...(modifiedSince ? { modifiedSince: true } : {}),
		};
	}
}

type ReadVerdict =
	| { kind: 'complete'; read: ErpRead }
	/** A complete read of no record: that record type is not checked (a wrong filter looks the same). */
	| { kind: 'empty'; recordType: RecordType; reason: string }
	/** Failed or partial: nothing at all may be marked. */
	| { kind: 'incomplete'; reason: string };

function errorText(value: unknown): string {
	if (typeof value === 'string') return value;
	const e = value as { message?: unknown; description?: unknown } | null;
	return String((e && (e.message || e.description)) || JSON.stringify(value));
}

/**
 * THE rule: a read is complete when it is a read (not an error item), of every record (no *Modified
 * Since*), and, when the ERP reported a `Total`, that `Total` did not change while the pages were read
 * (a record deleted or added meanwhile shifts the pages, so one may be missed) and the count read
 * equals it. The paging itself ends only on the last page (short or empty, or `Total` reached), and a
 * page that fails fails the whole read.
 */
function readVerdict(value: unknown): ReadVerdict {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		return { kind: 'incomplete', reason: 'a read is missing (not an object)' };
	const read = value as Partial<ErpRead> & { error?: unknown; message?: unknown };
	if (read.error !== undefined) {
		const message = typeof read.message === 'string' && read.message ? ` (${read.message})` : '';
		return { kind: 'incomplete', reason: `a read failed: ${errorText(read.error)}${message}` };
	}
	if (read.recordType !== 'contact' && read.recordType !== 'company')
		return { kind: 'incomplete', reason: 'a read has no record type' };
	const what = `the read of ${read.recordType === 'company' ? 'companies' : 'contacts'}`;
	if (typeof read.records !== 'number' || typeof read.codes !== 'string')
		return {
			kind: 'incomplete',
			reason: `${what} has no codes: it is not the output of "Find Duplicate Tax IDs"`,
		};
	if (read.modifiedSince)
		return { kind: 'incomplete', reason: `${what} asked only for records modified since a date` };
	if (
		read.totalFirst !== undefined &&
		read.totalLast !== undefined &&
		read.totalFirst !== read.totalLast
	)
		return {
			kind: 'incomplete',
			reason: `${what}: the ERP's Total changed while it was read (${read.totalFirst} → ${read.totalLast})`,
		};
	if (read.totalLast !== undefined && read.records !== read.totalLast)
		return {
			kind: 'incomplete',
			reason: `${what} got ${read.records} records of the ${read.totalLast} the ERP reported`,
		};
	if (read.records === 0)
		return { kind: 'empty', recordType: read.recordType, reason: `${what} returned no record` };
	return { kind: 'complete', read: read as ErpRead };
}

type RemovalCheck =
	| {
			ok: true;
			/** Per record type checked: the codes seen. */
			seen: Map<RecordType, Set<string>>;
			/** Record types not checked, and why. */
			notChecked: Array<{ recordType: RecordType; reason: string }>;
	  }
	| { ok: false; reason: string };

/**
 * Every read of the run → the codes seen per record type, or why nothing may be marked. One failed or
 * partial read stops the whole check (both scans must complete); a record type with no read, or an
 * empty one, is only left unchecked.
 */
export function removalCheck(reads: unknown[], recordTypes: readonly RecordType[]): RemovalCheck {
	const seen = new Map<RecordType, Set<string>>();
	const empty = new Map<RecordType, string>();
	for (const value of reads) {
		const verdict = readVerdict(value);
		if (verdict.kind === 'incomplete') return { ok: false, reason: verdict.reason };
		if (verdict.kind === 'empty') {
			empty.set(verdict.recordType, verdict.reason);
			continue;
		}
		const codes = seen.get(verdict.read.recordType) ?? new Set<string>();
		for (const code of verdict.read.codes.split('\n')) if (code) codes.add(code);
		seen.set(verdict.read.recordType, codes);
	}
	const notChecked: Array<{ recordType: RecordType; reason: string }> = [];
	for (const recordType of recordTypes) {
		if (seen.has(recordType)) continue;
		notChecked.push({
			recordType,
			reason:
				empty.get(recordType) ??
				`no read of ${recordType === 'company' ? 'companies' : 'contacts'} was given`,
		});
	}
	for (const recordType of [...seen.keys()])
		if (!recordTypes.includes(recordType)) seen.delete(recordType);
	return { ok: true, seen, notChecked };
}

/**
 * The reads behind a run's items: per record type, the codes of its records (normalized, skipped, or
 * Clientify Upsert results of them). An error item without a code (a read that failed, a record whose
 * outcome lost its code) and an item that is no record make the read incomplete. `RemovedRecord` items
 * are no reads and are left out.
 */
export function readsFromItems(items: unknown[]): unknown[] {
	const reads = new Map<RecordType, ErpRead>();
	const failures: unknown[] = [];
	for (const value of items) {
		const json = (value ?? {}) as Record<string, unknown>;
		if (json.action === 'removed') continue;
		const code = typeof json.sourceId === 'string' && json.sourceId ? json.sourceId : undefined;
		if (json.error !== undefined && !code) {
			failures.push({ error: json.error, message: json.message });
			continue;
		}
		if (json.recordType !== 'contact' && json.recordType !== 'company') {
			failures.push({ error: 'an input item is not a record of the read (no recordType)' });
			continue;
		}
		const read = reads.get(json.recordType) ?? {
			recordType: json.recordType,
			records: 0,
			codes: '',
		};
		read.records++;
		if (code && !/[\t\n]/.test(code)) read.codes += `${code}\n`;
		reads.set(json.recordType, read);
	}
	return [...failures, ...reads.values()];
}
