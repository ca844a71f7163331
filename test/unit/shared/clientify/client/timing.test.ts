import {
	DEFAULT_RETRY_TIMING,
	Pacer,
	classifyFailure,
	parseRetryAfter,
	retryDelayMs,
	runPool,
} from '../../../../../nodes/shared/clientify/client/timing';

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

/**
 * The pacer against a simulated Clientify: a fake clock (sleeps advance it, nothing waits for
 * real) and a server that counts requests in fixed windows, as the emulator's rate limit does.
 */

class SimClock {
	nowMs = 0;

	private seq = 0;

	private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

	now = (): number => this.nowMs;

	sleep = async (ms: number): Promise<void> =>
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.nowMs + Math.max(0, ms), seq: this.seq++, resolve });
		});

	/** Runs the simulation until `work` settles: fires timers in time order. */
	async run<T>(work: Promise<T>): Promise<T> {
		let done = false;
		const settled = work.finally(() => {
			done = true;
		});
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (done) return await settled;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const timer = this.timers.shift();
			if (!timer) throw new Error('simulation stalled');
			this.nowMs = Math.max(this.nowMs, timer.at);
			timer.resolve();
		}
	}
}

/** Fixed windows of `windowMs`: beyond `limit` requests in one, 429. */
function fixedWindowServer(limit: number, windowMs = 1000) {
	let start = Number.NEGATIVE_INFINITY;
	let count = 0;
	return (now: number): boolean => {
		if (now - start >= windowMs) {
			start = now;
			count = 0;
		}
		count++;
		return count <= limit;
	};
}

interface Simulation {
	requests: number;
	lanes: number;
	latencyMs: number;
	retryAfterMs: number;
	maxSpacingMs: number;
	accepts: (now: number) => boolean;
}

async function simulate(s: Simulation) {
	const clock = new SimClock();
	const pacer = new Pacer(s.maxSpacingMs, clock);
	const starts: number[] = [];
	const refusedAt: number[] = [];
	let next = 0;
	const lane = async () => {
		while (next < s.requests) {
			next++;
			for (;;) {
				const ticket = await pacer.turn();
				starts.push(clock.nowMs);
				const accepted = s.accepts(clock.nowMs);
				await clock.sleep(s.latencyMs);
				if (accepted) {
					pacer.succeeded(ticket);
					break;
				}
				refusedAt.push(clock.nowMs);
				pacer.rateLimited(ticket, s.retryAfterMs);
				await clock.sleep(s.retryAfterMs);
			}
		}
	};
	await clock.run(Promise.all(Array.from({ length: s.lanes }, lane)));
	return { elapsedMs: clock.nowMs, refusals: refusedAt.length, starts, refusedAt, pacer };
}

const RATE_LIMITED: Simulation = {
	requests: 2000,
	lanes: 5,
	latencyMs: 50,
	retryAfterMs: 1000,
	maxSpacingMs: 1000,
	accepts: () => true,
};

