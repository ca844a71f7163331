/**
 * Step 2 of the upsert path: source values (source.ts) → the record Clientify should hold
 * (`DesiredRecord`): cleaned, validated (validate.ts), with Clientify's type codes, deduplicated.
 * No empty value survives. The lookup matches it (match.ts), the diff compares it (diff.ts).
 * Which scalars it writes, and from which source value, is the field table's (../fieldTable.ts).
 */
import type { NormalizationWarning } from '../../types';
import { SYNC_ADDRESS_TYPE, SYNC_EMAIL_TYPE, SYNC_WEBSITE_TYPE, phoneTypeCode } from './codes';
import { customFieldKey } from './customFields';
import { writtenScalars } from '../fieldTable';
import { phoneKey } from '../plan/keys';
import type { SourceFields } from './source';
import type {
	ClientifyAddress,
	ClientifyEmail,
	ClientifyPhone,
	ClientifyWebsite,
	CustomFieldEntry,
	DesiredRecord,
	Entity,
} from '../types';
import { checkEmail, checkPhone, checkTaxId } from './validate';
import { cleanText } from './values';

export interface BuildOptions {
	tags: string[];
}

export type BuildResult =
	| { ok: true; desired: DesiredRecord }
	| { ok: false; reason: 'missing_tax_id' | 'invalid_tax_id'; message: string };

/** Cleans source values into the record Clientify should hold. No empty value survives. */
export function buildDesiredRecord(
	source: SourceFields,
	entity: Entity,
	options: BuildOptions,
): BuildResult {
	const taxIdCheck = checkTaxId(source.taxId);
	if (!taxIdCheck.ok) return taxIdCheck;
	const { taxId } = taxIdCheck;
	const warnings: NormalizationWarning[] = [];
	// The field table's scalars, in its order: the tax ID (validated above), then the names. Any
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
