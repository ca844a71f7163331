/**
 * Change detection for the Hispatec Trigger, independent of the server's "modified since" filter:
 * a short fingerprint of each record's normalized content, kept in workflow static data.
 *
 * State (JSON-safe, queue-mode safe — it lives only in `getWorkflowStaticData('node')`):
 *   { version: 1, recordType, lastPollStart, lastFullScan, fingerprints: ["C00001Ab3dE9fG2h", …] }
 * Each entry is the record key followed by its 10-character fingerprint (base64url of SHA-256, 60
 * bits), so 100,000 records take about 2 MB. At most MAX_TRACKED_RECORDS entries are kept; records
 * beyond the cap are not tracked and are emitted on every poll (never lost, possibly repeated).
 *
 * Keys: `Codigo` when present, else `#t:<tax ID>` (valid) / `#c:<tax-ID candidate>` (skipped), else
 * `#r:<fingerprint of the raw record>`. Deleted records are not emitted (one-way upsert): a full scan
 * drops their fingerprints.
 */
import { createHash } from 'crypto';
import type { RecordType } from '../../shared/types';
import type { ClassifiedRecord } from './records';

export const STATE_VERSION = 1;
export const FINGERPRINT_LENGTH = 10;
export const MAX_TRACKED_RECORDS = 250_000;

export interface TriggerState {
	version: typeof STATE_VERSION;
	recordType: RecordType;
	/** Start of the last successful poll (ISO). */
	lastPollStart: string;
	/** Start of the last poll that read every record (ISO). */
	lastFullScan: string;
	/** `<key><fingerprint>` entries. */
	fingerprints: string[];
}

/** JSON with sorted keys and no undefined values, so equal content gives equal text. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
	const entries = Object.keys(value as Record<string, unknown>)
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
	return `{${entries.join(',')}}`;
}

export function fingerprint(value: unknown): string {
	return createHash('sha256').update(stableStringify(value)).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/** Fingerprint of what matters downstream: the normalized record without its modification stamp. */
export function recordFingerprint(classified: ClassifiedRecord): string {
	const { result, raw } = classified;
	if (result.ok) {
		const content: Record<string, unknown> = { ...result.record };
		delete content.modifiedAt;
		return fingerprint(['v', content]);
	}
	return fingerprint(['s', 'failure' in result ? result.failure : result.skip.reason, raw]);
}

export function recordKey(classified: ClassifiedRecord): string {
	const { result, raw } = classified;
	const code = typeof raw.Codigo === 'string' ? raw.Codigo.trim() : '';
	if (code !== '') return code;
	if (result.ok) return `#t:${result.record.taxId}`;
	if (!('failure' in result) && result.skip.taxIdCandidate) return `#c:${result.skip.taxIdCandidate}`;
	return `#r:${fingerprint(raw)}`;
}

/** The stored state for this record type, or undefined (first poll, another resource, unknown shape). */
export function readState(staticData: Record<string, unknown>, recordType: RecordType): TriggerState | undefined {
	const s = staticData as Partial<TriggerState>;
	if (s.version !== STATE_VERSION || s.recordType !== recordType) return undefined;
	if (typeof s.lastPollStart !== 'string' || typeof s.lastFullScan !== 'string' || !Array.isArray(s.fingerprints)) return undefined;
	return s as TriggerState;
}

/** Replaces the static data's content with the new state (the object itself is what n8n persists). */
export function writeState(staticData: Record<string, unknown>, state: TriggerState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, state);
}

export interface ChangeSet {
	/** New or changed records, in listing order. */
	changed: ClassifiedRecord[];
	unchanged: number;
	/** Fingerprints dropped because the record is gone (full scans only). */
	deleted: number;
	/** Records over the tracking cap (always emitted). */
	untracked: number;
	fingerprints: string[];
}

export interface DetectOptions {
	/** Every record was read (no "modified since"): unseen fingerprints belong to deleted records. */
	fullScan: boolean;
	/** First poll: treat every record as new. */
	firstPoll: boolean;
	maxTracked?: number;
}

export function detectChanges(previous: readonly string[], records: readonly ClassifiedRecord[], options: DetectOptions): ChangeSet {
	const max = options.maxTracked ?? MAX_TRACKED_RECORDS;
	const before = new Map<string, string>();
	for (const entry of previous) {
		if (typeof entry === 'string' && entry.length > FINGERPRINT_LENGTH) {
			before.set(entry.slice(0, -FINGERPRINT_LENGTH), entry.slice(-FINGERPRINT_LENGTH));
		}
	}
	const seen = new Set<string>();
	const fingerprints: string[] = [];
	const changed: ClassifiedRecord[] = [];
	let unchanged = 0;
	let untracked = 0;
	for (const record of records) {
		let key = recordKey(record);
		if (seen.has(key)) {
			let n = 2;
			while (seen.has(`${key}#${n}`)) n++;
			key = `${key}#${n}`;
		}
		seen.add(key);
		const fp = recordFingerprint(record);
		const tracked = fingerprints.length < max;
		if (tracked) fingerprints.push(key + fp);
		else untracked++;
		if (options.firstPoll || !tracked || before.get(key) !== fp) changed.push(record);
		else unchanged++;
	}
	let deleted = 0;
	for (const [key, fp] of before) {
		if (seen.has(key)) continue;
		if (options.fullScan) deleted++;
		else if (fingerprints.length < max) fingerprints.push(key + fp);
	}
	return { changed, unchanged, deleted, untracked, fingerprints };
}
