/**
 * The HTTP request of one SOAP call: the envelope (1.1 and 1.2), where the session token goes, the
 * SOAPAction and HTTP headers, and the credential's limits. No n8n imports. Every interpolated value is
 * XML-escaped; element names are validated, never escaped. The answer is response.ts.
 */
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from '../reader/document';
import { elementNameProblem, type HispatecSettings, type SoapVersion } from './settings';

/** Thrown for values or names that cannot be put into an envelope (a configuration problem). */
export class EnvelopeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EnvelopeError';
	}
}

const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/**
 * Whether `value` holds a character XML 1.0 cannot carry at all, even as a reference: a C0 control
 * other than tab, line feed and carriage return, U+FFFE, U+FFFF, or a lone surrogate. A loop over
 * code units rather than a regular expression with control characters in it (ESLint no-control-regex).
 */
function hasInvalidXmlChar(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c < 0x20) {
			if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
		} else if (c === 0xfffe || c === 0xffff) {
			return true;
		} else if (c >= 0xd800 && c <= 0xdbff) {
			const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
			if (next < 0xdc00 || next > 0xdfff) return true;
			i++; // a valid pair
		} else if (c >= 0xdc00 && c <= 0xdfff) {
			return true; // a low surrogate with no high surrogate before it
		}
	}
	return false;
}

/**
 * Escapes `& < > " '` for use in element content or attribute values. Throws for characters XML 1.0
 * cannot represent (control characters, lone surrogates) instead of silently changing the value.
 */
function escapeXml(value: string, what = 'A value'): string {
	if (hasInvalidXmlChar(value)) {
		throw new EnvelopeError(`${what} contains a control character that XML cannot carry`);
	}
	return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Validates an element name taken from the settings (no prefixes: the namespace is declared). */
function assertElementName(name: string, setting: string): string {
	const problem = elementNameProblem(name, setting);
	if (problem) throw new EnvelopeError(problem);
	return name;
}

export type SoapParamValue = string | number | null | undefined;

interface SoapHeaderBlock {
	/** Header element name, e.g. `AuthHeader`. */
	element: string;
	namespace: string;
	/** Child elements, in order. */
	params: Array<[string, SoapParamValue]>;
}

export interface EnvelopeSpec {
	soapVersion: SoapVersion;
	/** Target namespace of the operation element (declared as the default namespace). */
	namespace: string;
	operation: string;
	/** Operation parameters, in order; `null`/`undefined` values are left out. */
	params: Array<[string, SoapParamValue]>;
	header?: SoapHeaderBlock;
}

function renderParams(params: Array<[string, SoapParamValue]>): string {
	let out = '';
	for (const [name, value] of params) {
		if (value === null || value === undefined) continue;
		assertElementName(name, 'parameter name');
		out += `<${name}>${escapeXml(String(value), `Parameter ${name}`)}</${name}>`;
	}
	return out;
}

function envelopeNamespace(version: SoapVersion): string {
	return version === '1.2' ? SOAP12_ENVELOPE_NS : SOAP11_ENVELOPE_NS;
}

/**
 * Document/literal envelope in the style ASMX and WCF expect:
 * `<soap:Body><Operation xmlns="ns"><Param>value</Param>…</Operation></soap:Body>`.
 */
function buildEnvelope(spec: EnvelopeSpec): string {
	const operation = assertElementName(spec.operation, 'operation name');
	const ns = escapeXml(spec.namespace, 'The namespace');
	let header = '';
	if (spec.header) {
		const element = assertElementName(spec.header.element, 'SOAP header element');
		header =
			`<soap:Header><${element} xmlns="${escapeXml(spec.header.namespace, 'The header namespace')}">` +
			`${renderParams(spec.header.params)}</${element}></soap:Header>`;
	}
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		`<soap:Envelope xmlns:soap="${envelopeNamespace(spec.soapVersion)}" ` +
		'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
		header +
		`<soap:Body><${operation} xmlns="${ns}">${renderParams(spec.params)}</${operation}></soap:Body>` +
		'</soap:Envelope>'
	);
}

/**
 * The SOAP action for an operation from a template with `{namespace}` and `{operation}` placeholders
 * (default `{namespace}/{operation}`). A trailing slash in the namespace is not doubled
 * (`http://tempuri.org/` + `Login` → `http://tempuri.org/Login`). A blank template gives `''`.
 */
function buildSoapAction(template: string, namespace: string, operation: string): string {
	const trimmed = template.trim();
	if (trimmed === '') return '';
	const ns = namespace.replace(/\/+$/, '');
	return trimmed.replace(/\{namespace\}/g, ns).replace(/\{operation\}/g, operation);
}

/** HTTP headers for a SOAP request of the given version and action. */
function soapHttpHeaders(version: SoapVersion, action: string): Record<string, string> {
	if (/["\r\n]/.test(action))
		throw new EnvelopeError('The SOAP action must not contain quotes or line breaks');
	if (version === '1.2') {
		return {
			'Content-Type': `application/soap+xml; charset=utf-8${action === '' ? '' : `; action="${action}"`}`,
			Accept: 'application/soap+xml, text/xml, */*',
		};
	}
	return {
		'Content-Type': 'text/xml; charset=utf-8',
		SOAPAction: `"${action}"`,
		Accept: 'text/xml, application/soap+xml, */*',
	};
}

export interface SoapHttpRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
	/** Operation name (for messages and logs). */
	operation: string;
	timeoutMs: number;
	ignoreTlsErrors: boolean;
	/** Answers beyond this many bytes are refused while downloading. */
	maxResponseBytes: number;
}

/** The HTTP request for one operation: the envelope, the SOAP action and the credential's limits. */
export function buildRequest(
	s: HispatecSettings,
	operation: string,
	spec: EnvelopeSpec,
	extraHeaders: Record<string, string> = {},
): SoapHttpRequest {
	const action = buildSoapAction(s.soapActionTemplate, s.namespace, operation);
	return {
		url: s.endpoint,
		headers: { ...soapHttpHeaders(s.soapVersion, action), ...extraHeaders },
		body: buildEnvelope(spec),
		operation,
		timeoutMs: s.timeoutMs,
		ignoreTlsErrors: s.ignoreTlsErrors,
		maxResponseBytes: s.maxResponseBytes,
	};
}

/**
 * The envelope and extra HTTP headers of a data call with the session token where the credential puts
 * it: a body parameter before the others, a SOAP header block, or an HTTP header.
 */
export function authenticatedSpec(
	s: HispatecSettings,
	operation: string,
	params: Array<[string, SoapParamValue]>,
	token: string,
): { spec: EnvelopeSpec; headers: Record<string, string> } {
	const t = s.token;
	const spec: EnvelopeSpec = {
		soapVersion: s.soapVersion,
		namespace: s.namespace,
		operation,
		params,
	};
	const headers: Record<string, string> = {};
	if (t.placement === 'body') spec.params = [[t.parameter, token], ...params];
	else if (t.placement === 'soapHeader')
		spec.header = {
			element: t.headerElement,
			namespace: t.headerNamespace,
			params: [[t.parameter, token]],
		};
	else headers[t.httpHeader] = token;
	return { spec, headers };
}
