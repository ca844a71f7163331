/**
 * Text clean-up shared by every field: trimming, invisible characters, placeholders.
 *
 * Empty, whitespace-only and placeholder values are "no value": they never reach the output.
 */

/** Zero-width characters and the BOM, which `String.prototype.trim` keeps. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const NON_ASCII = /[\u0080-\uffff]/;
/** Any run of whitespace, NBSP and the other Unicode spaces included. */
const WHITESPACE_RUN = /\s+/g;
/** Whitespace other than a single plain space. */
const EXTRA_WHITESPACE = /\s\s|[^\S ]/;
/** A value made only of punctuation or symbols: `-`, `--`, `.`, `...`, `?`, `*`, `/`, `_`, `#`. */
const PUNCTUATION_ONLY = /^[\s\-_.,;:*?!/\\|#=~'"`()[\]{}<>+]+$/;

/**
 * Placeholder words ERP users type when they have no value (compared lower-case, inner whitespace
 * collapsed). Documented in docs/normalized-record.md ("Rules", empty values).
 */
const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set([
	'n/a',
	'n.a.',
	'n/d',
	'n.d.',
	's/d',
	'na',
	'nd',
	'null',
	'nil',
	'none',
	'undefined',
	'nan',
	'sin datos',
	'sin dato',
	'no consta',
	'desconocido',
]);

/** First letters (both cases) and longest length of the placeholder words, for a cheap pre-check. */
const PLACEHOLDER_FIRST_LETTERS = Array.from(
	PLACEHOLDER_VALUES,
	(word) => word[0] + word[0].toUpperCase(),
).join('');
const PLACEHOLDER_MAX_LENGTH =
	Math.max(...Array.from(PLACEHOLDER_VALUES, (word) => word.length)) + 2;

/** Accepts what a raw record may hold; returns a string, or undefined for "no value". */
export function toRawString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return undefined;
}

/** True when a trimmed value is a placeholder meaning "no value". */
function isPlaceholder(trimmed: string): boolean {
	const first = trimmed.charCodeAt(0);
	// Fast path: most values start with a letter or digit and are longer than any placeholder word.
	const alphanumeric = (first >= 48 && first <= 57) || ((first | 32) >= 97 && (first | 32) <= 122);
	if (!alphanumeric) return PUNCTUATION_ONLY.test(trimmed);
	if (trimmed.length > PLACEHOLDER_MAX_LENGTH || !PLACEHOLDER_FIRST_LETTERS.includes(trimmed[0]))
		return false;
	return PLACEHOLDER_VALUES.has(trimmed.toLowerCase().replace(WHITESPACE_RUN, ' '));
}

/**
 * Trims a value (Unicode spaces and zero-width characters included) and drops empty and
 * placeholder values. Inner text is kept as is (line breaks in `Observaciones` survive).
 */
export function cleanValue(value: unknown): string | undefined {
	let text = toRawString(value);
	if (text === undefined) return undefined;
	if (text.length === 0) return undefined;
	// Invisible characters and decomposed accents are all non-ASCII: plain ASCII skips both steps.
	const ascii = !NON_ASCII.test(text);
	if (!ascii) text = text.replace(INVISIBLE, '');
	text = text.trim();
	if (text.length === 0 || isPlaceholder(text)) return undefined;
	// Canonical composition, so decomposed accents (N + combining tilde) compare and display as Ñ.
	return ascii ? text : text.normalize('NFC');
}

/** `cleanValue` plus inner whitespace collapsed to single spaces (names, streets, cities). */
export function cleanSingleLine(value: unknown): string | undefined {
	const text = cleanValue(value);
	if (text === undefined) return undefined;
	return EXTRA_WHITESPACE.test(text) ? text.replace(WHITESPACE_RUN, ' ') : text;
}

/** The text with its accents (combining marks after NFD) removed: `"Coruña"` → `"Coruna"`. The one accent-folding rule. */
export function stripAccents(text: string): string {
	return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Comparison key for free text: accents removed, lower-case, anything but letters and digits turned
 * into single spaces. `"Coruña, A"` → `"coruna a"`.
 */
export function foldKey(text: string): string {
	return stripAccents(text)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Shortens a value for a message, so one huge field cannot flood a log. */
export function quote(text: string, max = 60): string {
	const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
	return `"${shown}"`;
}

/** `"a"`, `"a and b"`, `"a, b and c"`. */
export function joinList(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
