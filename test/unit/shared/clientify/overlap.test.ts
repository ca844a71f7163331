import { mergeTargetFor, recheckSince } from '../../../../nodes/shared/clientify/overlap';
import type { ClientifyRecord } from '../../../../nodes/shared/clientify/types';
import { listCreatedSince } from '../../../../nodes/shared/clientify/overlap';

/** One page of a listing, as `listCreatedSince`'s `fetch` answers it. */
type RecheckPage = Awaited<ReturnType<Parameters<typeof listCreatedSince>[2]>>;
/**
 * Pure rules behind duplicate tax IDs, the sync state, the primary-value lists and the overlapping
 * runs' re-check window (nodes/shared/clientify/syncState.ts, diff.ts, overlap.ts).
 */

describe('overlapping runs: re-check window and merge target', () => {
	it('window = earliest (created − our elapsed time) − margin; our own clock minus the skew allowance without a stamp', () => {
		const t = Date.parse('2026-01-01T10:00:00Z');
		// margin 2 s; skew allowance 10 min
		expect(
			recheckSince(
				[
					{ createdStamp: new Date(t).toISOString(), elapsedMs: 5000 },
					{ createdStamp: new Date(t + 1000).toISOString(), elapsedMs: 9000 },
				],
				0,
			),
		).toBe('2026-01-01T09:59:50.000Z');
		expect(recheckSince([{ createdStamp: undefined, elapsedMs: 1 }], t)).toBe(
			'2026-01-01T09:50:00.000Z',
		);
	});

	it('the filter value keeps the convention of the stamps: with a zone, or wall-clock without one (no zone guessed)', () => {
		expect(recheckSince([{ createdStamp: '2026-01-01T10:00:00+01:00', elapsedMs: 3000 }], 0)).toBe(
			'2026-01-01T08:59:55.000Z',
		);
		expect(recheckSince([{ createdStamp: '2026-01-01T10:00:00', elapsedMs: 3000 }], 0)).toBe(
			'2026-01-01T09:59:55.000',
		);
		expect(recheckSince([{ createdStamp: '2026-01-01 10:00:00.123456', elapsedMs: 0 }], 0)).toBe(
			'2026-01-01T09:59:58.123',
		);
	});

	it('merge into the oldest twin created before ours; none when ours is the oldest', () => {
		const own: ClientifyRecord = { id: 7 };
		expect(mergeTargetFor(own, [{ id: 9 }, { id: 5 }, { id: 3 }, own])?.id).toBe(3);
		expect(mergeTargetFor(own, [{ id: 9 }, own])).toBeUndefined();
	});
});

/**
 * A tiny list endpoint over an array, with `created[gte]`, `ordering=id`, page numbers in `next`
 * links, and a hook that runs before each page is served (another run deleting its merged records).
 */
function endpoint(
	store: ClientifyRecord[],
	pageSize: number,
	beforeEachPage: (call: number) => void,
) {
	let calls = 0;
	const queries: string[] = [];
	const serve = (since: string, pageNo: number): RecheckPage => {
		beforeEachPage(calls++);
		const matching = store
			.filter((r) => Date.parse(String(r.created)) >= Date.parse(since))
			.sort((a, b) => a.id - b.id);
		const results = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize);
		const next = matching.length > pageNo * pageSize ? `${since}|${pageNo + 1}` : null;
		return { results, next };
	};
	const fetch = async (
		qs: Record<string, string | number> | undefined,
		next?: string,
	): Promise<RecheckPage> => {
		if (next) {
			queries.push(`next ${next}`);
			const [since, pageNo] = next.split('|');
			return serve(since, Number(pageNo));
		}
		queries.push(`since ${qs?.['created[gte]']}`);
		return serve(String(qs?.['created[gte]']), 1);
	};
	return { fetch, queries, calls: () => calls };
}

function record(id: number): ClientifyRecord {
	return {
		id,
		created: new Date(Date.UTC(2026, 11, 1, 10, 0, 0, id)).toISOString(),
	} as ClientifyRecord;
}

describe('the re-check listing (listCreatedSince)', () => {
	const since = new Date(Date.UTC(2026, 11, 1, 10, 0, 0, 0)).toISOString();

	it('lists every record once over several pages', async () => {
		const store = Array.from({ length: 25 }, (_, i) => record(i + 1));
		const api = endpoint(store, 10, () => undefined);
		const listed = await listCreatedSince(since, 10, api.fetch);
		expect(listed.map((r) => r.id)).toEqual(store.map((r) => r.id));
		expect(api.calls()).toBe(3);
	});

	it('misses no record when another run deletes records before the page boundary while we page', async () => {
		// records 1..30; the other run deletes 2, 4, 6 (its merged twins) right after our first page
		const store = Array.from({ length: 30 }, (_, i) => record(i + 1));
		const deleteSome = (call: number) => {
			if (call === 1)
				for (const id of [2, 4, 6])
					store.splice(
						store.findIndex((r) => r.id === id),
						1,
					);
		};
		const survivors = () => store.map((r) => r.id);

		// what paging by number would have seen: record 11..13 shift onto page 1 and are never listed
		const numbered: number[] = [];
		const shifting = Array.from({ length: 30 }, (_, i) => record(i + 1));
		const shiftingApi = endpoint(shifting, 10, (call) => {
			if (call === 1)
				for (const id of [2, 4, 6])
					shifting.splice(
						shifting.findIndex((r) => r.id === id),
						1,
					);
		});
		let page = await shiftingApi.fetch({ 'created[gte]': since });
		numbered.push(...page.results.map((r) => r.id));
		while (page.next) {
			page = await shiftingApi.fetch(undefined, page.next);
			numbered.push(...page.results.map((r) => r.id));
		}
		expect(numbered).not.toEqual(expect.arrayContaining([11, 12, 13]));

		const api = endpoint(store, 10, deleteSome);
		const listed = await listCreatedSince(since, 10, api.fetch);
		const ids = listed.map((r) => r.id);
		expect(ids).toEqual(expect.arrayContaining(survivors()));
		expect(new Set(ids).size).toBe(ids.length);
		expect(api.queries[1]).toBe(`since ${record(10).created}`);
	});

	it('follows the next link when a whole page carries one stamp, and always ends', async () => {
		const stamp = new Date(Date.UTC(2026, 11, 1, 10, 0, 1)).toISOString();
		const store = Array.from(
			{ length: 25 },
			(_, i) => ({ id: i + 1, created: stamp }) as ClientifyRecord,
		);
		const api = endpoint(store, 10, () => undefined);
		const listed = await listCreatedSince(since, 10, api.fetch);
		expect(listed.map((r) => r.id)).toEqual(store.map((r) => r.id));
		expect(api.queries).toEqual([
			`since ${since}`,
			`since ${stamp}`,
			`next ${stamp}|2`,
			`next ${stamp}|3`,
		]);
	});
});
