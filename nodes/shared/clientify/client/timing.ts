/**
 * When Clientify requests go out (no n8n imports, no timers: the waits are the injected `sleep`):
 * - retries: which failures are retried (`classifyFailure`), how long to wait (`Retry-After`, else
 *   both clients' backoff, ../../backoff.ts);
 * - pacing: how far apart requests start once Clientify answered 429 (`Pacer`);
 * - lanes: how many items are worked on at once (`runPool`).
 */
import { backoffDelayMs, type BackoffSteps } from '../../backoff';

export interface RetryTiming extends BackoffSteps {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Upper bound for a server-sent Retry-After. */
	maxRetryAfterMs: number;
	/**
	 * Widest spacing between request starts once Clientify has answered 429 (`Pacer`); 0 turns
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
 * otherwise both clients' backoff step (../../backoff.ts).
 */
export function retryDelayMs(
	attempt: number,
	timing: RetryTiming,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, timing.maxRetryAfterMs);
	return backoffDelayMs(attempt, timing, random);
}

/**
 * `Pacer`: client-side pacing for one Clientify client (one node run): how far apart requests start,
 * learned from the server's 429 answers. Clientify documents no rate limit (docs/clientify-upsert.md, "Assumed
 * Clientify behaviour"), so nothing is paced until the first 429:
 *
 * - **Shared pause.** A 429 pauses every lane of the run, not only the one refused, for the
 *   server's `Retry-After` (or the backoff step when it sends none). Without this, the other
 *   lanes keep sending into the same refusal.
 * - **Spacing.** The first 429 sets the spacing to what the server just let through: the
 *   requests that succeeded in the last second (ASSUMED: a per-second limit; `RATE_WINDOW_MS`),
 *   plus 5 %. A client younger than that second cannot tell (the limit may have been used up by
 *   an earlier client, e.g. the previous page's execution), so it starts at 105 ms (ASSUMED: 10
 *   requests/s, `FIRST_SPACING_MS`). A 429 while already paced at or above the estimate widens the
 *   spacing by a quarter. One adjustment per burst: the answers to requests started before the last
 *   adjustment change nothing.
 * - **Probing.** Each success narrows the spacing by 1/4096, so a limit that was raised, or a
 *   burst of refusals that had another cause, is recovered from; slowly, since every 429 costs a
 *   whole pause.
 *
 * The clock and the sleep are injected: the nodes pass `Date.now` and n8n's `sleep`.
 */
/** The window the server is assumed to count requests in (ASSUMED: per second). */
const RATE_WINDOW_MS = 1000;
/** Headroom over the rate the server let through. */
const SPACING_MARGIN = 1.05;
/** Widening when a 429 arrives while already paced at least as slowly as the estimate. */
const WIDEN = 1.25;
/** Spacing when there is no estimate (a client younger than the window, or < 2 successes in it). */
const FIRST_SPACING_MS = 105;
/** Narrowing per success. */
const NARROW = 1 / 4096;
/** Successes remembered for the estimate. */
const RECENT_SUCCESSES = 256;

/** What a request gets from `turn()` and hands back with its outcome. */
interface PacerTicket {
	startedAt: number;
	/** The adjustment epoch it started in: a 429 from an older epoch is part of a burst already handled. */
	epoch: number;
}

interface PacerClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export class Pacer {
	private spacingMs = 0;

	private nextStartAt = 0;

	private pausedUntil = 0;

	/** Incremented by each adjustment; a request carries the epoch it started in. */
	private epoch = 0;

	private firstStartAt: number | undefined;

	/** Start times of the latest successful requests, oldest first. */
	private readonly successes: number[] = [];

	/**
	 * @param maxSpacingMs widest spacing (the slowest pace); 0 turns spacing off, the shared pause
	 *   stays.
	 */
	constructor(
		private readonly maxSpacingMs: number,
		private readonly clock: PacerClock,
		private readonly isCancelled: () => boolean = () => false,
	) {}

	/** Current spacing between request starts, in ms (0 = unpaced). */
	get spacing(): number {
		return this.spacingMs;
	}

	/**
	 * Waits for the next request's turn and returns its ticket (to pass back to `succeeded` or
	 * `rateLimited`). Turns are handed out in call order.
	 */
	async turn(): Promise<PacerTicket> {
		let now = this.clock.now();
		let start = this.reserve(now);
		// A pause set while this request waited for its turn applies to it too.
		while (start > now && !this.isCancelled()) {
			await this.clock.sleep(start - now);
			if (this.pausedUntil <= start) break;
			now = this.clock.now();
			start = this.reserve(now);
		}
		this.firstStartAt ??= start;
		return { startedAt: start, epoch: this.epoch };
	}

	succeeded({ startedAt }: PacerTicket): void {
		this.successes.push(startedAt);
		if (this.successes.length > RECENT_SUCCESSES) this.successes.shift();
		if (this.spacingMs > 0) this.spacingMs -= this.spacingMs * NARROW;
	}

	/** A 429 for the request of `ticket`; `pauseMs` is the wait before any retry. */
	rateLimited(ticket: PacerTicket, pauseMs: number): void {
		const now = this.clock.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		if (this.maxSpacingMs <= 0 || ticket.epoch !== this.epoch) return;
		this.epoch++;
		const estimate = this.estimatedSpacing(now);
		const widened = this.spacingMs > 0 ? this.spacingMs * WIDEN : FIRST_SPACING_MS;
		const next = estimate !== undefined && estimate > this.spacingMs ? estimate : widened;
		this.spacingMs = Math.min(this.maxSpacingMs, next);
	}

	/**
	 * Spacing that matches the successes of the last window, with headroom; undefined when the
	 * client is younger than the window or fewer than 2 succeeded in it.
	 */
	private estimatedSpacing(now: number): number | undefined {
		if (this.firstStartAt === undefined || this.firstStartAt > now - RATE_WINDOW_MS)
			return undefined;
		let count = 0;
		for (let i = this.successes.length - 1; i >= 0; i--) {
			if (this.successes[i] < now - RATE_WINDOW_MS) break;
			count++;
		}
		return count >= 2 ? (RATE_WINDOW_MS / count) * SPACING_MARGIN : undefined;
	}

	private reserve(now: number): number {
		const start = Math.max(now, this.pausedUntil, this.nextStartAt);
		this.nextStartAt = start + this.spacingMs;
		return start;
	}
}

/**
 * A small bounded-concurrency pool: at most `concurrency` workers run at once; tasks start in input
 * order. `shouldStop` is checked before each task starts (cancellation, first failure without
 * continue-on-fail); tasks already running are awaited, never abandoned. If a worker rejects, no
 * further task starts and the first rejection is re-raised once the running ones have finished.
 */
export async function runPool<T>(
	tasks: readonly T[],
	concurrency: number,
	worker: (task: T, index: number) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, tasks.length));
	let next = 0;
	let failure: { error: unknown } | undefined;
	const lane = async () => {
		while (next < tasks.length && !failure && !shouldStop()) {
			const index = next++;
			await worker(tasks[index], index).then(
				() => undefined,
				(error: unknown) => {
					failure = failure ?? { error };
				},
			);
		}
	};
	const lanes: Array<Promise<void>> = [];
	for (let i = 0; i < width; i++) lanes.push(lane());
	await Promise.all(lanes);
	if (failure) throw failure.error;
}
