/**
 * A small XML tree for small documents only (login responses, faults), with lookups by local name.
 * No n8n imports.
 */
import { XmlReadError } from './errors';
import { localName } from './text';
import { Scanner, Token } from './tokenizer';

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
