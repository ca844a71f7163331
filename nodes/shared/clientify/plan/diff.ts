/**
 * Diffing: what must change in an existing Clientify record so it holds the desired values.
 *
 * Rules (one-way sync that never destroys CRM data):
 * - Scalars: a non-empty desired value that differs (after trimming) is sent; an absent one never
 *   blanks Clientify's.
 * - Custom fields: changed values are sent together with the record's other non-empty values
 *   (the merged list), because PUT's merge semantics are not confirmed.
 * - E-mails, phones, addresses, web sites: a desired item missing from the record is added through
 *   its sub-resource; items only Clientify has are kept. With "Make the New Value Primary" (e-mails,
 *   phones, addresses) the ERP's items must come first and the ones this sync wrote before (sync
 *   state hashes) that the ERP no longer has are dropped: when that needs more than appending, the
 *   whole list is sent in the PUT (`listReplacement`, an assumed behaviour).
 * - Tags: a missing tag is added through `/tags/`; other tags are kept.
 */
import { customFieldKey } from '../desired/customFields';
import { addressMatches } from './address';
import { phoneKey, websiteKey } from './keys';
import { addressStateKey, emailStateKey, phoneStateKey, type SyncState } from '../syncState';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyCustomFieldValue,
	ClientifyRecord,
	CustomFieldEntry,
	DesiredRecord,
	UpdatePlan,
} from '../types';
import { cleanText } from '../desired/values';

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

export interface DiffOptions {
	/**
	 * "When an E-mail, Phone or Address Changes": true = Make the New Value Primary (the ERP's
	 * values first, the ones this sync wrote earlier and the ERP no longer has removed); false or
	 * absent = Only Add New Values.
	 */
	makePrimary?: boolean;
	/** The sync state stored on the record (what this sync wrote earlier). */
	previous?: SyncState;
}

/**
 * Make the New Value Primary, for one list: the target order is the ERP's items (in the ERP's
 * order), then the items people added; items this sync wrote earlier that the ERP no longer has
 * are dropped. Returns what to add (when the list only grows at its end), or the whole list to
 * replace it with (when it must be reordered or lose an item), or nothing when it is in order.
 */
export function planPrimaryList<T>(
	existing: T[],
	desired: T[],
	same: (existing: T, desired: T) => boolean,
	stateKey: (item: T) => string,
	previous: string[],
): { add: T[]; replace?: T[] } {
	// The ERP has no value of this kind: nothing is removed or reordered (an empty source value
	// never blanks Clientify).
	if (!desired.length) return { add: [] };
	const written = new Set(previous);
	const isDesired = (e: T) => desired.some((d) => same(e, d));
	const stale = existing.filter((e) => !isDesired(e) && written.has(stateKey(e)));
	const others = existing.filter((e) => !isDesired(e) && !stale.includes(e));
	const missing = desired.filter((d) => !existing.some((e) => same(e, d)));
	const kept = existing.filter((e) => !stale.includes(e));
	if (!stale.length && inTargetOrder([...kept, ...missing], desired, same)) return { add: missing };
	const existingFor = (d: T) => existing.find((e) => same(e, d));
	return { add: [], replace: [...desired.map((d) => existingFor(d) ?? d), ...others] };
}

/** Whether `list` is the desired items in order, then only non-desired ones. */
function inTargetOrder<T>(list: T[], desired: T[], same: (e: T, d: T) => boolean): boolean {
	for (let i = 0; i < desired.length; i++) if (!list[i] || !same(list[i], desired[i])) return false;
	return list.slice(desired.length).every((e) => !desired.some((d) => same(e, d)));
}

