/**
 * Retries of Hispatec SOAP calls: which failures are transient (one small pure function,
 * `retryVerdict`, table-tested in test/unit/shared/hispatec/soap/retry.test.ts); the backoff between
 * attempts is both clients' one (../../backoff.ts). No n8n imports.
 *
 * Transient (retried): HTTP 5xx, 408 and 429; a `soap:Server` / `soap:Receiver` fault; a connection
 * reset, refused, aborted or timed out (and the other network codes in TRANSIENT_NETWORK_CODES); a
 * timeout; a truncated or malformed body; an empty body.
 * Never retried: wrong username or password (a Client/Sender fault on Login), every other Client fault
 * (including the expired-token fault, which logs in again instead), a DOCTYPE or entity declaration in
 * a response (security), the response-size and record caps, the page cap, TLS problems, an HTML or
 * non-SOAP page with a 2xx/3xx/4xx status, a cancelled execution, configuration errors.
 */
import type { BackoffSteps } from '../../backoff';
import { HispatecSoapError, type HispatecErrorDetails, type HispatecErrorKind } from './errors';
import { redactSoapError } from './redact';
import { XmlReadError, type XmlReadErrorCode } from '../reader/errors';

export interface RetrySettings extends BackoffSteps {
	/** Retries after the first attempt (0 = no retry). */
	maxRetries: number;
}

export const DEFAULT_RETRY: RetrySettings = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
};

/** What the retry decision looks at: plain facts read off a failure (see `failureFacts`). */
interface FailureFacts {
	kind: HispatecErrorKind;
	httpStatus?: number;
	/** Local part of the SOAP fault code (`Server`, `Receiver`, `Client` …). */
	faultCode?: string;
	/** Node.js network error code (`ECONNRESET` …). */
	networkCode?: string;
	/** Why the XML reader refused the body. */
	xmlCode?: XmlReadErrorCode;
	/** The answer had no body at all. */
	emptyBody?: boolean;
}

interface RetryVerdict {
	retry: boolean;
	/** Short reason, for logs and tests. */
	why: string;
}

/** Network failures worth another attempt (a wrong host name, ENOTFOUND, is not one of them). */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_SOCKET',
]);

/** The retry policy: is this failure transient? */
export function retryVerdict(f: FailureFacts): RetryVerdict {
	switch (f.kind) {
		case 'http': {
			const s = f.httpStatus ?? 0;
			if (s >= 500 && s <= 599) return { retry: true, why: `HTTP ${s}` };
			if (s === 408 || s === 429) return { retry: true, why: `HTTP ${s}` };
			return { retry: false, why: `HTTP ${s}` };
		}
		case 'fault': {
			const code = (f.faultCode ?? '').toLowerCase();
			if (code === 'server' || code === 'receiver' || code.startsWith('server.'))
				return { retry: true, why: `${f.faultCode} fault` };
			return { retry: false, why: `${f.faultCode || 'unknown'} fault` };
		}
		case 'timeout':
			return { retry: true, why: 'timeout' };
		case 'unreachable': {
			const code = f.networkCode ?? '';
			return TRANSIENT_NETWORK_CODES.has(code)
				? { retry: true, why: code }
				: { retry: false, why: code || 'network error without a code' };
		}
		case 'invalid_xml':
			if (f.xmlCode === 'truncated' || f.xmlCode === 'malformed')
				return { retry: true, why: `${f.xmlCode} body` };
			return { retry: false, why: f.xmlCode ?? 'invalid XML' };
		case 'not_soap':
			return f.emptyBody === true
				? { retry: true, why: 'empty body' }
				: { retry: false, why: 'not a SOAP answer' };
		default:
			// invalid_credentials, token_expired, missing_token, unsafe_xml, too_large, too_many_records,
			// paging, config, tls, cancelled.
			return { retry: false, why: f.kind };
	}
}

function networkCode(cause: unknown): string | undefined {
	const e = cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.cause?.code === 'string') return e.cause.code;
	return undefined;
}

/** The facts `retryVerdict` needs, read off whatever a call threw (`undefined`: not ours, not retried). */
export function failureFacts(error: unknown): FailureFacts | undefined {
	if (!(error instanceof HispatecSoapError)) return undefined;
	const d = error.details;
	const code = networkCode(d.cause);
	return {
		kind: error.kind,
		...(d.httpStatus !== undefined ? { httpStatus: d.httpStatus } : {}),
		...(d.fault ? { faultCode: d.fault.codeName } : {}),
		...(code !== undefined && !(d.cause instanceof XmlReadError) ? { networkCode: code } : {}),
		...(d.cause instanceof XmlReadError ? { xmlCode: d.cause.code } : {}),
		...(error.kind === 'not_soap' && d.bodySnippet === '' ? { emptyBody: true } : {}),
	};
}

/** Should this error be retried? Errors whose retries are already spent (`attempts` set) never are. */
export function isRetryable(error: unknown): boolean {
	if (error instanceof HispatecSoapError && error.attempts !== undefined) return false;
	const facts = failureFacts(error);
	return facts !== undefined && retryVerdict(facts).retry;
}

/**
 * The wait between attempts. No timers here (n8n's rules): the node passes n8n's `sleep`
 * (nodes/Hispatec/transport), tests a recording one.
 */
export type Sleep = (ms: number) => Promise<void>;

/**
 * The error that ends the retries: it carries `attempts` (so an enclosing retry loop does not retry it
 * again), says how often the call failed, and never holds a secret.
 */
export function finalError(
	error: unknown,
	attempts: number,
	page: number | undefined,
	secrets: ReadonlyArray<string | undefined>,
): unknown {
	if (!(error instanceof HispatecSoapError)) return error;
	if (error.attempts !== undefined) return error;
	const details: HispatecErrorDetails = {
		...error.details,
		attempts,
		...(page !== undefined ? { page } : {}),
	};
	let message = error.message;
	if (attempts > 1) {
		message += ` (tried ${attempts} times)`;
		details.hint = `${error.hint ? `${error.hint} ` : ''}The call failed ${attempts} times in a row; raise "Retries" or "Retry Base Delay" in the credential if the server needs longer to recover.`;
	}
	return redactSoapError(new HispatecSoapError(error.kind, message, details), secrets);
}
