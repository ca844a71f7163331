/**
 * Comparison keys of the Clientify side: two values with the same key are the same value (diff,
 * sub-resource re-check, sync-state hashes, fingerprints). Free text is compared by `foldKey`
 * (nodes/shared/normalize/text.ts); addresses by address.ts.
 */
import { cleanText } from '../desired/values';

/** Digits of a phone number without the international prefix `00`/`+` and without Spain's `34`. */
export function phoneKey(phone: string): string {
	let digits = phone.replace(/\D/g, '');
	if (digits.startsWith('00')) digits = digits.slice(2);
	if (digits.length === 11 && digits.startsWith('34')) digits = digits.slice(2);
	return digits;
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
