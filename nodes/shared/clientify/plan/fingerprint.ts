/**
 * Compact "known records" index for syncing a large ERP in chunks (the large-ERP template).
 *
 * Where the knowledge of "unchanged" lives: in Clientify itself. Once per run, the parent workflow
 * lists every contact and company ONCE (100 per call: 0.01 calls per record) and reduces each to
 * `"<id>:<fingerprint>"` under its tax-ID match key, about 30 bytes per record. Every chunk's
 * Clientify Upsert receives that index (option "Known Records") instead of listing or searching:
 * - tax ID not in the index → the record does not exist: create it, no lookup;
 * - fingerprint of the desired record = fingerprint in the index → unchanged, no call at all;
 * - otherwise (changed in the ERP, edited in Clientify, several records with that tax ID) → the
 *   usual live lookup and minimal diff.
 *
 * The fingerprint covers exactly what `diffRecord` compares, in its own comparison keys, so equal
 * fingerprints imply an empty plan: the scalar fields the mapping writes (absent = empty), custom
 * fields under the sync's prefix, e-mails, phones, addresses and web sites in order, and those of
 * the sync's tags the record has. Values people add in Clientify (another e-mail, a tag of their own
 * outside the sync's tags) make the fingerprints differ: that record costs one lookup per run and
 * is still found unchanged by the diff. 64 bits of SHA-256: a false "unchanged" needs a collision.
 */
import { createHash } from 'crypto';
import { customFieldKey } from '../desired/source';
import { fingerprintScalars } from '../fieldTable';
import { readSyncState, syncStateFieldName } from '../syncState';
import { stateTied } from './guard';
import { companyLinkOf, type CompanyLink } from './links';
import { foldKey } from '../../normalize/text';
import { phoneKey, taxIdMatchKey, websiteKey } from './match';
import type { ApiGeneration, ClientifyRecord, DesiredRecord, Entity } from '../types';
import { cleanText } from '../desired/source';

/**
 * Scalars `buildDesiredRecord` can write, per entity, in the field table's order (../fieldTable.ts:
 * its rows marked `fingerprint`). Their order is part of every fingerprint: changing it makes every
 * stored Known Records index miss once (a lookup per record, never a wrong "unchanged").
 */
const FINGERPRINT_SCALARS: Record<Entity, readonly string[]> = {
	contact: fingerprintScalars('contact'),
	company: fingerprintScalars('company'),
};

export interface FingerprintScope {
	/** The sync's tags (the Upsert's "Tags" option). */
	tags: readonly string[];
	/** The Upsert's "Custom Field Prefix"; custom fields outside it are ignored. */
	customFieldPrefix: string;
}

/** Parsed, per entity: tax ID → `"<id>:<fp>"` (several records: separated by spaces). */
export type KnownRecords = Partial<Record<Entity, Map<string, string>>>;

interface Canonical {
	/** A record the sync marked as gone from the ERP (state `x`): never equal to a desired record's. */
	x?: number;
	s: string[];
	c: string[];
	e: string[];
	p: string[];
	a: string[];
	w: string[];
	t: string[];
}

function digest(entity: Entity, canonical: Canonical): string {
	return createHash('sha256')
		.update(JSON.stringify([entity, canonical]))
		.digest('base64url')
		.slice(0, 11);
}

function addressKey(a: {
	street?: unknown;
	postal_code?: unknown;
	city?: unknown;
	state?: unknown;
	country?: unknown;
}): string {
	return [a.street, a.postal_code, a.city, a.state, a.country]
		.map((v) => foldKey(cleanText(v) ?? ''))
		.join('|');
}

/**
 * The sync state (`<prefix>SyncState`) is bookkeeping the Upsert writes with each change, not data
 * the ERP sends: it is left out of both fingerprints, so an unchanged record matches its index entry.
 */
function syncStateKey(scope: FingerprintScope): string {
	return customFieldKey(syncStateFieldName(scope.customFieldPrefix));
}

function text(value: unknown): string {
	return cleanText(value) ?? '';
}

