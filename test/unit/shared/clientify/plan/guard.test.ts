/** The rules of the guarded path, one test per refusal (nodes/shared/clientify/plan/guard.ts). */
import {
	itemRefusal,
	lostOptOuts,
	stateTied,
	withoutRefusedReorders,
	listRefusal,
	relatedRefusal,
	relatedWorkQueries,
	twinRefusal,
} from '../../../../../nodes/shared/clientify/plan/guard';
import { LIST_RULES } from '../../../../../nodes/shared/clientify/plan/lists';
import { type UpdatePlan, type ClientifyRecord } from '../../../../../nodes/shared/clientify/types';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const HOUR = 3600 * 1000;
/** How far a record's `created` may be from the state's creation marker `n` and still be its own. */
const MARKER_TIE_MS = 2 * 60 * 1000;
/** How long after `created` a `modified` stamp still counts as the create's own. */
const UNCHANGED_MS = 2000;
const check: Parameters<typeof twinRefusal>[1] = {
	nowMs: T0 + HOUR,
	maxAgeMs: 24 * HOUR,
	stateField: 'hispatec_SyncState',
};

function twin(
	over: { n?: number | null; created?: string; modified?: string } = {},
): ClientifyRecord {
	const n = over.n === undefined ? T0 : over.n;
	const created = over.created ?? new Date(T0 + 300).toISOString();
	return {
		id: 8,
		created,
		modified: over.modified ?? created,
		custom_fields:
			n === null
				? []
				: [{ field: 'hispatec_SyncState', value: `{"v":1,"n":${n},"e":[],"p":[],"a":[]}` }],
	};
}

describe('twinRefusal', () => {
	it('a fresh twin the sync created, untouched since: no refusal', () => {
		expect(twinRefusal(twin(), check)).toBeUndefined();
	});
	it('no_marker: no state, or a state without the creation marker', () => {
		expect(twinRefusal(twin({ n: null }), check)).toBe('no_marker');
		const noMarker = twin();
		noMarker.custom_fields = [
			{ field: 'hispatec_SyncState', value: '{"v":1,"e":[],"p":[],"a":[]}' },
		];
		expect(twinRefusal(noMarker, check)).toBe('no_marker');
	});
	it("marker_untied: a copy (its own created), an older version's n:1, or no created stamp", () => {
		const copy = twin({ created: new Date(T0 + MARKER_TIE_MS + 1000).toISOString() });
		expect(twinRefusal(copy, check)).toBe('marker_untied');
		expect(twinRefusal(twin({ n: 1 }), check)).toBe('marker_untied');
		const noStamp = twin();
		delete noStamp.created;
		expect(twinRefusal(noStamp, check)).toBe('marker_untied');
		// This execution's own creation is tied by its id, whatever the clocks say.
		expect(twinRefusal(copy, { ...check, ownCreation: true })).toBeUndefined();
	});
	it('marker_untied: an older record with the same marker is the original this one was copied from', () => {
		const original = { ...twin(), id: 5 };
		expect(twinRefusal(twin(), { ...check, siblings: [original] })).toBe('marker_untied');
		expect(
			twinRefusal(twin(), { ...check, siblings: [{ ...twin({ n: T0 + 7 }), id: 5 }] }),
		).toBeUndefined();
	});
	it('clean_up_off: the age limit is 0', () => {
		expect(twinRefusal(twin(), { ...check, maxAgeMs: 0 })).toBe('clean_up_off');
	});
	it('too_old: created longer ago than the age limit', () => {
		expect(twinRefusal(twin(), { ...check, nowMs: T0 + 25 * HOUR })).toBe('too_old');
	});
	it('changed_since_created: modified after its creation (by anyone), or unreadable', () => {
		const created = new Date(T0).toISOString();
		const later = new Date(T0 + UNCHANGED_MS + 1).toISOString();
		expect(twinRefusal(twin({ created, modified: later }), check)).toBe('changed_since_created');
		expect(twinRefusal(twin({ created, modified: 'never' }), check)).toBe('changed_since_created');
		// Within the allowance, `modified` is the create's own.
		const atAllowance = new Date(T0 + UNCHANGED_MS).toISOString();
		expect(twinRefusal(twin({ created, modified: atAllowance }), check)).toBeUndefined();
	});
});

describe('related work', () => {
	it('deals, tasks and notes each refuse; none → no refusal', () => {
		expect(
			relatedRefusal([
				{ kind: 'deals', count: 0 },
				{ kind: 'tasks', count: 0 },
				{ kind: 'notes', count: 0 },
			]),
		).toBeUndefined();
		expect(relatedRefusal([{ kind: 'deals', count: 1 }])).toBe('has_deals');
		expect(relatedRefusal([{ kind: 'tasks', count: 2 }])).toBe('has_tasks');
		expect(relatedRefusal([{ kind: 'notes', count: 1 }])).toBe('has_notes');
	});
	it('the assumed per-record queries', () => {
		expect(relatedWorkQueries('contact', 8).map((q) => [q.path, q.qs])).toEqual([
			['/deals/', { contact: 8, page_size: 1 }],
			['/contacts/8/tasks/', { page_size: 1 }],
			['/contacts/8/wallentries', { page_size: 1 }],
		]);
		expect(relatedWorkQueries('company', 3)[0].qs).toEqual({ company: 3, page_size: 1 });
	});
});

