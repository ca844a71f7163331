/**
 * A small, strict XML reader written for SOAP responses. No n8n imports, no dependencies.
 *
 * - One pass over the text with `indexOf`; no DOM of the whole document. `readRecords` is a generator
 *   that yields one flat record at a time (child local name → string | null); `parseXmlTree` builds a
 *   small tree and is meant for small documents only (login responses, faults).
 * - Elements and attributes are matched by **local name**: prefixes and namespace URIs are ignored.
 * - Text: the five predefined entities and numeric character references are decoded; nothing else is
 *   (an unknown `&name;` stays as written). CDATA is unwrapped verbatim. Values are trimmed.
 *   Empty and self-closing elements read as `''`; `xsi:nil="true"` (any prefix) reads as `null`.
 * - Security: any `<!DOCTYPE` or other markup declaration is refused (no entity expansion, no external
 *   entities), and the keys `__proto__`, `constructor` and `prototype` are never created.
 * - Well-formedness: end tags must match their start tags; a document that ends inside an element is
 *   reported as truncated.
 */

export type XmlReadErrorCode = 'doctype' | 'malformed' | 'truncated' | 'too_many_records';

export class XmlReadError extends Error {
	readonly code: XmlReadErrorCode;
	/** Character offset in the document where the problem was found. */
	readonly position: number;

	constructor(code: XmlReadErrorCode, message: string, position: number) {
		super(message);
		this.name = 'XmlReadError';
		this.code = code;
		this.position = position;
	}
}

/** Keys never written into a record (prototype pollution guard). */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
	return FORBIDDEN_KEYS.has(key);
}

/** `soap:Envelope` → `Envelope`. */
export function localName(qualifiedName: string): string {
	const colon = qualifiedName.indexOf(':');
	return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
}

function prefixOf(qualifiedName: string): string {
	const colon = qualifiedName.indexOf(':');
	return colon === -1 ? '' : qualifiedName.slice(0, colon);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
	lt: '<',
	gt: '>',
	amp: '&',
	quot: '"',
	apos: "'",
};

const ENTITY_PATTERN = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|lt|gt|amp|quot|apos);/g;

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

/**
 * Decodes `&lt; &gt; &amp; &quot; &apos;` and `&#NNN;` / `&#xHHH;`. Anything else (an unknown entity,
 * a reference to a character XML forbids) is left exactly as written.
 */
