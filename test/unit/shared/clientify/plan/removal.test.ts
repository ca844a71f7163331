/**
 * Records that leave the ERP (nodes/shared/clientify/plan/removal.ts): the sync marks only its own
 * record, once, never a removal tag people set, and a record that comes back loses only the sync's mark.
 */
import { encodeSyncState, type SyncState } from '../../../../../nodes/shared/clientify/syncState';
import {
	leavingKind,
	ownedRecords,
	planMark,
	returningTags,
	type RemovalSettings,
} from '../../../../../nodes/shared/clientify/plan/removal';
import { type ClientifyRecord } from '../../../../../nodes/shared/clientify/types';

const FIELD = 'hispatec_SyncState';
const settings: RemovalSettings = {
	mode: 'tag',
	removalTag: 'hispatec-baja',
	syncTags: ['hispatec'],
	stateField: FIELD,
};

function record(
	state: Partial<SyncState> | undefined,
	tags: string[] = ['hispatec'],
	id = 7,
): ClientifyRecord {
	return {
		id,
		created: '2026-01-01T00:00:00Z',
		tags,
		custom_fields: state
			? [
					{
						field: 'Hispatec_SyncState',
						value: encodeSyncState({ v: 1, e: [], p: [], a: [], ...state }),
					},
				]
			: [],
	};
}

describe('leavingKind', () => {
	it('a RemovedRecord, an inactive record, or neither', () => {
		expect(leavingKind({ action: 'removed' })).toBe('removed');
		expect(leavingKind({ inactive: true })).toBe('inactive');
		expect(leavingKind({ inactive: false })).toBeUndefined();
		expect(leavingKind({ action: 'updated', inactive: 'yes' })).toBeUndefined();
	});
});

describe('planMark', () => {
	it("owned (state tied to the record, naming the item's code): the removal tag, then the state with x: 1", () => {
		const plan = planMark(record({ c: 'C1', i: 7, n: 5 }), 'C1', settings);
		expect(plan).toEqual({
			kind: 'mark',
			addTag: 'hispatec-baja',
			removeTags: [],
			// the creation marker ends, as with every update; the state is spelled as the record has it
			state: { v: 1, c: 'C1', i: 7, x: 1, e: [], p: [], a: [] },
			stateName: 'Hispatec_SyncState',
		});
	});

	it('Tag It and Remove the Sync Tag: the sync tags on the record go too (x: 2); none on it → x: 1', () => {
		const untag = { ...settings, mode: 'tagAndUntag' as const };
		const plan = planMark(record({ c: 'C1', i: 7 }, ['Hispatec', 'cliente-vip']), 'C1', untag);
		expect(plan).toMatchObject({ kind: 'mark', removeTags: ['hispatec'], state: { x: 2 } });
		const gone = planMark(record({ c: 'C1', i: 7 }, ['cliente-vip']), 'C1', untag);
		expect(gone).toMatchObject({ kind: 'mark', removeTags: [], state: { x: 1 } });
	});

	it("never a record that is not the sync's for this code", () => {
		// people's own record: no state
		expect(planMark(record(undefined), 'C1', settings)).toEqual({ kind: 'not_owned' });
		// the state names another ERP record
		expect(planMark(record({ c: 'C2', i: 7 }), 'C1', settings)).toEqual({ kind: 'not_owned' });
		// a state copied onto another record (a duplicate, a re-import): not tied
		expect(planMark(record({ c: 'C1', i: 6 }), 'C1', settings)).toEqual({ kind: 'not_owned' });
		// an older version's untied state
		expect(planMark(record({ c: 'C1', n: 1 }), 'C1', settings)).toEqual({ kind: 'not_owned' });
		// no code to compare
		expect(planMark(record({ c: 'C1', i: 7 }), undefined, settings)).toEqual({ kind: 'not_owned' });
	});

	it('marked with the tag alone, now under Tag It and Remove the Sync Tag: the sync tags still go (x: 2)', () => {
		const untag = { ...settings, mode: 'tagAndUntag' as const };
		const plan = planMark(
			record({ c: 'C1', i: 7, x: 1 }, ['hispatec', 'hispatec-baja']),
			'C1',
			untag,
		);
		expect(plan).toMatchObject({ kind: 'mark', removeTags: ['hispatec'], state: { x: 2 } });
		expect(plan.kind === 'mark' && plan.addTag).toBeUndefined();
	});

	it('already marked by the sync: nothing to write', () => {
		expect(
			planMark(record({ c: 'C1', i: 7, x: 1 }, ['hispatec', 'hispatec-baja']), 'C1', settings),
		).toMatchObject({
			kind: 'already_marked',
		});
	});

	it("a removal tag people set is theirs: not the sync's mark, left as it is", () => {
		expect(
			planMark(record({ c: 'C1', i: 7 }, ['hispatec', 'Hispatec-Baja']), 'C1', settings),
		).toMatchObject({
			kind: 'tagged_by_people',
		});
	});
});

describe('ownedRecords', () => {
	it("a copy made within the marker's allowance carries the same marker: the older record is the sync's", () => {
		const n = Date.parse('2026-01-01T00:00:00Z');
		const original = record({ c: 'C1', n }, ['hispatec'], 7);
		const copy = record({ c: 'C1', n }, ['hispatec'], 9);
		expect(ownedRecords([copy, original], FIELD, 'C1').map((r) => r.id)).toEqual([7]);
		// tied by id, each on its own record: both the sync's (twins); people's never
		const twin = record({ c: 'C1', i: 9 }, ['hispatec'], 9);
		expect(ownedRecords([twin, record({ c: 'C1', i: 7 })], FIELD, 'C1').map((r) => r.id)).toEqual([
			7, 9,
		]);
		expect(ownedRecords([record(undefined)], FIELD, 'C1')).toEqual([]);
	});
});

describe('returningTags', () => {
	it('a record the sync marked comes back: the removal tag goes, when it is still there', () => {
		expect(
			returningTags(record({ c: 'C1', i: 7, x: 1 }, ['hispatec-baja']), FIELD, 'hispatec-baja'),
		).toEqual(['hispatec-baja']);
		expect(returningTags(record({ c: 'C1', i: 7, x: 2 }, []), FIELD, 'hispatec-baja')).toEqual([]);
	});

	it('never a removal tag the sync did not put there (no x), nor on a copy (state not tied)', () => {
		expect(
			returningTags(record({ c: 'C1', i: 7 }, ['hispatec-baja']), FIELD, 'hispatec-baja'),
		).toEqual([]);
		expect(
			returningTags(record({ c: 'C1', i: 6, x: 1 }, ['hispatec-baja']), FIELD, 'hispatec-baja'),
		).toEqual([]);
		expect(returningTags(record(undefined, ['hispatec-baja']), FIELD, 'hispatec-baja')).toEqual([]);
	});
});