describe('listRefusal / itemRefusal', () => {
	const a = { id: 1, phone: '950000001', type: 3 };
	it('a list with an item without id is never re-sent (an opted-out one is, with its flag)', () => {
		expect(listRefusal([a, { id: 2, phone: '6', type: 2 }])).toBeUndefined();
		expect(
			listRefusal([a, { id: 2, phone: '6', type: 2, unsubscribed: true } as never]),
		).toBeUndefined();
		expect(listRefusal([a, { phone: '6', type: 2 }])).toBe('item_without_id');
	});
	it('lostOptOuts: an opted-out item sent in a reorder that comes back subscribed, by id or value', () => {
		const sent = {
			phones: [{ id: 2, phone: '600000002', type: 2, unsubscribed: true } as never, a],
		};
		expect(lostOptOuts(sent, { id: 1, phones: [{ ...sent.phones[0] }, a] })).toEqual([]);
		const reset = { id: 2, phone: '600000002', type: 2, unsubscribed: false } as never;
		expect(lostOptOuts(sent, { id: 1, phones: [reset, a] })).toEqual([
			{ list: 'phones', item: sent.phones[0], now: reset },
		]);
		const renumbered = { id: 9, phone: '+34 600 000 002', type: 2 } as never;
		expect(lostOptOuts(sent, { id: 1, phones: [a, renumbered] })[0].now).toBe(renumbered);
	});
	it('an item is edited only when it is still what the sync wrote', () => {
		const same = LIST_RULES.phones.same;
		expect(itemRefusal(a, a, same)).toBeUndefined();
		expect(itemRefusal(undefined, a, same)).toBe('item_gone');
		expect(itemRefusal({ ...a, unsubscribed: true } as never, a, same)).toBe('opted_out');
		expect(itemRefusal({ ...a, phone: '950000009' }, a, same)).toBe('item_changed');
		expect(itemRefusal({ ...a, type: 1 }, a, same)).toBe('item_changed');
	});
});

describe('stateTied', () => {
	const rec = (id: number, created: string): ClientifyRecord => ({ id, created });
	it('tied by the record id (`i`, written by every update) or by the creation marker (`n`)', () => {
		expect(stateTied(rec(8, 'x'), { v: 1, i: 8, e: [], p: [], a: [] })).toBe(true);
		expect(
			stateTied(rec(8, new Date(T0 + 500).toISOString()), { v: 1, n: T0, e: [], p: [], a: [] }),
		).toBe(true);
	});
	it("a copy (another id, another created), an older version's state, n: 1: not tied", () => {
		expect(stateTied(rec(9, 'x'), { v: 1, i: 8, e: [], p: [], a: [] })).toBe(false);
		const later = new Date(T0 + MARKER_TIE_MS + 1).toISOString();
		expect(stateTied(rec(9, later), { v: 1, n: T0, e: [], p: [], a: [] })).toBe(false);
		expect(stateTied(rec(9, later), { v: 1, e: [], p: [], a: [] })).toBe(false);
		expect(stateTied(rec(9, later), { v: 1, n: 1, e: [], p: [], a: [] })).toBe(false);
	});
	it('the creation marker ties within its allowance, on either side of `created`', () => {
		const state = { v: 1 as const, n: T0, e: [], p: [], a: [] };
		expect(stateTied(rec(9, new Date(T0 + MARKER_TIE_MS).toISOString()), state)).toBe(true);
		expect(stateTied(rec(9, new Date(T0 - MARKER_TIE_MS).toISOString()), state)).toBe(true);
		expect(stateTied(rec(9, new Date(T0 - MARKER_TIE_MS - 1).toISOString()), state)).toBe(false);
	});
});

describe('withoutRefusedReorders', () => {
	const plan = (over: Partial<UpdatePlan>): UpdatePlan => ({
		scalars: {},
		customFields: [],
		addEmails: [],
		addPhones: [],
		addAddresses: [],
		addWebsites: [],
		addTags: [],
		itemEdits: [],
		reorder: [],
		changedFields: [],
		...over,
	});
	it("drops a reorder the lookup's copy refuses; the list's adds stay", () => {
		const existing: ClientifyRecord = {
			id: 1,
			phones: [{ phone: '6', type: 2 }],
			emails: [{ id: 3, email: 'a@b.es', type: 1 }],
		};
		const out = withoutRefusedReorders(
			existing,
			plan({
				reorder: ['phones', 'emails'],
				addPhones: [{ phone: '9', type: 3 }],
				changedFields: ['phones', 'emails'],
			}),
		);
		expect(out.refused).toEqual([{ list: 'phones', reason: 'item_without_id' }]);
		expect(out.plan.reorder).toEqual(['emails']);
		expect(out.plan.changedFields).toEqual(['phones', 'emails']);
		const only = withoutRefusedReorders(
			existing,
			plan({ reorder: ['phones'], changedFields: ['phones'] }),
		);
		expect(only.plan.changedFields).toEqual([]);
	});
});
