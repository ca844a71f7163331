/**
 * Deterministic fault injection for the Clientify emulator's `faultHook`: a request's fate depends only
 * on the seed, what the request is (method, path, query, body) and how many identical requests came
 * before it, never on the order concurrent requests arrive in.
 */
import { createHash } from 'crypto';
import type { FaultHookRequest, FaultRule } from '../../emulators/clientify';

/** A number in [0, 1) from a seed and some text. */
export function unit(seed: number, text: string): number {
	return createHash('sha256').update(`${seed}\u0000${text}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * `roll(salt)`: a number in [0, 1) for this request and occurrence; `stable(salt)`: the same for every
 * occurrence of an identical request (e.g. membership of a storm).
 */
export type Decide = (
	request: FaultHookRequest,
	occurrence: number,
	roll: (salt: string) => number,
	stable: (salt: string) => number,
) => FaultRule | undefined;

export interface FaultHookStats {
	requests: number;
	faulted: number;
}

/** A `faultHook` from a decision function, plus counters. */
export function seededHook(
	seed: number,
	decide: Decide,
): { hook: (r: FaultHookRequest) => FaultRule | undefined; stats: FaultHookStats } {
	const occurrences = new Map<string, number>();
	const stats: FaultHookStats = { requests: 0, faulted: 0 };
	const hook = (request: FaultHookRequest) => {
		const query = Object.entries(request.query)
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([k, v]) => `${k}=${v}`)
			.join('&');
		const identity = `${request.method} ${request.path}?${query} ${request.body}`;
		const occurrence = (occurrences.get(identity) ?? 0) + 1;
		occurrences.set(identity, occurrence);
		stats.requests++;
		const rule = decide(
			request,
			occurrence,
			(salt) => unit(seed, `${identity}#${occurrence}#${salt}`),
			(salt) => unit(seed, `${identity}#${salt}`),
		);
		if (rule) stats.faulted++;
		return rule;
	};
	return { hook, stats };
}

const FAILURES: Array<Pick<FaultRule, 'status' | 'drop'>> = [
	{ status: 500 },
	{ status: 502 },
	{ status: 504 },
	{ drop: true },
];

/** `rate` of requests fail with 500, 502, 504 or a dropped connection, before or after being applied. */
export function percentFaults(rate: number, when: 'before' | 'after'): Decide {
	return (_request, _occurrence, roll) => {
		if (roll('hit') >= rate) return undefined;
		const kind = FAILURES[Math.floor(roll('kind') * FAILURES.length)];
		return { ...kind, afterHandling: when === 'after' };
	};
}

/** Storms of 429 with Retry-After: half the distinct requests are refused twice or three times. */
export function rateLimitStorm(retryAfterSeconds: number): Decide {
	return (_request, occurrence, _roll, stable) => {
		if (stable('storm-member') >= 0.5) return undefined;
		const refusals = stable('storm-length') < 0.5 ? 2 : 3;
		return occurrence <= refusals ? { status: 429, retryAfter: retryAfterSeconds } : undefined;
	};
}

/** `rate` of requests are held past the client's timeout, half of them applied first. */
export function timeouts(rate: number, holdMs: number): Decide {
	return (_request, _occurrence, roll) => {
		if (roll('hit') >= rate) return undefined;
		return roll('applied') < 0.5
			? { delayMs: holdMs, afterHandling: true }
			: { delayMs: holdMs, drop: true };
	};
}

/** `rate` of creates answer 409 (the tax ID exists: a concurrent create applied it). */
export function conflicts(rate: number): Decide {
	return (request, _occurrence, roll) => {
		if (request.method !== 'POST' || !/^\/(contacts|companies)\/$/.test(request.path))
			return undefined;
		if (roll('hit') >= rate) return undefined;
		const label = request.path.startsWith('/contacts') ? 'Contact' : 'Company';
		return {
			status: 409,
			afterHandling: true,
			body: { detail: `${label} with this taxpayer_identification_number already exists.` },
		};
	};
}

/**
 * `rate` of requests fail with 500 and a debug page quoting the request's headers (a Django DEBUG
 * page shows `HTTP_AUTHORIZATION`), half before and half after being applied; failures of the same
 * request repeat up to `repeats` times, so some records exhaust their retries.
 */
export function echoingErrors(rate: number, apiKey: string, repeats: number): Decide {
	return (request, occurrence, _roll, stable) => {
		if (stable('hit') >= rate || occurrence > repeats) return undefined;
		return {
			status: 500,
			afterHandling: stable('applied') < 0.5,
			body: {
				detail: 'Server Error (500)',
				request: {
					method: request.method,
					path: request.path,
					META: { HTTP_AUTHORIZATION: `Token ${apiKey}` },
				},
			},
		};
	};
}
