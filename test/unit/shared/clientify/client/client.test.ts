/**
 * The Clientify client without n8n: its I/O is a script of answers (`fakeIo`), its waits are
 * recorded, never slept. The Base URL rule: the transport's functions and the credential test's
 * expressions are the same code.
 */
import {
	BASE_URL_EXPRESSION_CODE,
	ENTITY_PATH,
	IS_V2_EXPRESSION_CODE,
	apiGenerationOf,
	eachRecord,
	normalizeBaseUrl,
} from '../../../../../nodes/shared/clientify/client/client';
import type { ClientifyHttpResponse } from '../../../../../nodes/shared/clientify/client/io';
import type { ClientifyFailure } from '../../../../../nodes/shared/clientify/client/errors';
import { BASE, Failed, clientOf, fakeIo, ok } from './fakeIo';

const status = (statusCode: number, body: unknown = {}, headers = {}): ClientifyHttpResponse => ({
	statusCode,
	headers,
	body,
});

async function failureOf(promise: Promise<unknown>): Promise<ClientifyFailure> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Failed);
	return (error as Failed).failure;
}

describe('ClientifyClient.request', () => {
	it('sends below the Base URL and resolves with the body of a 2xx', async () => {
		const { io, requests } = fakeIo([ok({ id: 1 })]);
		await expect(
			clientOf(io).request('POST', '/contacts/', { body: { name: 'A' }, qs: { x: 1 } }),
		).resolves.toEqual({ id: 1 });
		expect(requests).toEqual([
			{
				method: 'POST',
				url: `${BASE}/contacts/`,
				qs: { x: 1 },
				body: { name: 'A' },
				timeoutMs: 60000,
			},
		]);
	});

	it('retries 5xx and network errors with the backoff, then gives up with the failure', async () => {
		const { io, requests, waits } = fakeIo([
			status(502),
			{ throw: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) },
			status(503, { detail: 'down' }),
		]);
		const failure = await failureOf(clientOf(io).request('GET', '/contacts/1/'));
		expect(requests).toHaveLength(3);
		expect(waits).toEqual([500, 1000]);
		expect(failure).toEqual({
			method: 'GET',
			path: '/contacts/1/',
			status: 503,
			body: { detail: 'down' },
			networkCode: undefined,
			networkMessage: undefined,
			attempts: 3,
		});
	});

	it("leaves a POST's 5xx to the caller (rejectedOnly) but retries its 429 after Retry-After", async () => {
		const { io, requests, waits } = fakeIo([status(429, {}, { 'retry-after': '2' }), status(500)]);
		const failure = await failureOf(
			clientOf(io).request('POST', '/contacts/', { body: {}, retry: 'rejectedOnly' }),
		);
		expect(requests).toHaveLength(2);
		expect(waits).toEqual([2000]);
		expect(failure).toMatchObject({ status: 500, attempts: 2 });
	});

	it('does not retry a 4xx, and no retry starts once the execution is cancelled', async () => {
		const rejected = fakeIo([status(400, { name: ['required'] })]);
		expect(await failureOf(clientOf(rejected.io).request('GET', '/x/'))).toMatchObject({
			status: 400,
			attempts: 1,
		});
		const cancelled = fakeIo([status(503)]);
		cancelled.cancel();
		expect(await failureOf(clientOf(cancelled.io).request('GET', '/x/'))).toMatchObject({
			attempts: 1,
		});
		expect(cancelled.waits).toEqual([]);
	});

	it('keeps the API key out of error bodies and network messages', async () => {
		const key = 'k-0123456789';
		const { io } = fakeIo([
			status(401, { detail: `bad token ${key}` }),
			{ throw: { response: { status: 502, data: `<p>Token ${key}</p>` } } },
		]);
		const client = clientOf(io, BASE, [key]);
		expect((await failureOf(client.request('GET', '/me/'))).body).toEqual({
			detail: 'bad token ***',
		});
		const thrown = fakeIo([
			{ throw: Object.assign(new Error(`connect ${key}`), { code: 'ECONNREFUSED' }) },
		]);
		const network = await failureOf(
			clientOf(thrown.io, BASE, [key]).request('POST', '/x/', { retry: 'rejectedOnly' }),
		);
		expect(network).toMatchObject({
			status: undefined,
			networkCode: 'ECONNREFUSED',
			networkMessage: 'connect ***',
		});
	});

	it("adds v2's fields= to a GET, unless the request names its fields", async () => {
		const { io, requests } = fakeIo([ok({}), ok({})]);
		const client = clientOf(io, 'https://api-plus.clientify.com/v2');
		await client.request('GET', '/me/');
		await client.request('GET', '/me/', { qs: { fields: 'id' } });
		expect(requests.map((r) => r.qs)).toEqual([{ fields: 'id,email' }, { fields: 'id' }]);
	});
});

