/**
 * Step 1 of the upsert path: the source values in Clientify's vocabulary (`SourceFields`), from a
 * normalized record (the Hispatec nodes) and the node's field overrides (*Define Below* or set by
 * expression), with the custom fields' names (and how Clientify's definitions are matched) and the
 * clean-up every value gets. Cleaning and validation follow in desired.ts.
 *
 * Mapping (also the table in docs/clientify-upsert.md, "Field mapping"):
 * | normalized              | contact                            | company                       |
 * |-------------------------|------------------------------------|-------------------------------|
 * | taxId                   | taxpayer_identification_number     | taxpayer_identification_number|
 * | firstName (else name)   | first_name                         | —                             |
 * | lastName                | last_name                          | —                             |
 * | tradeName (else name)   | —                                  | name                          |
 * | name                    | —                                  | business_name                 |
 * | emails[]                | emails[{email, type 1 Work}]       | same                          |
 * | phones[]                | phones[{phone, type 2/3/6}]        | same                          |
 * | address                 | addresses[{street, city, state ← province, postal_code, country, type 1 Work}] |
 * | website                 | websites[{website, type 1 Corporate}] | same                       |
 * | extra.<F>               | custom_fields[{field: <prefix><F>}]| same                          |
 * | sourceId                | custom_fields[{field: <prefix>Codigo}] | same                      |
 */
import type { NormalizedPhone, NormalizedRecord } from '../../types';
import type { CustomFieldDefinition, Entity } from '../types';

/** Custom field (after the prefix) that receives the normalized record's `sourceId`. */
const SOURCE_ID_CUSTOM_FIELD = 'Codigo';

export const DEFAULT_TAGS: readonly string[] = ['hispatec'];

/**
 * Source values in Clientify's vocabulary, before cleaning. Both input modes produce this:
 * "From Normalized Record" (`sourceFromNormalizedRecord`) and "Define Below" (the node's fields).
 */
export interface SourceFields {
	taxId?: unknown;
	/** Contacts: `first_name`. */
	firstName?: unknown;
	/** Contacts: `last_name`. */
	lastName?: unknown;
	/** Companies: `name` (display name, required by Clientify to create a company). */
	companyName?: unknown;
	/** Companies: `business_name` (legal name, razón social). */
	businessName?: unknown;
	emails?: unknown[];
	phones?: Array<{ number: unknown; type: NormalizedPhone['type'] }>;
	address?: {
		street?: unknown;
		city?: unknown;
		province?: unknown;
		postalCode?: unknown;
		country?: unknown;
	};
	website?: unknown;
	/** Full custom-field names (prefix already applied) → values. */
	customFields?: Record<string, unknown>;
	sourceId?: unknown;
	/** Hispatec `FechaModificacion` as given (decides between records with the same tax ID). */
	modifiedAt?: unknown;
}

/** Field-by-field overrides set in the node (a set value replaces the record's). */
export interface FieldOverrides {
	firstName?: unknown;
	lastName?: unknown;
	companyName?: unknown;
	businessName?: unknown;
	email?: unknown;
	phone?: unknown;
	mobilePhone?: unknown;
	street?: unknown;
	city?: unknown;
	state?: unknown;
	postalCode?: unknown;
	country?: unknown;
	website?: unknown;
}

/** The normalized record (Hispatec nodes) in Clientify's vocabulary. */
export function sourceFromNormalizedRecord(
	record: NormalizedRecord,
	entity: Entity,
	prefix: string,
): SourceFields {
	const customFields: Record<string, unknown> = {};
	const extra = record.extra && typeof record.extra === 'object' ? record.extra : {};
	for (const [field, value] of Object.entries(extra)) {
		customFields[customFieldName(prefix, field)] = value;
	}
	if (cleanText(record.sourceId) !== undefined) {
		customFields[customFieldName(prefix, SOURCE_ID_CUSTOM_FIELD)] = record.sourceId;
	}
	const personName = [record.firstName, record.lastName].map(cleanText).filter(Boolean).join(' ');
	const source: SourceFields = {
		taxId: record.taxId,
		emails:
			Array.isArray(record.emails) && record.emails.length
				? record.emails
				: record.email
					? [record.email]
					: [],
		phones:
			Array.isArray(record.phones) && record.phones.length
				? record.phones.map((p) => ({ number: p?.number, type: p?.type }))
				: record.phone
					? [{ number: record.phone, type: 'other' as const }]
					: [],
		address: record.address,
		website: record.website,
		customFields,
		sourceId: record.sourceId,
		modifiedAt: record.modifiedAt,
	};
	if (entity === 'contact') {
		// A person has first and last names; anything else (a CIF holder kept as a contact) puts its
		// full name in first_name rather than splitting it.
		if (cleanText(record.firstName) || !cleanText(record.name)) {
			source.firstName = record.firstName;
			source.lastName = record.lastName;
		} else {
			source.firstName = record.name;
		}
	} else {
		source.companyName =
			cleanText(record.tradeName) ?? cleanText(record.name) ?? (personName || undefined);
		source.businessName = cleanText(record.name) ?? (personName || undefined);
	}
	return source;
}

