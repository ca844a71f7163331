/**
 * Phone numbers: Spanish numbers to E.164, type from the numbering plan (libphonenumber metadata
 * for ES), foreign numbers kept as written with `+`.
 */
import type { NormalizationWarning, NormalizedPhone, RawRecord } from '../types';
import { readField } from './fields';
import { cleanValue, quote } from './text';

type PhoneType = NormalizedPhone['type'];

/** One number found in a field. */
type PhoneCandidate =
	| { status: 'spanish'; number: string; type: PhoneType }
	| { status: 'foreign'; number: string }
	| { status: 'invalid'; text: string };

/** Mobile ranges, incl. M2M (national significant number, 9 digits). */
const MOBILE = /^(?:(?:6\d|7[1-48])\d{7}|590(?:10[0-2]|600)\d{3}|97390\d{4}|96906(?:09|10)\d\d)$/;
/** Geographic fixed-line ranges. */
const LANDLINE =
	/^(?:8(?:[1356]\d|[28][0-8]|[47][1-9])\d{6}|9(?:[135]\d|[268][0-8]|4[1-9]|7[124-9])\d{6})$/;
/** Any Spanish national significant number. */
const SPANISH_NSN = /^[5-9]\d{8}$/;
/** A trailing extension: `ext. 12`, `extensión 3`, `x 45`. */
const EXTENSION = /\s*(?:ext\.?|extensi[oó]n|ext:|x)\s*\d{1,6}\s*$/i;
/** Separators between two numbers in one field. */
const NUMBER_SEPARATORS = /\s*[/;,|\n]\s*|\s+(?:y|o|or|and)\s+/i;
const NOT_PHONE_CHARACTER = /[^\d+]/g;
const HAS_DIGIT = /\d/;
const EIGHTEEN_DIGITS = /^\d{18}$/;

/** Mobile, landline or other (special rates, personal numbers, M2M outside the mobile table). */
function spanishPhoneType(nsn: string): PhoneType {
	if (MOBILE.test(nsn)) return 'mobile';
	if (LANDLINE.test(nsn)) return 'landline';
	return 'other';
}

/** Classifies one number as written (no separators between numbers inside). */
function parsePhone(text: string): PhoneCandidate {
	const withoutExtension = text.replace(EXTENSION, '');
	const compact = withoutExtension.replace(NOT_PHONE_CHARACTER, '');
	const plus = compact.lastIndexOf('+');
	if (plus > 0 || compact.length === 0) return { status: 'invalid', text };

	let international: string | undefined;
	if (plus === 0) international = compact.slice(1);
	else if (compact.startsWith('00')) international = compact.slice(2);

	let nsn: string | undefined;
	if (international !== undefined) {
		if (international.startsWith('34')) {
			nsn = international.slice(2);
		} else if (
			international.length >= 7 &&
			international.length <= 15 &&
			international[0] !== '0'
		) {
			return { status: 'foreign', number: `+${international}` };
		} else {
			return { status: 'invalid', text };
		}
	} else if (compact.length === 11 && compact.startsWith('34')) {
		nsn = compact.slice(2);
	} else {
		nsn = compact;
	}
	if (!SPANISH_NSN.test(nsn)) return { status: 'invalid', text };
	return { status: 'spanish', number: `+34${nsn}`, type: spanishPhoneType(nsn) };
}

/**
 * Every number in one field, in order: splits on `/ ; , |`, line breaks and ` y `/` o `, and
 * between two national numbers written back to back (`950123456 600123456`, `950123456-600123456`).
 * Parts without digits (labels) are ignored; a field without any digit is one invalid candidate.
 */
function parsePhoneField(value: string): PhoneCandidate[] {
	const text = value.normalize('NFKC');
	const result: PhoneCandidate[] = [];
	for (const raw of text.split(NUMBER_SEPARATORS)) {
		const part = raw.trim();
		// Labels such as "Tel" in "Tel/Fax: 950 …" carry no number.
		if (!HAS_DIGIT.test(part)) continue;
		const candidate = parsePhone(part);
		if (candidate.status === 'invalid') {
			// Two national numbers with only spaces or a hyphen between them: "950123456 600123456".
			const digits = part.replace(NOT_PHONE_CHARACTER, '');
			if (EIGHTEEN_DIGITS.test(digits)) {
				const first = parsePhone(digits.slice(0, 9));
				const second = parsePhone(digits.slice(9));
				if (first.status === 'spanish' && second.status === 'spanish') {
					result.push(first, second);
					continue;
				}
			}
		}
		result.push(candidate);
	}
	if (result.length === 0) result.push({ status: 'invalid', text: text.trim() });
	return result;
}

/**
 * The record's phone numbers, from its phone fields in order, each number once; a warning for each
 * invalid number and for each foreign one (kept unverified, type `other`).
 */
export function readPhones(
	raw: RawRecord,
	fields: readonly string[],
	warnings: NormalizationWarning[],
): NormalizedPhone[] {
	const phones: NormalizedPhone[] = [];
	for (const field of fields) {
		const value = cleanValue(readField(raw, field));
		if (value === undefined) continue;
		for (const candidate of parsePhoneField(value)) {
			if (candidate.status === 'invalid') {
				warnings.push({
					code: 'phone_invalid',
					field,
					message: `Dropped a phone number that is neither Spanish nor international: ${quote(candidate.text)}`,
				});
				continue;
			}
			if (phones.some((phone) => phone.number === candidate.number)) continue;
			if (candidate.status === 'foreign') {
				warnings.push({
					code: 'foreign_phone_unverified',
					field,
					message: `Kept the non-Spanish number ${candidate.number} without checking it`,
				});
				phones.push({ number: candidate.number, type: 'other', field });
			} else {
				phones.push({ number: candidate.number, type: candidate.type, field });
			}
		}
	}
	return phones;
}