describe('Pacer', () => {
	it('never slows a server that does not refuse', async () => {
		const run = await simulate({ ...RATE_LIMITED, accepts: () => true });
		expect(run.refusals).toBe(0);
		expect(run.pacer.spacing).toBe(0);
		// 2,000 requests, 5 at a time, 50 ms each.
		expect(run.elapsedMs).toBe((2000 / 5) * 50);
	});

	it('at 10 requests/s with 5 lanes, keeps 429s under 2 % and the time within 1.15 × the bound', async () => {
		const paced = await simulate({ ...RATE_LIMITED, accepts: fixedWindowServer(10) });
		const bound = (2000 / 10) * 1000;
		expect(paced.refusals).toBeLessThan(2000 * 0.02);
		expect(paced.elapsedMs).toBeLessThan(bound * 1.15);
		expect(paced.elapsedMs).toBeGreaterThanOrEqual(bound * 0.99);
		expect(paced.pacer.spacing).toBeGreaterThan(95);
		expect(paced.pacer.spacing).toBeLessThan(115);

		// The same run with spacing off (shared pause only) meets a 429 far more often.
		const unpaced = await simulate({
			...RATE_LIMITED,
			maxSpacingMs: 0,
			accepts: fixedWindowServer(10),
		});
		expect(unpaced.refusals).toBeGreaterThan(paced.refusals * 5);
	});

	it('pauses every lane on a 429 for the Retry-After', async () => {
		const run = await simulate({
			...RATE_LIMITED,
			requests: 200,
			accepts: fixedWindowServer(10),
		});
		expect(run.refusals).toBeGreaterThan(0);
		const first = run.refusedAt[0];
		// Nothing starts between the first refusal and the end of its pause.
		expect(run.starts.filter((t) => t > first && t < first + 1000)).toEqual([]);
	});

	it('adjusts once per burst: answers to requests started before the adjustment do not widen it', async () => {
		const clock = new SimClock();
		const pacer = new Pacer(1000, clock);
		// a client older than the window, with 3 successes in its last second
		pacer.succeeded(await pacer.turn());
		clock.nowMs = 1500;
		const sent = [await pacer.turn(), await pacer.turn(), await pacer.turn()];
		for (const t of sent) pacer.succeeded(t);
		const inFlight = [await pacer.turn(), await pacer.turn(), await pacer.turn()];
		clock.nowMs = 1550;
		pacer.rateLimited(inFlight[0], 1000);
		const spacing = pacer.spacing;
		// 3 successes in the last second → 1000 / 3 × 1.05.
		expect(spacing).toBeCloseTo(350, 0);
		pacer.rateLimited(inFlight[1], 1000);
		pacer.rateLimited(inFlight[2], 1000);
		expect(pacer.spacing).toBe(spacing);
	});

	it('a client younger than the window starts at 105 ms, whatever its few successes suggest', async () => {
		const clock = new SimClock();
		const pacer = new Pacer(1000, clock);
		// an earlier client used half of the window: this one gets 5 through, then a 429
		const tickets = [];
		for (let i = 0; i < 6; i++) tickets.push(await pacer.turn());
		for (const t of tickets.slice(0, 5)) pacer.succeeded(t);
		clock.nowMs = 60;
		pacer.rateLimited(tickets[5], 1000);
		expect(pacer.spacing).toBe(105);
	});

	it('widens by a quarter when refused while already paced, up to the maximum', async () => {
		const clock = new SimClock();
		const pacer = new Pacer(1000, clock);
		for (let i = 1; i <= 12; i++) {
			clock.nowMs = i * 10000;
			pacer.rateLimited(await pacer.turn(), 0);
		}
		expect(pacer.spacing).toBe(1000);
		// Narrows again with successes.
		for (let i = 0; i < 4096; i++) pacer.succeeded({ startedAt: clock.nowMs, epoch: 0 });
		expect(pacer.spacing).toBeGreaterThan(300);
		expect(pacer.spacing).toBeLessThan(400);
	});

	it('pages run one after another, each with its own client, share the limit and still meet few 429s', async () => {
		const accepts = fixedWindowServer(10);
		let refusals = 0;
		let elapsed = 0;
		for (let page = 0; page < 4; page++) {
			const run = await simulate({
				...RATE_LIMITED,
				requests: 500,
				accepts: (now) => accepts(now + elapsed),
			});
			refusals += run.refusals;
			elapsed += run.elapsedMs;
		}
		expect(refusals).toBeLessThan(4 * 12);
		expect(elapsed).toBeLessThan((2000 / 10) * 1000 * 1.15);
	});

	it('with maximum spacing 0 only pauses', async () => {
		const run = await simulate({
			...RATE_LIMITED,
			requests: 300,
			maxSpacingMs: 0,
			accepts: fixedWindowServer(10),
		});
		expect(run.refusals).toBeGreaterThan(0);
		expect(run.pacer.spacing).toBe(0);
	});

	it('does not wait once the run is cancelled', async () => {
		const clock = new SimClock();
		let cancelled = false;
		const pacer = new Pacer(1000, clock, () => cancelled);
		pacer.rateLimited(await pacer.turn(), 60000);
		cancelled = true;
		await expect(pacer.turn()).resolves.toMatchObject({ startedAt: 60000 });
	});
});

describe('runPool', () => {
	it('never runs more than the limit at once and runs every task', async () => {
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setImmediate(r));
			done.push(n);
			running--;
		});
		expect(peak).toBe(3);
		expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});
	it('starts no task once told to stop, and re-raises a worker failure after the others finish', async () => {
		const started: number[] = [];
		let stop = false;
		await runPool(
			[0, 1, 2, 3],
			1,
			async (n) => {
				started.push(n);
				if (n === 1) stop = true;
			},
			() => stop,
		);
		expect(started).toEqual([0, 1]);

		const finished: number[] = [];
		await expect(
			runPool([0, 1, 2, 3], 2, async (n) => {
				if (n === 0) throw new Error('boom');
				await new Promise((r) => setImmediate(r));
				finished.push(n);
			}),
		).rejects.toThrow('boom');
		expect(finished).toEqual([1]);
	});
});
