/**
 * The write of a new record: the body of the create and what it writes, and the record as the
 * create left it (for the next item of the same tax ID and the re-check).
 */
import type { ClientifyRecord, DesiredRecord } from '../types';

/** The list fields of a Clientify record: its sub-resources and its custom-field values. */
export const LIST_FIELDS = [
	'emails',
	'phones',
	'addresses',
	'websites',
	'tags',
	'custom_fields',
] as const;

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
