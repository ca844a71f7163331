/**
 * The clientifyTokenApi credential's declarative test (n8n sends it itself, HTTP errors ignored, the
 * rules read Clientify's body): a wrong key, a missing key, a wrong Base URL (an HTML page, 404 or
 * 200), a server error, and no answer.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { ClientifyTokenApi } from '../../../credentials/ClientifyTokenApi.credentials';
import { ClientifyUpsert } from '../../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { runDeclarativeCredentialTest } from '../../helpers/declarativeCredentialTest';
import { startClientifyEmulator, type ClientifyEmulator } from '../../../emulators/clientify';

const node = new ClientifyUpsert();
const credential = new ClientifyTokenApi();
const test = async (data: Record<string, string>) =>
	(await runDeclarativeCredentialTest(credential, data)).result;
const HINT = 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2 for API v2).';
const NOT_THE_API = `The Base URL did not answer with a Clientify list of contacts (an HTML page, another error or another API): it is not the Clientify API. Check the Base URL. ${HINT}`;

describe('clientifyTokenApi credential', () => {
	let v1: ClientifyEmulator;
	let v2: ClientifyEmulator;
	beforeAll(async () => {
		v1 = await startClientifyEmulator();
		v2 = await startClientifyEmulator({ apiVersion: 'v2' });
	});
	afterAll(async () => {
		await v1.close();
		await v2.close();
	});

	it('is declared as the node expects, tested by the credential itself', () => {
		expect(credential.name).toBe('clientifyTokenApi');
		expect(
			credential.properties.map((p) => [p.name, p.default, p.typeOptions?.password ?? false]),
		).toEqual([
			['apiKey', '', true],
			['baseUrl', 'https://api.clientify.net/v1', false],
		]);
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Token {{$credentials.apiKey}}' } },
		});
		expect(node.description.credentials).toEqual([{ name: 'clientifyTokenApi', required: true }]);
		expect(credential.test?.request).toMatchObject({
			url: '/contacts/',
			ignoreHttpStatusErrors: true,
		});
	});

	it('accepts a good key on v1 and v2 (v2 asks for one field only), with the key in the Token header', async () => {
		const run1 = await runDeclarativeCredentialTest(credential, {
			apiKey: v1.apiKey,
			baseUrl: ` ${v1.baseUrl}// `,
		});
		expect(run1.result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(run1.sent.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Token ${v1.apiKey}`,
		});
		expect(v1.log.lines().at(-1)).toBe('GET /v1/contacts/?page_size=1');
		expect(await test({ apiKey: v2.apiKey, baseUrl: `${v2.baseUrl}/` })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(v2.log.lines().at(-1)).toBe('GET /v2/contacts/?page_size=1&fields=id');
	});

	it('tells a wrong key (401 Invalid token.)', async () => {
		expect(await test({ apiKey: 'wrong', baseUrl: v1.baseUrl })).toEqual({
			status: 'Error',
			message:
				'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
		});
	});

	it('tells a missing key (404 Api key not provided.) from a wrong Base URL (HTML 404)', async () => {
		expect(await test({ apiKey: '  ', baseUrl: v1.baseUrl })).toEqual({
			status: 'Error',
			message: 'Clientify received no API key (404 Api key not provided.). Enter the API key.',
		});
		expect(await test({ apiKey: v1.apiKey, baseUrl: `${v1.origin}/api` })).toEqual({
			status: 'Error',
			message: NOT_THE_API,
		});
	});

	it('a Base URL that answers 2xx without a Clientify list is not the API', async () => {
		const server = http.createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end('<!doctype html><html><body>Welcome</body></html>');
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const port = (server.address() as AddressInfo).port;
			expect(await test({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` })).toEqual({
				status: 'Error',
				message: NOT_THE_API,
			});
		} finally {
			await new Promise<void>((r) => server.close(() => r()));
		}
	});

	it('no answer: the network error code', async () => {
		const server = http.createServer();
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.address() as AddressInfo).port;
		await new Promise<void>((r) => server.close(() => r()));
		expect(await test({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` })).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});

	it('a server error (500)', async () => {
		v1.setOption('faults', [{ method: 'GET', path: '/contacts/', status: 500 }]);
		try {
			expect(await test({ apiKey: v1.apiKey, baseUrl: v1.baseUrl })).toEqual({
				status: 'Error',
				message:
					'Clientify failed with a server error (500 A server error occurred.): try again later.',
			});
		} finally {
			v1.setOption('faults', []);
		}
	});
});
