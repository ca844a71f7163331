/**
 * The pull tokenizer the record reader, the tree parser and the envelope sniffing share. No n8n imports.
 *
 * - One pass over the text with `indexOf`; the buffer may grow (`feed`) as a network stream arrives.
 * - Comments and processing instructions are skipped; CDATA is unwrapped verbatim.
 * - Security: any `<!DOCTYPE` or other markup declaration is refused (no entity expansion, no external
 *   entities).
 * - Well-formedness: end tags must match their start tags; a document that ends inside an element is
 *   reported as truncated.
 */
import { XmlReadError } from './errors';
import { decodeEntities, localName, prefixOf } from './text';

export const enum Token {
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
export class Scanner {
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
				const declaration = /^(ENTITY|ELEMENT|ATTLIST|NOTATION)\b/.exec(
					xml.slice(pos + 2, pos + 11),
				)?.[1];
				if (declaration !== undefined) {
					throw new XmlReadError(
						'doctype',
						`The XML contains an ${declaration} declaration, which is refused (no DTDs, no entity expansion)`,
						this.offset(pos),
					);
				}
				throw new XmlReadError(
					'malformed',
					`Unsupported markup declaration at offset ${this.offset(pos)}`,
					this.offset(pos),
				);
			}
			// Start tag. Fast path: the name the caller expects (the same field as in the previous record)
			// is reused instead of allocating a new string.
			let i = pos + 1;
			let name: string;
			const hint = this.nameHint;
			const hintEnd = pos + 1 + hint.length;
			if (
				hint !== '' &&
				hintEnd < len &&
				isNameEnd(xml.charCodeAt(hintEnd)) &&
				xml.startsWith(hint, pos + 1)
			) {
				i = hintEnd;
				name = hint;
			} else {
				while (i < len && !isNameEnd(xml.charCodeAt(i))) i++;
				if (i >= len) {
					if (!this.final) return Token.NeedMore;
					throw this.truncated();
				}
				if (i === pos + 1) {
					throw new XmlReadError(
						'malformed',
						`Invalid '<' at offset ${this.offset(pos)}`,
						this.offset(pos),
					);
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
		return new XmlReadError(
			'truncated',
			'The XML ends inside a tag (the response looks truncated)',
			this.offset(this.xml.length),
		);
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
