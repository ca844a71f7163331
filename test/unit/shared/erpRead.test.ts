/**
 * The removal check's one rule (nodes/shared/erpRead.ts) and Clientify's side of it
 * (nodes/shared/clientify/removed.ts): an incomplete read marks nothing.
 */
import { CodesRead, readsFromItems, removalCheck } from '../../../nodes/shared/erpRead';
import { ownedEntry, removedRecords } from '../../../nodes/shared/clientify/removed';
import { encodeSyncState } from '../../../nodes/shared/clientify/syncState';
import { type ClientifyRecord } from '../../../nodes/shared/clientify/types';

/** One read's facts, as Find Duplicate Tax IDs outputs them. */
type ErpRead = ReturnType<CodesRead['facts']>;

const contacts = (codes: string[], extra: Partial<ErpRead> = {}): ErpRead => ({
	recordType: 'contact',
	records: codes.length,
	codes: codes.map((c) => `${c}\n`).join(''),
	...extra,
});
const companies = (codes: string[]): ErpRead => ({ ...contacts(codes), recordType: 'company' });
const BOTH = ['company', 'contact'] as const;

/** The removal check of one read of contacts: the rule on one read (complete, empty, incomplete). */
const checkOne = (read: unknown) => removalCheck([read], ['contact']);

