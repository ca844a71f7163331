/**
 * A SOAP answer as a document, outside the record stream: from its start, is it a SOAP envelope, which
 * version, and what is the first element of the Body (sniffing); small documents only (login
 * responses, faults) as a tree, with lookups by local name. No n8n imports.
 */
import { XmlReadError } from './errors';
import { localName, prefixOf } from './text';
import { Scanner, Token } from './tokenizer';

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
 * element of the Body (to spot a Fault before reading records). Stops as soon as it knows. On the
 * beginning of a response that is still arriving, `undefined` means "send more text" (only when
 * `final` is false).
 */
export function sniffEnvelopeStart(xml: string, final: boolean): EnvelopeInfo | undefined {
	const head = xml
		.slice(0, 512)
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (/^<!DOCTYPE\s+html/i.test(head) || /^<html[\s>]/i.test(head))
		return { isSoap: false, rootElement: 'html' };
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
			if (scanner.depth === 0 && !scanner.isWhitespaceText())
				return { isSoap: false, rootElement: '' };
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
			if (uri === SOAP11_ENVELOPE_NS)
				info = { isSoap: true, soapVersion: '1.1', rootElement: local };
			else if (uri === SOAP12_ENVELOPE_NS)
				info = { isSoap: true, soapVersion: '1.2', rootElement: local };
			else return { isSoap: false, rootElement: local };
		} else if (depth === 2 && local === 'Body') {
			bodyDepth = depth;
		} else if (bodyDepth !== 0 && depth === bodyDepth + 1) {
			return { ...info, firstBodyElement: local };
		}
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
 * pages. Same rules as `RecordReader` in reader/records.ts (DOCTYPE refused, entities, CDATA, nil).
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
			else if (root)
				throw new XmlReadError(
					'malformed',
					'The XML has more than one root element',
					scanner.tagStart,
				);
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