describe('ClientifyClient pages', () => {
	const page = (results: unknown[], next: string | null, count = results.length) =>
		ok({ count, next, results });

	it('follows next links on the Base URL host to the end', async () => {
		const { io, requests } = fakeIo([
			page([1], `${BASE}/contacts/?page=2`, 3),
			page([2], `${BASE}/contacts/?page=3`, 3),
			page([3], null, 3),
		]);
		await expect(clientOf(io).listAll('/contacts/', { page_size: 1 })).resolves.toEqual({
			count: 3,
			results: [1, 2, 3],
		});
		expect(requests.map((r) => r.url)).toEqual([
			`${BASE}/contacts/`,
			`${BASE}/contacts/?page=2`,
			`${BASE}/contacts/?page=3`,
		]);
	});

	it('refuses a next link to another host and an answer that is not a list', async () => {
		const other = fakeIo([page([1], 'https://evil.example/contacts/?page=2')]);
		await expect(clientOf(other.io).listAll('/contacts/')).rejects.toThrow(
			'Clientify returned a pagination link to another host (https://evil.example); it was not followed',
		);
		expect(other.requests).toHaveLength(1);
		const html = fakeIo([ok('<html>app</html>')]);
		await expect(clientOf(html.io).listPage('/contacts/')).rejects.toMatchObject({
			message: 'Clientify answered GET /contacts/ with something that is not a list',
			description: expect.stringContaining('Base URL'),
		});
	});

	it('gives up on a listing whose next links never end, the same way for every walk', async () => {
		const endless = () => {
			const { io, requests } = fakeIo([]);
			io.send = async (request) => {
				requests.push(request);
				return ok({ count: 1, next: `${BASE}/contacts/?page=2`, results: [{ id: 1 }] });
			};
			return { client: clientOf(io), requests };
		};
		const all = endless();
		await expect(all.client.listAll('/contacts/')).rejects.toThrow(
			'Clientify pagination did not end',
		);
		const each = endless();
		await expect(eachRecord(each.client, 'contact', () => undefined)).rejects.toThrow(
			'Clientify pagination did not end',
		);
		// the first page and 100,000 followed links, then no further request
		expect([all.requests.length, each.requests.length]).toEqual([100001, 100001]);
	}, 60_000);

	it('eachRecord lists an entity 100 a page and hands over every record', async () => {
		const { io, requests } = fakeIo([
			page([{ id: 1 }, { id: 2 }], `${BASE}/companies/?page=2`),
			page([{ id: 3 }], null),
		]);
		const seen: number[] = [];
		await expect(
			eachRecord(clientOf(io), 'company', (record) => seen.push(record.id)),
		).resolves.toEqual({ listed: 3, calls: 2 });
		expect(seen).toEqual([1, 2, 3]);
		expect(requests.map((r) => [r.url, r.qs])).toEqual([
			[`${BASE}${ENTITY_PATH.company}`, { page_size: 100 }],
			[`${BASE}/companies/?page=2`, undefined],
		]);
	});
});

/** Evaluates expression code as n8n would, with `$credentials` in scope. */
function evaluate(code: string, baseUrl: unknown): unknown {
	// eslint-disable-next-line @typescript-eslint/no-implied-eval
	return new Function('$credentials', `return ${code};`)({ baseUrl });
}

describe('Base URL', () => {
	const urls = [
		'https://api.clientify.net/v1',
		' https://api.clientify.net/v1/ ',
		'https://api-plus.clientify.com/v2//',
		'https://api-plus.clientify.com/V2',
		'http://localhost:3000/v2x',
	];
	it.each(urls)('%j: the expressions give what the functions give', (url) => {
		expect(evaluate(BASE_URL_EXPRESSION_CODE, url)).toBe(normalizeBaseUrl(url));
		expect(evaluate(IS_V2_EXPRESSION_CODE, url)).toBe(apiGenerationOf(url) === 'v2');
	});
	it('rejects what is not an http(s) URL', () => {
		expect(normalizeBaseUrl('api.clientify.net/v1')).toBeUndefined();
		expect(normalizeBaseUrl(undefined)).toBeUndefined();
		expect(apiGenerationOf('https://api-plus.clientify.com/v2/')).toBe('v2');
	});
});