export function decodeEntities(text: string): string {
	if (text.indexOf('&') === -1) return text;
	return text.replace(ENTITY_PATTERN, (match: string, body: string) => {
		if (body.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[body];
		const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; /* x X */
		const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return isXmlChar(code) ? String.fromCodePoint(code) : match;
	});
}

const enum Token {
	Start = 1,
	End = 2,
	Text = 3,
	Eof = 4,
}

function isNameEnd(code: number): boolean {
	// whitespace, '/', '>'
	return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62;
}

/**
 * Pull tokenizer. One mutable token (no allocation per token besides the tag name and text slices).
 * Comments and processing instructions are skipped; DOCTYPE and other declarations are refused.
 */
class Scanner {
	private readonly xml: string;
	private pos: number;
	private pendingEnd = false;
	/** Qualified names of the open elements. */
	readonly stack: string[] = [];

	// Current token
	name = '';
	selfClosing = false;
	private attrStart = 0;
	private attrEnd = 0;
	textStart = 0;
	textEnd = 0;
	cdata = false;
	/** Start offset of the current tag (for error messages). */
	tagStart = 0;

	constructor(xml: string) {
		this.xml = xml;
		this.pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
	}

	get depth(): number {
		return this.stack.length;
	}

	next(): Token {
		if (this.pendingEnd) {
			this.pendingEnd = false;
			this.stack.pop();
			return Token.End;
		}
		const xml = this.xml;
		const len = xml.length;
		for (;;) {
			const pos = this.pos;
			if (pos >= len) {
				if (this.stack.length > 0) {
					throw new XmlReadError(
						'truncated',
						`The XML ends inside <${this.stack[this.stack.length - 1]}> (the response looks truncated)`,
						len,
					);
				}
				return Token.Eof;
			}
			if (xml.charCodeAt(pos) !== 60 /* < */) {
				let lt = xml.indexOf('<', pos);
				if (lt === -1) lt = len;
				this.textStart = pos;
				this.textEnd = lt;
				this.cdata = false;
				this.pos = lt;
				return Token.Text;
			}
			this.tagStart = pos;
			const c1 = xml.charCodeAt(pos + 1);
			if (c1 === 47 /* / */) {
				const gt = xml.indexOf('>', pos + 2);
				if (gt === -1) throw this.truncated();
				const name = xml.slice(pos + 2, gt).trim();
				const open = this.stack.pop();
				if (open !== name) {
					throw new XmlReadError(
						'malformed',
						open === undefined
							? `Unexpected end tag </${name}> at offset ${pos}`
							: `End tag </${name}> does not match <${open}> at offset ${pos}`,
						pos,
					);
				}
				this.name = name;
				this.pos = gt + 1;
				return Token.End;
			}
			if (c1 === 63 /* ? */) {
				const end = xml.indexOf('?>', pos + 2);
				if (end === -1) throw this.truncated();
				this.pos = end + 2;
				continue;
			}
			if (c1 === 33 /* ! */) {
				if (xml.startsWith('<!--', pos)) {
					const end = xml.indexOf('-->', pos + 4);
					if (end === -1) throw this.truncated();
					this.pos = end + 3;
					continue;
				}
				if (xml.startsWith('<![CDATA[', pos)) {
					const end = xml.indexOf(']]>', pos + 9);
					if (end === -1) throw this.truncated();
					this.textStart = pos + 9;
					this.textEnd = end;
					this.cdata = true;
					this.pos = end + 3;
					return Token.Text;
				}
				if (xml.slice(pos + 2, pos + 9).toUpperCase() === 'DOCTYPE') {
					throw new XmlReadError(
						'doctype',
						'The XML contains a DOCTYPE declaration, which is refused (no DTDs, no entity expansion)',
						pos,
					);
				}
				throw new XmlReadError('malformed', `Unsupported markup declaration at offset ${pos}`, pos);
			}
			// Start tag
			let i = pos + 1;
			while (i < len && !isNameEnd(xml.charCodeAt(i))) i++;
			if (i === pos + 1) {
				throw new XmlReadError('malformed', `Invalid '<' at offset ${pos}`, pos);
			}
			const name = xml.slice(pos + 1, i);
			const nameEnd = i;
			// Find the closing '>' of the tag, skipping quoted attribute values (they may contain '>').
			for (;;) {
				if (i >= len) throw this.truncated();
				const c = xml.charCodeAt(i);
				if (c === 62 /* > */) break;
				if (c === 34 /* " */ || c === 39 /* ' */) {
					const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
					if (close === -1) throw this.truncated();
					i = close + 1;
					continue;
				}
				i++;
			}
			const selfClosing = xml.charCodeAt(i - 1) === 47 && i - 1 >= nameEnd;
			this.name = name;
			this.selfClosing = selfClosing;
			this.attrStart = nameEnd;
			this.attrEnd = selfClosing ? i - 1 : i;
			this.pos = i + 1;
			this.stack.push(name);
			if (selfClosing) this.pendingEnd = true;
			return Token.Start;
		}
	}

	private truncated(): XmlReadError {
		return new XmlReadError('truncated', 'The XML ends inside a tag (the response looks truncated)', this.xml.length);
	}

	hasAttributes(): boolean {
		for (let i = this.attrStart; i < this.attrEnd; i++) {
			const c = this.xml.charCodeAt(i);
			if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return true;
		}
		return false;
	}

	/** Attributes of the current start tag as [qualified name, decoded value] pairs. */
	attributes(): Array<[string, string]> {
		const out: Array<[string, string]> = [];
		if (!this.hasAttributes()) return out;
		const source = this.xml.slice(this.attrStart, this.attrEnd);
		const pattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
		let match: RegExpExecArray | null;
		while ((match = pattern.exec(source)) !== null) {
			out.push([match[1], decodeEntities(match[2] ?? match[3] ?? '')]);
		}
		return out;
	}

	/** True when the current start tag carries `*:nil="true"` (or `"1"`). */
	isNil(): boolean {
		if (!this.hasAttributes()) return false;
		for (const [name, value] of this.attributes()) {
			if (localName(name) === 'nil' && prefixOf(name) !== '') {
				const v = value.trim();
				if (v === 'true' || v === '1') return true;
			}
		}
		return false;
	}

	text(): string {
		const raw = this.xml.slice(this.textStart, this.textEnd);
		return this.cdata ? raw : decodeEntities(raw);
	}

	isWhitespaceText(): boolean {
		if (this.cdata) return this.textStart === this.textEnd;
		for (let i = this.textStart; i < this.textEnd; i++) {
			const c = this.xml.charCodeAt(i);
			if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
		}
		return true;
	}
}

/** A flat record: child local name → trimmed text, `null` for `xsi:nil`. */
export type FlatRecord = Record<string, string | null>;

export interface ReadRecordsOptions {
	/** Local name of the record element (`Contacto`, `Empresa`, DataSet `Table`). */
	recordElement: string;
	/**
	 * Local name of the record's parent (`Contactos`). Empty or omitted: a record element anywhere in
	 * the document counts (needed for DataSets, whose parent name varies).
	 */
	containerElement?: string;
	/**
	 * Leaf elements outside the records whose text is collected (first occurrence wins) and returned
	 * when the generator finishes, e.g. `['Total', 'Pagina']`.
	 */
	scalarElements?: readonly string[];
	/** Throw once more than this many records are read (default: unlimited). */
	maxRecords?: number;
}

export interface ReadRecordsSummary {
	count: number;
	/** Collected scalar elements (only the names found). */
	scalars: Record<string, string | null>;
}

function hasForbiddenSegment(key: string): boolean {
	if (FORBIDDEN_KEYS.has(key)) return true;
	if (key.indexOf('.') === -1) return false;
	return key.split('.').some((segment) => FORBIDDEN_KEYS.has(segment));
}

function setField(record: FlatRecord, key: string, value: string | null): void {
	// Also refuse `__proto__.x`: harmless here, but a path for anything that later applies dotted keys.
	if (hasForbiddenSegment(key)) return;
	if (!Object.prototype.hasOwnProperty.call(record, key)) {
		record[key] = value;
		return;
	}
	// A repeated child element: keep every value, as `Name_2`, `Name_3`, …
	for (let n = 2; ; n++) {
		const candidate = `${key}_${n}`;
		if (!Object.prototype.hasOwnProperty.call(record, candidate)) {
			record[candidate] = value;
			return;
		}
	}
}

/**
 * Yields every record element of the document as a flat object, one at a time, in one pass.
 * Nested elements inside a field are flattened with dots (`Direccion.Calle`). Returns a summary with
 * the record count and the requested scalar elements found outside records.
 */
export function* readRecords(xml: string, options: ReadRecordsOptions): Generator<FlatRecord, ReadRecordsSummary, undefined> {
	const recordElement = options.recordElement;
	const container = options.containerElement ?? '';
	const scalarNames = new Set(options.scalarElements ?? []);
	const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
	const scalars: Record<string, string | null> = {};
	const scanner = new Scanner(xml);

	/** Local names of open elements outside records (to check the record's parent). */
	const outer: string[] = [];
	let count = 0;

	// Record state
	let record: FlatRecord | null = null;
	let recordDepth = 0;
	let recordNil = false;
	// Field frames inside the record (index 0 = a direct child of the record)
	const frameName: string[] = [];
	const frameText: string[] = [];
	const frameNil: boolean[] = [];
	const frameHasChild: boolean[] = [];
	let frames = 0;

	// Scalar capture state
	let scalarName = '';
	let scalarDepth = 0;
	let scalarText = '';
	let scalarNil = false;
	let scalarIsLeaf = true;

	for (;;) {
		const token = scanner.next();
		if (token === Token.Eof) break;
		if (record !== null) {
			if (token === Token.Start) {
				const name = localName(scanner.name);
				if (frames > 0) frameHasChild[frames - 1] = true;
				frameName[frames] = frames > 0 ? `${frameName[frames - 1]}.${name}` : name;
				frameText[frames] = '';
				frameNil[frames] = scanner.isNil();
				frameHasChild[frames] = false;
				frames++;
			} else if (token === Token.Text) {
				if (frames > 0) frameText[frames - 1] += scanner.text();
			} else if (token === Token.End) {
				if (frames > 0) {
					frames--;
					if (!frameHasChild[frames]) {
						setField(record, frameName[frames], frameNil[frames] ? null : frameText[frames].trim());
					}
				} else if (scanner.depth < recordDepth) {
					const done = record;
					record = null;
					if (!recordNil) {
						if (count >= maxRecords) {
							throw new XmlReadError(
								'too_many_records',
								`The response holds more than ${maxRecords} records (the configured maximum)`,
								scanner.tagStart,
							);
						}
						count++;
						yield done;
					}
				}
			}
			continue;
		}

		if (token === Token.Start) {
			const name = localName(scanner.name);
			if (name === recordElement && (container === '' || outer[outer.length - 1] === container)) {
				record = {};
				recordDepth = scanner.depth;
				recordNil = scanner.isNil();
				frames = 0;
				continue;
			}
			if (scalarName !== '') scalarIsLeaf = false;
			else if (scalarNames.has(name) && !FORBIDDEN_KEYS.has(name) && !Object.prototype.hasOwnProperty.call(scalars, name)) {
				scalarName = name;
				scalarDepth = scanner.depth;
				scalarText = '';
				scalarNil = scanner.isNil();
				scalarIsLeaf = true;
			}
			outer.push(name);
		} else if (token === Token.Text) {
			if (scalarName !== '' && scanner.depth === scalarDepth) scalarText += scanner.text();
		} else if (token === Token.End) {
			outer.pop();
			if (scalarName !== '' && scanner.depth < scalarDepth) {
				if (scalarIsLeaf) scalars[scalarName] = scalarNil ? null : scalarText.trim();
				scalarName = '';
			}
		}
	}
	return { count, scalars };
}

/** Reads every record into an array (convenience for tests and small responses). */
export function readAllRecords(xml: string, options: ReadRecordsOptions): { records: FlatRecord[]; summary: ReadRecordsSummary } {
	const records: FlatRecord[] = [];
	const iterator = readRecords(xml, options);
	for (;;) {
		const step = iterator.next();
		if (step.done) return { records, summary: step.value };
		records.push(step.value);
	}
}

export interface XmlElement {
	/** Qualified name as written (`soap:Fault`). */
	name: string;
	/** Local name (`Fault`). */
	local: string;
	attributes: Array<[string, string]>;
	children: XmlElement[];
	/** Concatenated direct text (decoded, CDATA unwrapped, not trimmed). */
	text: string;
	nil: boolean;
}

/**
 * Parses a whole (small) document into a tree. Use for login responses and faults, not for record
 * pages. Same rules as `readRecords` (DOCTYPE refused, entities, CDATA, nil).
 */
export function parseXmlTree(xml: string): XmlElement {
	const scanner = new Scanner(xml);
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	for (;;) {
		const token = scanner.next();
		if (token === Token.Eof) break;
		if (token === Token.Start) {
			const element: XmlElement = {
				name: scanner.name,
				local: localName(scanner.name),
				attributes: scanner.attributes(),
				children: [],
				text: '',
				nil: scanner.isNil(),
			};
			const parent = stack[stack.length - 1];
			if (parent) parent.children.push(element);
			else if (root) throw new XmlReadError('malformed', 'The XML has more than one root element', scanner.tagStart);
			else root = element;
			stack.push(element);
		} else if (token === Token.Text) {
			const parent = stack[stack.length - 1];
			if (parent) parent.text += scanner.text();
			else if (!scanner.isWhitespaceText()) {
				throw new XmlReadError('malformed', 'Text outside the root element', scanner.textStart);
			}
		} else {
			stack.pop();
		}
	}
	if (!root) throw new XmlReadError('malformed', 'The document has no root element', 0);
	return root;
}

/** Depth-first search for the first element with this local name (the root included). */
export function findElement(root: XmlElement, local: string): XmlElement | undefined {
	if (root.local === local) return root;
	for (const child of root.children) {
		const found = findElement(child, local);
		if (found) return found;
	}
	return undefined;
}

/** First direct child with this local name. */
export function childElement(parent: XmlElement, local: string): XmlElement | undefined {
	return parent.children.find((c) => c.local === local);
}

/** Trimmed text of a leaf element; `null` for `xsi:nil`. Child elements' text is concatenated. */
export function elementText(element: XmlElement): string | null {
	if (element.nil) return null;
	if (element.children.length === 0) return element.text.trim();
	const parts: string[] = [];
	const walk = (e: XmlElement) => {
		const own = e.text.trim();
		if (own !== '') parts.push(own);
		e.children.forEach(walk);
	};
	walk(element);
	return parts.join(' ');
}

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';

export interface EnvelopeInfo {
	/** True when the root element is a SOAP 1.1 or 1.2 `Envelope`. */
	isSoap: boolean;
	soapVersion?: '1.1' | '1.2';
	/** Local name of the root element (`''` when the text is not XML at all, `html` for HTML pages). */
	rootElement: string;
	/** Local name of the first element inside `Body` (`Fault`, `LoginResponse`, …). */
	firstBodyElement?: string;
}

/**
 * Looks at the start of a response only: is it a SOAP envelope, which version, and what is the first
 * element of the Body (to spot a Fault before reading records). Stops as soon as it knows.
 */
export function sniffEnvelope(xml: string): EnvelopeInfo {
	const head = xml.slice(0, 512).replace(/^\uFEFF/, '').trimStart();
	if (/^<!DOCTYPE\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return { isSoap: false, rootElement: 'html' };
	if (!head.startsWith('<')) return { isSoap: false, rootElement: '' };
	const scanner = new Scanner(xml);
	let info: EnvelopeInfo = { isSoap: false, rootElement: '' };
	let bodyDepth = 0;
	for (;;) {
		const token = scanner.next();
		if (token === Token.Eof) return info;
		if (token === Token.Text) {
			if (scanner.depth === 0 && !scanner.isWhitespaceText()) return { isSoap: false, rootElement: '' };
			continue;
		}
		if (token !== Token.Start) continue;
		const depth = scanner.depth;
		const local = localName(scanner.name);
		if (depth === 1) {
			if (local !== 'Envelope') return { isSoap: false, rootElement: local };
			const prefix = prefixOf(scanner.name);
			const declaration = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
			const uri = scanner.attributes().find(([name]) => name === declaration)?.[1];
			if (uri === SOAP11_ENVELOPE_NS) info = { isSoap: true, soapVersion: '1.1', rootElement: local };
			else if (uri === SOAP12_ENVELOPE_NS) info = { isSoap: true, soapVersion: '1.2', rootElement: local };
			else return { isSoap: false, rootElement: local };
		} else if (depth === 2 && local === 'Body') {
			bodyDepth = depth;
		} else if (bodyDepth !== 0 && depth === bodyDepth + 1) {
			return { ...info, firstBodyElement: local };
		}
	}
}
