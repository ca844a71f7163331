/**
 * Field mapping and payload building: normalized record (or fields set by expression) → the
 * record Clientify should hold (`DesiredRecord`) → the body of a create.
 *
 * Mapping (also the README's table):
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
import type { NormalizationWarning, NormalizedPhone, NormalizedRecord } from '../types';
import { SYNC_ADDRESS_TYPE, SYNC_EMAIL_TYPE, SYNC_WEBSITE_TYPE, phoneTypeCode } from './codes';
import { customFieldKey, customFieldName } from './customFields';
import { taxIdMatchKey } from './taxId';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyWebsite,
	CustomFieldEntry,
	DesiredRecord,
	Entity,
} from './types';

/** Custom field (after the prefix) that receives the normalized record's `sourceId`. */
export const SOURCE_ID_CUSTOM_FIELD = 'Codigo';

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
	address?: { street?: unknown; city?: unknown; province?: unknown; postalCode?: unknown; country?: unknown };
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

/** The normalized record (Hispatec nodes) in Clientify's vocabulary. */
export function sourceFromNormalizedRecord(record: NormalizedRecord, entity: Entity, prefix: string): SourceFields {
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
		emails: Array.isArray(record.emails) && record.emails.length ? record.emails : record.email ? [record.email] : [],
		phones: Array.isArray(record.phones) && record.phones.length
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
		source.companyName = cleanText(record.tradeName) ?? cleanText(record.name) ?? (personName || undefined);
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
	if (set(overrides.phone)) for (const n of splitList(overrides.phone)) phones.push({ number: n, type: 'landline' });
	if (set(overrides.mobilePhone)) for (const n of splitList(overrides.mobilePhone)) phones.push({ number: n, type: 'mobile' });
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

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface BuildOptions {
	tags: string[];
	/** Extra validation of the tax ID's match key (e.g. the normalization core's NIF/CIF validator). */
	validateTaxId?: (key: string) => boolean;
}

export type BuildResult =
	| { ok: true; desired: DesiredRecord }
	| { ok: false; reason: 'missing_tax_id' | 'invalid_tax_id'; message: string };

/** Cleans source values into the record Clientify should hold. No empty value survives. */
export function buildDesiredRecord(source: SourceFields, entity: Entity, options: BuildOptions): BuildResult {
	const taxIdText = cleanText(source.taxId);
	if (!taxIdText) {
		return { ok: false, reason: 'missing_tax_id', message: 'The record has no tax ID (NIF/CIF); it cannot be matched in Clientify.' };
	}
	const taxId = taxIdMatchKey(taxIdText);
	if (!taxId || (options.validateTaxId && !options.validateTaxId(taxId))) {
		return {
			ok: false,
			reason: 'invalid_tax_id',
			message: `The tax ID "${taxIdText}" is not a valid NIF/NIE/CIF; the record cannot be matched in Clientify.`,
		};
	}
	const warnings: NormalizationWarning[] = [];
	const scalars: Record<string, string> = { taxpayer_identification_number: taxId };
	const put = (key: string, value: unknown) => {
		const text = cleanText(value);
		if (text !== undefined) scalars[key] = text;
	};
	if (entity === 'contact') {
		put('first_name', source.firstName);
		put('last_name', source.lastName);
	} else {
		put('name', source.companyName);
		put('business_name', source.businessName);
	}

	const emails: ClientifyEmail[] = [];
	const seenEmails = new Set<string>();
	for (const raw of source.emails ?? []) {
		const email = cleanText(raw)?.toLowerCase();
		if (!email) continue;
		if (!EMAIL_SHAPE.test(email)) {
			warnings.push({ code: 'email_dropped', field: 'emails', message: `"${email}" is not an e-mail address; not synced.` });
			continue;
		}
		if (seenEmails.has(email)) continue;
		seenEmails.add(email);
		emails.push({ email, type: SYNC_EMAIL_TYPE });
	}

	const phones: ClientifyPhone[] = [];
	const seenPhones = new Set<string>();
	for (const p of source.phones ?? []) {
		const phone = cleanText(p?.number);
		if (!phone) continue;
		const key = phoneKey(phone);
		if (key.length < 3) {
			warnings.push({ code: 'phone_dropped', field: 'phones', message: `"${phone}" is not a phone number; not synced.` });
			continue;
		}
		if (seenPhones.has(key)) continue;
		seenPhones.add(key);
		phones.push({ phone, type: phoneTypeCode(p.type) });
	}

	const addresses: ClientifyAddress[] = [];
	if (source.address && typeof source.address === 'object') {
		const a = source.address;
		const address: ClientifyAddress = { type: SYNC_ADDRESS_TYPE };
		const street = cleanText(a.street);
		const city = cleanText(a.city);
		const state = cleanText(a.province);
		const postalCode = cleanText(a.postalCode);
		const country = cleanText(a.country);
		if (street) address.street = street;
		if (city) address.city = city;
		if (state) address.state = state;
		if (postalCode) address.postal_code = postalCode;
		if (country) address.country = country;
		if (street || city || state || postalCode || country) addresses.push(address);
	}

	const websites: ClientifyWebsite[] = [];
	const website = cleanText(source.website);
	if (website) websites.push({ website, type: SYNC_WEBSITE_TYPE });

	const customFields: CustomFieldEntry[] = [];
	const seenFields = new Map<string, number>();
	for (const [rawName, rawValue] of Object.entries(source.customFields ?? {})) {
		const name = rawName.trim();
		const value = cleanText(rawValue);
		if (!name || value === undefined) continue;
		const key = customFieldKey(name);
		const at = seenFields.get(key);
		if (at !== undefined) customFields[at] = { name, value };
		else {
			seenFields.set(key, customFields.length);
			customFields.push({ name, value });
		}
	}

	const desired: DesiredRecord = {
		entity,
		taxId,
		scalars,
		emails,
		phones,
		addresses,
		websites,
		tags: cleanTags(options.tags),
		customFields,
		warnings,
	};
	const sourceId = cleanText(source.sourceId);
	if (sourceId) desired.sourceId = sourceId;
	const modifiedAt = cleanText(source.modifiedAt);
	if (modifiedAt) desired.modifiedAt = modifiedAt;
	return { ok: true, desired };
}

/** Trimmed, non-empty, de-duplicated (case-insensitively) tag names. Blank tags break requests. */
export function cleanTags(tags: unknown[]): string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const tag of tags) {
		const name = cleanText(tag);
		if (!name) continue;
		const key = name.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}

