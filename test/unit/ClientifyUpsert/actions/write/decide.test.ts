/**
 * What the engine decides before any write (nodes/ClientifyUpsert/actions/write/decide.ts): the
 * decision over an item's matches, and who writes a tax ID.
 */
import {
	collapseDuplicates,
	decide,
	noteBatchCodes,
	ownedByOther,
} from '../../../../../nodes/ClientifyUpsert/actions/write/decide';
import { duplicateSkipResult } from '../../../../../nodes/ClientifyUpsert/actions/write/results';
import type {
	BatchState,
	RecordItem,
} from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { groupByTaxId } from '../../../../../nodes/shared/clientify/plan/match';
import type { ClientifyRecord, DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import type { SyncState } from '../../../../../nodes/shared/clientify/syncState';
import { recordItem } from './fixtures';

const desired = { entity: 'contact', taxId: '12345678Z' } as DesiredRecord;
const batch = (): BatchState => ({ startedAt: 0, creations: [], codes: new Map() });
const item = (onMultipleMatches: RecordItem['onMultipleMatches']): RecordItem =>
	recordItem(desired, 0, { onMultipleMatches });
const record = (id: number, createdBySync = false): ClientifyRecord => ({
	id,
	custom_fields: createdBySync
		? [{ field: 'hispatec_SyncState', value: '{"v":1,"n":1,"e":[],"p":[],"a":[]}' }]
		: [],
});

describe('decide', () => {
	it('none → create; one → update', () => {
		expect(decide(item('fail'), [], batch())).toEqual({ kind: 'none' });
		expect(decide(item('fail'), [record(4)], batch())).toEqual({ kind: 'one', record: record(4) });
	});
	it("several, some with the sync's state → the oldest of those is the sync's; every other one is a twin to check", () => {
		expect(decide(item('fail'), [record(9, true), record(4), record(7, true)], batch())).toEqual({
			kind: 'one',
			record: record(7, true),
			twins: [record(4), record(9, true)],
		});
		// A person's older record with the tax ID typed in never displaces the sync's own.
		expect(decide(item('fail'), [record(2), record(5, true)], batch())).toEqual({
			kind: 'one',
			record: record(5, true),
			twins: [record(2)],
		});
	});
	it('several others → "On Multiple Matches": fail, or update the oldest', () => {
		expect(decide(item('fail'), [record(9), record(4)], batch())).toEqual({
			kind: 'ambiguous',
			ids: [4, 9],
		});
		expect(decide(item('updateOldest'), [record(9), record(4)], batch())).toMatchObject({
			kind: 'one',
			record: record(4),
			ambiguousIds: [4, 9],
		});
	});
});

function ownItem(
	index: number,
	sourceId: string,
	modifiedAt?: string,
	taxId = '12345678Z',
): RecordItem {
	const desired = {
		entity: 'contact',
		taxId,
		sourceId,
		modifiedAt,
		warnings: [],
	} as unknown as DesiredRecord;
	return recordItem(desired, index);
}

describe('collapseDuplicates', () => {
	it('one item per tax ID: the newest FechaModificacion wins, the others are skipped naming the winner', () => {
		const items = [
			ownItem(0, 'C1', '2024-06-01'),
			ownItem(1, 'C2', '2024-01-01'),
			ownItem(2, 'C3', undefined, '87654321X'),
		];
		const groups = groupByTaxId(
			items.map((i) => ({ index: i.index, entity: 'contact', taxId: i.desired.taxId })),
		);
		const losers = collapseDuplicates(groups, new Map(items.map((i) => [i.index, i])));
		expect(losers.map((l) => [l.loser.index, l.winner.index])).toEqual([[1, 0]]);
		expect(groups.map((g) => g.indexes)).toEqual([[0], [2]]);
		// The engine skips each loser naming its winner (results.ts).
		const [{ loser, winner }] = losers;
		expect(duplicateSkipResult(loser, winner.desired.sourceId, null, 'batch')).toMatchObject({
			action: 'skipped',
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C1',
		});
	});
});

describe('ownedByOther', () => {
	/** A stored sync state owned by source C2, modified 2024-06-01. */
	const ownerC2: SyncState = { v: 1, c: 'C2', m: '2024-06-01T00:00:00.000Z', e: [], p: [], a: [] };
	it('the stored owner keeps the record when it is newer; never against itself or a stale owner of this batch', () => {
		const b = batch();
		expect(ownedByOther(b, ownItem(0, 'C1', '2024-01-01'), ownerC2)).toBe('C2');
		expect(ownedByOther(b, ownItem(0, 'C1', '2024-07-01'), ownerC2)).toBeUndefined();
		expect(
			ownedByOther(b, ownItem(0, 'C2'), { v: 1, c: 'C2', e: [], p: [], a: [] }),
		).toBeUndefined();
		noteBatchCodes(b, [ownItem(5, 'C2', undefined, '99999999R')]);
		expect(ownedByOther(b, ownItem(0, 'C1', '2024-01-01'), ownerC2)).toBeUndefined();
	});
});

describe('decide with ownership', () => {
	it('the record to update names the owner its sync state gives it to, when that one wins', () => {
		const stored = JSON.stringify({
			v: 1,
			c: 'C2',
			m: '2024-06-01T00:00:00.000Z',
			e: [],
			p: [],
			a: [],
		});
		const owned: ClientifyRecord = {
			id: 7,
			custom_fields: [{ field: 'hispatec_SyncState', value: stored }],
		};
		expect(decide(ownItem(0, 'C1', '2024-01-01'), [owned], batch())).toEqual({
			kind: 'one',
			record: owned,
			owner: 'C2',
		});
		expect(decide(ownItem(0, 'C1', '2024-07-01'), [owned], batch())).toEqual({
			kind: 'one',
			record: owned,
		});
	});
});
