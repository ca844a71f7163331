/**
 * Text rules of the XML reader: qualified names, entity and character references, and value trimming.
 * No n8n imports.
 *
 * Only the five predefined entities and numeric character references are decoded; nothing else is
 * (an unknown `&name;` stays as written).
 */

/** `soap:Envelope` → `Envelope`. */
export function localName(qualifiedName: string): string {
	const colon = qualifiedName.indexOf(':');
	return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
}

/** `soap:Envelope` → `soap`; `''` without a prefix. */
export function prefixOf(qualifiedName: string): string {
	const colon = qualifiedName.indexOf(':');
	return colon === -1 ? '' : qualifiedName.slice(0, colon);
}

function isXmlChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

function decodeReference(body: string): string | undefined {
	switch (body) {
		case 'lt':
			return '<';
		case 'gt':
			return '>';
		case 'amp':
			return '&';
		case 'quot':
			return '"';
		case 'apos':
			return "'";
	}
	if (body.charCodeAt(0) !== 35 /* # */ || body.length < 2) return undefined;
	const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; /* x X */
	const digits = hex ? body.slice(2) : body.slice(1);
	if (digits === '' || digits.length > 8 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
		return undefined;
	const code = parseInt(digits, hex ? 16 : 10);
	return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * Decodes `&lt; &gt; &amp; &quot; &apos;` and `&#NNN;` / `&#xHHH;`. Anything else (an unknown entity,
 * a reference to a character XML forbids) is left exactly as written.
 */
export function decodeEntities(text: string): string {
	let amp = text.indexOf('&');
	if (amp === -1) return text;
	let out = '';
	let last = 0;
	while (amp !== -1) {
		const semi = text.indexOf(';', amp + 1);
		if (semi === -1) break;
		if (semi - amp <= 11) {
			const decoded = decodeReference(text.slice(amp + 1, semi));
			if (decoded !== undefined) {
				out += text.slice(last, amp) + decoded;
				last = semi + 1;
				amp = text.indexOf('&', last);
				continue;
			}
		}
		amp = text.indexOf('&', amp + 1);
	}
	return last === 0 ? text : out + text.slice(last);
}

/** XML and Unicode white space, as `String.prototype.trim` sees it. */
function isSpace(code: number): boolean {
	return (
		code === 32 ||
		code === 9 ||
		code === 10 ||
		code === 13 ||
		code === 0xa0 ||
		code === 0xfeff ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0x1680 ||
		code === 0x0b ||
		code === 0x0c ||
		code === 0x85
	);
}

/**
 * A trimmed value that does not keep the input buffer alive: V8 keeps substrings of 13+ characters as
 * views into their parent string, so each stored value would pin a whole network chunk.
 */
export function ownValue(text: string): string {
	const n = text.length;
	const trimmed =
		n > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1))) ? text.trim() : text;
	return trimmed.length < 13 ? trimmed : (' ' + trimmed).slice(1);
}
