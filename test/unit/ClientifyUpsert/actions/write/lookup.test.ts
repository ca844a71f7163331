/** Finding existing records by tax ID (nodes/ClientifyUpsert/actions/write/lookup.ts), on a fake client. */
import { eachRecord } from '../../../../../nodes/shared/clientify/client/client';
import { Lookup } from '../../../../../nodes/ClientifyUpsert/actions/write/lookup';
import { fakeClient } from './fixtures';

const A = { id: 1, taxpayer_identification_number: '12345678Z' };
const B = { id: 2, taxpayer_identification_number: '87654321X' };
const NEAR = { id: 3, taxpayer_identification_number: '112345678Z' };

describe('Lookup', () => {
	it('Search Each: a contact search by query keeps exact tax ID matches only', async () => {
		const { client, calls } = fakeClient({ 'LIST /contacts/': [A, NEAR] });
		const lookup = new Lookup(client, 'searchEach');
		await lookup.prepare(new Map([['contact', 5]]));
		await expect(lookup.find('contact', '12345678Z')).resolves.toEqual([A]);
		expect(calls).toEqual([{ key: 'LIST /contacts/', qs: { query: '12345678Z', page_size: 100 } }]);
		expect(lookup.modeOf('contact')).toBe('search');
	});

	it('companies: the tax ID filter while it is honoured, the query search once it proves ignored', async () => {
		const filtered = fakeClient({ 'LIST /companies/': [A] });
		await expect(
			new Lookup(filtered.client, 'searchEach').search('company', '12345678Z'),
		).resolves.toEqual([A]);
		expect(filtered.calls[0].qs).toEqual({
			taxpayer_identification_number: '12345678Z',
			page_size: 100,
		});

		// The filter answered another tax ID: it is ignored, so this and later searches use query=.
		const ignored = fakeClient({ 'LIST /companies/': (n: number) => (n === 0 ? [B] : [A, B]) });
		const lookup = new Lookup(ignored.client, 'searchEach');
		await expect(lookup.search('company', '12345678Z')).resolves.toEqual([A]);
		await expect(lookup.search('company', '87654321X')).resolves.toEqual([B]);
		expect(ignored.calls.map((c) => c.qs)).toEqual([
			{ taxpayer_identification_number: '12345678Z', page_size: 100 },
			{ query: '12345678Z', page_size: 100 },
			{ query: '87654321X', page_size: 100 },
		]);
	});

	it('Auto: one tax ID searches; several list the entity once when that is cheaper, then find without calls', async () => {
		const one = fakeClient({});
		const auto = new Lookup(one.client, 'auto');
		await auto.prepare(new Map([['contact', 1]]));
		expect(auto.modeOf('contact')).toBe('search');
		expect(one.calls).toEqual([]);

		const listing = fakeClient({ 'LIST /contacts/': [A, B] });
		const indexed = new Lookup(listing.client, 'auto');
		await indexed.prepare(new Map([['contact', 2]]));
		expect(indexed.modeOf('contact')).toBe('index');
		await expect(indexed.find('contact', '87654321X')).resolves.toEqual([B]);
		await expect(indexed.find('contact', '00000000T')).resolves.toEqual([]);
		expect(listing.keys()).toEqual(['LIST /contacts/']);
		expect(indexed.indexed('contact')).toEqual([A, B]);
	});

	it('Auto keeps searching when the CRM is much larger than the batch', async () => {
		const { client } = fakeClient({
			'LIST /contacts/': { count: 100_000, next: '/contacts/?page=2', results: [A] },
		});
		const lookup = new Lookup(client, 'auto');
		await lookup.prepare(new Map([['contact', 2]]));
		expect(lookup.modeOf('contact')).toBe('search');
	});

	it('a failed listing fails the finds of that entity, not the batch', async () => {
		const { client } = fakeClient({ 'LIST /contacts/': new Error('down') });
		const lookup = new Lookup(client, 'indexAll');
		await lookup.prepare(new Map([['contact', 1]]));
		expect(lookup.modeOf('contact')).toBe('failed');
		await expect(lookup.find('contact', '12345678Z')).rejects.toThrow('down');
	});

	it('createdSince: the re-check listing, indexed by tax ID', async () => {
		const { client, calls } = fakeClient({ 'LIST /contacts/': [A, B, { ...A }] });
		const index = await new Lookup(client, 'auto').createdSince('contact', '2026-03-01T11:00:00Z');
		expect(index.get('12345678Z')).toEqual([A]);
		expect(index.get('87654321X')).toEqual([B]);
		expect(calls[0].key).toBe('LIST /contacts/');
	});
});

describe('eachRecord', () => {
	it('follows every page and hands each record over', async () => {
		const { client } = fakeClient({
			'LIST /companies/': { count: 2, next: '/companies/?page=2', results: [A] },
			'LIST /companies/?page=2': { count: 2, next: null, results: [B] },
		});
		const seen: number[] = [];
		await expect(eachRecord(client, 'company', (r) => seen.push(r.id))).resolves.toEqual({
			listed: 2,
			calls: 2,
		});
		expect(seen).toEqual([1, 2]);
	});
});
