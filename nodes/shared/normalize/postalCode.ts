/**
 * Spanish postal codes: five digits whose first two are the INE province code (01–52).
 */
import { PROVINCES } from './provinces';

export type PostalCodeResult =
	| { valid: true; value: string; provinceCode: string; padded: boolean }
	| { valid: false; value: string };

const SPACES = /[\s.]+/g;
const FOUR_DIGITS = /^\d{4}$/;
const SPANISH_POSTAL_CODE = /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/;

/**
 * Validates a Spanish postal code. Removes spaces (and a thousands dot, `04.001`), left-pads a
 * 4-digit value lost by a numeric ERP column.
 */
export function parseSpanishPostalCode(text: string): PostalCodeResult {
	let value = text.replace(SPACES, '');
	let padded = false;
	if (FOUR_DIGITS.test(value)) {
		value = `0${value}`;
		padded = true;
	}
	if (!SPANISH_POSTAL_CODE.test(value)) return { valid: false, value: text };
	return { valid: true, value, provinceCode: value.slice(0, 2), padded };
}

/** The province display name for a valid Spanish postal code. */
export function provinceForPostalCode(postalCode: string): string | undefined {
	return PROVINCES[postalCode.slice(0, 2)];
}
