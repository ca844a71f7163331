/**
 * Clientify's side of the removal check (nodes/shared/clientify/removed.ts): which listed records the
 * index notes as the sync's, by Hispatec code, and which codes a complete ERP read did not see.
 */
import { ownedEntry, removedRecords } from '../../../../nodes/shared/clientify/removed';
import { encodeSyncState, type SyncState } from '../../../../nodes/shared/clientify/syncState';
import { type ClientifyRecord } from '../../../../nodes/shared/clientify/types';

const STATE_FIELD = 'pre_SyncState';
const CREATED_AT = Date.parse('2026-02-01T08:00:00.000Z');

/** A contact as the index lists it, with the sync state `state` (none when undefined). */
function listed(
	id: number,
	state: Partial<SyncState> | undefined,
	over: Partial<ClientifyRecord> = {},
): ClientifyRecord {
	return {
		id,
		taxpayer_identification_number: 'B-12345674',
		created: new Date(CREATED_AT).toISOString(),
		custom_fields: state
			? [{ field: STATE_FIELD, value: encodeSyncState({ v: 1, e: [], p: [], a: [], ...state }) }]
			: [],
		...over,
	};
}

describe('ownedEntry', () => {
	it('a record the sync wrote (state tied by its id) is one line: code, id, tax ID as matched', () => {
		expect(ownedEntry(listed(31, { c: 'H-7', i: 31 }), STATE_FIELD)).toEqual({
			kind: 'owned',
			line: 'H-7\t31\tB12345674\n',
		});
	});

	it('a record the sync created and never updated is tied by its creation marker', () => {
		expect(ownedEntry(listed(31, { c: 'H-7', n: CREATED_AT + 900 }), STATE_FIELD)).toEqual({
			kind: 'owned',
			line: 'H-7\t31\tB12345674\n',
		});
		// An older version's marker (`n: 1`) ties nothing: the record stays out of the check.
		expect(ownedEntry(listed(31, { c: 'H-7', n: 1 }), STATE_FIELD)).toEqual({ kind: 'other' });
	});

	it('the state field is found by its name whatever its case, and only under the given prefix', () => {
		const record = listed(31, { c: 'H-7', i: 31 });
		expect(ownedEntry(record, 'PRE_syncstate').kind).toBe('owned');
		expect(ownedEntry(record, 'other_SyncState')).toEqual({ kind: 'other' });
	});

	it('a record the sync already marked as removed is noted apart, never listed again', () => {
		expect(ownedEntry(listed(31, { c: 'H-7', i: 31, x: 2 }), STATE_FIELD)).toEqual({
			kind: 'marked',
		});
	});

	it("people's records are never the sync's: no state, no code, a copied state", () => {
		expect(ownedEntry(listed(31, undefined), STATE_FIELD)).toEqual({ kind: 'other' });
		expect(ownedEntry(listed(31, { i: 31 }), STATE_FIELD)).toEqual({ kind: 'other' });
		expect(ownedEntry(listed(31, { c: '', i: 31 }), STATE_FIELD)).toEqual({ kind: 'other' });
		// The state names record 30: this is a copy of it.
		expect(ownedEntry(listed(31, { c: 'H-7', i: 30 }), STATE_FIELD)).toEqual({ kind: 'other' });
		// A copied creation marker: this record was created long after the marker.
		const copy = listed(31, { c: 'H-7', n: CREATED_AT - 3600 * 1000 });
		expect(ownedEntry(copy, STATE_FIELD)).toEqual({ kind: 'other' });
	});

	it('a code that would break the line format, or a record without a numeric id, is left out', () => {
		expect(ownedEntry(listed(31, { c: 'H\t7', i: 31 }), STATE_FIELD)).toEqual({ kind: 'other' });
		expect(ownedEntry(listed(31, { c: 'H7\n', i: 31 }), STATE_FIELD)).toEqual({ kind: 'other' });
		const noId = listed(31, { c: 'H-7', n: CREATED_AT }, { id: '31' as unknown as number });
		expect(ownedEntry(noId, STATE_FIELD)).toEqual({ kind: 'other' });
	});

	it('an unreadable or missing tax ID keeps the line, with the tax ID as matched or empty', () => {
		const odd = listed(31, { c: 'H-7', i: 31 }, { taxpayer_identification_number: 'es b 1234' });
		expect(ownedEntry(odd, STATE_FIELD)).toEqual({ kind: 'owned', line: 'H-7\t31\tESB1234\n' });
		const none = listed(31, { c: 'H-7', i: 31 }, { taxpayer_identification_number: undefined });
		expect(ownedEntry(none, STATE_FIELD)).toEqual({ kind: 'owned', line: 'H-7\t31\t\n' });
	});
});

describe('removedRecords', () => {
	const owned = ['H-3\t12\tA11111111\n', 'H-1\t40\tB22222222\n', 'H-2\t7\t\n', 'H-1\t21\t\n'].join(
		'',
	);

	it('every code the read saw: nothing removed', () => {
		expect(removedRecords(owned, 'company', new Set(['H-1', 'H-2', 'H-3']))).toEqual([]);
		expect(removedRecords('', 'company', new Set())).toEqual([]);
	});

	it('one item per code not seen, in the order of the text, for the record type asked', () => {
		expect(removedRecords(owned, 'company', new Set(['H-1']))).toEqual([
			{ action: 'removed', recordType: 'company', sourceId: 'H-3', taxId: 'A11111111' },
			{ action: 'removed', recordType: 'company', sourceId: 'H-2' },
		]);
	});

	it('a code on several records takes the tax ID of the lowest id, wherever it comes in the text', () => {
		expect(removedRecords(owned, 'contact', new Set(['H-2', 'H-3']))).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'H-1' },
		]);
		const lowestFirst = 'H-1\t5\tC33333333\nH-1\t9\tD44444444\n';
		expect(removedRecords(lowestFirst, 'contact', new Set())).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'H-1', taxId: 'C33333333' },
		]);
	});
});
