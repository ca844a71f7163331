/**
 * A small, strict XML reader written for SOAP responses. No n8n imports, no dependencies.
 *
 * - One pass over the text with `indexOf`; no DOM of the whole document. `RecordReader` takes the text
 *   in chunks as it arrives (a network stream) and yields one flat record at a time (child local name →
 *   string | null), keeping only the unfinished tail of the input; `readRecords` does the same over a
 *   whole string. `parseXmlTree` builds a small tree and is meant for small documents only (login
 *   responses, faults).
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
	if (digits === '' || digits.length > 8 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
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

const enum Token {
	Start = 1,
	End = 2,
	Text = 3,
	Eof = 4,
	/** Streaming: the rest of the input is an unfinished token; feed more text. */
	NeedMore = 5,
}

function isNameEnd(code: number): boolean {
	// whitespace, '/', '>'
	return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62;
}

/**
 * Pull tokenizer over a text buffer that may grow (`feed`). One mutable token, no allocation per token
 * besides the tag name and text slices. Comments and processing instructions are skipped; DOCTYPE and
 * other declarations are refused. Until `final`, an unfinished token at the end gives `NeedMore`.
 */
class Scanner {
	private xml: string;
	private pos: number;
	private final: boolean;
	private pendingEnd = false;
	/** Characters dropped from the front of the buffer so far (for absolute offsets in messages). */
	private dropped = 0;
	/** Qualified names of the open elements. */
	readonly stack: string[] = [];
	/** The start-tag name the caller expects next (an allocation-free fast path); '' for none. */
	nameHint = '';

	// Current token
	name = '';
	selfClosing = false;
	private attrStart = 0;
	private attrEnd = 0;
	textStart = 0;
	textEnd = 0;
	cdata = false;
	/** Start offset of the current tag in the buffer. */
	tagStart = 0;

	constructor(xml: string, final = true) {
		this.xml = xml;
		this.pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
		this.final = final;
	}

	/** Appends text; everything before the current position is released. */
	feed(text: string, final: boolean): void {
		const start = this.dropped === 0 && this.pos === 0 && this.xml.length === 0;
		this.dropped += this.pos;
		this.xml = this.pos >= this.xml.length ? text : this.xml.slice(this.pos) + text;
		this.pos = start && this.xml.charCodeAt(0) === 0xfeff ? 1 : 0;
		this.final = final;
	}

	get depth(): number {
		return this.stack.length;
	}

