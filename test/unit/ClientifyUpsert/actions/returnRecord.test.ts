/**
 * Option *Return Clientify Record* (nodes/ClientifyUpsert/actions/returnRecord.ts): the client notes
 * the records in the answers it passes on, and `recordFor` returns the latest one, reading the record
 * again only when a sub-resource or a company link was written after that answer.
 */
import { RecordingClient } from '../../../../nodes/ClientifyUpsert/actions/returnRecord';
import type { UpsertResult } from '../../../../nodes/ClientifyUpsert/actions/write/types';
import { BASE, configOf, fakeIo, ok } from '../../shared/clientify/client/fakeIo';

function result(overrides: Partial<UpsertResult>): UpsertResult {
	return {
		action: 'updated',
		recordType: 'contact',
		taxId: '12345678Z',
		clientifyId: 7,
		changedFields: [],
		customFieldsCreated: [],
		warnings: [],
		...overrides,
	};
}

function recording(answers: Parameters<typeof fakeIo>[0]) {
	const fake = fakeIo(answers);
	const client = new RecordingClient(configOf(fake.io));
	return { client, requests: fake.requests };
}

const contact7 = { id: 7, first_name: 'Ana', emails: [] };
const contact7Fresh = { id: 7, first_name: 'Ana', emails: [{ id: 1, email: 'ana@agro.es' }] };

describe('RecordingClient', () => {
	it('created: the answer to the POST, no further call', async () => {
		const { client, requests } = recording([ok({ id: 9, first_name: 'Eva' })]);
		await client.request('POST', '/contacts/', { body: { first_name: 'Eva' } });
		expect(await client.recordFor(result({ action: 'created', clientifyId: 9 }), false)).toEqual({
			id: 9,
			first_name: 'Eva',
		});
		expect(requests).toHaveLength(1);
		expect(client.refetches).toBe(0);
	});

	it('updated: the answer to the PUT, unless a sub-resource was written after it: then one GET', async () => {
		const { client, requests } = recording([
			ok(contact7),
			ok({ id: 1, email: 'ana@agro.es' }),
			ok(contact7Fresh),
		]);
		await client.request('PUT', '/contacts/7/', { body: { first_name: 'Ana' } });
		expect(await client.recordFor(result({}), false)).toEqual(contact7);
		await client.request('POST', '/contacts/7/emails/', { body: { email: 'ana@agro.es' } });
		// dry run: nothing is read again; the record as last seen
		expect(await client.recordFor(result({}), true)).toEqual(contact7);
		expect(await client.recordFor(result({}), false)).toEqual(contact7Fresh);
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`PUT ${BASE}/contacts/7/`,
			`POST ${BASE}/contacts/7/emails/`,
			`GET ${BASE}/contacts/7/`,
		]);
		expect(client.refetches).toBe(1);
		// the GET's answer is the latest: no second read
		expect(await client.recordFor(result({}), false)).toEqual(contact7Fresh);
		expect(client.refetches).toBe(1);
	});

	it('every sub-resource write makes the record stale; reading one does not', async () => {
		for (const sub of ['emails', 'phones', 'addresses', 'websites', 'tags']) {
			const { client } = recording([ok(contact7), ok({}), ok(contact7Fresh)]);
			await client.request('GET', '/contacts/7/');
			await client.request('DELETE', `/contacts/7/${sub}/3/`);
			expect(await client.recordFor(result({}), false)).toEqual(contact7Fresh);
		}
		const { client, requests } = recording([ok(contact7), ok({ results: [] })]);
		await client.request('GET', '/contacts/7/');
		await client.request('GET', '/contacts/7/tags/');
		expect(await client.recordFor(result({}), false)).toEqual(contact7);
		expect(requests).toHaveLength(2);
	});

	it('a company link written or removed changes the contact, not the company', async () => {
		const company3 = { id: 3, name: 'Agrícola SL' };
		const { client, requests } = recording([
			ok({ results: [contact7] }),
			ok(company3),
			ok({}),
			ok(contact7Fresh),
		]);
		await client.request('GET', '/contacts/', { qs: { query: '12345678Z' } });
		await client.request('GET', '/companies/3/');
		await client.request('DELETE', '/companies/3/employees/7/');
		expect(
			await client.recordFor(result({ recordType: 'company', clientifyId: 3 }), false),
		).toEqual(company3);
		expect(await client.recordFor(result({ action: 'unchanged' }), false)).toEqual(contact7Fresh);
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET ${BASE}/contacts/`,
			`GET ${BASE}/companies/3/`,
			`DELETE ${BASE}/companies/3/employees/7/`,
			`GET ${BASE}/contacts/7/`,
		]);
	});

	it('unchanged: the record as a search or a listing page found it, next links included', async () => {
		const { client, requests } = recording([
			ok({ count: 2, next: `${BASE}/companies/?page=2`, results: [{ id: 4, name: 'Uno' }] }),
			ok({ count: 2, next: null, results: [{ id: 5, name: 'Dos' }, { id: 0 }, 'x'] }),
		]);
		await client.listAll('/companies/');
		const company = (id: number) =>
			client.recordFor(
				result({ action: 'unchanged', recordType: 'company', clientifyId: id }),
				false,
			);
		expect(await company(4)).toEqual({ id: 4, name: 'Uno' });
		expect(await company(5)).toEqual({ id: 5, name: 'Dos' });
		expect(requests).toHaveLength(2);
	});

	it('null, without a call: skipped, failed, no record type or id, and a dry run of a create', async () => {
		const { client, requests } = recording([ok({ results: [] })]);
		await client.request('GET', '/custom-fields/');
		for (const r of [
			result({ action: 'skipped' }),
			result({ action: 'failed' }),
			result({ recordType: null }),
			result({ clientifyId: null }),
			result({ clientifyId: 0 }),
		])
			expect(await client.recordFor(r, false)).toBeNull();
		expect(await client.recordFor(result({ action: 'created', clientifyId: 11 }), true)).toBeNull();
		expect(requests).toHaveLength(1);
	});

	it('a record never seen is read once (a v2 Base URL: the path below it)', async () => {
		const v2 = 'https://api.clientify.net/v2';
		const fake = fakeIo([ok({ id: 8, name: 'Tres' })]);
		const client = new RecordingClient(configOf(fake.io, v2));
		const company8 = result({ recordType: 'company', clientifyId: 8 });
		expect(await client.recordFor(company8, false)).toEqual({ id: 8, name: 'Tres' });
		expect(await client.recordFor(company8, false)).toEqual({ id: 8, name: 'Tres' });
		expect(fake.requests.map((r) => r.url)).toEqual([`${v2}/companies/8/`]);
		expect(client.refetches).toBe(1);
	});
});
