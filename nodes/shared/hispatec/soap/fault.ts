/**
 * SOAP fault reading for both versions. No n8n imports.
 *
 * SOAP 1.1: `Fault/faultcode`, `faultstring`, `faultactor`, `detail`.
 * SOAP 1.2: `Fault/Code/Value` (+ `Subcode/Value`), `Reason/Text`, `Role`, `Detail`.
 */
import { localName } from '../reader/text';
import { childElement, elementText, findElement, type XmlElement } from '../reader/document';

export interface SoapFault {
	version: '1.1' | '1.2';
	/** Fault code as written (`soap:Client`, `soap:Sender`). */
	code: string;
	/** Local part of the code (`Client`, `Server`, `Sender`, `Receiver`, `VersionMismatch` …). */
	codeName: string;
	/** SOAP 1.2 subcode value, when present. */
	subcode?: string;
	/** `faultstring` / `Reason/Text`: the human-readable message. */
	message: string;
	/** The text of `detail` / `Detail`, flattened (`Name: value; …`), when present. */
	detail?: string;
	actor?: string;
}

function text(element: XmlElement | undefined): string {
	if (!element) return '';
	return elementText(element) ?? '';
}

function flattenDetail(element: XmlElement): string {
	const parts: string[] = [];
	const walk = (e: XmlElement, path: string) => {
		const own = e.text.trim();
		if (e.children.length === 0) {
			if (own !== '') parts.push(path === '' ? own : `${path}: ${own}`);
			return;
		}
		if (own !== '') parts.push(own);
		for (const child of e.children) walk(child, child.local);
	};
	walk(element, '');
	return parts.join('; ');
}

/** Reads the first `Fault` element of a parsed envelope, or `undefined` when there is none. */
export function readFault(root: XmlElement): SoapFault | undefined {
	const body = findElement(root, 'Body');
	const fault = body ? childElement(body, 'Fault') : undefined;
	if (!fault) return undefined;

	const faultcode = childElement(fault, 'faultcode');
	const faultstring = childElement(fault, 'faultstring');
	if (faultcode || faultstring) {
		const code = text(faultcode);
		const detail = childElement(fault, 'detail');
		const actor = text(childElement(fault, 'faultactor'));
		return {
			version: '1.1',
			code,
			codeName: localName(code),
			message: text(faultstring),
			...(detail ? { detail: flattenDetail(detail) } : {}),
			...(actor !== '' ? { actor } : {}),
		};
	}

	const codeElement = childElement(fault, 'Code');
	const code = text(codeElement ? childElement(codeElement, 'Value') : undefined);
	const subcodeElement = codeElement ? childElement(codeElement, 'Subcode') : undefined;
	const subcode = text(subcodeElement ? childElement(subcodeElement, 'Value') : undefined);
	const reason = childElement(fault, 'Reason');
	const reasonTexts = reason ? reason.children.filter((c) => c.local === 'Text') : [];
	const english = reasonTexts.find((t) =>
		t.attributes.some(([n, v]) => localName(n) === 'lang' && /^en/i.test(v)),
	);
	const message = text(english ?? reasonTexts[0]) || text(reason);
	const detail = childElement(fault, 'Detail');
	const role = text(childElement(fault, 'Role'));
	return {
		version: '1.2',
		code,
		codeName: localName(code),
		...(subcode !== '' ? { subcode } : {}),
		message,
		...(detail ? { detail: flattenDetail(detail) } : {}),
		...(role !== '' ? { actor: role } : {}),
	};
}

/** One-line description: `soap:Client: Credenciales no validas (detail …)`. */
export function describeFault(fault: SoapFault): string {
	const code =
		fault.code === '' ? '' : `${fault.code}${fault.subcode ? ` / ${fault.subcode}` : ''}: `;
	const detail = fault.detail ? ` (${fault.detail})` : '';
	return `${code}${fault.message || '(no fault message)'}${detail}`;
}
