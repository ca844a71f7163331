/** Lists edited item by item (nodes/shared/clientify/plan/lists.ts). */
import {
	LIST_NAMES,
	LIST_RULES,
	planLists,
	primaryOrder,
} from '../../../../../nodes/shared/clientify/plan/lists';
import { emailStateKey, phoneStateKey } from '../../../../../nodes/shared/clientify/syncState';
import {
	type ClientifyPhone,
	type ClientifyRecord,
	type DesiredRecord,
	type ListItem,
} from '../../../../../nodes/shared/clientify/types';

const phone = (id: number | undefined, number: string, extra: object = {}): ClientifyPhone =>
	({ ...(id === undefined ? {} : { id }), phone: number, type: 3, ...extra }) as ClientifyPhone;
const erp = (number: string) => phone(undefined, number);
const own = (...numbers: string[]) => numbers.map((n) => phoneStateKey(n));

/** The phones' plan of `planLists` for a record holding `existing` phones and nothing else. */
function planPhones(
	existing: ListItem[],
	desired: ListItem[],
	previous: readonly string[],
	makePrimary: boolean,
) {
	const record: ClientifyRecord = { id: 1, phones: existing as ClientifyPhone[] };
	const wanted = { emails: [], phones: desired, addresses: [] } as unknown as DesiredRecord;
	const { plans, owned } = planLists(
		record,
		wanted,
		{ e: [], p: [...previous], a: [] },
		makePrimary,
	);
	expect(owned.p).toEqual(plans.phones.owned);
	return plans.phones;
}

describe('LIST_NAMES', () => {
	it("are the field table's lists whose own items the sync replaces (and every rule covers them)", () => {
		expect(LIST_NAMES).toEqual(['emails', 'phones', 'addresses']);
		expect(Object.keys(LIST_RULES).sort()).toEqual([...LIST_NAMES].sort());
		const none = { emails: [], phones: [], addresses: [] } as unknown as DesiredRecord;
		const { plans, owned } = planLists({ id: 1 }, none, { e: ['1'], p: ['2'], a: ['3'] }, true);
		expect(Object.keys(plans).sort()).toEqual([...LIST_NAMES].sort());
		// Each list keeps what the sync owned under its own state key (`SyncState.e`, `.p`, `.a`).
		expect(owned).toEqual({ e: ['1'], p: ['2'], a: ['3'] });
	});
});

describe("planLists: one list's plan", () => {
	it('in order → nothing; a missing ERP value → added; the state keeps only what the sync owns', () => {
		expect(planPhones([phone(1, '950000001')], [erp('950000001')], own('950000001'), true)).toEqual(
			{
				add: [],
				edits: [],
				reorder: false,
				owned: own('950000001'),
			},
		);
		expect(planPhones([], [erp('950000001')], [], true)).toEqual({
			add: [erp('950000001')],
			edits: [],
			reorder: false,
			owned: own('950000001'),
		});
	});

	it("a value a person had before the sync wrote it stays the person's, even when it equals the ERP's", () => {
		const plan = planPhones([phone(1, '950000001')], [erp('950000001')], [], true);
		expect(plan).toEqual({ add: [], edits: [], reorder: false, owned: [] });
	});

	it("the sync's own stale value takes the ERP's new one in place (same id, position), a person's item is untouched", () => {
		const existing = [phone(1, '950000001'), phone(2, '600000002', { unsubscribed: true })];
		const plan = planPhones(existing, [erp('950000003')], own('950000001'), true);
		expect(plan.add).toEqual([]);
		expect(plan.edits).toEqual([
			{ kind: 'put', list: 'phones', id: 1, before: existing[0], after: erp('950000003') },
		]);
		expect(plan.reorder).toBe(false);
		expect(plan.owned).toEqual(own('950000003'));
	});

	it("an opted-out value of the sync's is never replaced or removed: the ERP's is added, and a reorder asked", () => {
		const existing = [phone(1, '950000001', { unsubscribed: true })];
		const plan = planPhones(existing, [erp('950000003')], own('950000001'), true);
		expect(plan.edits).toEqual([]);
		expect(plan.add).toEqual([erp('950000003')]);
		expect(plan.reorder).toBe(true);
		// The opted-out value is no longer the sync's: it stays the person's from now on.
		expect(plan.owned).toEqual(own('950000003'));
	});

	it("a stale value with no new value to take its place is deleted; a person's first item asks a reorder", () => {
		const existing = [phone(5, '600000005'), phone(1, '950000001'), phone(2, '950000002')];
		const plan = planPhones(existing, [erp('950000002')], own('950000001', '950000002'), true);
		expect(plan.edits).toEqual([{ kind: 'delete', list: 'phones', id: 1, before: existing[1] }]);
		expect(plan.reorder).toBe(true);
	});

	it('Only Add New Values: appends, never edits or reorders; an empty ERP list changes nothing', () => {
		const existing = [phone(1, '950000001')];
		expect(planPhones(existing, [erp('950000003')], own('950000001'), false)).toEqual({
			add: [erp('950000003')],
			edits: [],
			reorder: false,
			owned: own('950000003'),
		});
		expect(planPhones(existing, [], own('950000001'), true)).toEqual({
			add: [],
			edits: [],
			reorder: false,
			owned: own('950000001'),
		});
	});
});

describe('primaryOrder / planLists', () => {
	it('moves the ERP values first and keeps every item as read (id, flags, unknown attributes)', () => {
		const items = [phone(5, '600000005', { unsubscribed: true, x: 1 }), phone(2, '950000002')];
		expect(primaryOrder(items, [erp('950000002')], 'phones')).toEqual([items[1], items[0]]);
	});

	it('plans the three lists and collects what the sync owns', () => {
		const existing: ClientifyRecord = {
			id: 1,
			emails: [{ id: 3, email: 'Ana@Agro.es', type: 1 }],
			phones: [],
		};
		const desired = {
			emails: [{ email: 'ana@agro.es', type: 1 }],
			phones: [erp('950000001')],
			addresses: [],
		} as unknown as DesiredRecord;
		const { plans, owned } = planLists(
			existing,
			desired,
			{ e: [emailStateKey('ana@agro.es')], p: [], a: ['x'] },
			true,
		);
		expect(plans.emails.add).toEqual([]);
		expect(plans.phones.add).toEqual([erp('950000001')]);
		expect(owned).toEqual({ e: [emailStateKey('ana@agro.es')], p: own('950000001'), a: ['x'] });
	});
});
