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
