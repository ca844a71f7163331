/**
 * Client-side pacing for one Clientify client (one node run): how far apart requests start,
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
 * The clock and the sleep are injected: the node passes `Date.now` and n8n-workflow's `sleep`.
 */

/** The window the server is assumed to count requests in (ASSUMED: per second). */
export const RATE_WINDOW_MS = 1000;
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
export interface PacerTicket {
	startedAt: number;
	/** The adjustment epoch it started in: a 429 from an older epoch is part of a burst already handled. */
	epoch: number;
}

export interface PacerClock {
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
