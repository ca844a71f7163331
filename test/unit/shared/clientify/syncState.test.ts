import {
	buildSyncState,
	encodeSyncState,
	pickBatchWinner,
	readSyncState,
	storedOwnerWins,
	type SyncState,
} from '../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord } from '../../../../nodes/shared/clientify/types';
import { desired } from './fixtures';
/**
 * Pure rules behind duplicate tax IDs, the sync state, the primary-value lists and the overlapping
 * runs' re-check window (nodes/shared/clientify/syncState.ts, diff.ts, overlap.ts).
 */

describe("the state's FechaModificacion (m)", () => {
	/** The `m` the sync state gets for a record's `modifiedAt`. */
	const m = (modifiedAt: unknown) =>
		buildSyncState({ ...desired, modifiedAt } as typeof desired, { e: [], p: [], a: [] }).m;
	const utc = (...parts: [number, number, number, number?]) =>
		new Date(Date.UTC(...parts)).toISOString();

	it('reads ISO with and without offset, SQL-like and Spanish dates; none otherwise', () => {
		expect(m('2024-05-01T10:00:00')).toBe(utc(2024, 4, 1, 10));
		expect(m('2024-05-01 10:00:00')).toBe(utc(2024, 4, 1, 10));
		expect(m('2024-05-01T12:00:00+02:00')).toBe(utc(2024, 4, 1, 10));
		expect(m('2024-05-01')).toBe(utc(2024, 4, 1));
		expect(m('01/05/2024 10:00')).toBe(utc(2024, 4, 1, 10));
		expect(m('1.5.2024')).toBe(utc(2024, 4, 1));
		for (const bad of ['', 'ayer', '2024-13-45', undefined, 42]) expect(m(bad)).toBeUndefined();
	});
});

describe('pickBatchWinner', () => {
	const winner = (...items: Array<{ index: number; modifiedAt?: string }>) =>
		pickBatchWinner(items).index;
	const dated = (index: number, modifiedAt: string) => ({ index, modifiedAt });
	it('the newest date wins wherever it is; equal or missing dates → the later item', () => {
		expect(winner(dated(0, '2024-06-01'), dated(1, '2024-01-01'))).toBe(0);
		expect(winner(dated(0, '2024-01-01'), dated(1, '01/01/2024'))).toBe(1);
		expect(winner({ index: 0 }, { index: 3 }, { index: 1 })).toBe(3);
		expect(winner(dated(0, '2024-06-01'), { index: 1 })).toBe(1);
	});
});

describe('storedOwnerWins', () => {
	it('newer date wins; equal or missing dates → the higher code, numeric-aware; the owner itself never loses', () => {
		expect(
			storedOwnerWins(
				{ code: 'C1', modifiedAt: '2024-01-01' },
				{ c: 'C2', m: '2024-06-01T00:00:00.000Z' },
			),
		).toBe(true);
		expect(
			storedOwnerWins(
				{ code: 'C1', modifiedAt: '2024-07-01' },
				{ c: 'C2', m: '2024-06-01T00:00:00.000Z' },
			),
		).toBe(false);
		expect(storedOwnerWins({ code: 'C9' }, { c: 'C10' })).toBe(true);
		expect(storedOwnerWins({ code: 'C10' }, { c: 'C9' })).toBe(false);
		expect(
			storedOwnerWins(
				{ code: 'C1', modifiedAt: '2024-01-01' },
				{ c: 'C1', m: '2025-01-01T00:00:00.000Z' },
			),
		).toBe(false);
		// codes compared numeric-aware (`C9` < `C10`, `C010` > `C9`), then as text
		const storedWins = (incoming: string, stored: string) =>
			storedOwnerWins({ code: incoming }, { c: stored });
		for (const [lower, higher] of [
			['C9', 'C10'],
			['C9', 'C010'],
			['A1', 'B1'],
		]) {
			expect(storedWins(lower, higher)).toBe(true);
			expect(storedWins(higher, lower)).toBe(false);
		}
	});
});

describe('sync state', () => {
	it('reads only well-formed state of version 1; canonical text', () => {
		const state: SyncState = {
			v: 1,
			c: 'C1',
			m: '2024-01-01T00:00:00.000Z',
			n: 1,
			e: ['a'],
			p: [],
			a: [],
		};
		const text = encodeSyncState(state);
		expect(text).toBe(
			'{"v":1,"c":"C1","m":"2024-01-01T00:00:00.000Z","n":1,"e":["a"],"p":[],"a":[]}',
		);
		const record = (value: unknown): ClientifyRecord => ({
			id: 1,
			custom_fields: [{ field: 'HISPATEC_syncstate', value: value as string }],
		});
		expect(readSyncState(record(text), 'hispatec_SyncState')).toEqual(state);
		for (const bad of ['nope', '{"v":2}', '[1]', '{"__proto__":{"x":1}}', null])
			expect(readSyncState(record(bad), 'hispatec_SyncState')).toBeUndefined();
		// `n` is the creation marker (epoch ms; 1 from older versions): anything else is dropped.
		expect(readSyncState(record('{"v":1,"n":1733500000000,"e":[]}'), 'hispatec_SyncState')?.n).toBe(
			1733500000000,
		);
		// `k` (issue 20): the company the sync linked the contact to; written after `i`.
		const linked = encodeSyncState({ v: 1, c: 'C1', i: 5, k: 40, e: [], p: [], a: [] });
		expect(linked).toBe('{"v":1,"c":"C1","i":5,"k":40,"e":[],"p":[],"a":[]}');
		expect(readSyncState(record(linked), 'hispatec_SyncState')?.k).toBe(40);
		expect(
			readSyncState(record('{"v":1,"k":"40","e":[]}'), 'hispatec_SyncState')?.k,
		).toBeUndefined();
		expect(readSyncState(record('{"v":1,"e":[1,"x"],"n":0.5}'), 'hispatec_SyncState')).toEqual({
			v: 1,
			e: ['x'],
			p: [],
			a: [],
		});
	});
});
