/** The decision over an item's matches (nodes/ClientifyUpsert/actions/write/decide.ts). */
import { decide } from '../../../../../nodes/ClientifyUpsert/actions/write/decide';
import type { RecordItem } from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import type { ClientifyRecord, DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { recordItem } from './fixtures';

const desired = { entity: 'contact', taxId: '12345678Z' } as DesiredRecord;
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
		expect(decide(item('fail'), [])).toEqual({ kind: 'none' });
		expect(decide(item('fail'), [record(4)])).toEqual({ kind: 'one', record: record(4) });
	});
	it("several, some with the sync's state → the oldest of those is the sync's; every other one is a twin to check", () => {
		expect(decide(item('fail'), [record(9, true), record(4), record(7, true)])).toEqual({
			kind: 'one',
			record: record(7, true),
			twins: [record(4), record(9, true)],
		});
		// A person's older record with the tax ID typed in never displaces the sync's own.
		expect(decide(item('fail'), [record(2), record(5, true)])).toEqual({
			kind: 'one',
			record: record(5, true),
			twins: [record(2)],
		});
	});
	it('several others → "On Multiple Matches": fail, or update the oldest', () => {
		expect(decide(item('fail'), [record(9), record(4)])).toEqual({
			kind: 'ambiguous',
			ids: [4, 9],
		});
		expect(decide(item('updateOldest'), [record(9), record(4)])).toMatchObject({
			kind: 'one',
			record: record(4),
			ambiguousIds: [4, 9],
		});
	});
});
