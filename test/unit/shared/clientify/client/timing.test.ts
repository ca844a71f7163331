import {
	classifyFailure,
	parseRetryAfter,
	retryDelayMs,
	DEFAULT_RETRY_TIMING,
} from '../../../../nodes/shared/clientify';

describe('retry policy', () => {
	it('classifies failures', () => {
		expect(classifyFailure(429, false)).toBe('rateLimited');
		expect(classifyFailure(500, false)).toBe('serverError');
		expect(classifyFailure(504, false)).toBe('serverError');
		expect(classifyFailure(undefined, true)).toBe('network');
		expect(classifyFailure(400, false)).toBe('fatal');
		expect(classifyFailure(409, false)).toBe('fatal');
	});
	it('parses Retry-After seconds and dates', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter('0', 0)).toBe(0);
		expect(parseRetryAfter(['2'], 0)).toBe(2000);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
	});
	it('backs off exponentially with jitter, capped; Retry-After wins', () => {
		const t = DEFAULT_RETRY_TIMING;
		expect(retryDelayMs(0, t, undefined, () => 0)).toBe(500);
		expect(retryDelayMs(0, t, undefined, () => 1)).toBe(1000);
		expect(retryDelayMs(3, t, undefined, () => 0.5)).toBe(6000);
		expect(retryDelayMs(10, t, undefined, () => 1)).toBe(30000);
		expect(retryDelayMs(2, t, 0)).toBe(0);
		expect(retryDelayMs(2, t, 999999)).toBe(120000);
	});
});
