/**
 * The Hispatec Trigger and n8n's poll budget (`IPollFunctions.getPollBudgetMs()`, n8n-workflow 2.38+):
 * a read that would run past the budget stops after a page, emits what changed so far, keeps its
 * cursor in workflow static data and reads on at the next poll. Time is an injected clock that moves
 * PAGE_MS per page the emulator serves, so nothing here depends on real timing.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { readState, type TriggerState } from '../../../nodes/Hispatec/helpers/changeTracker';
import { createHispatecClient } from '../../../nodes/Hispatec/transport';
import { pollRecords } from '../../../nodes/Hispatec/trigger/poll';
import type { HispatecEmulator } from '../../../emulators/hispatec';
import { createPollContext } from '../../../harness/nodeContext';
import { codes, harnessOptions, useHispatecEmulator } from './helpers';

const BASE = Date.parse('2025-06-02T08:00:00.000Z');
const PAGE_MS = 20_000;
const PAGE_SIZE = 10;
// 100 s budget, 80 % of it planned: pages end at +20, +40, +60, +80 s; the 4th would end past 80 s + 20 s
const BUDGET_MS = 100_000;

const SKIPPED = ['C00065', 'C00066', 'C00067', 'C00072'];
const ids = (items: INodeExecutionData[] | undefined) => (items ?? []).map((i) => i.json.sourceId);

describe('Hispatec Trigger within the poll budget', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	const pageCalls = () => emu.stats.calls.ObtenerContactos ?? 0;
	const clock = () => BASE + pageCalls() * PAGE_MS;
	/** The Pagina and ModificadoDesde of each contacts call since `from`. */
	const pagesSince = (from: number) =>
		emu.stats.requests
			.filter((r) => r.operation === 'ObtenerContactos')
			.slice(from)
			.map((r) => ({ page: Number(r.args?.Pagina), since: r.args?.ModificadoDesde }));

	async function poll(
		staticData: IDataObject,
		budget: number | undefined | (() => unknown),
		options: IDataObject = {},
	) {
		const { context } = createPollContext(
			harnessOptions(
				emu,
				{ pageSize: PAGE_SIZE },
				{ parameters: { resource: 'contact', options }, staticData, mode: 'trigger' },
			),
		);
		if (budget !== undefined) {
			(context as unknown as { getPollBudgetMs: () => unknown }).getPollBudgetMs =
				typeof budget === 'function' ? budget : () => budget;
		}
		const before = pageCalls();
		const client = await createHispatecClient(context);
		const out = await pollRecords.call(context, client, { now: clock });
		// queue mode: the state must survive JSON (another process may run the next poll)
		const roundTrip = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, roundTrip);
		return { out, pages: pagesSince(before) };
	}

	it("reads n8n's budget only where n8n has one (feature detection for n8n 1.x)", async () => {
		// no getPollBudgetMs (n8n 1.x), or no usable number: no budget, every page in one poll
		expect((await poll({}, undefined)).pages).toHaveLength(8);
		for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 'soon', undefined])
			expect((await poll({}, () => bad)).pages).toHaveLength(8);
		// 30 s, 80 % of it planned: page 1 ends at +20 s, page 2 would end at +40 s
		expect((await poll({}, () => 30_000)).pages.map((p) => p.page)).toEqual([1]);
		// 60 s: 80 % is 48 s, so page 3 (ending at +60 s) is not started; all 60 s would allow it
		expect((await poll({}, 60_000)).pages.map((p) => p.page)).toEqual([1, 2]);
	});

	it('a first scan longer than the budget is read over two polls: nothing lost or repeated, same end state', async () => {
		// reference: no budget (n8n 1.x) reads all 8 pages in one poll
		const unbounded: IDataObject = {};
		const all = await poll(unbounded, undefined);
		expect(all.pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect([...ids(all.out?.[0]), ...ids(all.out?.[1])].sort()).toEqual(codes(72, 'C'));

		const staticData: IDataObject = {};
		const scanStart = new Date(clock()).toISOString(); // the reference poll took 8 pages of clock time
		const first = await poll(staticData, BUDGET_MS);
		expect(first.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
		expect(ids(first.out![0])).toEqual(codes(40, 'C'));
		expect(first.out![1]).toEqual([]);
		const cursor = (staticData as unknown as TriggerState).scan;
		expect(cursor).toEqual({
			startedAt: scanStart,
			fullScan: true,
			nextPage: 4,
			seen: 40,
			firstPoll: true,
		});
		expect(readState(staticData, 'contact')?.scan).toEqual(cursor);

		const second = await poll(staticData, BUDGET_MS);
		expect(second.pages.map((p) => p.page)).toEqual([5, 6, 7, 8]); // page 8 is short: the scan ends there
		expect(ids(second.out![0])).toEqual(codes(32, 'C', 41).filter((c) => !SKIPPED.includes(c)));
		expect(ids(second.out![1])).toEqual(SKIPPED);
		const state = staticData as unknown as TriggerState;
		expect(state.scan).toBeUndefined();
		expect(state.fingerprints).toEqual((unbounded as unknown as TriggerState).fingerprints);
		// the scan counts from its first poll's start: records changed meanwhile are in the next "modified since" window
		expect(state.lastPollStart).toBe(scanStart);
		expect(state.lastFullScan).toBe(state.lastPollStart);

		const third = await poll(staticData, BUDGET_MS);
		expect(third.out).toBeNull();
		expect(third.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
		expect((staticData as unknown as TriggerState).scan).toMatchObject({
			nextPage: 4,
			seen: 40,
			firstPoll: false,
		});
	});

	it('a later full scan over two polls: changes emitted by the poll that reads them, deletions applied and reported (Emit Removed Records) only when it completes', async () => {
		const staticData: IDataObject = {};
		const options = { emitRemovedRecords: true };
		await poll(staticData, undefined, options);
		const baseline = [...(staticData as unknown as TriggerState).fingerprints];

		emu.dataset.update('contact', 'C00005', { Email: 'cinco@agro.es' });
		emu.dataset.update('contact', 'C00055', { Email: 'cincuenta.y.cinco@agro.es' });
		emu.dataset.remove('contact', 'C00030');

		const first = await poll(staticData, BUDGET_MS, options);
		expect(first.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
		// the partial scan reports no removal
		expect(first.out).toEqual([
			[
				expect.objectContaining({
					json: expect.objectContaining({ sourceId: 'C00005', emails: ['cinco@agro.es'] }),
				}),
			],
			[],
		]);
		const mid = staticData as unknown as TriggerState;
		expect(mid.scan).toMatchObject({ nextPage: 4, seen: 40, fullScan: true, firstPoll: false });
		// not deleted yet: the scan has not seen everything
		expect(mid.fingerprints.some((e) => e.startsWith('C00030'))).toBe(true);
		expect(mid.fingerprints).toHaveLength(72);

		const second = await poll(staticData, BUDGET_MS, options);
		expect(second.pages.map((p) => p.page)).toEqual([5, 6, 7, 8]);
		expect(second.out![0].map((i) => [i.json.action, i.json.sourceId])).toEqual([
			[undefined, 'C00055'],
			['removed', 'C00030'],
		]);
		const end = staticData as unknown as TriggerState;
		expect(end.scan).toBeUndefined();
		expect(end.fingerprints.map((e) => e.slice(0, 6)).sort()).toEqual(
			codes(72, 'C').filter((c) => c !== 'C00030'),
		);
		expect(end.fingerprints).not.toEqual(baseline);
	});

	it('with Modified Since, every page of the scan sends the same date across polls, and nothing is dropped', async () => {
		emu.setOption('ignoreModifiedSince', true); // answers everything: 8 pages
		const staticData: IDataObject = {};
		const options = { useModifiedSince: true, overlapMinutes: 10 };
		await poll(staticData, undefined, options);
		const firstStart = (staticData as unknown as TriggerState).lastPollStart;
		emu.dataset.remove('contact', 'C00012');

		const a = await poll(staticData, BUDGET_MS, options);
		const b = await poll(staticData, BUDGET_MS, options);
		const since = new Date(Date.parse(firstStart) - 10 * 60_000).toISOString();
		expect([...a.pages, ...b.pages]).toEqual(
			[1, 2, 3, 4, 5, 6, 7, 8].map((page) => ({
				page,
				since: expect.stringMatching(/^2025-06-02T07:50:00/),
			})),
		);
		expect(new Set([...a.pages, ...b.pages].map((p) => p.since))).toEqual(
			new Set([since.replace('.000Z', 'Z')]),
		);
		const state = staticData as unknown as TriggerState;
		expect(state.scan).toBeUndefined();
		expect(state.lastPollStart).toBe(new Date(BASE + 8 * PAGE_MS).toISOString()); // the scan's start, not the second poll's
		expect(state.lastFullScan).toBe(firstStart);
		// a "modified since" read does not see every record, so it deletes nothing
		expect(state.fingerprints.some((e) => e.startsWith('C00012'))).toBe(true);
	});

	it('reads at least one page per poll, even with a budget shorter than a page', async () => {
		const staticData: IDataObject = {};
		const first = await poll(staticData, 1_000);
		const second = await poll(staticData, 1_000);
		expect([first.pages, second.pages].map((p) => p.map((x) => x.page))).toEqual([[1], [2]]);
		expect([ids(first.out![0]), ids(second.out![0])]).toEqual([codes(10, 'C'), codes(10, 'C', 11)]);
		expect((staticData as unknown as TriggerState).scan).toMatchObject({ nextPage: 2, seen: 20 });
	});

	it('an unusable cursor starts a fresh scan instead of failing', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, BUDGET_MS);
		(staticData.scan as IDataObject).nextPage = 'four';
		const again = await poll(staticData, BUDGET_MS);
		expect(again.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
		expect((staticData as unknown as TriggerState).scan).toMatchObject({
			nextPage: 4,
			seen: 40,
			firstPoll: false,
		});
	});
});
