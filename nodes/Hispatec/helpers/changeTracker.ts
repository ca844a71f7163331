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
 *
 * A read cut short by n8n's poll budget leaves `scan` in the state (the cursor: next page, the scan's
 * start, its "modified since", how many leading fingerprints it has seen); the next poll reads on
 * from there (`mergeScanChunk`) and only the poll that completes the scan drops deleted records and
 * moves `lastPollStart` / `lastFullScan` to the scan's start.
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
	/** `<key><fingerprint>` entries (while a scan is under way, the first `scan.seen` are its own). */
	fingerprints: string[];
	/** A scan cut short by the poll budget, to be continued by the next poll. */
	scan?: ScanCursor;
}

export interface ScanCursor {
	/** When the scan's first poll started (ISO): becomes lastPollStart when the scan completes. */
	startedAt: string;
	/** Every record is being read (no "modified since"). */
	fullScan: boolean;
	/** The "modified since" the scan sends on every page (ISO), when not a full scan. */
	modifiedSince?: string;
	/** 0-based index of the next page to read. */
	nextPage: number;
	/** How many leading `fingerprints` entries this scan has seen so far. */
	seen: number;
	/** The scan is the trigger's first: every record counts as new. */
	firstPoll: boolean;
}

function isScanCursor(value: unknown): value is ScanCursor {
	const c = value as Partial<ScanCursor> | undefined;
	return (
		!!c &&
		typeof c === 'object' &&
		typeof c.startedAt === 'string' &&
		typeof c.fullScan === 'boolean' &&
		(c.modifiedSince === undefined || typeof c.modifiedSince === 'string') &&
		Number.isInteger(c.nextPage) &&
		(c.nextPage as number) > 0 &&
		Number.isInteger(c.seen) &&
		(c.seen as number) >= 0 &&
		typeof c.firstPoll === 'boolean'
	);
}

/** JSON with sorted keys and no undefined values, so equal content gives equal text. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
	const entries = Object.keys(value as Record<string, unknown>)
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
	return `{${entries.join(',')}}`;
}

export function fingerprint(value: unknown): string {
	return createHash('sha256')
		.update(stableStringify(value))
		.digest('base64url')
		.slice(0, FINGERPRINT_LENGTH);
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
	if (!('failure' in result) && result.skip.taxIdCandidate)
		return `#c:${result.skip.taxIdCandidate}`;
	return `#r:${fingerprint(raw)}`;
}

/** The stored state for this record type, or undefined (first poll, another resource, unknown shape). */
export function readState(
	staticData: Record<string, unknown>,
	recordType: RecordType,
): TriggerState | undefined {
	const s = staticData as Partial<TriggerState>;
	if (s.version !== STATE_VERSION || s.recordType !== recordType) return undefined;
	if (
		typeof s.lastPollStart !== 'string' ||
		typeof s.lastFullScan !== 'string' ||
		!Array.isArray(s.fingerprints)
	)
		return undefined;
	if (s.scan !== undefined && !isScanCursor(s.scan)) {
		// an unusable cursor: forget the unfinished scan, keep what is known
		const rest = { ...(s as TriggerState) };
		delete rest.scan;
		return rest;
	}
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

export function detectChanges(
	previous: readonly string[],
	records: readonly ClassifiedRecord[],
	options: DetectOptions,
): ChangeSet {
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

export interface ScanChunk extends ChangeSet {
	/** Leading entries of `fingerprints` seen by the scan so far (this chunk included). */
	seen: number;
}

/**
 * One chunk (the pages one poll read) of a scan that may span several polls. `previous` are the
 * stored fingerprints, of which the first `seenBefore` were seen earlier in the same scan. Records
 * are compared with every stored fingerprint; the result lists the scan's entries first. When the
 * chunk completes a full scan, stored entries the scan never saw are dropped (deleted records); a
 * scan read with "modified since" keeps them.
 */
export function mergeScanChunk(
	previous: readonly string[],
	seenBefore: number,
	records: readonly ClassifiedRecord[],
	options: DetectOptions & { complete: boolean },
): ScanChunk {
	const max = options.maxTracked ?? MAX_TRACKED_RECORDS;
	const chunk = detectChanges(previous, records, {
		fullScan: true,
		firstPoll: options.firstPoll,
		maxTracked: max,
	});
	const inChunk = new Set(chunk.fingerprints.map((e) => e.slice(0, -FINGERPRINT_LENGTH)));
	const keyOf = (entry: unknown) =>
		typeof entry === 'string' && entry.length > FINGERPRINT_LENGTH
			? entry.slice(0, -FINGERPRINT_LENGTH)
			: undefined;
	const earlier: string[] = [];
	const unseen: string[] = [];
	previous.forEach((entry, i) => {
		const key = keyOf(entry);
		if (key === undefined || inChunk.has(key)) return;
		(i < seenBefore ? earlier : unseen).push(entry);
	});
	const scanEntries = [...earlier, ...chunk.fingerprints].slice(0, max);
	const dropUnseen = options.complete && options.fullScan;
	const fingerprints = dropUnseen ? scanEntries : [...scanEntries, ...unseen].slice(0, max);
	return {
		changed: chunk.changed,
		unchanged: chunk.unchanged,
		deleted: dropUnseen ? unseen.length : 0,
		untracked: chunk.untracked,
		fingerprints,
		seen: scanEntries.length,
	};
}

/** Records a scan collapses and merges at a time (about ten pages of 500). */
export const SCAN_CHUNK_RECORDS = 5000;

/**
 * A scan merged chunk by chunk (`mergeScanChunk` per chunk), so that a poll over 100,000 records
 * holds one chunk of records at a time, plus the fingerprints and the records it will emit.
 * Duplicate tax IDs are collapsed within a chunk (`collapse`), as within one poll of a scan split
 * by the poll budget; the caller collapses the emitted records once more.
 */
export class ScanMerger {
	fingerprints: string[];

	seen: number;

	readonly changed: ClassifiedRecord[] = [];

	unchanged = 0;

	deleted = 0;

	untracked = 0;

	constructor(
		previous: readonly string[],
		seenBefore: number,
		private readonly options: DetectOptions & {
			/** Keep the changed records (false: a first poll that emits nothing). */
			keepChanged: boolean;
			collapse: (records: ClassifiedRecord[]) => ClassifiedRecord[];
		},
	) {
		this.fingerprints = [...previous];
		this.seen = seenBefore;
	}

	/** Merges one chunk; `complete` when it ends the scan (only then are deleted records dropped). */
	add(records: ClassifiedRecord[], complete: boolean): void {
		const part = mergeScanChunk(this.fingerprints, this.seen, this.options.collapse(records), {
			...this.options,
			complete,
		});
		this.fingerprints = part.fingerprints;
		this.seen = part.seen;
		this.unchanged += part.unchanged;
		this.deleted += part.deleted;
		this.untracked += part.untracked;
		if (this.options.keepChanged) for (const record of part.changed) this.changed.push(record);
	}
}
