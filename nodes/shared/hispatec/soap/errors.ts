/**
 * Typed errors of the Hispatec SOAP client, and the mapping of every failure to them: network failures,
 * HTTP statuses (hints), login faults, an expired fresh token, unreadable XML. No n8n imports: the node
 * turns them into NodeApiError / NodeOperationError (nodes/Hispatec/transport/index.ts).
 */
import { XmlReadError } from '../reader/errors';
import type { SoapFault } from './fault';
import { stripAccents } from '../../normalize/text';

export type HispatecErrorKind =
	| 'unreachable'
	| 'timeout'
	| 'tls'
	| 'cancelled'
	| 'http'
	| 'not_soap'
	| 'invalid_xml'
	| 'unsafe_xml'
	| 'fault'
	| 'invalid_credentials'
	| 'token_expired'
	| 'missing_token'
	| 'too_large'
	| 'too_many_records'
	| 'paging'
	| 'config';

export interface HispatecErrorDetails {
	operation?: string;
	url?: string;
	httpStatus?: number;
	fault?: SoapFault;
	/** What to do about it (becomes the n8n error description). */
	hint?: string;
	/** Start of the response body, for diagnosis. */
	bodySnippet?: string;
	cause?: unknown;
	/** 1-based page of a data call. */
	page?: number;
	/** Attempts made (set once retries are over: such an error is never retried again). */
	attempts?: number;
}

export class HispatecSoapError extends Error {
	readonly kind: HispatecErrorKind;
	readonly details: HispatecErrorDetails;

	constructor(kind: HispatecErrorKind, message: string, details: HispatecErrorDetails = {}) {
		super(message);
		this.name = 'HispatecSoapError';
		this.kind = kind;
		this.details = details;
	}

	get httpStatus(): number | undefined {
		return this.details.httpStatus;
	}

	get fault(): SoapFault | undefined {
		return this.details.fault;
	}

	get hint(): string | undefined {
		return this.details.hint;
	}

	get attempts(): number | undefined {
		return this.details.attempts;
	}
}

const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ECONNRESET',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
	'ERR_INVALID_URL',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function errorCode(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.cause?.code === 'string') return e.cause.code;
	return '';
}

export function snippet(body: string): string {
	const compact = body.replace(/\s+/g, ' ').trim();
	return compact.length > 300 ? `${compact.slice(0, 300)}…` : compact;
}

/** Maps a network-level failure of the transport to a typed error. */
export function classifyTransportError(
	error: unknown,
	request: { url: string; operation: string; timeoutMs: number },
): HispatecSoapError {
	if (error instanceof HispatecSoapError) return error;
	const code = errorCode(error);
	const message = (error as Error | undefined)?.message ?? String(error);
	const base = { operation: request.operation, url: request.url, cause: error };
	const name = (error as Error | undefined)?.name ?? '';
	if (code === 'ERR_CANCELED' || name === 'AbortError' || name === 'CanceledError') {
		return new HispatecSoapError(
			'cancelled',
			`The request to Hispatec (${request.operation}) was cancelled`,
			base,
		);
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
		return new HispatecSoapError(
			'timeout',
			`Hispatec did not answer ${request.operation} within ${request.timeoutMs < 1000 ? `${request.timeoutMs} ms` : `${Math.round(request.timeoutMs / 1000)} s`}`,
			{
				...base,
				hint: "Raise the credential's Timeout or lower its Page Size, and check that the server is not overloaded.",
			},
		);
	}
	if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/i.test(code) || /certificate/i.test(message)) {
		return new HispatecSoapError(
			'tls',
			`TLS certificate problem talking to ${request.url}: ${message}`,
			{
				...base,
				hint: 'Install a valid certificate on the server, or turn on "Ignore TLS Certificate Errors" in the credential if you trust this server.',
			},
		);
	}
	if (UNREACHABLE_CODES.has(code) || code !== '') {
		return new HispatecSoapError(
			'unreachable',
			`Cannot reach the Hispatec server at ${request.url} (${code || message})`,
			{
				...base,
				hint: 'Check the Server URL and port, and that this n8n instance can reach the server (VPN, firewall, proxy).',
			},
		);
	}
	return new HispatecSoapError(
		'unreachable',
		`The request to ${request.url} failed: ${message}`,
		base,
	);
}

export function tooLarge(operation: string, url: string, maxBytes: number): HispatecSoapError {
	return new HispatecSoapError(
		'too_large',
		`The response to ${operation} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (the configured maximum)`,
		{
			operation,
			url,
			hint: 'Lower the Page Size, or raise "Maximum Response Size" in the credential.',
		},
	);
}

