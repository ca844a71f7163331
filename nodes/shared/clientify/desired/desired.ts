/**
 * Step 2 of the upsert path: source values (source.ts) → the record Clientify should hold
 * (`DesiredRecord`): cleaned, checked (a tax ID it can match on; e-mail addresses by the one e-mail
 * rule, `normalizeEmail` in nodes/shared/normalize/email.ts: WHATWG grammar, IDN domains; phone
 * numbers with at least three digits), with Clientify's type codes, deduplicated, and the body of
 * its create. No empty value survives; a rejected e-mail or phone is dropped with a warning, a
 * rejected tax ID skips the record. The lookup matches it (plan/match.ts), the diff compares it
 * (plan/diff.ts). Which scalars it writes, and from which source value, is the field table's
 * (../fieldTable.ts).
 */
import { normalizeEmail } from '../../normalize/email';
import type { NormalizationWarning, NormalizedPhone } from '../../types';
import { writtenScalars } from '../fieldTable';
import { checkTaxId, phoneKey, type TaxIdCheck } from '../plan/match';
import { cleanText, customFieldKey, type SourceFields } from './source';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyRecord,
	ClientifyWebsite,
	CustomFieldEntry,
	DesiredRecord,
	Entity,
} from '../types';

/** The list fields of a Clientify record: its sub-resources and its custom-field values. */
const LIST_FIELDS = ['emails', 'phones', 'addresses', 'websites', 'tags', 'custom_fields'] as const;

interface BuildOptions {
	tags: string[];
	/** The tax ID must be a valid Spanish one (`checkTaxId`, plan/match.ts: parsed once, here). */
	spanishTaxId?: boolean;
}

type BuildResult = { ok: true; desired: DesiredRecord } | Extract<TaxIdCheck, { ok: false }>;

/**
 * Cleans source values into the record Clientify should hold, or says why the record cannot be
 * matched (its tax ID). No empty value survives.
 */
export function buildDesiredRecord(
	source: SourceFields,
	entity: Entity,
	options: BuildOptions,
): BuildResult {
	const taxIdCheck = checkTaxId(source.taxId, options.spanishTaxId);
	if (!taxIdCheck.ok) return taxIdCheck;
	const { taxId } = taxIdCheck;
	const warnings: NormalizationWarning[] = [];
	// The field table's scalars, in its order: the tax ID (checked above), then the names. Any
	// entity but a contact writes a company's, as before the table.
	const scalars: Record<string, string> = {};
	for (const row of writtenScalars(entity === 'contact' ? 'contact' : 'company')) {
		const text = row.matchKey ? taxId : cleanText(source[row.source]);
		if (text !== undefined) scalars[row.api] = text;
	}

	const emails: ClientifyEmail[] = [];
	const seenEmails = new Set<string>();
	for (const raw of source.emails ?? []) {
		const checked = checkEmail(raw);
		if (!checked) continue;
		if ('warning' in checked) {
			warnings.push(checked.warning);
			continue;
		}
		if (seenEmails.has(checked.value)) continue;
		seenEmails.add(checked.value);
		emails.push({ email: checked.value, type: SYNC_EMAIL_TYPE });
	}

	const phones: ClientifyPhone[] = [];
	const seenPhones = new Set<string>();
	for (const p of source.phones ?? []) {
		const checked = checkPhone(p?.number);
		if (!checked) continue;
		if ('warning' in checked) {
			warnings.push(checked.warning);
			continue;
		}
		const key = phoneKey(checked.value);
		if (seenPhones.has(key)) continue;
		seenPhones.add(key);
		phones.push({ phone: checked.value, type: phoneTypeCode(p.type) });
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
function cleanTags(tags: unknown[]): string[] {
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

// ---- Clientify type codes for the nested arrays (reference §4, confirmed by two independent
// clients). The choice of code for each kind of source value is ours and documented in
// docs/clientify-upsert.md ("Field mapping").

const EMAIL_TYPE = { work: 1, personal: 2, other: 3, main: 4 } as const;
const PHONE_TYPE = { main: 1, mobile: 2, work: 3, home: 4, fax: 5, other: 6 } as const;
const ADDRESS_TYPE = { work: 1, home: 2, billing: 3, other: 4, main: 5 } as const;
const WEBSITE_TYPE = { corporate: 1, personal: 2, blog: 3, other: 4, main: 5 } as const;

/** ERP e-mails are business addresses: Work. */
const SYNC_EMAIL_TYPE = EMAIL_TYPE.work;
/** ERP addresses are the customer's business (fiscal) address: Work. */
const SYNC_ADDRESS_TYPE = ADDRESS_TYPE.work;
/** ERP web sites are the customer's own: Corporate. */
const SYNC_WEBSITE_TYPE = WEBSITE_TYPE.corporate;

/** Mobile → Mobile (2), landline → Work (3), anything else → Other (6). */
function phoneTypeCode(type: NormalizedPhone['type']): number {
	if (type === 'mobile') return PHONE_TYPE.mobile;
	if (type === 'landline') return PHONE_TYPE.work;
	return PHONE_TYPE.other;
}

// ---- What the Clientify side accepts from a source value

/** A checked value: the value to sync, a warning when it is dropped, or nothing (empty). */
type Checked = { value: string } | { warning: NormalizationWarning } | undefined;

/** One e-mail address as Clientify gets it (lower-case, IDN domain in A-labels). */
function checkEmail(raw: unknown): Checked {
	const text = cleanText(raw);
	if (!text) return undefined;
	const email = normalizeEmail(text);
	if (email === undefined) {
		return {
			warning: {
				code: 'email_dropped',
				field: 'emails',
				message: `"${text.toLowerCase()}" is not an e-mail address; not synced.`,
			},
		};
	}
	return { value: email };
}

/** One phone number, as given, when it has at least three digits. */
function checkPhone(raw: unknown): Checked {
	const phone = cleanText(raw);
	if (!phone) return undefined;
	if (phoneKey(phone).length < 3) {
		return {
			warning: {
				code: 'phone_dropped',
				field: 'phones',
				message: `"${phone}" is not a phone number; not synced.`,
			},
		};
	}
	return { value: phone };
}

// ---- The write of a new record: the body of the create and what it writes, and the record as the
// create left it (for the next item of the same tax ID and the re-check).

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

/** The record a create produced, when the API's answer is partial: the body, then the answer. */
export function recordFromCreate(
	body: Record<string, unknown>,
	response: unknown,
): ClientifyRecord {
	const answer =
		response && typeof response === 'object' && !Array.isArray(response)
			? (response as Record<string, unknown>)
			: {};
	const record = { ...body, ...answer } as ClientifyRecord;
	for (const key of LIST_FIELDS) {
		if (!Array.isArray(answer[key]) && Array.isArray(body[key]))
			(record as Record<string, unknown>)[key] = body[key];
	}
	return record;
}
