/**
 * Known Records (plan/fingerprint.ts): the fingerprints of a desired record and of a Clientify record
 * (equal exactly when the diff has nothing to write), the option's parsing, and the entries:
 * `<id>:<fp>` plus, since issue 20, the Hispatec code of
 * the record's sync state and a contact's company links, so Clientify Upsert finds a contact's
 * company and sees its link with no call. Older indexes (no extras) still parse.
 */
import {
	addToIndex,
	desiredFingerprint,
	indexToText,
	knownEntries,
	lookupKnown,
	parseKnownRecords,
} from '../../../../../nodes/shared/clientify/plan/fingerprint';
import {
	buildCreateBody,
	recordFromCreate,
} from '../../../../../nodes/shared/clientify/desired/desired';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';
import { desired, indexedFingerprint } from '../fixtures';

const scope = { tags: ['hispatec'], customFieldPrefix: 'hispatec_' };
const state = (value: object) => [{ field: 'hispatec_SyncState', value: JSON.stringify(value) }];

describe('Known Records entries with codes and links', () => {
	const company: ClientifyRecord = {
		id: 7,
		taxpayer_identification_number: 'B12345674',
		name: 'Agrícola; 1 SL',
		custom_fields: state({ v: 1, c: 'E 1;x', i: 7, e: [], p: [], a: [] }),
	};
	const contactV2: ClientifyRecord = {
		id: 9,
		taxpayer_identification_number: '20000001Z',
		company_id: 7,
		custom_fields: state({ v: 1, c: 'C1', i: 9, k: 7, e: [], p: [], a: [] }),
	};

	it('a company carries its code (encoded); a contact its code, the tied k and its link (v2: id)', () => {
		const companies = new Map<string, string>();
		addToIndex(companies, company, 'company', scope, 'v2');
		const entry = lookupKnown(companies, 'B12345674');
		expect(entry).toMatchObject({ kind: 'one', id: 7, code: 'E 1;x' });
		expect(companies.get('B12345674')).not.toMatch(/[ \t\n]/);

		const contacts = new Map<string, string>();
		addToIndex(contacts, contactV2, 'contact', scope, 'v2');
		expect(lookupKnown(contacts, '20000001Z')).toMatchObject({
			kind: 'one',
			id: 9,
			code: 'C1',
			k: 7,
			link: { kind: 'id', id: 7 },
		});
	});

	it('v1: the link is the company name; an untied state gives no k', () => {
		const contacts = new Map<string, string>();
		const copied = {
			...contactV2,
			company: 'Agrícola; 1 SL',
			custom_fields: state({ v: 1, c: 'C1', i: 3, k: 7, e: [], p: [], a: [] }),
		};
		addToIndex(contacts, copied, 'contact', scope, 'v1');
		const entry = lookupKnown(contacts, '20000001Z');
		expect(entry).toMatchObject({ link: { kind: 'name', name: 'Agrícola; 1 SL' } });
		expect(entry.kind === 'one' && entry.k).toBeFalsy();
	});

	it('the fingerprint is the same with or without extras; an old entry still parses', () => {
		const contacts = new Map<string, string>();
		addToIndex(contacts, contactV2, 'contact', scope, 'v2');
		const withExtras = lookupKnown(contacts, '20000001Z');
		const old = new Map([
			['20000001Z', `9:${withExtras.kind === 'one' ? withExtras.fingerprint : ''}`],
		]);
		expect(lookupKnown(old, '20000001Z')).toEqual({
			kind: 'one',
			id: 9,
			fingerprint: withExtras.kind === 'one' ? withExtras.fingerprint : '',
		});
	});

	it('the text form keeps the entries wanted by tax ID or by code, and several records per tax ID', () => {
		const companies = new Map<string, string>();
		addToIndex(companies, company, 'company', scope, 'v2');
		addToIndex(companies, { ...company, id: 8 }, 'company', scope, 'v2');
		addToIndex(
			companies,
			{
				id: 11,
				taxpayer_identification_number: 'A58818501',
				custom_fields: state({ v: 1, c: 'E2', e: [], p: [], a: [] }),
			},
			'company',
			scope,
			'v2',
		);
		const text = indexToText(companies);
		expect(parseKnownRecords({ company: text }, new Set(['X']))?.company?.size).toBe(0);
		expect([
			...(parseKnownRecords({ company: text }, new Set(['X']), new Set(['E2']))?.company?.keys() ??
				[]),
		]).toEqual(['A58818501']);
		const all = parseKnownRecords({ company: text })?.company ?? new Map<string, string>();
		const several = lookupKnown(all, 'B12345674');
		expect(several).toMatchObject({ kind: 'several', entries: [{ id: 7 }, { id: 8 }] });
		expect([...knownEntries(all)].map((e) => e.id)).toEqual([7, 8, 11]);
		const parsed = parseKnownRecords({ company: text }, new Set(), new Set(['E 1;x']));
		expect([...(parsed?.company?.keys() ?? [])]).toEqual(['B12345674']);
	});
});

