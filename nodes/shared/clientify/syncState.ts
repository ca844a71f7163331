/**
 * The sync's own state, kept WITH the record in Clientify (a text custom field the node owns,
 * `<prefix>SyncState`), never in n8n's static data: it must hold across executions, chunks,
 * queue-mode workers and several workflows writing to one CRM.
 *
 *   {"v":1,"c":"C00012","m":"2024-05-01T10:00:00.000Z","n":1,"e":["1a2b3c4d"],"p":[…],"a":[…]}
 *
 * - `c`, `m`: the Hispatec code and `FechaModificacion` of the ERP record that owns the Clientify
 *   record (duplicate tax IDs across chunks, docs/clientify-upsert.md "Batches, errors and retries").
 * - `n`: the sync created the record: our clock (epoch ms) when it sent the create. It ties the marker
 *   to this very record (its `created` stamp must be that moment: plan/guard.ts), so a copy people
 *   make of the record does not carry it. Dropped with the sync's next update of the record: only a
 *   record nobody (the sync included) changed since its creation can be a fresh twin. `1` was written
 *   by earlier versions: created by the sync, but not tied, so never deleted.
 * - `e`, `p`, `a`: short hashes of the e-mails, phones and addresses this sync itself added, so that
 *   when the ERP's value changes the sync's old one can go. A value that was on the record before the
 *   sync wrote it stays the person's forever (plan/lists.ts).
 * - `i`: the id of the record the sync wrote this state on. With `n`, it ties the state to its record:
 *   a state copied onto another record (a duplicate, an export and re-import) is not trusted, so the
 *   values it lists stay the person's there (`stateTied`).
 * - `x`: the sync marked the record as gone from the ERP (option *When a Record Leaves the ERP*,
 *   plan/removal.ts): 1 = it added the removal tag; 2 = it also removed the sync's tags. A record that
 *   comes back loses exactly that, and `x` goes with the sync's next write.
 * - `k` (contacts): the id of the Clientify company the sync itself linked the contact to. When the
 *   ERP moves the contact, only this link may be undone; a link people made is never removed
 *   (plan/links.ts).
 *
 * Hashes (8 hex characters of SHA-256 of the comparison key) keep the value short: Clientify's limit
 * on a text custom field is not documented (docs/clientify-upsert.md "Assumed Clientify behaviour").
 */
import { createHash } from 'crypto';
import { duplicateWinners } from '../duplicates';
import { customFieldKey, customFieldName } from './desired/source';
import { foldKey } from '../normalize/text';
import { phoneKey } from './plan/match';
import type { ClientifyAddress, ClientifyRecord, DesiredRecord } from './types';
import { cleanText } from './desired/source';

/** Custom field (after the prefix) that holds the sync state. */
const SYNC_STATE_CUSTOM_FIELD = 'SyncState';

export interface SyncState {
	v: 1;
	/** Owning Hispatec code. */
	c?: string;
	/** Owning record's `FechaModificacion`, as an ISO instant. */
	m?: string;
	/** The sync created this record: our clock (epoch ms) at the create; 1 = untied (older versions). */
	n?: number;
	/** The id of the record the state was written on (every update writes it). */
	i?: number;
	/** The sync marked the record removed: 1 = added the removal tag; 2 = also removed the sync tag. */
	x?: 1 | 2;
	/** Contacts: the company id the sync itself linked this contact to. */
	k?: number;
	e: string[];
	p: string[];
	a: string[];
}

export function syncStateFieldName(prefix: string): string {
	return customFieldName(prefix, SYNC_STATE_CUSTOM_FIELD);
}

