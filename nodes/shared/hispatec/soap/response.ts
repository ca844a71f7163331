/**
 * The answer to one SOAP request over the transport the node supplies: the body read as text while it
 * arrives (charset decoding across chunk boundaries, the size cap enforced during the download, network
 * errors mapped to typed errors), then the start of the answer, read far enough to tell a normal
 * response (returned open, its body still arriving) from an error (network, HTTP, not SOAP, SOAP
 * fault), which is thrown. No n8n imports. The request is request.ts.
 */
import { XmlReadError } from '../reader/errors';
import { parseXmlTree, sniffEnvelopeStart, type EnvelopeInfo } from '../reader/document';
import {
	classifyTransportError,
	HispatecSoapError,
	httpHint,
	snippet,
	tooLarge,
	xmlError,
	type HispatecErrorDetails,
} from './errors';
import { describeFault, readFault, type SoapFault } from './fault';
import type { SoapHttpRequest } from './request';
import type { HispatecSettings } from './settings';

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

/** Charset of a response: UTF-8 unless the Content-Type or the XML declaration says Latin-1. */
function detectCharset(contentType: unknown, head: string): 'utf8' | 'latin1' {
	const ct =
		typeof contentType === 'string'
			? contentType
			: Array.isArray(contentType)
				? String(contentType[0] ?? '')
				: '';
	const fromHeader = /charset\s*=\s*"?([\w.-]+)/i.exec(ct)?.[1];
	const fromDeclaration = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1];
	const charset = (fromHeader ?? fromDeclaration ?? 'utf-8').toLowerCase();
	return /^(iso-8859-1|iso-8859-15|latin1|l1|windows-1252|cp1252|us-ascii)$/.test(charset)
		? 'latin1'
		: 'utf8';
}

/** Lower-cased header lookup on a headers object of unknown shape. */
function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === wanted)
			return Array.isArray(value)
				? String(value[0])
				: value === undefined || value === null
					? undefined
					: String(value);
	}
	return undefined;
}

/** What a transport may hand back as the body: a stream (preferred), a Buffer or a string. */
type SoapBody = string | Uint8Array | ArrayBuffer | AsyncIterable<unknown> | null | undefined;

type RequestInfo = Pick<SoapHttpRequest, 'url' | 'operation' | 'timeoutMs' | 'maxResponseBytes'>;

function errorCodeOf(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.cause?.code === 'string') return e.cause.code;
	return '';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return (
		!!value &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function toBytes(chunk: unknown): Uint8Array | string {
	if (typeof chunk === 'string' || chunk instanceof Uint8Array) return chunk;
	if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
	return String(chunk);
}

class ResponseText {
	private readonly iterator: AsyncIterator<unknown> | undefined;
	private pending: Array<Uint8Array | string> | undefined;
	private decode: ((bytes: Uint8Array, final: boolean) => string) | undefined;
	private done = false;
	/** Bytes received so far. */
	bytes = 0;

	constructor(
		body: SoapBody,
		private readonly headers: Record<string, unknown>,
		private readonly request: RequestInfo,
	) {
		if (isAsyncIterable(body)) this.iterator = body[Symbol.asyncIterator]();
		else if (body === null || body === undefined) this.pending = [];
		else if (body instanceof ArrayBuffer) this.pending = [new Uint8Array(body)];
		else this.pending = [body];
	}

	private decoderFor(first: Uint8Array): (bytes: Uint8Array, final: boolean) => string {
		const head = Buffer.from(
			first.buffer,
			first.byteOffset,
			Math.min(first.byteLength, 200),
		).toString('latin1');
		if (detectCharset(headerValue(this.headers, 'content-type'), head) === 'latin1') {
			return (bytes) =>
				Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		}
		const decoder = new TextDecoder('utf-8');
		return (bytes, final) => decoder.decode(bytes, { stream: !final });
	}

	private async nextRaw(): Promise<Uint8Array | string | null> {
		if (this.pending) return this.pending.shift() ?? null;
		if (!this.iterator || this.done) return null;
		let step: IteratorResult<unknown> | undefined;
		let failure: unknown;
		try {
			step = await this.iterator.next();
		} catch (error) {
			failure = error;
		}
		if (step === undefined) {
			this.done = true;
			throw this.readFailure(failure);
		}
		if (step.done) {
			this.done = true;
			return null;
		}
		return toBytes(step.value);
	}

	/** A network error while the body arrives: the server answered, then the connection broke. */
	private readFailure(error: unknown): HispatecSoapError {
		const classified = classifyTransportError(error, this.request);
		if (classified.kind !== 'unreachable') return classified;
		return new HispatecSoapError(
			'unreachable',
			`The connection to Hispatec broke while reading the answer to ${this.request.operation} (${errorCodeOf(error) || (error as Error)?.message || 'closed'})`,
			{
				...classified.details,
				hint: 'The server or something in between (proxy, firewall) closed the connection mid-answer; it is retried. If it keeps happening, lower the Page Size or raise the Timeout.',
			},
		);
	}

	/** The next piece of decoded text, or `null` at the end of the body. */
	async next(): Promise<string | null> {
		for (;;) {
			const chunk = await this.nextRaw();
			if (chunk === null) {
				this.done = true;
				return this.decode ? this.decode(new Uint8Array(0), true) || null : null;
			}
			if (typeof chunk === 'string') {
				this.bytes += chunk.length;
				this.checkSize();
				if (chunk !== '') return chunk;
				continue;
			}
			this.bytes += chunk.byteLength;
			this.checkSize();
			this.decode ??= this.decoderFor(chunk);
			const text = this.decode(chunk, false);
			if (text !== '') return text;
		}
	}

	/** Everything not read yet, as one string. */
	async rest(): Promise<string> {
		let out = '';
		for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) out += chunk;
		return out;
	}

	/** Stops reading (releases the connection of a stream). */
	async close(): Promise<void> {
		if (this.done) return;
		this.done = true;
		try {
			await this.iterator?.return?.();
		} catch {
			// The stream is being discarded; an error while closing it changes nothing.
		}
	}

	private checkSize(): void {
		if (this.bytes > this.request.maxResponseBytes) {
			void this.close();
			throw tooLarge(this.request.operation, this.request.url, this.request.maxResponseBytes);
		}
	}
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
					hint: httpHint(
						response.statusCode,
						s.endpoint,
						headerValue(response.headers, 'location'),
					),
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
			hint: httpHint(response.statusCode, s.endpoint, headerValue(response.headers, 'location')),
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
