/**
 * Retry policy: exponential backoff with jitter; `Retry-After` honoured. The waiting itself is done
 * by the transport with n8n's `sleep`; after a 429 the transport also paces its requests
 * (`pacer.ts`).
 */

export interface RetryTiming {
	/** First backoff step; doubles on every attempt. */
	baseDelayMs: number;
	/** Upper bound of one backoff step. */
	maxDelayMs: number;
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Upper bound for a server-sent Retry-After. */
	maxRetryAfterMs: number;
	/**
	 * Widest spacing between request starts once Clientify has answered 429 (`pacer.ts`); 0 turns
	 * the spacing off (the shared pause on Retry-After stays).
	 */
	maxSpacingMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = {
	baseDelayMs: 1000,
	maxDelayMs: 30000,
	maxRetries: 5,
	maxRetryAfterMs: 120000,
	maxSpacingMs: 1000,
};

export type FailureKind = 'rateLimited' | 'serverError' | 'network' | 'fatal';

/** 429 → rate limited; 5xx (500, 502, 503, 504 …) → server error; no answer → network; else fatal. */
export function classifyFailure(status: number | undefined, hasNetworkError: boolean): FailureKind {
	if (status === 429) return 'rateLimited';
	if (status !== undefined && status >= 500 && status <= 599) return 'serverError';
	if (status === undefined && hasNetworkError) return 'network';
	return 'fatal';
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or invalid. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text === 'number' && Number.isFinite(text) && text >= 0) return text * 1000;
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const trimmed = text.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `attempt` (0-based): the server's Retry-After when given (capped),
 * otherwise "equal jitter" backoff: half the exponential step plus a random half.
 */
export function retryDelayMs(
	attempt: number,
	timing: RetryTiming,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, timing.maxRetryAfterMs);
	const step = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** attempt);
	return Math.round(step / 2 + random() * (step / 2));
}