function hash(key: string): string {
	return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function emailStateKey(email: unknown): string {
	return hash(
		`e:${String(email ?? '')
			.trim()
			.toLowerCase()}`,
	);
}

export function phoneStateKey(phone: unknown): string {
	return hash(`p:${phoneKey(String(phone ?? ''))}`);
}

export function addressStateKey(address: Partial<ClientifyAddress>): string {
	return hash(
		`a:${[address.street, address.postal_code, address.city].map((v) => foldKey(cleanText(v) ?? '')).join('|')}`,
	);
}

/**
 * `FechaModificacion` as epoch milliseconds: ISO (`2024-05-01T10:00:00`, with or without offset;
 * without one it is read as UTC, the same way everywhere, which is all a comparison needs),
 * `2024-05-01 10:00:00`, or Spanish `01/05/2024 [10:00[:00]]`. Undefined when unreadable.
 */
function modifiedAtMs(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	const es = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
		text,
	);
	if (es) {
		const [, d, mo, y, h = '0', mi = '0', s = '0'] = es;
		const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
		return Number.isNaN(ms) ? undefined : ms;
	}
	const iso =
		/^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
			text,
		);
	if (!iso) return undefined;
	const ms = Date.parse(`${iso[1]}T${iso[2] ?? '00:00:00'}${iso[3] ?? 'Z'}`);
	return Number.isNaN(ms) ? undefined : ms;
}

/** Per list, the hashes of the values the sync owns (see `SyncState`). */
export type OwnedKeys = Pick<SyncState, 'e' | 'p' | 'a'>;

/** The hashes of every value of `desired`: on a create, the sync wrote them all. */
export function desiredKeys(desired: DesiredRecord): OwnedKeys {
	return {
		e: desired.emails.map((e) => emailStateKey(e.email)),
		p: desired.phones.map((p) => phoneStateKey(p.phone)),
		a: desired.addresses.map((a) => addressStateKey(a)),
	};
}

/**
 * The state the sync writes for `desired`: `owned` are the values the sync owns after this write
 * (on a create, every value of `desired`; on an update, from plan/lists.ts), `marker` the create's
 * moment while the record is untouched since (see `SyncState.n`).
 */
export function buildSyncState(
	desired: DesiredRecord,
	owned: OwnedKeys,
	marker?: number,
	recordId?: number,
	companyId?: number,
): SyncState {
	const keys = (list: string[]) => [...new Set(list)].sort();
	const state: SyncState = { v: 1, e: keys(owned.e), p: keys(owned.p), a: keys(owned.a) };
	if (desired.sourceId) state.c = desired.sourceId;
	const ms = modifiedAtMs(desired.modifiedAt);
	if (ms !== undefined) state.m = new Date(ms).toISOString();
	if (marker !== undefined) state.n = marker;
	if (recordId !== undefined) state.i = recordId;
	if (companyId !== undefined) state.k = companyId;
	return state;
}

/** Canonical text (fixed key order), so an unchanged state compares equal and costs no write. */
export function encodeSyncState(state: SyncState): string {
	const ordered: Record<string, unknown> = { v: 1 };
	if (state.c !== undefined) ordered.c = state.c;
	if (state.m !== undefined) ordered.m = state.m;
	if (state.n !== undefined) ordered.n = state.n;
	if (state.i !== undefined) ordered.i = state.i;
	if (state.x !== undefined) ordered.x = state.x;
	if (state.k !== undefined) ordered.k = state.k;
	ordered.e = state.e;
	ordered.p = state.p;
	ordered.a = state.a;
	return JSON.stringify(ordered);
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The state stored on a Clientify record, or undefined (none, or not ours / unreadable). */
export function readSyncState(
	record: ClientifyRecord | undefined,
	fieldName: string,
): SyncState | undefined {
	const key = customFieldKey(fieldName);
	const entry = (record?.custom_fields ?? []).find(
		(c) => c && typeof c.field === 'string' && customFieldKey(c.field) === key,
	);
	if (!entry || typeof entry.value !== 'string') return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(entry.value);
	} catch {
		return undefined;
	}
	if (
		!parsed ||
		typeof parsed !== 'object' ||
		Array.isArray(parsed) ||
		(parsed as { v?: unknown }).v !== 1
	)
		return undefined;
	const p = parsed as Record<string, unknown>;
	const state: SyncState = { v: 1, e: stringList(p.e), p: stringList(p.p), a: stringList(p.a) };
	if (typeof p.c === 'string' && p.c) state.c = p.c;
	if (typeof p.m === 'string' && modifiedAtMs(p.m) !== undefined) state.m = p.m;
	if (typeof p.n === 'number' && Number.isSafeInteger(p.n) && p.n >= 1) state.n = p.n;
	if (typeof p.i === 'number' && Number.isSafeInteger(p.i) && p.i >= 1) state.i = p.i;
	if (p.x === 1 || p.x === 2) state.x = p.x;
	if (typeof p.k === 'number' && Number.isSafeInteger(p.k) && p.k >= 1) state.k = p.k;
	return state;
}