export function diffRecord(
	existing: ClientifyRecord,
	desired: DesiredRecord,
	options: DiffOptions = {},
): UpdatePlan {
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
		if (entry && typeof entry.field === 'string')
			currentValues.set(customFieldKey(entry.field), entry);
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

	const existingEmails = (existing.emails ?? []).filter((e) => e && typeof e === 'object');
	const existingPhones = (existing.phones ?? []).filter((p) => p && typeof p === 'object');
	const addresses = (existing.addresses ?? []).filter((a) => a && typeof a === 'object');
	if (options.makePrimary) {
		const previous = options.previous;
		const emailPlan = planPrimaryList(
			existingEmails,
			desired.emails,
			(e, d) => currentText(e.email).toLowerCase() === d.email.toLowerCase(),
			(e) => emailStateKey(currentText(e.email)),
			previous?.e ?? [],
		);
		plan.addEmails = emailPlan.add.map((e) => ({ ...e }));
		if (emailPlan.replace) plan.replaceEmails = emailPlan.replace.map((e) => ({ ...e }));
		const phonePlan = planPrimaryList(
			existingPhones,
			desired.phones,
			(e, d) => phoneKey(currentText(e.phone)) === phoneKey(d.phone),
			(e) => phoneStateKey(currentText(e.phone)),
			previous?.p ?? [],
		);
		plan.addPhones = phonePlan.add.map((p) => ({ ...p }));
		if (phonePlan.replace) plan.replacePhones = phonePlan.replace.map((p) => ({ ...p }));
		const addressPlan = planPrimaryList(
			addresses,
			desired.addresses,
			addressMatches,
			addressStateKey,
			previous?.a ?? [],
		);
		plan.addAddresses = addressPlan.add.map((a) => ({ ...a }));
		if (addressPlan.replace) plan.replaceAddresses = addressPlan.replace.map((a) => ({ ...a }));
	} else {
		const emails = new Set(existingEmails.map((e) => currentText(e?.email).toLowerCase()));
		plan.addEmails = desired.emails
			.filter((e) => !emails.has(e.email.toLowerCase()))
			.map((e) => ({ ...e }));
		const phones = new Set(existingPhones.map((p) => phoneKey(currentText(p?.phone))));
		plan.addPhones = desired.phones
			.filter((p) => !phones.has(phoneKey(p.phone)))
			.map((p) => ({ ...p }));
		plan.addAddresses = desired.addresses
			.filter((d) => !addresses.some((a) => addressMatches(a, d)))
			.map((a) => ({ ...a }));
	}
	if (plan.addEmails.length || plan.replaceEmails) plan.changedFields.push('emails');
	if (plan.addPhones.length || plan.replacePhones) plan.changedFields.push('phones');
	if (plan.addAddresses.length || plan.replaceAddresses) plan.changedFields.push('addresses');

	const websites = new Set((existing.websites ?? []).map((w) => websiteKey(w?.website)));
	plan.addWebsites = desired.websites
		.filter((w) => !websites.has(websiteKey(w.website)))
		.map((w) => ({ ...w }));
	if (plan.addWebsites.length) plan.changedFields.push('websites');

	const tags = new Set(tagNames(existing).map((t) => t.trim().toLowerCase()));
	plan.addTags = desired.tags.filter((t) => !tags.has(t.toLowerCase()));
	if (plan.addTags.length) plan.changedFields.push('tags');

	return plan;
}

export function isEmptyPlan(plan: UpdatePlan): boolean {
	return plan.changedFields.length === 0;
}

/** The body of the PUT, or undefined when no scalar, custom field or replaced list changes. */
export function buildUpdateBody(plan: UpdatePlan): Record<string, unknown> | undefined {
	const body: Record<string, unknown> = { ...plan.scalars };
	if (plan.customFields.length) {
		body.custom_fields = plan.mergedCustomFields.map((c) => ({ field: c.name, value: c.value }));
	}
	if (plan.replaceEmails) body.emails = listReplacement('emails', plan.replaceEmails);
	if (plan.replacePhones) body.phones = listReplacement('phones', plan.replacePhones);
	if (plan.replaceAddresses) body.addresses = listReplacement('addresses', plan.replaceAddresses);
	return Object.keys(body).length ? body : undefined;
}

/**
 * ASSUMED (README "Assumed Clientify behaviour"): `PUT /contacts/{id}/` (and companies) with
 * `emails`, `phones` or `addresses` REPLACES the record's list with exactly the items sent, in the
 * order sent, and Clientify treats the FIRST item as the primary one (shown, e-mailed, dialled).
 * Items are sent without their ids, each with its own type code (addresses with all six keys).
 * Used only by "Make the New Value Primary" when a list must be reordered or lose a value this
 * sync wrote; growing a list uses the sub-resource POST (confirmed) as before.
 */
export function listReplacement(
	sub: 'emails' | 'phones' | 'addresses',
	items: Array<ClientifyEmail | ClientifyPhone | ClientifyAddress>,
): Array<Record<string, unknown>> {
	return items.map((item) => {
		if (sub === 'emails') return { email: (item as ClientifyEmail).email, type: item.type };
		if (sub === 'phones') return { phone: (item as ClientifyPhone).phone, type: item.type };
		const a = item as ClientifyAddress;
		return {
			street: a.street ?? '',
			city: a.city ?? '',
			state: a.state ?? '',
			country: a.country ?? '',
			postal_code: a.postal_code ?? '',
			type: a.type,
		};
	});
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
			const at = values.findIndex(
				(c) =>
					typeof c.field === 'string' && customFieldKey(c.field) === customFieldKey(change.name),
			);
			if (at >= 0) values[at] = { ...values[at], value: change.value };
			else values.push({ field: change.name, value: change.value });
		}
		next.custom_fields = values;
	}
	if (plan.replaceEmails) next.emails = plan.replaceEmails.map((e) => ({ ...e }));
	else if (plan.addEmails.length) next.emails = [...(existing.emails ?? []), ...plan.addEmails];
	if (plan.replacePhones) next.phones = plan.replacePhones.map((p) => ({ ...p }));
	else if (plan.addPhones.length) next.phones = [...(existing.phones ?? []), ...plan.addPhones];
	if (plan.replaceAddresses) next.addresses = plan.replaceAddresses.map((a) => ({ ...a }));
	else if (plan.addAddresses.length)
		next.addresses = [...(existing.addresses ?? []), ...plan.addAddresses];
	if (plan.addWebsites.length) next.websites = [...(existing.websites ?? []), ...plan.addWebsites];
	if (plan.addTags.length) next.tags = [...tagNames(existing), ...plan.addTags];
	return next;
}
