import { backoffDelayMs } from '../../../nodes/shared/backoff';

describe('backoffDelayMs (both clients)', () => {
	it('backs off exponentially with equal jitter, capped', () => {
		const steps = { baseDelayMs: 1000, maxDelayMs: 5000 };
		expect([0, 1, 2, 3, 4].map((r) => backoffDelayMs(r, steps, () => 0))).toEqual([
			500, 1000, 2000, 2500, 2500,
		]);
		expect([0, 1, 2, 3, 4].map((r) => backoffDelayMs(r, steps, () => 0.999999))).toEqual([
			1000, 2000, 4000, 5000, 5000,
		]);
		expect(backoffDelayMs(1, steps, () => 0.5)).toBe(1500);
		expect(backoffDelayMs(3, { ...steps, baseDelayMs: 0 })).toBe(0);
	});
});
