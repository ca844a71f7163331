/**
 * One SOAP exchange over the transport the node supplies: the request, then the start of the answer, read
 * far enough to tell a normal response (returned open, its body still arriving) from an error (network,
 * HTTP, not SOAP, SOAP fault), which is thrown. No n8n imports.
 */
import { XmlReadError } from '../reader/errors';
import { sniffEnvelopeStart, type EnvelopeInfo } from '../reader/sniff';
import { parseXmlTree } from '../reader/tree';
import { buildEnvelope, buildSoapAction, soapHttpHeaders, type EnvelopeSpec } from './envelope';
import {
	classifyTransportError,
	HispatecSoapError,
	httpHint,
	snippet,
	xmlError,
	type HispatecErrorDetails,
} from './errors';
import { describeFault, readFault, type SoapFault } from './fault';
import { ResponseText, type SoapBody } from './response';
import type { HispatecSettings } from './settings';

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

export interface SoapHttpResponse {
	statusCode: number;
	statusMessage?: string;
	headers: Record<string, unknown>;
	/** Preferably the undecoded stream, so records are read while they arrive (size cap included). */
	body: SoapBody;
}

/** An answer that passed the checks, its body still arriving. */
export interface OpenResponse {
	/** Decoded text read so far (up to the first element of the Body). */
	head: string;
	text: ResponseText;
	info: EnvelopeInfo;
	base: HispatecErrorDetails;
}

/** Sends one request. Must resolve for every HTTP status (SOAP faults arrive as HTTP 500). */
export type SoapTransport = (request: SoapHttpRequest) => Promise<SoapHttpResponse>;

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
 * Sends one request and reads the start of the answer: errors (network, HTTP, not SOAP, SOAP fault)
 * are thrown here; a normal answer is returned open, its body still arriving.
 */
export async function openAnswer(
	s: HispatecSettings,
	transport: SoapTransport,
	request: SoapHttpRequest,
): Promise<OpenResponse> {
	const operation = request.operation;
	let response: SoapHttpResponse;
	try {
		response = await transport(request);
	} catch (error) {
		throw classifyTransportError(error, request);
	}
	const text = new ResponseText(response.body, response.headers ?? {}, request);
	const base = { operation, url: s.endpoint, httpStatus: response.statusCode };
	let head = '';
	let info: EnvelopeInfo | undefined;
	let failure: unknown;
	try {
		for (let ended = false; ;) {
			info = sniffEnvelopeStart(head, ended);
			if (info !== undefined) break;
			const chunk = await text.next();
			if (chunk === null) ended = true;
			else head += chunk;
		}
		if (!info.isSoap || info.firstBodyElement === 'Fault' || response.statusCode >= 300) {
			failure = failedAnswer(s, response, info, head + (await text.rest()), base);
		}
	} catch (error) {
		failure = error instanceof XmlReadError ? xmlError(error, base, head) : error;
	}
	if (failure !== undefined) {
		await text.close();
		throw failure;
	}
	return { head, text, info: info as EnvelopeInfo, base };
}

/** The error for an answer that is not a normal SOAP response (read in full: such answers are small). */
function failedAnswer(
	s: HispatecSettings,
	response: SoapHttpResponse,
	info: EnvelopeInfo,
	body: string,
	base: HispatecErrorDetails,
): HispatecSoapError {
	const operation = base.operation ?? '';
	if (!info.isSoap) {
		const what =
			info.rootElement === 'html'
				? 'an HTML page'
				: info.rootElement === ''
					? body.trim() === ''
						? 'an empty body'
						: 'non-XML content'
					: `an XML document <${info.rootElement}>`;
		if (response.statusCode >= 300) {
			return new HispatecSoapError(
				'http',
				`Hispatec answered HTTP ${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''} to ${operation} (${what}, not a SOAP envelope)`,
				{
					...base,
					bodySnippet: snippet(body),
					hint: httpHint(response.statusCode, s.endpoint, response.headers ?? {}),
				},
			);
		}
		return new HispatecSoapError(
			'not_soap',
			`${s.endpoint} answered ${operation} with ${what}, not a SOAP envelope`,
			{
				...base,
				bodySnippet: snippet(body),
				hint: `Check the Server URL and the Service Path: the service's WSDL should open at ${s.endpoint}?wsdl.`,
			},
		);
	}
	if (info.firstBodyElement === 'Fault') {
		let fault: SoapFault | undefined;
		try {
			fault = readFault(parseXmlTree(body));
		} catch (error) {
			return xmlError(error, base, body);
		}
		if (fault) {
			return new HispatecSoapError(
				'fault',
				`Hispatec returned a SOAP fault for ${operation}: ${describeFault(fault)}`,
				{ ...base, fault },
			);
		}
	}
	return new HispatecSoapError(
		'http',
		`Hispatec answered HTTP ${response.statusCode} to ${operation}`,
		{
			...base,
			bodySnippet: snippet(body),
			hint: httpHint(response.statusCode, s.endpoint, response.headers ?? {}),
		},
	);
}

/** Reads the rest of an open answer as one string (small answers: login). */
export async function readText(open: OpenResponse): Promise<string> {
	try {
		return open.head + (await open.text.rest());
	} finally {
		await open.text.close();
	}
}