/** The record's custom-field list with the state entry set to `value` (added when missing). */
export function withSyncStateValue(
	desired: DesiredRecord,
	fieldName: string,
	value: string,
): DesiredRecord {
	const key = customFieldKey(fieldName);
	let found = false;
	const customFields = desired.customFields.map((c) => {
		if (customFieldKey(c.name) !== key) return c;
		found = true;
		return { name: c.name, value };
	});
	if (!found) customFields.push({ name: fieldName, value });
	return { ...desired, customFields };
}

/** Whether the record's state field survived custom-field resolution (its definition exists). */
export function hasSyncStateField(desired: DesiredRecord, fieldName: string): string | undefined {
	const key = customFieldKey(fieldName);
	return desired.customFields.find((c) => customFieldKey(c.name) === key)?.name;
}

// ---- Duplicate tax IDs (docs/clientify-upsert.md "Batches, errors and retries") --------------------------------

interface Contender {
	index: number;
	modifiedAt?: string;
}

/**
 * Within one batch: the item with the newest `FechaModificacion` wins; on equal or missing dates
 * the later item (higher index) wins. The Hispatec side's rule for one read (`duplicateWinners`,
 * nodes/shared/duplicates.ts), applied in item order, with dates read by `modifiedAtMs` (as stored
 * in the sync state).
 */
export function pickBatchWinner<T extends Contender>(items: T[]): T {
	const inOrder = [...items].sort((a, b) => a.index - b.index);
	const winners = duplicateWinners(
		inOrder,
		() => '',
		(item) => modifiedAtMs(item.modifiedAt),
	);
	return inOrder[winners[0]];
}

/**
 * Across executions (chunks): does the ERP record stored as owner of the Clientify record keep it
 * against `incoming`? Both dated and different → the newer wins; otherwise the higher Hispatec code
 * wins (numeric-aware comparison). Neither depends on the order in which chunks run.
 */
export function storedOwnerWins(
	incoming: { code: string; modifiedAt?: string },
	stored: { c: string; m?: string },
): boolean {
	if (incoming.code === stored.c) return false;
	const a = modifiedAtMs(incoming.modifiedAt);
	const b = modifiedAtMs(stored.m);
	if (a !== undefined && b !== undefined && a !== b) return b > a;
	return compareCodes(stored.c, incoming.code) > 0;
}

/** `C9` < `C10` (digit runs compared as numbers), then plain text. Deterministic for any locale. */
function compareCodes(a: string, b: string): number {
	const split = (s: string) => s.match(/\d+|\D+/g) ?? [];
	const x = split(a);
	const y = split(b);
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const dx = /^\d/.test(x[i]);
		const dy = /^\d/.test(y[i]);
		if (dx && dy) {
			const nx = x[i].replace(/^0+(?=\d)/, '');
			const ny = y[i].replace(/^0+(?=\d)/, '');
			if (nx.length !== ny.length) return nx.length - ny.length;
			if (nx !== ny) return nx < ny ? -1 : 1;
		} else if (x[i] !== y[i]) {
			return x[i] < y[i] ? -1 : 1;
		}
	}
	if (x.length !== y.length) return x.length - y.length;
	return a < b ? -1 : a > b ? 1 : 0;
}
