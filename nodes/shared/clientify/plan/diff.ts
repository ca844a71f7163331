/**
 * Diffing: what must change in an existing Clientify record so it holds the desired values.
 *
 * Rules (one-way sync that never destroys CRM data; docs/clientify-upsert.md "What the sync changes in Clientify"):
 * - Scalars: a non-empty desired value that differs (after trimming) is sent; an absent one never
 *   blanks Clientify's.
 * - Custom fields: only the changed ones are sent (a `PUT` merges custom fields by name), so a value
 *   people set in another field since the lookup is never sent back over.
 * - E-mails, phones, addresses: edited item by item (lists.ts): what the ERP adds is added through
 *   the sub-resource; with "Make the New Value Primary" the sync's own old values are replaced in
 *   place or removed, and a reorder is left to a guarded list `PUT` on a copy read again.
 * - Web sites and tags: a missing one is added through its sub-resource; others are kept.
 */
import { customFieldKey } from '../desired/source';
import { websiteKey } from './match';
import { applyEdits, itemsOf, LIST_NAMES, planLists } from './lists';
import type { OwnedKeys } from '../syncState';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyCustomFieldValue,
	ClientifyRecord,
	DesiredRecord,
	ListName,
	UpdatePlan,
} from '../types';
import type { ListPlan } from './lists';
import { cleanText } from '../desired/source';

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

interface DiffOptions {
	/**
	 * "When Contact Details Change": true = Make the New Value Primary (the ERP's
	 * values first, the sync's own old values replaced or removed); false or absent = Only Add New
	 * Values.
	 */
	makePrimary?: boolean;
	/** The values this sync owned before (its state on the record). */
	previous?: OwnedKeys;
	/** The list plans, when the caller computed them already (`planLists`). */
	lists?: Record<ListName, ListPlan>;
}

/** A plan that changes nothing. */
function emptyPlan(): UpdatePlan {
	return {
		scalars: {},
		customFields: [],
		addEmails: [],
		addPhones: [],
		addAddresses: [],
		addWebsites: [],
		addTags: [],
		itemEdits: [],
		reorder: [],
		changedFields: [],
	};
}

export function diffRecord(
	existing: ClientifyRecord,
	desired: DesiredRecord,
	options: DiffOptions = {},
): UpdatePlan {
	const plan = emptyPlan();

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

	const lists =
		options.lists ??
		planLists(existing, desired, options.previous, options.makePrimary === true).plans;
	plan.addEmails = lists.emails.add.map((e) => ({ ...(e as ClientifyEmail) }));
	plan.addPhones = lists.phones.add.map((p) => ({ ...(p as ClientifyPhone) }));
	plan.addAddresses = lists.addresses.add.map((a) => ({ ...(a as ClientifyAddress) }));
	for (const name of LIST_NAMES) {
		const list = lists[name];
		plan.itemEdits.push(...list.edits);
		if (list.reorder) plan.reorder.push(name);
		if (list.add.length || list.edits.length || list.reorder) plan.changedFields.push(name);
	}

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

/**
 * The body of the record's `PUT` (scalars and the changed custom fields, the sync state among them),
 * or undefined when none changes. Lists are never in it: they are edited item by item, and a reorder
 * adds them on a copy read again (nodes/shared/clientify/client/guarded.ts).
 */
export function buildUpdateBody(plan: UpdatePlan): Record<string, unknown> | undefined {
	const body: Record<string, unknown> = { ...plan.scalars };
	if (plan.customFields.length)
		body.custom_fields = plan.customFields.map((c) => ({ field: c.name, value: c.value }));
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
			const at = values.findIndex(
				(c) =>
					typeof c.field === 'string' && customFieldKey(c.field) === customFieldKey(change.name),
			);
			if (at >= 0) values[at] = { ...values[at], value: change.value };
			else values.push({ field: change.name, value: change.value });
		}
		next.custom_fields = values;
	}
	for (const name of LIST_NAMES) {
		const adds =
			name === 'emails' ? plan.addEmails : name === 'phones' ? plan.addPhones : plan.addAddresses;
		const edits = plan.itemEdits.filter((e) => e.list === name);
		if (!adds.length && !edits.length) continue;
		(next as Record<string, unknown>)[name] = applyEdits(itemsOf(existing, name), edits, adds);
	}
	if (plan.addWebsites.length) next.websites = [...(existing.websites ?? []), ...plan.addWebsites];
	if (plan.addTags.length) next.tags = [...tagNames(existing), ...plan.addTags];
	return next;
}
