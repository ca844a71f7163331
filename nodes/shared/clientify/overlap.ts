/**
 * Overlapping runs (docs/clientify-upsert.md "Overlapping runs"): two executions that look a tax ID up at the same
 * time both find nothing and both create it. n8n offers a community node no lock across executions,
 * so each execution re-checks, once per batch and entity, the records created since its batch
 * started, and the execution whose record is the NEWER of two with the same tax ID merges its
 * record into the older one (updates the older with its values, deletes its own). With a
 * linearizable store every racer converges on the oldest record:
 *
 * - a record created before my lookup started is seen by my lookup, so I do not create a second one;
 * - a record created after my lookup started is inside my re-check window;
 * - of two records with the same tax ID, the newer one's creator re-checks after both creates, so it
 *   sees the older one and merges. The oldest record is never deleted by the node.
 *
 * Every Clientify behaviour this relies on is an assumption isolated here (and in the emulator).
 */
import type { ClientifyRecord } from './types';

/** Stamp granularity and processing lag allowance, subtracted from the computed window start. */
const RECHECK_WINDOW_MARGIN_MS = 2000;

/** Without a usable `created` in a create's answer: our own clock, minus a clock-skew allowance. */
const RECHECK_CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): `GET /contacts/` and `GET /companies/` filter with
 * `created[gte]=<ISO date-time>` (documented filters, spelling unconfirmed) and order with
 * `ordering=id`. If the filter were ignored the re-check would still be right (exact tax-ID matches
 * are compared client-side), only costlier: the whole CRM would be listed once per batch that creates.
 */
function recheckQuery(sinceIso: string, pageSize: number): Record<string, string | number> {
	return { 'created[gte]': sinceIso, ordering: 'id', page_size: pageSize };
}

interface OwnCreation {
	/** `created` of the record in the create's answer (Clientify's clock). */
	createdStamp?: unknown;
	/** Our own milliseconds from the batch's start (before its first lookup) to the create's answer. */
	elapsedMs: number;
}

/**
 * The start of the re-check window in Clientify's clock: for each of our creates,
 * `created − (time elapsed since our batch started)`, which is never later than the moment our first
 * lookup reached Clientify (no clock skew involved: only our own elapsed time is used). The earliest,
 * minus a margin. Without a readable `created`: our own start minus a clock-skew allowance.
 */
function recheckWindowStart(creations: OwnCreation[], batchStartedAtMs: number): number {
	let start = Number.POSITIVE_INFINITY;
	for (const c of creations) {
		const stamp = parseStamp(c.createdStamp);
		if (stamp === undefined) return batchStartedAtMs - RECHECK_CLOCK_SKEW_MS;
		start = Math.min(start, stamp.ms - c.elapsedMs);
	}
	return Number.isFinite(start)
		? start - RECHECK_WINDOW_MARGIN_MS
		: batchStartedAtMs - RECHECK_CLOCK_SKEW_MS;
}

/**
 * The window start as the filter's value, in the same convention as Clientify's own stamps: with a
 * zone (`…Z`) when they carry one, else as a wall-clock time without zone (stamps without a zone are
 * read and written back the same way, so no time zone is ever guessed).
 */
export function recheckSince(creations: OwnCreation[], batchStartedAtMs: number): string {
	const start = recheckWindowStart(creations, batchStartedAtMs);
	const naive =
		creations.length > 0 && creations.every((c) => parseStamp(c.createdStamp)?.naive === true);
	const iso = new Date(start).toISOString();
	return naive ? iso.replace(/Z$/, '') : iso;
}

const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** A `created` stamp in ms; one without a zone is read as if it were UTC (and flagged naive). */
function parseStamp(value: unknown): { ms: number; naive: boolean } | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	const naive = !ZONE.test(text) && /\d{2}:\d{2}/.test(text);
	const ms = Date.parse(naive ? `${text.replace(' ', 'T')}Z` : text);
	return Number.isNaN(ms) ? undefined : { ms, naive };
}

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): record ids grow with creation order, so of two
 * records the one with the lower id was created first. Used to decide which racer merges.
 */
export function createdBefore(a: ClientifyRecord, b: ClientifyRecord): boolean {
	return a.id < b.id;
}

/**
 * The record our own creation `ownId` must be merged into: the oldest other record with the same
 * tax ID that was created before ours; undefined when ours is the oldest (the other racers merge).
 */
export function mergeTargetFor(
	own: ClientifyRecord,
	sameTaxId: ClientifyRecord[],
): ClientifyRecord | undefined {
	let target: ClientifyRecord | undefined;
	for (const record of sameTaxId) {
		if (record.id === own.id || !createdBefore(record, own)) continue;
		if (!target || createdBefore(record, target)) target = record;
	}
	return target;
}

/** One page of a listing: its records and the link to the next page, if any. */
interface RecheckPage {
	results: ClientifyRecord[];
	next: string | null;
}

/**
 * Every record created since `sinceIso`, listed by keyset rather than by page number: another run may
 * delete records (its merges) while we page, and with page numbers each deletion before the page
 * boundary would shift a record from the next page out of sight. So after each page the listing
 * starts again at the `created` stamp of the page's last record (Clientify's own stamp, sent back as
 * it came), and records seen twice are counted once. Only a full page that all carries one stamp is
 * followed by its `next` link. Same number of calls as paging by number, plus the boundary overlap.
 *
 * `fetch(qs)` lists from the start of a window, `fetch(undefined, next)` follows a `next` link.
 */
export async function listCreatedSince(
	sinceIso: string,
	pageSize: number,
	fetch: (qs: Record<string, string | number> | undefined, next?: string) => Promise<RecheckPage>,
): Promise<ClientifyRecord[]> {
	const byId = new Map<number, ClientifyRecord>();
	let since = sinceIso;
	let page = await fetch(recheckQuery(since, pageSize));
	for (let guard = 0; ; guard++) {
		if (guard > 100000) throw new Error('The re-check listing did not end');
		let added = 0;
		for (const record of page.results) {
			if (!byId.has(record.id)) added++;
			byId.set(record.id, record);
		}
		if (!page.next || page.results.length === 0) break;
		const last = page.results[page.results.length - 1].created;
		const nextSince = typeof last === 'string' && last.trim() ? last : undefined;
		// A restart that brought nothing new (one stamp over a whole page, or stamps out of id order)
		// is followed by its next link instead, so the listing always moves on.
		if (nextSince !== undefined && nextSince !== since && added > 0) {
			since = nextSince;
			page = await fetch(recheckQuery(since, pageSize));
		} else {
			page = await fetch(undefined, page.next);
		}
	}
	return [...byId.values()];
}
