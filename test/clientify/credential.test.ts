/**
 * The clientifyTokenApi credential test (testedBy on the node): precise messages for a wrong key,
 * a missing key, a wrong Base URL (HTML 404) and no answer.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { ClientifyTokenApi } from '../../credentials/ClientifyTokenApi.credentials';
import { ClientifyUpsert } from '../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { runCredentialTest } from '../helpers/n8n';
import { startClientifyEmulator, type ClientifyEmulator } from '../emulators/clientify';

const node = new ClientifyUpsert();
const test = async (data: Record<string, string>) => await runCredentialTest(node, 'clientifyTokenApiTest', data, 'clientifyTokenApi');
const HINT = 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2 for API v2).';

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

	it('is declared as the node expects', () => {
		const credential = new ClientifyTokenApi();
		expect(credential.name).toBe('clientifyTokenApi');
		expect(credential.properties.map((p) => [p.name, p.default, p.typeOptions?.password ?? false])).toEqual([
			['apiKey', '', true],
			['baseUrl', 'https://api.clientify.net/v1', false],
		]);
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Token {{$credentials.apiKey}}' } } });
		expect(node.description.credentials).toEqual([{ name: 'clientifyTokenApi', required: true, testedBy: 'clientifyTokenApiTest' }]);
	});

	it('accepts a good key on v1 and v2', async () => {
		expect(await test({ apiKey: v1.apiKey, baseUrl: v1.baseUrl })).toEqual({ status: 'OK', message: 'Connection successful (Clientify API v1)' });
		expect(await test({ apiKey: v2.apiKey, baseUrl: `${v2.baseUrl}/` })).toEqual({ status: 'OK', message: 'Connection successful (Clientify API v2)' });
		expect(v2.log.lines().at(-1)).toBe('GET /v2/contacts/?page_size=1&fields=id');
	});

	it('tells a wrong key (401 Invalid token.)', async () => {
		expect(await test({ apiKey: 'wrong', baseUrl: v1.baseUrl })).toEqual({
			status: 'Error',
			message: 'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
		});
	});

	it('tells a missing key (404 Api key not provided.)', async () => {
		expect(await test({ apiKey: '  ', baseUrl: v1.baseUrl })).toEqual({
			status: 'Error',
			message: 'Clientify received no API key (404 Api key not provided.). Enter the API key.',
		});
	});

	it('tells a wrong Base URL (HTML 404)', async () => {
		expect(await test({ apiKey: v1.apiKey, baseUrl: `${v1.origin}/api` })).toEqual({
			status: 'Error',
			message: `${v1.origin}/api/contacts/ is not the Clientify API: it answered 404 with an HTML page. Check the Base URL. ${HINT}`,
		});
	});

	it('tells no answer, and a Base URL that is not a URL', async () => {
		const server = http.createServer();
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.address() as AddressInfo).port;
		await new Promise<void>((r) => server.close(() => r()));
		expect(await test({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` })).toEqual({
			status: 'Error',
			message: `No answer from http://127.0.0.1:${port}/v1 (ECONNREFUSED). Check the Base URL. ${HINT}`,
		});
		expect(await test({ apiKey: 'k', baseUrl: 'api.clientify.net' })).toEqual({
			status: 'Error',
			message: `The Base URL "api.clientify.net" is not an http(s) URL. ${HINT}`,
		});
	});

	it('reports any other answer with its status and body', async () => {
		v1.setOption('faults', [{ method: 'GET', path: '/contacts/', status: 500 }]);
		expect(await test({ apiKey: v1.apiKey, baseUrl: v1.baseUrl })).toEqual({
			status: 'Error',
			message: `Unexpected answer from ${v1.baseUrl}/contacts/ (500: A server error occurred.). ${HINT}`,
		});
		v1.setOption('faults', []);
	});
});
