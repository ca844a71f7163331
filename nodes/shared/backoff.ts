/**
 * The one backoff formula of both clients (Hispatec's SOAP retries, Clientify's retries): "equal
 * jitter", half the exponential step plus a random half, the step being base × 2^retry capped at
 * `maxDelayMs`. Half of each step is always waited (a retry storm never fires at once); the random
 * half spreads the lanes and executions that failed together. No n8n imports, no timers: the callers
 * wait with the `sleep` their node injects.
 */

export interface BackoffSteps {
	/** First backoff step; doubles on every retry. */
	baseDelayMs: number;
	/** Upper bound of one backoff step. */
	maxDelayMs: number;
}

/** Delay before retry number `retry` (0-based), in ms; `random` is the jitter source, [0, 1]. */
export function backoffDelayMs(
	retry: number,
	steps: BackoffSteps,
	random: () => number = Math.random,
): number {
	const step = Math.min(steps.maxDelayMs, steps.baseDelayMs * 2 ** retry);
	return Math.round(step / 2 + random() * (step / 2));
}