/** Digits of a phone number without the international prefix `00`/`+` and without Spain's `34`. */
export function phoneKey(phone: string): string {
	let digits = phone.replace(/\D/g, '');
	if (digits.startsWith('00')) digits = digits.slice(2);
	if (digits.length === 11 && digits.startsWith('34')) digits = digits.slice(2);
	return digits;
}

/** Comparison form of free text: lower case, no accents, no punctuation, single spaces. */
export function textKey(value: unknown): string {
	const text = cleanText(value);
	if (!text) return '';
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^0-9a-z]+/g, ' ')
		.trim();
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

/**
 * The body of `POST /contacts/` or `POST /companies/`: scalars, tax ID, arrays with type codes,
 * tags and custom fields (values by field name). Empty arrays are left out.
 */
export function buildCreateBody(desired: DesiredRecord): Record<string, unknown> {
	const body: Record<string, unknown> = { ...desired.scalars };
	if (desired.emails.length) body.emails = desired.emails.map((e) => ({ ...e }));
	if (desired.phones.length) body.phones = desired.phones.map((p) => ({ ...p }));
	if (desired.addresses.length) body.addresses = desired.addresses.map((a) => ({ ...a }));
	if (desired.websites.length) body.websites = desired.websites.map((w) => ({ ...w }));
	if (desired.tags.length) body.tags = [...desired.tags];
	if (desired.customFields.length) {
		body.custom_fields = desired.customFields.map((c) => ({ field: c.name, value: c.value }));
	}
	return body;
}

/** What a create writes, in the output's `changedFields` vocabulary. */
export function createdFieldNames(desired: DesiredRecord): string[] {
	const names = Object.keys(desired.scalars);
	if (desired.emails.length) names.push('emails');
	if (desired.phones.length) names.push('phones');
	if (desired.addresses.length) names.push('addresses');
	if (desired.websites.length) names.push('websites');
	if (desired.tags.length) names.push('tags');
	for (const c of desired.customFields) names.push(`custom_fields.${c.name}`);
	return names;
}