	/** Absolute offset of a buffer position (error messages). */
	offset(position: number): number {
		return this.dropped + position;
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
				if (!this.final) return Token.NeedMore;
				if (this.stack.length > 0) {
					throw new XmlReadError(
						'truncated',
						`The XML ends inside <${this.stack[this.stack.length - 1]}> (the response looks truncated)`,
						this.offset(len),
					);
				}
				return Token.Eof;
			}
			if (xml.charCodeAt(pos) !== 60 /* < */) {
				let lt = xml.indexOf('<', pos);
				if (lt === -1) {
					if (!this.final) return Token.NeedMore;
					lt = len;
				}
				this.textStart = pos;
				this.textEnd = lt;
				this.cdata = false;
				this.pos = lt;
				return Token.Text;
			}
			if (pos + 1 >= len) {
				if (!this.final) return Token.NeedMore;
				throw this.truncated();
			}
			this.tagStart = pos;
			const c1 = xml.charCodeAt(pos + 1);
			if (c1 === 47 /* / */) {
				const gt = xml.indexOf('>', pos + 2);
				if (gt === -1) {
					if (!this.final) return Token.NeedMore;
					throw this.truncated();
				}
				const open = this.stack[this.stack.length - 1];
				// Fast path: `</name>` exactly; otherwise compare the trimmed name.
				if (open === undefined || gt !== pos + 2 + open.length || !xml.startsWith(open, pos + 2)) {
					const name = xml.slice(pos + 2, gt).trim();
					if (open !== name) {
						throw new XmlReadError(
							'malformed',
							open === undefined
								? `Unexpected end tag </${name}> at offset ${this.offset(pos)}`
								: `End tag </${name}> does not match <${open}> at offset ${this.offset(pos)}`,
							this.offset(pos),
						);
					}
				}
				this.stack.pop();
				this.name = open;
				this.pos = gt + 1;
				return Token.End;
			}
			if (c1 === 63 /* ? */) {
				const end = xml.indexOf('?>', pos + 2);
				if (end === -1) {
					if (!this.final) return Token.NeedMore;
					throw this.truncated();
				}
				this.pos = end + 2;
				continue;
			}
			if (c1 === 33 /* ! */) {
				if (!this.final && len - pos < 9) return Token.NeedMore;
				if (xml.startsWith('<!--', pos)) {
					const end = xml.indexOf('-->', pos + 4);
					if (end === -1) {
						if (!this.final) return Token.NeedMore;
						throw this.truncated();
					}
					this.pos = end + 3;
					continue;
				}
				if (xml.startsWith('<![CDATA[', pos)) {
					const end = xml.indexOf(']]>', pos + 9);
					if (end === -1) {
						if (!this.final) return Token.NeedMore;
						throw this.truncated();
					}
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
						this.offset(pos),
					);
				}
				const declaration = /^(ENTITY|ELEMENT|ATTLIST|NOTATION)\b/.exec(xml.slice(pos + 2, pos + 11))?.[1];
				if (declaration !== undefined) {
					throw new XmlReadError(
						'doctype',
						`The XML contains an ${declaration} declaration, which is refused (no DTDs, no entity expansion)`,
						this.offset(pos),
					);
				}
				throw new XmlReadError('malformed', `Unsupported markup declaration at offset ${this.offset(pos)}`, this.offset(pos));
			}
			// Start tag. Fast path: the name the caller expects (the same field as in the previous record)
			// is reused instead of allocating a new string.
			let i = pos + 1;
			let name: string;
			const hint = this.nameHint;
			const hintEnd = pos + 1 + hint.length;
			if (hint !== '' && hintEnd < len && isNameEnd(xml.charCodeAt(hintEnd)) && xml.startsWith(hint, pos + 1)) {
				i = hintEnd;
				name = hint;
			} else {
				while (i < len && !isNameEnd(xml.charCodeAt(i))) i++;
				if (i >= len) {
					if (!this.final) return Token.NeedMore;
					throw this.truncated();
				}
				if (i === pos + 1) {
					throw new XmlReadError('malformed', `Invalid '<' at offset ${this.offset(pos)}`, this.offset(pos));
				}
				name = xml.slice(pos + 1, i);
			}
			const nameEnd = i;
			// Find the closing '>' of the tag, skipping quoted attribute values (they may contain '>').
			for (;;) {
				if (i >= len) {
					if (!this.final) return Token.NeedMore;
					throw this.truncated();
				}
				const c = xml.charCodeAt(i);
				if (c === 62 /* > */) break;
				if (c === 34 /* " */ || c === 39 /* ' */) {
					const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
					if (close === -1) {
						if (!this.final) return Token.NeedMore;
						throw this.truncated();
					}
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
		return new XmlReadError('truncated', 'The XML ends inside a tag (the response looks truncated)', this.offset(this.xml.length));
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
		if (this.attrStart === this.attrEnd || !this.hasAttributes()) return false;
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
	if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
	if (key.indexOf('.') === -1) return false;
	return key.split('.').some((segment) => FORBIDDEN_KEYS.has(segment));
}

function setField(record: FlatRecord, key: string, value: string | null): void {
	// Also refuse `__proto__.x`: harmless here, but a path for anything that later applies dotted keys.
	if (hasForbiddenSegment(key)) return;
	if (record[key] === undefined || !Object.prototype.hasOwnProperty.call(record, key)) {
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

function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0x1680 || code === 0x0b || code === 0x0c || code === 0x85;
}

/**
 * A trimmed value that does not keep the input buffer alive: V8 keeps substrings of 13+ characters as
 * views into their parent string, so each stored value would pin a whole network chunk.
 */
function ownValue(text: string): string {
	const n = text.length;
	const trimmed = n > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1))) ? text.trim() : text;
	return trimmed.length < 13 ? trimmed : (' ' + trimmed).slice(1);
}

/**
 * Reads record elements from text that arrives in chunks (`read(chunk, final)`), in one pass, keeping
 * only the unfinished tail of the input. Yields each record as soon as its end tag has been read.
 * Nested elements inside a field are flattened with dots (`Direccion.Calle`).
 */
export class RecordReader {
	private readonly recordElement: string;
	private readonly container: string;
	private readonly scalarNames: ReadonlySet<string>;
	private readonly maxRecords: number;
	private readonly scanner = new Scanner('', false);
	private readonly scalars: Record<string, string | null> = {};
	/** Local names of open elements outside records (to check the record's parent). */
	private readonly outer: string[] = [];
	private count = 0;
	private finished = false;

	// Record state
	private record: FlatRecord | null = null;
	private recordDepth = 0;
	private recordNil = false;
	// Field frames inside the record (index 0 = a direct child of the record)
	private readonly frameName: string[] = [];
	private readonly frameText: string[] = [];
	private readonly frameNil: boolean[] = [];
	private readonly frameHasChild: boolean[] = [];
	private frames = 0;
	/** Qualified and local names of the previous record's fields, by position (name reuse). */
	private readonly shapeNames: string[] = [];
	private readonly shapeLocals: string[] = [];
	private fieldIndex = 0;
	private recordName = '';

	// Scalar capture state
	private scalarName = '';
	private scalarDepth = 0;
	private scalarText = '';
	private scalarNil = false;
	private scalarIsLeaf = true;

	constructor(options: ReadRecordsOptions) {
		this.recordElement = options.recordElement;
		this.container = options.containerElement ?? '';
		this.scalarNames = new Set(options.scalarElements ?? []);
		this.maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
	}

	/** Records read so far. */
	get recordCount(): number {
		return this.count;
	}

	/** The record count and the scalar elements (call after the final chunk). */
	summary(): ReadRecordsSummary {
		return { count: this.count, scalars: { ...this.scalars } };
	}