/**
 * True when a fault message means the token is missing or expired. The pattern is a case- and
 * accent-insensitive regular expression ("Token no valido" matches "Token no válido"); a pattern
 * that is not a valid regular expression is matched as plain text.
 */
export function matchesExpiredToken(pattern: string, message: string): boolean {
	if (pattern.trim() === '') return false;
	const text = stripAccents(message);
	const folded = stripAccents(pattern);
	try {
		return new RegExp(folded, 'i').test(text);
	} catch {
		return text.toLowerCase().includes(folded.toLowerCase());
	}
}

/** ASMX/WCF faults for an operation or action the service does not have. */
const UNKNOWN_OPERATION =
	/SOAPAction|ContractFilter|ActionNotSupported|did not recognize|no reconoce|not recognized|unknown (operation|method)/i;

function isUnknownOperationFault(fault: SoapFault | undefined): boolean {
	return (
		!!fault &&
		(UNKNOWN_OPERATION.test(fault.message) || UNKNOWN_OPERATION.test(fault.subcode ?? ''))
	);
}

/**
 * A Client/Sender fault from Login means wrong credentials, unless it says the operation is unknown
 * (then it is a configuration problem); anything else passes through.
 */
export function loginError(error: unknown): unknown {
	if (
		error instanceof HispatecSoapError &&
		error.kind === 'fault' &&
		isUnknownOperationFault(error.fault)
	) {
		return new HispatecSoapError('fault', error.message, {
			...error.details,
			hint: 'The service does not know this operation: check the Login Operation, Namespace and SOAP Action Template against the WSDL.',
		});
	}
	if (error instanceof HispatecSoapError && error.kind === 'fault' && isClientFault(error.fault)) {
		return new HispatecSoapError(
			'invalid_credentials',
			`Hispatec rejected the username or password: ${error.fault?.message ?? ''}`.trim(),
			{
				...error.details,
				hint: 'Check the Username and Password of the Hispatec credential.',
			},
		);
	}
	return error;
}

export function freshTokenRejected(operation: string, error: HispatecSoapError): HispatecSoapError {
	return new HispatecSoapError(
		'token_expired',
		`Hispatec rejected a fresh token for ${operation}: ${error.fault?.message ?? ''}`,
		{
			...error.details,
			hint: 'The server refuses the token right after login: check the Session Token Placement and Token Parameter settings.',
		},
	);
}

function isClientFault(fault: SoapFault | undefined): boolean {
	if (!fault) return false;
	const name = fault.codeName.toLowerCase();
	return name === 'client' || name === 'sender' || name.startsWith('client.');
}

export function xmlError(
	error: unknown,
	base: HispatecErrorDetails,
	body: string,
): HispatecSoapError {
	if (error instanceof HispatecSoapError) return error;
	if (error instanceof XmlReadError) {
		if (error.code === 'doctype') {
			return new HispatecSoapError(
				'unsafe_xml',
				`Security: refused the response to ${base.operation ?? 'the request'}: ${error.message}`,
				{
					...base,
					cause: error,
					hint: 'A SOAP service never sends a DTD or entity declarations: check that the Server URL points at the Hispatec service itself, and that nothing in between (a proxy) rewrites its answers.',
				},
			);
		}
		if (error.code === 'too_many_records') {
			return new HispatecSoapError('too_many_records', error.message, {
				...base,
				hint: 'Raise "Maximum Records" in the credential or lower the Page Size.',
			});
		}
		return new HispatecSoapError(
			'invalid_xml',
			`The response to ${base.operation ?? 'the request'} is not usable XML: ${error.message}`,
			{
				...base,
				bodySnippet: snippet(body),
				cause: error,
				hint:
					error.code === 'truncated'
						? 'The connection may have been cut; run again, or lower the Page Size.'
						: undefined,
			},
		);
	}
	throw error;
}

/** What to do about an HTTP status that is not a normal SOAP answer; `location` is a redirect's Location header. */
export function httpHint(status: number, endpoint: string, location: string | undefined): string {
	if (status >= 300 && status < 400) {
		return `The server redirects${location ? ` to ${location}` : ''}: put the final address in the Server URL and Service Path (SOAP requests are not redirected).`;
	}
	if (status === 404)
		return `Nothing at ${endpoint}: check the Service Path (the WSDL should open at ${endpoint}?wsdl).`;
	if (status === 401 || status === 403)
		return 'The web server refused access before SOAP: check network-level authentication (proxy, IP allow-list).';
	if (status === 415) return 'The server refused the content type: check the SOAP Version setting.';
	if (status >= 500)
		return 'The Hispatec server failed: try again later, or ask its administrator.';
	return 'Check the Server URL and Service Path.';
}
