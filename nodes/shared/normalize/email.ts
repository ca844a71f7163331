/**
 * E-mail addresses: clean-up, multi-address fields, IDN domains and the WHATWG grammar.
 */
import type { NormalizationWarning, RawRecord } from '../types';
import { readField } from './fields';
import { cleanValue, quote } from './text';

/** The global WHATWG URL class (Node and browsers), declared here because the build has no DOM lib. */
declare const URL: new (input: string) => { hostname: string };

/** WHATWG "valid e-mail address" (HTML Living Standard, input type=email). */
const WHATWG_EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** `Name <address>` and `"Name" <address>`: keep the address. */
const DISPLAY_NAME = /[^<>,;]*<([^<>]*)>/g;
/** Spaces typed around the `@`. */
const SPACED_AT = /\s*@\s*/g;
const SEPARATORS = /[;,\s]+/;
const SLASH_OR_BAR = /[/|]+/;
const MAILTO = /^mailto:/i;
const WRAPPERS = /^[<"'([]+|[>"')\]]+$/g;
const TRAILING_PUNCTUATION = /[.;:]+$/;
/** Anything but printable ASCII. */
const NON_ASCII = /[^ -~]/;
const HAS_DISPLAY_NAME = /</;
/** Leftovers that are not worth a warning (`<>`, a lone `.`). */
const PUNCTUATION = /[<>"'()[\].;:|/]+/g;

interface ParsedEmails {
	/** Valid addresses, lower-case, deduplicated, in field order. */
	valid: string[];
	/** Parts that are not valid addresses, as seen (after trimming). */
	invalid: string[];
}

function toAsciiDomain(domain: string): string | undefined {
	if (!NON_ASCII.test(domain)) return domain;
	try {
		const hostname = new URL(`http://${domain}`).hostname;
		return NON_ASCII.test(hostname) ? undefined : hostname;
	} catch {
		return undefined;
	}
}

/**
 * Normalizes one candidate address; undefined when it is not a valid address.
 * Lower-cases the whole address (usual CRM policy) and turns an IDN domain into A-labels.
 */
export function normalizeEmail(candidate: string): string | undefined {
	let text = candidate
		.trim()
		.replace(MAILTO, '')
		.replace(WRAPPERS, '')
		.replace(TRAILING_PUNCTUATION, '');
	text = text.replace(WRAPPERS, '').toLowerCase();
	const at = text.lastIndexOf('@');
	if (at <= 0 || at === text.length - 1) return undefined;
	const local = text.slice(0, at);
	const domain = toAsciiDomain(text.slice(at + 1));
	if (domain === undefined) return undefined;
	const address = `${local}@${domain}`;
	if (local.length > 64 || address.length > 254) return undefined;
	if (!domain.includes('.')) return undefined;
	return WHATWG_EMAIL.test(address) ? address : undefined;
}

/**
 * Splits a field that may hold several addresses (`;`, `,`, whitespace, `Name <a@b.es>`, and `/`
 * or `|` between two addresses) and validates each. Never throws.
 */
function parseEmails(value: string): ParsedEmails {
	let text = value.normalize('NFKC');
	if (HAS_DISPLAY_NAME.test(text)) text = text.replace(DISPLAY_NAME, ' $1 ');
	text = text.replace(SPACED_AT, '@');
	const valid: string[] = [];
	const invalid: string[] = [];
	const parts = text.split(SEPARATORS);
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (part.length === 0) continue;
		if (part.indexOf('@') !== part.lastIndexOf('@') && SLASH_OR_BAR.test(part)) {
			// "ana@x.es/pepe@x.es": `/` is legal in a local part, so split only when it joins two addresses.
			parts.splice(i + 1, 0, ...part.split(SLASH_OR_BAR));
			continue;
		}
		const address = normalizeEmail(part);
		if (address === undefined) {
			if (part.replace(PUNCTUATION, '').length > 0) invalid.push(part);
		} else if (!valid.includes(address)) {
			valid.push(address);
		}
	}
	return { valid, invalid };
}

/** The valid addresses of the record's e-mail field, in order; a warning for each invalid one. */
export function readEmails(
	raw: RawRecord,
	field: string | undefined,
	warnings: NormalizationWarning[],
): string[] {
	const value = cleanValue(readField(raw, field));
	if (value === undefined || field === undefined) return [];
	const { valid, invalid } = parseEmails(value);
	for (const text of invalid) {
		warnings.push({
			code: 'email_invalid',
			field,
			message: `Dropped an invalid e-mail address: ${quote(text)}`,
		});
	}
	return valid;
}
