import http from 'http';
import type { AddressInfo } from 'net';
import { createExecuteContext, n8nHttpRequest } from '../../../harness/nodeContext';

describe('test harness httpRequest', () => {
	let server: http.Server;
	let base: string;
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			if (req.url?.startsWith('/fail')) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end('{"detail":"boom"}');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ url: req.url, auth: req.headers.authorization ?? null }));
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((r) => server.close(r)));

	it('sends qs and parses JSON', async () => {
		expect(
			await n8nHttpRequest({ url: `${base}/x/`, qs: { query: 'B58378431' }, json: true }),
		).toEqual({
			url: '/x/?query=B58378431',
			auth: null,
		});
	});

	it('throws on a 500 unless told to ignore it', async () => {
		await expect(n8nHttpRequest({ url: `${base}/fail` })).rejects.toMatchObject({
			response: { status: 500 },
		});
		expect(
			await n8nHttpRequest({
				url: `${base}/fail`,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			}),
		).toMatchObject({
			statusCode: 500,
			body: { detail: 'boom' },
		});
	});

	it('applies a generic credential header', async () => {
		const { context } = createExecuteContext([], {
			credentials: { fooApi: { apiKey: 'k1' } },
			credentialTypes: {
				fooApi: {
					name: 'fooApi',
					displayName: 'Foo',
					properties: [],
					authenticate: {
						type: 'generic',
						properties: { headers: { Authorization: '=Token {{$credentials.apiKey}}' } },
					},
				},
			},
		});
		const body = (await context.helpers.httpRequestWithAuthentication.call(context, 'fooApi', {
			url: `${base}/a/`,
		})) as {
			auth: string;
		};
		expect(body.auth).toBe('Token k1');
	});
});
