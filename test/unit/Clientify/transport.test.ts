import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';
import {
	CLIENTIFY_NODE_BASE,
	ClientifyApiError,
	clientConfigFromCredentials,
} from '../../../nodes/Clientify/transport';
import { isUncertain } from '../../../nodes/shared/clientify/client/errors';
import { DEFAULT_RETRY_TIMING } from '../../../nodes/shared/clientify/client/timing';
import { ClientifyTokenApi } from '../../../credentials/ClientifyTokenApi.credentials';

/** The credential the transport authenticates with: the package's Clientify credential. */
const CREDENTIAL_TYPE = new ClientifyTokenApi().name;

const node: INode = {
	id: '1',
	name: 'Clientify Upsert',
	type: 'n8n-nodes-hispatec.clientifyUpsert',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The parts of an execution context the transport uses. */
function context(credentials: Record<string, unknown>, signal = new AbortController().signal) {
	const calls: Array<[string, IHttpRequestOptions]> = [];
	const ctx = {
		getNode: () => node,
		getCredentials: async (type: string) => {
			expect(type).toBe(CREDENTIAL_TYPE);
			return credentials;
		},
		getExecutionCancelSignal: () => signal,
		helpers: {
			async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
				calls.push([type, options]);
				return { statusCode: 201, headers: { a: '1' }, body: { id: 5 } };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('clientConfigFromCredentials', () => {
	it("reads the credential: the Base URL's clean form, its generation, the key as a secret", async () => {
		const sleep = jest.fn(async () => undefined);
		const { ctx } = context({ baseUrl: ' https://api-plus.clientify.com/v2/ ', apiKey: ' k-1 ' });
		const config = await clientConfigFromCredentials(ctx, { timing: DEFAULT_RETRY_TIMING, sleep });
		expect(config).toMatchObject({
			baseUrl: 'https://api-plus.clientify.com/v2',
			generation: 'v2',
			timing: DEFAULT_RETRY_TIMING,
			secrets: ['k-1'],
		});
		await config.io.sleep(7);
		expect(sleep).toHaveBeenCalledWith(7);
	});

	it('refuses a Base URL that is not http(s)', async () => {
		const { ctx } = context({ baseUrl: 'api.clientify.net', apiKey: 'k' });
		await expect(
			clientConfigFromCredentials(ctx, { timing: DEFAULT_RETRY_TIMING }),
		).rejects.toMatchObject({
			constructor: NodeOperationError,
			message: 'The credential\'s Base URL "api.clientify.net" is not an http(s) URL',
			description: 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2).',
		});
	});

	it("sends through n8n's helper with the credential, any status, and the cancel signal", async () => {
		const controller = new AbortController();
		const { ctx, calls } = context(
			{ baseUrl: 'https://api.clientify.net/v1', apiKey: 'k-1' },
			controller.signal,
		);
		const { io } = await clientConfigFromCredentials(ctx, { timing: DEFAULT_RETRY_TIMING });
		await expect(
			io.send({
				method: 'POST',
				url: 'https://api.clientify.net/v1/contacts/',
				body: { name: 'A' },
				timeoutMs: 60000,
			}),
		).resolves.toEqual({ statusCode: 201, headers: { a: '1' }, body: { id: 5 } });
		expect(calls).toEqual([
			[
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: 'https://api.clientify.net/v1/contacts/',
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 60000,
					body: { name: 'A' },
					abortSignal: controller.signal,
				},
			],
		]);
		expect(io.isCancelled()).toBe(false);
		controller.abort();
		expect(io.isCancelled()).toBe(true);
		const refused = io.refused('Not a list', 'Check the Base URL');
		expect(refused).toBeInstanceOf(NodeOperationError);
		expect(refused).toMatchObject({ message: 'Not a list', description: 'Check the Base URL' });
		expect(io.failed({ method: 'GET', path: '/me/', status: 401, attempts: 1 })).toBeInstanceOf(
			ClientifyApiError,
		);
	});
});

describe('ClientifyApiError', () => {
	it("is n8n's API error with the failure's message, status and kind", () => {
		const error = new ClientifyApiError(node, {
			method: 'PUT',
			path: '/contacts/3/',
			status: 503,
			body: '<html>down</html>',
			attempts: 2,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Clientify failed with 503 (an HTML page) after 1 retry',
			httpCode: '503',
			kind: 'serverError',
			status: 503,
		});
		expect(error.forItem(node, 4).context.itemIndex).toBe(4);
		expect(isUncertain(error)).toBe(true);
		const network = new ClientifyApiError(node, { method: 'GET', path: '/x/', attempts: 1 });
		expect(isUncertain(network)).toBe(true);
		const rejected = new ClientifyApiError(node, {
			method: 'POST',
			path: '/x/',
			status: 400,
			attempts: 1,
		});
		expect(isUncertain(rejected)).toBe(false);
		expect(isUncertain(new Error('x'))).toBe(false);
	});

	it('both nodes share version 1, one main input and output, and the Clientify credential', () => {
		expect(CLIENTIFY_NODE_BASE).toEqual({
			version: 1,
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'clientifyTokenApi', required: true }],
		});
	});
});