function existingFingerprint(
	record: ClientifyRecord,
	entity: Entity,
	scope: FingerprintScope,
): string {
	const prefix = customFieldKey(scope.customFieldPrefix);
	const syncTags = new Set(scope.tags.map((t) => t.trim().toLowerCase()));
	const tags: string[] = [];
	for (const tag of record.tags ?? []) {
		const name =
			typeof tag === 'string' ? tag : tag && typeof tag === 'object' ? tag.name : undefined;
		const key = typeof name === 'string' ? name.trim().toLowerCase() : '';
		if (key && syncTags.has(key) && !tags.includes(key)) tags.push(key);
	}
	const custom: string[] = [];
	const stateKey = syncStateKey(scope);
	for (const entry of record.custom_fields ?? []) {
		if (!entry || typeof entry.field !== 'string') continue;
		const key = customFieldKey(entry.field);
		if (key === stateKey) continue;
		const value = text(entry.value);
		if (value !== '' && (prefix === '' || key.startsWith(prefix))) custom.push(`${key}=${value}`);
	}
	// A marked record must get the live lookup when it comes back, to lose its removal tag.
	const marked = readSyncState(record, syncStateFieldName(scope.customFieldPrefix))?.x;
	return digest(entity, {
		...(marked ? { x: marked } : {}),
		s: FINGERPRINT_SCALARS[entity].map((k) => text(record[k])),
		c: custom.sort(),
		e: (record.emails ?? []).map((e) => text(e?.email).toLowerCase()),
		p: (record.phones ?? []).map((p) => phoneKey(text(p?.phone))),
		a: (record.addresses ?? []).filter((a) => a && typeof a === 'object').map(addressKey),
		w: (record.websites ?? []).map((w) => websiteKey(w?.website)),
		t: tags.sort(),
	});
}

/**
 * The fingerprint the record would have in Clientify if it held exactly the desired values.
 * `undefined` when the desired record has something the index does not cover (a custom field
 * outside the prefix, a scalar outside the mapping): such a record always gets the live lookup.
 */
export function desiredFingerprint(
	desired: DesiredRecord,
	scope: FingerprintScope,
): string | undefined {
	const prefix = customFieldKey(scope.customFieldPrefix);
	const scalars = FINGERPRINT_SCALARS[desired.entity];
	if (Object.keys(desired.scalars).some((k) => !scalars.includes(k))) return undefined;
	const custom: string[] = [];
	const stateKey = syncStateKey(scope);
	for (const entry of desired.customFields) {
		const key = customFieldKey(entry.name);
		if (key === stateKey) continue;
		if (prefix !== '' && !key.startsWith(prefix)) return undefined;
		custom.push(`${key}=${entry.value}`);
	}
	const syncTags = new Set(scope.tags.map((t) => t.trim().toLowerCase()));
	const tags = [...new Set(desired.tags.map((t) => t.trim().toLowerCase()))];
	if (tags.some((t) => !syncTags.has(t))) return undefined;
	return digest(desired.entity, {
		s: scalars.map((k) => desired.scalars[k] ?? ''),
		c: custom.sort(),
		e: desired.emails.map((e) => e.email.toLowerCase()),
		p: desired.phones.map((p) => phoneKey(p.phone)),
		a: desired.addresses.map(addressKey),
		w: desired.websites.map((w) => websiteKey(w.website)),
		t: tags.sort(),
	});
}

/**
 * What an index entry carries beside `<id>:<fp>` (issue 20), each as `;<letter><value>` (values
 * URI-encoded, so never a space, `:` or `;`): `c` the Hispatec code of the record's sync state (a
 * contact's company is found by its code); contacts also `k` the company the sync linked it to
 * (from a tied state only) and the company it is linked to now, `l<id>` (v2) or `n<name>` (v1).
 * Indexes without them (older versions) still parse: the entry then says nothing of codes or links.
 */
interface KnownExtras {
	code?: string;
	k?: number;
	link?: CompanyLink;
}

function entryExtras(
	record: ClientifyRecord,
	entity: Entity,
	scope: FingerprintScope,
	generation: ApiGeneration,
): string {
	let out = '';
	const state = readSyncState(record, syncStateFieldName(scope.customFieldPrefix));
	if (state?.c) out += `;c${encodeURIComponent(state.c)}`;
	if (entity !== 'contact') return out;
	if (state?.k !== undefined && stateTied(record, state)) out += `;k${state.k}`;
	const link = companyLinkOf(record, generation);
	if (link.kind === 'id') out += `;l${link.id}`;
	if (link.kind === 'name') out += `;n${encodeURIComponent(link.name)}`;
	return out;
}

function parseExtras(text: string): KnownExtras {
	const extras: KnownExtras = {};
	for (const part of text.split(';')) {
		const value = part.slice(1);
		if (part[0] === 'c') extras.code = decodeURIComponent(value);
		else if (part[0] === 'k') extras.k = Number(value);
		else if (part[0] === 'l') extras.link = { kind: 'id', id: Number(value) };
		else if (part[0] === 'n') extras.link = { kind: 'name', name: decodeURIComponent(value) };
	}
	if (!extras.link && text) extras.link = { kind: 'none' };
	return extras;
}