describe('the rule on one read: complete, or nothing is marked', () => {
	it('complete: every record read, Total stable and equal to the count', () => {
		const seen = (read: unknown) => {
			const check = checkOne(read);
			return check.ok ? [[...(check.seen.get('contact') ?? [])], check.notChecked] : check;
		};
		expect(seen(contacts(['C1', 'C2'], { totalFirst: 2, totalLast: 2 }))).toEqual([
			['C1', 'C2'],
			[],
		]);
		expect(seen(contacts(['C1']))).toEqual([['C1'], []]);
	});

	it.each([
		[
			'a failed read (error item)',
			{ error: 'SOAP fault', message: 'down' },
			'a read failed: SOAP fault (down)',
		],
		['not a read', 'text', 'a read is missing'],
		['no record type', { records: 1, codes: 'C1\n' }, 'no record type'],
		['no codes (not the scan output)', { recordType: 'contact', records: 3 }, 'has no codes'],
		['modified since a date', contacts(['C1'], { modifiedSince: true }), 'modified since'],
		[
			'Total changed while reading',
			contacts(['C1'], { totalFirst: 2, totalLast: 1 }),
			'Total changed',
		],
		[
			'fewer records than Total',
			contacts(['C1'], { totalFirst: 2, totalLast: 2 }),
			'got 1 records of the 2',
		],
	])('incomplete: %s', (_what, read, reason) => {
		expect(checkOne(read)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
	});

	it('an empty read is not checked (a wrong filter looks the same)', () => {
		const check = checkOne(contacts([]));
		expect(check).toMatchObject({
			ok: true,
			notChecked: [{ recordType: 'contact', reason: 'the read of contacts returned no record' }],
		});
		expect(check.ok && check.seen.size).toBe(0);
	});
});

describe('removalCheck', () => {
	it('both reads complete: the codes seen per record type', () => {
		const check = removalCheck([companies(['E1']), contacts(['C1', 'C2'])], BOTH);
		expect(check.ok && [...check.seen.entries()].map(([t, s]) => [t, [...s]])).toEqual([
			['company', ['E1']],
			['contact', ['C1', 'C2']],
		]);
	});

	it('one failed or partial read: nothing at all is checked, the other record type neither', () => {
		expect(removalCheck([companies(['E1']), { error: 'timeout' }], BOTH)).toMatchObject({
			ok: false,
		});
		expect(
			removalCheck([companies(['E1']), contacts(['C1'], { totalFirst: 5, totalLast: 5 })], BOTH),
		).toMatchObject({ ok: false, reason: expect.stringContaining('got 1 records of the 5') });
	});

	it('a record type without a read, or with an empty one, is only left unchecked', () => {
		const check = removalCheck([contacts(['C1']), companies([])], BOTH);
		expect(check).toMatchObject({
			ok: true,
			notChecked: [{ recordType: 'company', reason: 'the read of companies returned no record' }],
		});
		expect(removalCheck([contacts(['C1'])], ['contact'])).toMatchObject({
			ok: true,
			notChecked: [],
		});
		expect(removalCheck([contacts(['C1'])], BOTH)).toMatchObject({
			notChecked: [{ recordType: 'company', reason: 'no read of companies was given' }],
		});
	});
});

describe('CodesRead (the scan) and readsFromItems (the items of a read)', () => {
	it('collects codes page by page with the Totals reported', () => {
		const read = new CodesRead();
		read.page(3);
		read.add('C1');
		read.add(undefined);
		read.page(3);
		read.add('C3');
		expect(read.facts('contact', false)).toEqual({
			recordType: 'contact',
			records: 3,
			codes: 'C1\nC3\n',
			totalFirst: 3,
			totalLast: 3,
		});
		expect(read.facts('contact', true).modifiedSince).toBe(true);
	});

	it('records, skipped records and Upsert results count; an error item or a result that lost its code does not', () => {
		const reads = readsFromItems([
			{ recordType: 'contact', taxId: '1Z', sourceId: 'C1' },
			{ recordType: 'contact', reason: 'invalid_tax_id', message: '…', sourceId: 'C2' },
			{ recordType: 'company', action: 'failed', error: 'HTTP 500', sourceId: 'E1' },
			{ action: 'removed', recordType: 'contact', sourceId: 'C9' },
		]);
		expect(removalCheck(reads, BOTH)).toMatchObject({ ok: true, notChecked: [] });
		expect(removalCheck(readsFromItems([{ error: 'SOAP fault', message: 'x' }]), BOTH).ok).toBe(
			false,
		);
		expect(
			removalCheck(
				readsFromItems([{ recordType: null, action: 'failed', error: 'cancelled' }]),
				BOTH,
			).ok,
		).toBe(false);
		expect(removalCheck(readsFromItems([{ summary: true }]), BOTH).ok).toBe(false);
	});
});

describe("Clientify's side: owned records and the removed ones", () => {
	const FIELD = 'hispatec_SyncState';
	const rec = (id: number, state?: object, tax = '12345678Z'): ClientifyRecord => ({
		id,
		taxpayer_identification_number: tax,
		custom_fields: state
			? [{ field: FIELD, value: encodeSyncState({ v: 1, e: [], p: [], a: [], ...state }) }]
			: [],
	});

	it("owned: a state tied to the record that names a code; marked ones apart; people's never", () => {
		expect(ownedEntry(rec(4, { c: 'C1', i: 4 }), FIELD)).toEqual({
			kind: 'owned',
			line: 'C1\t4\t12345678Z\n',
		});
		expect(ownedEntry(rec(4, { c: 'C1', i: 4, x: 1 }), FIELD)).toEqual({ kind: 'marked' });
		expect(ownedEntry(rec(5, { c: 'C1', i: 4 }), FIELD)).toEqual({ kind: 'other' });
		expect(ownedEntry(rec(4, { i: 4 }), FIELD)).toEqual({ kind: 'other' });
		expect(ownedEntry(rec(4), FIELD)).toEqual({ kind: 'other' });
	});

	it('the codes not seen, one item per code (the lowest id gives the tax ID)', () => {
		const owned = 'C1\t4\t1Z\nC2\t9\t2Z\nC2\t5\t3Z\nC3\t6\t\n';
		expect(removedRecords(owned, 'contact', new Set(['C1']))).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'C2', taxId: '3Z' },
			{ action: 'removed', recordType: 'contact', sourceId: 'C3' },
		]);
	});
});
