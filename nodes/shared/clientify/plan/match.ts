/**
 * Matching an ERP record with Clientify's: the comparison keys of the Clientify side (the tax ID's
 * match key, phone numbers, web addresses: two values with the same key are the same value, for the
 * lookup, the diff, sub-resource re-checks, sync-state hashes and fingerprints), grouping a batch by
 * tax ID, the exact matches of a tax ID among lookup candidates, choosing among the matches (none →
 * create, one → update, several → "On Multiple Matches"), and choosing between one search per record
 * and one listing of the whole CRM. Free text is compared by `foldKey` (nodes/shared/normalize/text.ts);
 * addresses by address.ts. The update plan for a match comes from diff.ts.
 */
import { parseTaxId } from '../../normalize/taxId';
import type { SkipReason } from '../../types';
import { cleanText } from '../desired/source';
import type { ClientifyRecord, Entity, MatchDecision, OnMultipleMatches } from '../types';

/** Digits of a phone number without the international prefix `00`/`+` and without Spain's `34`. */
export function phoneKey(phone: string): string {
	let digits = phone.replace(/\D/g, '');
	if (digits.startsWith('00')) digits = digits.slice(2);
	if (digits.length === 11 && digits.startsWith('34')) digits = digits.slice(2);
	return digits;
}

/** Comparison form of a web address: no scheme, no `www.`, no trailing slash, lower case. */
export function websiteKey(value: unknown): string {
	const text = cleanText(value);
	if (!text) return '';
	return text
		.toLowerCase()
		.replace(/^[a-z]+:\/\//, '')
		.replace(/^www\./, '')
		.replace(/\/+$/, '');
}

// ---- Tax IDs -------------------------------------------------------------------------------------
// Clientify stores `taxpayer_identification_number` as users typed it (`b-58378431`,
// `ES B58378431`, `12.345.678-Z`), and its `query` search is a substring match, so every candidate
// is compared on the match key and only exact matches count. A comparison key, not a validator:
// validation belongs to nodes/shared/normalize.

/**
 * A valid Spanish ID gives its normalized form, by the same clean-up as the Hispatec side
 * (`parseTaxId`: separators, `ES` prefix, typed labels, zero-padding of short DNIs), so `1234567L` and
 * `NIF: 01234567-L` stored in Clientify both match `01234567L`. Anything else: upper-case, without
 * spaces or punctuation, without a leading `ES` when 9 characters follow. `''` for no value.
 */
export function taxIdMatchKey(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return '';
	const parsed = parseTaxId(String(value));
	return parsed.valid ? parsed.value : compactTaxId(String(value));
}

/** Upper-case, without spaces or punctuation, without a leading `ES` when 9 characters follow. */
function compactTaxId(text: string): string {
	const compact = text
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^0-9A-Z]/g, '');
	if (compact.length === 11 && compact.startsWith('ES')) return compact.slice(2);
	return compact;
}

export type TaxIdCheck =
	| { ok: true; taxId: string }
	| {
			ok: false;
			reason: Extract<SkipReason, 'missing_tax_id' | 'invalid_tax_id' | 'foreign_tax_id'>;
			message: string;
			/** The value's match key, when it has one (the skipped item's `taxId`). */
			key?: string;
	  };

/**
 * A record's own tax ID on the Upsert side, parsed once: its match key, or why the record cannot be
 * matched in Clientify. `spanish`: it must be a valid Spanish ID (`parseTaxId`; a normalized record
 * that is not `FOREIGN`, or *Define Below*); otherwise any value with a match key will do.
 */
