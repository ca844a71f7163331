/**
 * Change detection for the Hispatec Trigger, independent of the server's "modified since" filter:
 * a short fingerprint of each record's normalized content, kept in workflow static data.
 *
 * State (JSON-safe, queue-mode safe — it lives only in `getWorkflowStaticData('node')`):
 *   { version: 2, recordType, lastPollStart, lastFullScan,
 *     fingerprints: ["C00001 12345678ZAb3dE9fG2h", "C00002 Ab3dE9fG2h", …] }
 * Each entry is the record key, a space, the record's normalized tax ID (valid records; empty for
 * skipped ones) and its 10-character fingerprint (base64url of SHA-256, 60 bits), so 100,000 records
 * take about 3 MB. The tax ID is what a removed record is reported with. Version 1 entries (key and
 * fingerprint, no tax ID) are read as entries with an empty tax ID. At most MAX_TRACKED_RECORDS
 * entries are kept; records beyond the cap are not tracked and are emitted on every poll (never lost,
 * possibly repeated).
 *
 * Keys: `Codigo` when present, else `#t:<tax ID>` (valid) / `#c:<tax-ID candidate>` (skipped), else
 * `#r:<fingerprint of the raw record>`. A complete full scan drops the entries of records it did not
 * see (deleted in the ERP) and hands them back (`ScanEnd.removed`), for the trigger's "Emit Removed
 * Records"; a scan that read no record at all drops nothing (an empty answer is not trusted to mean
 * that every record was deleted).
 *
 * A read cut short by n8n's poll budget leaves `scan` in the state (the cursor: next page, the scan's
 * start, its "modified since", how many leading fingerprints it has seen); the next poll reads on
 * from there (`ScanMerger`) and only the poll that completes the scan drops deleted records and
 * moves `lastPollStart` / `lastFullScan` to the scan's start.
 */
import { createHash } from 'crypto';
import type { RecordType, RemovedRecord } from '../../shared/types';
import type { ClassifiedRecord } from './records';

export const STATE_VERSION = 2;
const FINGERPRINT_LENGTH = 10;
const MAX_TRACKED_RECORDS = 250_000;

export interface TriggerState {
	version: typeof STATE_VERSION;
	recordType: RecordType;
	/** Start of the last successful poll (ISO). */
	lastPollStart: string;
	/** Start of the last poll that read every record (ISO). */
	lastFullScan: string;
	/** `<key> <tax ID><fingerprint>` entries (while a scan is under way, the first `scan.seen` are its own). */
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
function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
	const entries = Object.keys(value as Record<string, unknown>)
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
	return `{${entries.join(',')}}`;
}

function fingerprint(value: unknown): string {
	return createHash('sha256')
		.update(stableStringify(value))
		.digest('base64url')
		.slice(0, FINGERPRINT_LENGTH);
}

/** Fingerprint of what matters downstream: the normalized record without its modification stamp. */
function recordFingerprint(classified: ClassifiedRecord): string {
	const { result, raw } = classified;
	if (result.ok) {
		const content: Record<string, unknown> = { ...result.record };
		delete content.modifiedAt;
		return fingerprint(['v', content]);
	}
	return fingerprint(['s', 'failure' in result ? result.failure : result.skip.reason, raw]);
}

function recordKey(classified: ClassifiedRecord): string {
	const { result, raw } = classified;
	const code = typeof raw.Codigo === 'string' ? raw.Codigo.trim() : '';
	if (code !== '') return code;
	if (result.ok) return `#t:${result.record.taxId}`;
	if (!('failure' in result) && result.skip.taxIdCandidate)
		return `#c:${result.skip.taxIdCandidate}`;
	return `#r:${fingerprint(raw)}`;
}

/** A version-1 entry (`<key><fingerprint>`) as a version-2 entry with no tax ID. */
function fromVersion1(entry: string): string {
	return typeof entry === 'string' && entry.length > FINGERPRINT_LENGTH
		? `${entry.slice(0, -FINGERPRINT_LENGTH)} ${entry.slice(-FINGERPRINT_LENGTH)}`
		: entry;
}

/** The stored entry of a record: key, space, tax ID (may be empty), fingerprint. */
function entryOf(key: string, taxId: string | undefined, fp: string): string {
	return `${key} ${taxId ?? ''}${fp}`;
}

/** The parts of a stored entry, or undefined for a malformed one. */
function parseEntry(
	entry: unknown,
): { key: string; taxId?: string; fingerprint: string } | undefined {
	if (typeof entry !== 'string' || entry.length <= FINGERPRINT_LENGTH + 1) return undefined;
	const body = entry.slice(0, -FINGERPRINT_LENGTH);
	// a tax ID has no space, a key may: the last space separates them
	const space = body.lastIndexOf(' ');
	if (space <= 0) return undefined;
	const taxId = body.slice(space + 1);
	return {
		key: body.slice(0, space),
		...(taxId !== '' ? { taxId } : {}),
		fingerprint: entry.slice(-FINGERPRINT_LENGTH),
	};
}

/**
 * The removal item of a dropped entry: only records keyed by their Hispatec code (`Codigo`) can be
 * reported; records the trigger knew by tax ID or content alone have no code to report.
 */
export function removedRecord(recordType: RecordType, entry: string): RemovedRecord | undefined {
	const parsed = parseEntry(entry);
	if (parsed === undefined || parsed.key.startsWith('#')) return undefined;
	return {
		action: 'removed',
		recordType,
		sourceId: parsed.key,
		...(parsed.taxId !== undefined ? { taxId: parsed.taxId } : {}),
	};
}