describe('fingerprints', () => {
	/** The Clientify record a create of `desired` leaves. */
	const created = (): ClientifyRecord => recordFromCreate(buildCreateBody(desired), { id: 7 });

	it('a record that holds exactly the desired values has the desired fingerprint', () => {
		const fp = desiredFingerprint(desired, scope);
		expect(fp).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(indexedFingerprint(created(), 'contact', scope)).toBe(fp);
	});

	it('compares as the diff does: case, spacing and phone prefixes do not count', () => {
		const record = created();
		record.first_name = ' María ';
		record.emails = [{ email: 'MARIA@agro.es', type: 2 }];
		record.phones = [{ phone: '0034 950 12 34 56', type: 1 }];
		record.tags = [{ name: 'Hispatec' }];
		expect(indexedFingerprint(record, 'contact', scope)).toBe(desiredFingerprint(desired, scope));
	});

	it('the sync state and values outside the sync (tags, custom fields) are left out', () => {
		const record = created();
		record.tags = ['hispatec', 'vip'];
		record.custom_fields = [
			...(record.custom_fields ?? []),
			{ field: 'Other', value: 'people' },
			{ field: 'hispatec_SyncState', value: JSON.stringify({ v: 1, e: [], p: [], a: [] }) },
		];
		expect(indexedFingerprint(record, 'contact', scope)).toBe(desiredFingerprint(desired, scope));
	});

	it('a changed value, a value people added, another entity or a marked record differ', () => {
		const fp = desiredFingerprint(desired, scope);
		const changed = created();
		changed.last_name = 'Pérez';
		const added = created();
		added.emails = [...(added.emails ?? []), { email: 'otro@agro.es', type: 1 }];
		const marked = created();
		marked.custom_fields = [
			...(marked.custom_fields ?? []),
			{ field: 'hispatec_SyncState', value: JSON.stringify({ v: 1, x: 1, e: [], p: [], a: [] }) },
		];
		for (const record of [changed, added, marked])
			expect(indexedFingerprint(record, 'contact', scope)).not.toBe(fp);
		expect(indexedFingerprint(created(), 'company', scope)).not.toBe(fp);
	});

	it('a desired record the index cannot cover has no fingerprint (always the live lookup)', () => {
		expect(
			desiredFingerprint({ ...desired, customFields: [{ name: 'Outside', value: 'x' }] }, scope),
		).toBeUndefined();
		expect(desiredFingerprint({ ...desired, tags: ['hispatec', 'vip'] }, scope)).toBeUndefined();
		expect(
			desiredFingerprint({ ...desired, scalars: { ...desired.scalars, owner: 'x' } }, scope),
		).toBeUndefined();
	});
});

describe('parseKnownRecords', () => {
	it('nothing set: no index', () => {
		for (const value of [undefined, null, '']) expect(parseKnownRecords(value)).toBeUndefined();
	});

	it('object or JSON text, per entity an index text or an object of entries', () => {
		const index = { contact: '12345678Z\t7:abc\n', company: { B12345674: '8:def' } };
		for (const value of [index, JSON.stringify(index)]) {
			const parsed = parseKnownRecords(value);
			expect(lookupKnown(parsed?.contact ?? new Map(), '12345678Z')).toEqual({
				kind: 'one',
				id: 7,
				fingerprint: 'abc',
			});
			expect(lookupKnown(parsed?.company ?? new Map(), 'B12345674')).toMatchObject({ id: 8 });
			expect(lookupKnown(parsed?.company ?? new Map(), 'A58818501')).toEqual({ kind: 'absent' });
		}
	});

	it('anything else: the message says what it must be', () => {
		for (const value of [[1], { contact: [1] }, '"text"'])
			expect(() => parseKnownRecords(value)).toThrow(
				/Known Records must be the output of the Clientify Index node/,
			);
	});
});
