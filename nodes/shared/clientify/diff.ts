/**
 * Diffing: what must change in an existing Clientify record so it holds the desired values.
 *
 * Rules (one-way sync that never destroys CRM data):
 * - Scalars: a non-empty desired value that differs (after trimming) is sent; an absent one never
 *   blanks Clientify's.
 * - Custom fields: changed values are sent together with the record's other non-empty values
 *   (the merged list), because PUT's merge semantics are not confirmed.
 * - E-mails, phones, addresses, web sites: a desired item missing from the record is added through
 *   its sub-resource; items only Clientify has are kept.
 * - Tags: a missing tag is added through `/tags/`; other tags are kept.
 */
import { customFieldKey } from './customFields';
import { cleanText, phoneKey, textKey, websiteKey } from './mapping';
import { taxIdMatchKey } from './taxId';
import type {
	ClientifyAddress,
	ClientifyCustomFieldValue,
	ClientifyRecord,
	CustomFieldEntry,
	DesiredRecord,
	UpdatePlan,
} from './types';

/** A Clientify value as comparable text (`null`, numbers and booleans included). */
function currentText(value: unknown): string {
	return cleanText(value) ?? '';
}

export function tagNames(record: ClientifyRecord): string[] {
	const out: string[] = [];
	for (const tag of record.tags ?? []) {
		if (typeof tag === 'string') out.push(tag);
		else if (tag && typeof tag === 'object' && typeof tag.name === 'string') out.push(tag.name);
	}
	return out;
}

/** True when `existing` already holds every component the desired address has. */
export function addressMatches(existing: ClientifyAddress, desired: ClientifyAddress): boolean {
	const keys = ['street', 'postal_code', 'city'] as const;
	const present = keys.filter((k) => textKey(desired[k]) !== '');
	const compared = present.length ? present : (['state', 'country'] as const).filter((k) => textKey(desired[k]) !== '');
	if (!compared.length) return true;
	return compared.every((k) => textKey(existing[k]) === textKey(desired[k]));
}

export function diffRecord(existing: ClientifyRecord, desired: DesiredRecord): UpdatePlan {
	const plan: UpdatePlan = {
		scalars: {},
		customFields: [],
		mergedCustomFields: [],
		addEmails: [],
		addPhones: [],
		addAddresses: [],
		addWebsites: [],
		addTags: [],
		changedFields: [],
	};

	for (const [key, value] of Object.entries(desired.scalars)) {
		if (currentText(existing[key]) !== value) {
			plan.scalars[key] = value;
			plan.changedFields.push(key);
		}
	}

	const currentValues = new Map<string, ClientifyCustomFieldValue>();
	for (const entry of existing.custom_fields ?? []) {
		if (entry && typeof entry.field === 'string') currentValues.set(customFieldKey(entry.field), entry);
	}
	for (const entry of desired.customFields) {
		const current = currentValues.get(customFieldKey(entry.name));
		if (!current || currentText(current.value) !== entry.value) {
			plan.customFields.push({ ...entry });
			plan.changedFields.push(`custom_fields.${entry.name}`);
		}
	}
	if (plan.customFields.length) {
		const merged = new Map<string, CustomFieldEntry>();
		for (const entry of existing.custom_fields ?? []) {
			const value = cleanText(entry?.value);
			if (entry && typeof entry.field === 'string' && value !== undefined) {
				merged.set(customFieldKey(entry.field), { name: entry.field, value });
			}
		}
		for (const entry of plan.customFields) merged.set(customFieldKey(entry.name), { ...entry });
		plan.mergedCustomFields = [...merged.values()];
	}

	const emails = new Set((existing.emails ?? []).map((e) => currentText(e?.email).toLowerCase()));
	plan.addEmails = desired.emails.filter((e) => !emails.has(e.email.toLowerCase())).map((e) => ({ ...e }));
	if (plan.addEmails.length) plan.changedFields.push('emails');

	const phones = new Set((existing.phones ?? []).map((p) => phoneKey(currentText(p?.phone))));
	plan.addPhones = desired.phones.filter((p) => !phones.has(phoneKey(p.phone))).map((p) => ({ ...p }));
	if (plan.addPhones.length) plan.changedFields.push('phones');

	const addresses = (existing.addresses ?? []).filter((a) => a && typeof a === 'object');
	plan.addAddresses = desired.addresses
		.filter((d) => !addresses.some((a) => addressMatches(a, d)))
		.map((a) => ({ ...a }));
	if (plan.addAddresses.length) plan.changedFields.push('addresses');

	const websites = new Set((existing.websites ?? []).map((w) => websiteKey(w?.website)));
	plan.addWebsites = desired.websites.filter((w) => !websites.has(websiteKey(w.website))).map((w) => ({ ...w }));
	if (plan.addWebsites.length) plan.changedFields.push('websites');

	const tags = new Set(tagNames(existing).map((t) => t.trim().toLowerCase()));
	plan.addTags = desired.tags.filter((t) => !tags.has(t.toLowerCase()));
	if (plan.addTags.length) plan.changedFields.push('tags');

	return plan;
}

export function isEmptyPlan(plan: UpdatePlan): boolean {
	return plan.changedFields.length === 0;
}

/** The body of the PUT, or undefined when no scalar or custom field changes. */
export function buildUpdateBody(plan: UpdatePlan): Record<string, unknown> | undefined {
	const body: Record<string, unknown> = { ...plan.scalars };
	if (plan.customFields.length) {
		body.custom_fields = plan.mergedCustomFields.map((c) => ({ field: c.name, value: c.value }));
	}
	return Object.keys(body).length ? body : undefined;
}

/**
 * The record as it is after the plan was applied (used when a later item of the batch has the same
 * tax ID, so it is diffed without another lookup). Pure: returns a new object.
 */
export function applyPlan(existing: ClientifyRecord, plan: UpdatePlan): ClientifyRecord {
	const next: ClientifyRecord = { ...existing, ...plan.scalars };
	if (plan.customFields.length) {
		const values = [...(existing.custom_fields ?? [])].map((c) => ({ ...c }));
		for (const change of plan.customFields) {
			const at = values.findIndex((c) => typeof c.field === 'string' && customFieldKey(c.field) === customFieldKey(change.name));
			if (at >= 0) values[at] = { ...values[at], value: change.value };
			else values.push({ field: change.name, value: change.value });
		}
		next.custom_fields = values;
	}
	if (plan.addEmails.length) next.emails = [...(existing.emails ?? []), ...plan.addEmails];
	if (plan.addPhones.length) next.phones = [...(existing.phones ?? []), ...plan.addPhones];
	if (plan.addAddresses.length) next.addresses = [...(existing.addresses ?? []), ...plan.addAddresses];
	if (plan.addWebsites.length) next.websites = [...(existing.websites ?? []), ...plan.addWebsites];
	if (plan.addTags.length) next.tags = [...tagNames(existing), ...plan.addTags];
	return next;
}

/** The record a create produced, when the API's answer is partial: the body, then the answer. */
export function recordFromCreate(body: Record<string, unknown>, response: unknown): ClientifyRecord {
	const answer = response && typeof response === 'object' && !Array.isArray(response) ? (response as Record<string, unknown>) : {};
	const record = { ...body, ...answer } as ClientifyRecord;
	for (const key of ['emails', 'phones', 'addresses', 'websites', 'tags', 'custom_fields'] as const) {
		if (!Array.isArray(answer[key]) && Array.isArray(body[key])) (record as Record<string, unknown>)[key] = body[key];
	}
	return record;
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
