import { runPool } from '../../../../nodes/shared/clientify';

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