/** Adds one listed record to an index under construction (`generation`: how links read). */
export function addToIndex(
	index: Map<string, string>,
	record: ClientifyRecord,
	entity: Entity,
	scope: FingerprintScope,
	generation: ApiGeneration = 'v1',
): void {
	const key = taxIdMatchKey(record?.taxpayer_identification_number);
	if (!key || typeof record.id !== 'number') return;
	const entry = `${record.id}:${existingFingerprint(record, entity, scope)}${entryExtras(record, entity, scope, generation)}`;
	const current = index.get(key);
	index.set(key, current === undefined ? entry : `${current} ${entry}`);
}

/** The index as the node outputs it: one line per tax ID. */
export function indexToText(index: Map<string, string>): string {
	let text = '';
	for (const [taxId, entry] of index) text += `${taxId}\t${entry}\n`;
	return text;
}

/**
 * The index text → a map; with `wanted`, only those tax IDs, and the entries whose Hispatec code
 * is in `wantedCodes` (one pass, nothing else kept).
 */
function indexFromText(
	text: string,
	wanted?: ReadonlySet<string>,
	wantedCodes?: ReadonlySet<string>,
): Map<string, string> {
	const index = new Map<string, string>();
	let at = 0;
	while (at < text.length) {
		let end = text.indexOf('\n', at);
		if (end < 0) end = text.length;
		const tab = text.indexOf('\t', at);
		if (tab > at && tab < end) {
			const taxId = text.slice(at, tab);
			const entry = text.slice(tab + 1, end);
			if (!wanted || wanted.has(taxId) || (wantedCodes?.size && hasWantedCode(entry, wantedCodes)))
				index.set(taxId, entry);
		}
		at = end + 1;
	}
	return index;
}

function hasWantedCode(entry: string, codes: ReadonlySet<string>): boolean {
	for (const one of entry.split(' ')) {
		const code = knownEntry(one).code;
		if (code !== undefined && codes.has(code)) return true;
	}
	return false;
}

/** One `<id>:<fp>[;extras]` entry. */
export interface KnownEntry extends KnownExtras {
	id: number;
	fingerprint: string;
}

function knownEntry(entry: string): KnownEntry {
	const at = entry.indexOf(':');
	const semi = entry.indexOf(';', at);
	const fingerprint = semi < 0 ? entry.slice(at + 1) : entry.slice(at + 1, semi);
	return {
		id: Number(entry.slice(0, at)),
		fingerprint,
		...(semi < 0 ? {} : parseExtras(entry.slice(semi + 1))),
	};
}

/** Every entry of an index (several records of one tax ID each count). */
export function* knownEntries(index: Map<string, string>): Generator<KnownEntry> {
	for (const entry of index.values()) for (const one of entry.split(' ')) yield knownEntry(one);
}

type KnownLookup =
	{ kind: 'absent' } | ({ kind: 'one' } & KnownEntry) | { kind: 'several'; entries: KnownEntry[] };

export function lookupKnown(index: Map<string, string>, taxId: string): KnownLookup {
	const entry = index.get(taxId);
	if (entry === undefined) return { kind: 'absent' };
	if (entry.includes(' ')) return { kind: 'several', entries: entry.split(' ').map(knownEntry) };
	return { kind: 'one', ...knownEntry(entry) };
}

/**
 * The option value (object or JSON text) → a per-entity index; throws with a clear message. Per
 * entity, one text of lines `<tax ID>\t<id>:<fp>[ <id>:<fp>…]` (what Clientify Index outputs: a
 * single string is passed between executions by reference and serialized without per-key overhead,
 * where an object of 100,000 keys is deep-copied by n8n at every hand-over), or the same as an
 * object `{ "<tax ID>": "<id>:<fp>" }`.
 */
export function parseKnownRecords(
	value: unknown,
	wanted?: ReadonlySet<string>,
	wantedCodes?: ReadonlySet<string>,
): KnownRecords | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
	// (a JSON text of the whole option; each entity's value may itself be the index text)
	const bad = () =>
		new Error(
			'Known Records must be the output of the Clientify Index node: { "contact": { "<tax ID>": "<id>:<fingerprint>" }, "company": { … } }',
		);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad();
	const out: KnownRecords = {};
	for (const entity of ['contact', 'company'] as const) {
		const index = (parsed as Record<string, unknown>)[entity];
		if (index === undefined || index === null) continue;
		if (typeof index === 'string') {
			out[entity] = indexFromText(index, wanted, entity === 'company' ? wantedCodes : undefined);
			continue;
		}
		if (typeof index !== 'object' || Array.isArray(index)) throw bad();
		out[entity] = new Map(
			Object.entries(index as Record<string, unknown>).filter(
				(e): e is [string, string] => typeof e[1] === 'string',
			),
		);
	}
	return out;
}