	/**
	 * Consumes a chunk of text and yields the records it completes. With `final`, the document must
	 * end here (an unfinished document is reported as truncated).
	 */
	*read(text: string, final: boolean): Generator<FlatRecord, void, undefined> {
		if (this.finished) throw new Error('RecordReader: read() after the final chunk');
		this.finished = final;
		const scanner = this.scanner;
		scanner.feed(text, final);
		for (;;) {
			scanner.nameHint = this.record === null ? this.recordName : this.frames === 0 ? (this.shapeNames[this.fieldIndex] ?? '') : '';
			const token = scanner.next();
			if (token === Token.Eof || token === Token.NeedMore) return;
			if (this.record !== null) {
				const done = this.inRecord(token);
				if (done !== null) yield done;
				continue;
			}
			if (token === Token.Start) {
				const name = localName(scanner.name);
				if (name === this.recordElement && (this.container === '' || this.outer[this.outer.length - 1] === this.container)) {
					this.record = {};
					this.recordDepth = scanner.depth;
					this.recordNil = scanner.isNil();
					this.recordName = scanner.name;
					this.frames = 0;
					this.fieldIndex = 0;
					continue;
				}
				if (this.scalarName !== '') this.scalarIsLeaf = false;
				else if (this.scalarNames.has(name) && !FORBIDDEN_KEYS.has(name) && !Object.prototype.hasOwnProperty.call(this.scalars, name)) {
					this.scalarName = name;
					this.scalarDepth = scanner.depth;
					this.scalarText = '';
					this.scalarNil = scanner.isNil();
					this.scalarIsLeaf = true;
				}
				this.outer.push(name);
			} else if (token === Token.Text) {
				if (this.scalarName !== '' && scanner.depth === this.scalarDepth) this.scalarText += scanner.text();
			} else if (token === Token.End) {
				this.outer.pop();
				if (this.scalarName !== '' && scanner.depth < this.scalarDepth) {
					if (this.scalarIsLeaf) this.scalars[this.scalarName] = this.scalarNil ? null : ownValue(this.scalarText);
					this.scalarName = '';
				}
			}
		}
	}

	/** Handles a token inside a record; returns the record when it ends. */
	private inRecord(token: Token): FlatRecord | null {
		const scanner = this.scanner;
		const record = this.record as FlatRecord;
		const frames = this.frames;
		if (token === Token.Start) {
			let name: string;
			if (frames === 0) {
				const index = this.fieldIndex++;
				if (scanner.name === this.shapeNames[index]) name = this.shapeLocals[index];
				else {
					name = localName(scanner.name);
					this.shapeNames[index] = scanner.name;
					this.shapeLocals[index] = name;
				}
			} else {
				name = localName(scanner.name);
				this.frameHasChild[frames - 1] = true;
			}
			this.frameName[frames] = frames > 0 ? `${this.frameName[frames - 1]}.${name}` : name;
			this.frameText[frames] = '';
			this.frameNil[frames] = scanner.isNil();
			this.frameHasChild[frames] = false;
			this.frames = frames + 1;
			return null;
		}
		if (token === Token.Text) {
			if (frames > 0) this.frameText[frames - 1] += scanner.text();
			return null;
		}
		// End
		if (frames > 0) {
			const f = frames - 1;
			this.frames = f;
			if (!this.frameHasChild[f]) setField(record, this.frameName[f], this.frameNil[f] ? null : ownValue(this.frameText[f]));
			this.frameText[f] = '';
			return null;
		}
		if (scanner.depth >= this.recordDepth) return null;
		this.record = null;
		if (this.recordNil) return null;
		if (this.count >= this.maxRecords) {
			throw new XmlReadError('too_many_records', `The response holds more than ${this.maxRecords} records (the configured maximum)`, scanner.offset(scanner.tagStart));
		}
		this.count++;
		return record;
	}
}

/**
 * Yields every record element of a whole document as a flat object, one at a time, in one pass.
 * Returns a summary with the record count and the requested scalar elements found outside records.
 */
export function* readRecords(xml: string, options: ReadRecordsOptions): Generator<FlatRecord, ReadRecordsSummary, undefined> {
	const reader = new RecordReader(options);
	yield* reader.read(xml, true);
	return reader.summary();
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
	return sniffEnvelopeStart(xml, true) as EnvelopeInfo;
}

/**
 * `sniffEnvelope` on the beginning of a response that is still arriving: `undefined` means "send
 * more text" (only when `final` is false).
 */
export function sniffEnvelopeStart(xml: string, final: boolean): EnvelopeInfo | undefined {
	const head = xml.slice(0, 512).replace(/^\uFEFF/, '').trimStart();
	if (/^<!DOCTYPE\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return { isSoap: false, rootElement: 'html' };
	if (head !== '' && !head.startsWith('<')) return { isSoap: false, rootElement: '' };
	if (!final && head.length < 16) return undefined;
	const scanner = new Scanner(xml, final);
	let info: EnvelopeInfo = { isSoap: false, rootElement: '' };
	let bodyDepth = 0;
	for (;;) {
		const token = scanner.next();
		if (token === Token.NeedMore) return undefined;
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
