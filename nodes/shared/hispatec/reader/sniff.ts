/**
 * SOAP envelope sniffing: from the start of a response, is it a SOAP envelope, which version, and what is
 * the first element of the Body. No n8n imports.
 */
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
