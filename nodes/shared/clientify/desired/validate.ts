/**
 * What the Clientify side accepts from a source value (both input modes: From Normalized Record and
 * *Define Below*): a tax ID it can match on, e-mail addresses by the one e-mail rule
 * (`normalizeEmail`, nodes/shared/normalize/email.ts: WHATWG grammar, IDN domains) and phone numbers
 * with at least three digits. A rejected e-mail or phone is dropped with a warning; a rejected tax ID
 * skips the record.
 */
import { normalizeEmail } from '../../normalize/email';
import type { NormalizationWarning } from '../../types';
import { phoneKey } from '../plan/keys';
import { taxIdMatchKey } from '../plan/taxId';
import { cleanText } from './values';

export type TaxIdCheck =
	| { ok: true; taxId: string }
	| { ok: false; reason: 'missing_tax_id' | 'invalid_tax_id'; message: string };

/** The tax ID's match key, or why the record cannot be matched in Clientify. */
export function checkTaxId(value: unknown): TaxIdCheck {
	const taxIdText = cleanText(value);
	if (!taxIdText) {
		return {
			ok: false,
			reason: 'missing_tax_id',
			message: 'The record has no tax ID (NIF/CIF); it cannot be matched in Clientify.',
		};
	}
	const taxId = taxIdMatchKey(taxIdText);
	if (!taxId) {
		return {
			ok: false,
			reason: 'invalid_tax_id',
			message: `The tax ID "${taxIdText}" is not a valid NIF/NIE/CIF; the record cannot be matched in Clientify.`,
		};
	}
	return { ok: true, taxId };
}

/** A checked value: the value to sync, a warning when it is dropped, or nothing (empty). */
export type Checked = { value: string } | { warning: NormalizationWarning } | undefined;

/** One e-mail address as Clientify gets it (lower-case, IDN domain in A-labels). */
export function checkEmail(raw: unknown): Checked {
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
export function checkPhone(raw: unknown): Checked {
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