export function checkTaxId(value: unknown, spanish = false): TaxIdCheck {
	const text = cleanText(value) ?? '';
	if (!spanish) {
		const taxId = text && taxIdMatchKey(text);
		if (taxId) return { ok: true, taxId };
		if (!text) return { ok: false, reason: 'missing_tax_id', message: NO_TAX_ID };
		return {
			ok: false,
			reason: 'invalid_tax_id',
			message: `The tax ID "${text}" is not a valid NIF/NIE/CIF; the record cannot be matched in Clientify.`,
		};
	}
	const parsed = parseTaxId(text);
	if (parsed.valid) return { ok: true, taxId: parsed.value };
	const key = typeof value === 'string' || typeof value === 'number' ? compactTaxId(text) : '';
	return {
		ok: false,
		reason:
			parsed.error === 'empty'
				? 'missing_tax_id'
				: parsed.error === 'foreign'
					? 'foreign_tax_id'
					: 'invalid_tax_id',
		message: parsed.error === 'empty' ? NO_TAX_ID : `Tax ID "${text}" ${parsed.reason}.`,
		...(key ? { key } : {}),
	};
}

const NO_TAX_ID = 'The record has no tax ID (NIF/CIF); it cannot be matched in Clientify.';

// ---- Matches ----------------------------------------------------------------------------------------

/** Largest page Clientify serves (`page_size` max). */
export const MAX_PAGE_SIZE = 100;

/** Auto strategy: below this many distinct tax IDs of an entity, searching is never beaten. */
export const AUTO_MIN_GROUPS_TO_PROBE = 2;

function createdAt(record: ClientifyRecord): number {
	const t = typeof record.created === 'string' ? Date.parse(record.created) : NaN;
	return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * No match → create; one → update; several → ambiguous (the default) or the oldest one (by
 * `created`, then by id), keeping the other ids for the output's warning.
 */
export function decideMatch(
	matches: ClientifyRecord[],
	onMultiple: OnMultipleMatches,
): MatchDecision {
	if (matches.length === 0) return { kind: 'none' };
	if (matches.length === 1) return { kind: 'one', record: matches[0] };
	const sorted = [...matches].sort((a, b) => createdAt(a) - createdAt(b) || a.id - b.id);
	const ids = sorted.map((r) => r.id);
	if (onMultiple === 'updateOldest') return { kind: 'one', record: sorted[0], ambiguousIds: ids };
	return { kind: 'ambiguous', ids: [...ids].sort((a, b) => a - b) };
}

interface GroupMember {
	index: number;
	entity: Entity;
	taxId: string;
}

export interface RecordGroup {
	key: string;
	entity: Entity;
	taxId: string;
	/** Input item indexes, in input order. */
	indexes: number[];
}

/**
 * One group per entity and tax ID, in order of first appearance; each group's items stay in input
 * order. Items of one group are applied one after the other (never two creates, later data wins);
 * groups run concurrently.
 */
export function groupByTaxId(members: GroupMember[]): RecordGroup[] {
	const groups = new Map<string, RecordGroup>();
	for (const m of members) {
		const key = `${m.entity}:${m.taxId}`;
		let group = groups.get(key);
		if (!group) {
			group = { key, entity: m.entity, taxId: m.taxId, indexes: [] };
			groups.set(key, group);
		}
		group.indexes.push(m.index);
	}
	return [...groups.values()];
}

/**
 * Auto strategy: after the first listing page (its `count` tells the CRM's size), is finishing the
 * listing cheaper than one search per distinct tax ID? Ties go to searching (less memory, fresher).
 */
export function shouldIndex(
	groups: number,
	count: number,
	pagesFetched: number,
	pageSize = MAX_PAGE_SIZE,
): boolean {
	const remaining = Math.max(0, Math.ceil(count / pageSize) - pagesFetched);
	return remaining < groups;
}

/** Exact matches of a tax ID among lookup candidates (Clientify's `query` is a substring search). */
export function exactMatches(candidates: ClientifyRecord[], taxIdKey: string): ClientifyRecord[] {
	const seen = new Set<number>();
	const out: ClientifyRecord[] = [];
	for (const record of candidates) {
		if (!record || typeof record !== 'object') continue;
		if (taxIdMatchKey(record.taxpayer_identification_number) !== taxIdKey || !taxIdKey) continue;
		if (seen.has(record.id)) continue;
		seen.add(record.id);
		out.push(record);
	}
	return out;
}