/** The stored state for this record type, or undefined (first poll, another resource, unknown shape). */
export function readState(
	staticData: Record<string, unknown>,
	recordType: RecordType,
): TriggerState | undefined {
	const stored = staticData as Partial<Omit<TriggerState, 'version'>> & { version?: unknown };
	if (stored.version !== STATE_VERSION && stored.version !== 1) return undefined;
	const s: Partial<TriggerState> =
		stored.version === 1 && Array.isArray(stored.fingerprints)
			? { ...stored, version: STATE_VERSION, fingerprints: stored.fingerprints.map(fromVersion1) }
			: (stored as Partial<TriggerState>);
	if (s.recordType !== recordType) return undefined;
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

interface DetectOptions {
	/** Every record was read (no "modified since"): unseen fingerprints belong to deleted records. */
	fullScan: boolean;
	/** First poll: treat every record as new. */
	firstPoll: boolean;
	maxTracked?: number;
}

/** What a scan leaves: the entries to store and the entries of records that left the ERP. */
interface ScanEnd {
	fingerprints: string[];
	seen: number;
	deleted: number;
	/** The dropped entries (a complete full scan did not see them), in stored order. */
	removed: string[];
}

/** Records a poll normalizes and merges at a time: one page at the default page size. */
export const SCAN_CHUNK_RECORDS = 500;

/** The key of a stored entry, or undefined for a malformed one. */
function keyOf(entry: unknown): string | undefined {
	return parseEntry(entry)?.key;
}

/**
 * A scan (every page of one poll, or of several polls when n8n's poll budget splits it), merged
 * into the stored fingerprints chunk by chunk, so that a poll over 100,000 records holds one chunk
 * of records at a time, plus the fingerprints and the records it will emit.
 *
 * `previous` are the stored entries, of which the first `seenBefore` were seen earlier in the same
 * scan (by the polls before this one). Each record is compared with the stored fingerprint of its
 * key. The result lists the scan's entries first, in reading order; a key read twice keeps its
 * later entry. When the scan is complete and full, stored entries it never saw are dropped (deleted
 * records); otherwise they are kept after the scan's. Duplicate tax IDs are collapsed within a
 * chunk (`collapse`); the caller collapses what it emits once more.
 */
export class ScanMerger {
	readonly changed: ClassifiedRecord[] = [];

	unchanged = 0;

	untracked = 0;

	/** Fingerprint by key: the stored ones, then the scan's own as it reads them. */
	private readonly known = new Map<string, string>();

	/** The scan's entries in reading order; `undefined` where a key was read again later. */
	private readonly entries: Array<string | undefined> = [];

	/** Index in `entries` of each key the scan has read. */
	private readonly position = new Map<string, number>();

	private live = 0;

	/** Stored entries not (yet) seen by the scan, in stored order. */
	private readonly stored: string[] = [];

	private readonly max: number;

	constructor(
		previous: readonly string[],
		seenBefore: number,
		private readonly options: DetectOptions & {
			/** Keep the changed records (false: a first poll that emits nothing). */
			keepChanged: boolean;
			collapse: (records: readonly ClassifiedRecord[]) => readonly ClassifiedRecord[];
		},
	) {
		this.max = options.maxTracked ?? MAX_TRACKED_RECORDS;
		previous.forEach((entry, i) => {
			const key = keyOf(entry);
			if (key === undefined) return;
			this.known.set(key, entry.slice(-FINGERPRINT_LENGTH));
			if (i < seenBefore) this.keep(key, entry);
			else this.stored.push(entry);
		});
	}

	/** Compares one chunk of records (in reading order) with what is known. */
	add(records: readonly ClassifiedRecord[]): void {
		const inChunk = new Set<string>();
		for (const record of this.options.collapse(records)) {
			let key = recordKey(record);
			if (inChunk.has(key)) {
				let n = 2;
				while (inChunk.has(`${key}#${n}`)) n++;
				key = `${key}#${n}`;
			}
			inChunk.add(key);
			const fp = recordFingerprint(record);
			const before = this.known.get(key);
			// a record without a code cannot be reported removed: its tax ID is not worth storing
			const taxId =
				record.result.ok && !key.startsWith('#') ? record.result.record.taxId : undefined;
			const tracked = this.keep(key, entryOf(key, taxId, fp));
			if (tracked) this.known.set(key, fp);
			else this.untracked++;
			if (this.options.firstPoll || !tracked || before !== fp) {
				if (this.options.keepChanged) this.changed.push(record);
			} else {
				this.unchanged++;
			}
		}
	}

	/**
	 * The entries to store, how many lead as the scan's own (`seen`), and the stored entries dropped
	 * as deleted (`removed`; `deleted` counts them). `complete`: the scan read its last page. Only a
	 * complete full scan that read at least one record drops anything.
	 */
	finish(complete: boolean): ScanEnd {
		const scan = this.entries.filter((e): e is string => e !== undefined);
		const unseen = this.stored.filter((e) => !this.position.has(keyOf(e) as string));
		const dropUnseen = complete && this.options.fullScan && scan.length > 0;
		return {
			fingerprints: dropUnseen ? scan : [...scan, ...unseen].slice(0, this.max),
			seen: scan.length,
			deleted: dropUnseen ? unseen.length : 0,
			removed: dropUnseen ? unseen : [],
		};
	}

	/** Records `entry` as the scan's for `key` (a key read again moves to the end); false over the bound. */
	private keep(key: string, entry: string): boolean {
		const at = this.position.get(key);
		if (at !== undefined) {
			this.entries[at] = undefined;
			this.position.delete(key);
			this.live--;
		}
		if (this.live >= this.max) return false;
		this.position.set(key, this.entries.length);
		this.entries.push(entry);
		this.live++;
		return true;
	}
}
