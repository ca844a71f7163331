import { HispatecSoapError } from '../../../../../nodes/shared/hispatec/soap/errors';
import {
	DEFAULT_RETRY,
	failureFacts,
	isRetryable,
	retryVerdict,
} from '../../../../../nodes/shared/hispatec/soap/retry';
import { resolveSettings } from '../../../../../nodes/shared/hispatec/soap/settings';
import { XmlReadError } from '../../../../../nodes/shared/hispatec/reader/errors';

/** What the retry decision looks at. */
type FailureFacts = Parameters<typeof retryVerdict>[0];

describe('retry policy (what is transient)', () => {
	const table: Array<[string, FailureFacts, boolean]> = [
		['HTTP 500', { kind: 'http', httpStatus: 500 }, true],
		['HTTP 502', { kind: 'http', httpStatus: 502 }, true],
		['HTTP 503', { kind: 'http', httpStatus: 503 }, true],
		['HTTP 504', { kind: 'http', httpStatus: 504 }, true],
		['HTTP 408', { kind: 'http', httpStatus: 408 }, true],
		['HTTP 429', { kind: 'http', httpStatus: 429 }, true],
		['HTTP 404', { kind: 'http', httpStatus: 404 }, false],
		['HTTP 401', { kind: 'http', httpStatus: 401 }, false],
		['HTTP 415', { kind: 'http', httpStatus: 415 }, false],
		['HTTP 302', { kind: 'http', httpStatus: 302 }, false],
		['soap:Server fault', { kind: 'fault', httpStatus: 500, faultCode: 'Server' }, true],
		['soap:Receiver fault (1.2)', { kind: 'fault', httpStatus: 500, faultCode: 'Receiver' }, true],
		[
			'soap:Server fault with HTTP 200',
			{ kind: 'fault', httpStatus: 200, faultCode: 'Server' },
			true,
		],
		['soap:Server.Database fault', { kind: 'fault', faultCode: 'Server.Database' }, true],
		['soap:Client fault', { kind: 'fault', httpStatus: 500, faultCode: 'Client' }, false],
		['soap:Sender fault (1.2)', { kind: 'fault', httpStatus: 500, faultCode: 'Sender' }, false],
		['VersionMismatch fault', { kind: 'fault', faultCode: 'VersionMismatch' }, false],
		[
			'wrong username or password',
			{ kind: 'invalid_credentials', httpStatus: 500, faultCode: 'Client' },
			false,
		],
		['fresh token refused', { kind: 'token_expired', faultCode: 'Client' }, false],
		['login without a token', { kind: 'missing_token' }, false],
		['connection reset', { kind: 'unreachable', networkCode: 'ECONNRESET' }, true],
		['connection refused', { kind: 'unreachable', networkCode: 'ECONNREFUSED' }, true],
		['connection timed out', { kind: 'unreachable', networkCode: 'ETIMEDOUT' }, true],
		['broken pipe', { kind: 'unreachable', networkCode: 'EPIPE' }, true],
		['DNS try again', { kind: 'unreachable', networkCode: 'EAI_AGAIN' }, true],
		['host unreachable', { kind: 'unreachable', networkCode: 'EHOSTUNREACH' }, true],
		['unknown host name', { kind: 'unreachable', networkCode: 'ENOTFOUND' }, false],
		['invalid URL', { kind: 'unreachable', networkCode: 'ERR_INVALID_URL' }, false],
		['network error without a code', { kind: 'unreachable' }, false],
		['answer timeout', { kind: 'timeout', networkCode: 'ECONNABORTED' }, true],
		['truncated body', { kind: 'invalid_xml', xmlCode: 'truncated' }, true],
		['malformed body', { kind: 'invalid_xml', xmlCode: 'malformed' }, true],
		['empty body', { kind: 'not_soap', httpStatus: 200, emptyBody: true }, true],
		['HTML page with HTTP 200', { kind: 'not_soap', httpStatus: 200 }, false],
		['DOCTYPE or entity declaration', { kind: 'unsafe_xml', xmlCode: 'doctype' }, false],
		['response size cap', { kind: 'too_large' }, false],
		['record cap', { kind: 'too_many_records', xmlCode: 'too_many_records' }, false],
		['page cap', { kind: 'paging' }, false],
		['configuration', { kind: 'config' }, false],
		['TLS certificate', { kind: 'tls', networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, false],
		['cancelled execution', { kind: 'cancelled', networkCode: 'ERR_CANCELED' }, false],
	];
	it.each(table)('%s → retried: %s', (_name, facts, retried) => {
		expect(retryVerdict(facts).retry).toBe(retried);
		expect(retryVerdict(facts).why).not.toBe('');
	});

	it('reads the facts off real errors; an error whose retries are spent is never retried again', () => {
		const reset = new HispatecSoapError('unreachable', 'cut', {
			cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
		});
		expect(failureFacts(reset)).toEqual({ kind: 'unreachable', networkCode: 'ECONNRESET' });
		const truncated = new HispatecSoapError('invalid_xml', 'x', {
			cause: new XmlReadError('truncated', 'ends', 10),
		});
		expect(failureFacts(truncated)).toEqual({ kind: 'invalid_xml', xmlCode: 'truncated' });
		const fault = new HispatecSoapError('fault', 'x', {
			httpStatus: 500,
			fault: { version: '1.1', code: 'soap:Server', codeName: 'Server', message: 'm' },
		});
		expect(failureFacts(fault)).toEqual({ kind: 'fault', httpStatus: 500, faultCode: 'Server' });
		expect(
			failureFacts(new HispatecSoapError('not_soap', 'x', { httpStatus: 200, bodySnippet: '' })),
		).toEqual({ kind: 'not_soap', httpStatus: 200, emptyBody: true });
		expect(failureFacts(new Error('plain'))).toBeUndefined();
		expect(isRetryable(new Error('plain'))).toBe(false);
		expect(isRetryable(fault)).toBe(true);
		expect(
			isRetryable(new HispatecSoapError('fault', 'x', { ...fault.details, attempts: 4 })),
		).toBe(false);
	});

	it('has default settings of 3 retries from 1000 ms, steps capped at 30 s', () => {
		expect(DEFAULT_RETRY).toEqual({ maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30000 });
	});

	it('retry settings come from the credential (advanced), defaults 3 retries and 1000 ms', () => {
		const base = { serverUrl: 'http://erp' };
		expect(resolveSettings(base).retry).toEqual({
			maxRetries: 3,
			baseDelayMs: 1000,
			maxDelayMs: 30000,
		});
		expect(resolveSettings({ ...base, maxRetries: 0, retryBaseDelayMs: 5 }).retry.maxRetries).toBe(
			3,
		);
		expect(
			resolveSettings({ ...base, customizeAdvanced: true, maxRetries: 0, retryBaseDelayMs: 250 })
				.retry,
		).toEqual({ maxRetries: 0, baseDelayMs: 250, maxDelayMs: 30000 });
		expect(() => resolveSettings({ ...base, customizeAdvanced: true, maxRetries: 11 })).toThrow(
			'Retries must be a number between 0 and 10 (got "11")',
		);
		expect(() =>
			resolveSettings({ ...base, customizeAdvanced: true, retryBaseDelayMs: -1 }),
		).toThrow('Retry Base Delay must be a number between 0 and 60000');
	});
});