/** Applies the node's field overrides: each set (non-empty) value replaces the source's. */
export function applyOverrides(source: SourceFields, overrides: FieldOverrides): SourceFields {
	const out: SourceFields = { ...source };
	const set = (value: unknown) => cleanText(value) !== undefined;
	if (set(overrides.firstName)) out.firstName = overrides.firstName;
	if (set(overrides.lastName)) out.lastName = overrides.lastName;
	if (set(overrides.companyName)) out.companyName = overrides.companyName;
	if (set(overrides.businessName)) out.businessName = overrides.businessName;
	if (set(overrides.email)) out.emails = splitList(overrides.email);
	const phones: SourceFields['phones'] = [];
	if (set(overrides.phone))
		for (const n of splitList(overrides.phone)) phones.push({ number: n, type: 'landline' });
	if (set(overrides.mobilePhone))
		for (const n of splitList(overrides.mobilePhone)) phones.push({ number: n, type: 'mobile' });
	if (phones.length) out.phones = phones;
	const addressKeys = ['street', 'city', 'postalCode', 'country'] as const;
	if (addressKeys.some((k) => set(overrides[k])) || set(overrides.state)) {
		const address = { ...(source.address ?? {}) };
		for (const k of addressKeys) if (set(overrides[k])) address[k] = overrides[k];
		if (set(overrides.state)) address.province = overrides.state;
		out.address = address;
	}
	if (set(overrides.website)) out.website = overrides.website;
	return out;
}

// ---- Custom fields: naming and definition matching.
// - Each `extra` entry of a normalized record becomes the custom field `<prefix><SourceFieldName>`.
// - Definitions (`GET /custom-fields/`) name their entity in `content_type`: v1
//   `"contacts | contact"`, v2 localized `"contacts | contacto"`, before Dec 2023 plain `"contact"`.
//   Only the trimmed part before `|` is compared, so every language matches.
// - Names are matched case-insensitively (trimmed); values are then sent under the definition's own
//   spelling.

export const DEFAULT_CUSTOM_FIELD_PREFIX = 'hispatec_';

/** Clientify's `field_type` for a free-text field ("Text", "Texto" on v2). */
const CUSTOM_FIELD_TYPE_TEXT = 3;

/** `<prefix><SourceFieldName>`, trimmed. */
export function customFieldName(prefix: string, sourceField: string): string {
	return `${prefix}${sourceField}`.trim();
}

/** Comparison key for custom-field names. */
export function customFieldKey(name: string): string {
	return name.trim().toLowerCase();
}

/** The entity a definition belongs to, from its `content_type`; undefined for deals, products, … */
export function entityOfContentType(contentType: unknown): Entity | undefined {
	if (typeof contentType !== 'string') return undefined;
	const head = contentType.split('|')[0].trim().toLowerCase();
	if (head === 'contacts' || head === 'contact') return 'contact';
	if (head === 'companies' || head === 'company') return 'company';
	return undefined;
}

/** Index of one entity's definitions by `customFieldKey`. */
export function indexDefinitions(
	definitions: CustomFieldDefinition[],
	entity: Entity,
): Map<string, CustomFieldDefinition> {
	const index = new Map<string, CustomFieldDefinition>();
	for (const definition of definitions) {
		if (typeof definition?.name !== 'string') continue;
		if (entityOfContentType(definition.content_type) !== entity) continue;
		const key = customFieldKey(definition.name);
		if (!index.has(key)) index.set(key, definition);
	}
	return index;
}

/**
 * ASSUMED API (docs/clientify-upsert.md "Assumed Clientify behaviour" #1): the body that creates a text custom field.
 * No public client creates custom fields; `content_type` might instead want the
 * `"contacts | contact"` label or a numeric id. Only this function needs to change if so.
 */
export function customFieldCreateBody(
	name: string,
	entity: Entity,
): { name: string; field_type: number; content_type: string } {
	return { name, field_type: CUSTOM_FIELD_TYPE_TEXT, content_type: entity };
}

/**
 * ASSUMED API (docs/clientify-upsert.md "Assumed Clientify behaviour"): how Clientify refuses a definition whose name
 * the entity already has (another run created it a moment ago). Unknown: a DRF 400
 * (`{"name": ["… already exists."]}`), a 409 or a 422 are all taken as "maybe it exists", and the
 * definitions are listed again before anything is concluded.
 */
export function definitionMayAlreadyExist(status: number | undefined): boolean {
	return status === 400 || status === 409 || status === 422;
}

// ---- Values as text: the clean-up every value of the Clientify side gets before it is mapped,
// compared or sent (no empty value survives).

/** A primitive as a trimmed string; undefined for objects, null and blank strings. */
export function cleanText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.replace(/\s+/g, ' ').trim();
		return trimmed === '' ? undefined : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return undefined;
}

/** Splits `a@x.es; b@y.es` / `a@x.es, b@y.es` and arrays into single values. */
export function splitList(value: unknown): string[] {
	const parts: string[] = [];
	const visit = (v: unknown) => {
		if (Array.isArray(v)) {
			v.forEach(visit);
			return;
		}
		const text = cleanText(v);
		if (!text) return;
		for (const piece of text.split(/[;,]/)) {
			const p = piece.trim();
			if (p) parts.push(p);
		}
	};
	visit(value);
	return parts;
}
