/**
 * Runs a credential type's declarative `test` the way n8n does (packages/cli credentials-tester
 * service + n8n-core RoutingNode), for unit tests over real HTTP:
 * - every value of `test.request` is resolved with n8n-workflow's own expression engine, with
 *   `$credentials` = the credential data, and merged into `{ qs: {}, body: {}, headers: {} }`;
 *   the timeout is RoutingNode's default (5 minutes);
 * - the credential's `authenticate` is applied and the request is sent with `returnFullResponse`;
 * - an answer outside 2xx: the first `responseCode` rule with that status gives the message, else the
 *   status text (or `Received HTTP status code: N`); no answer: the error code (ECONNREFUSED …);
 * - a 2xx answer: each `responseSuccessBody` rule whose `key` (lodash get on the body) equals its
 *   `value` fails the test with its message; otherwise `Connection successful!`.
 * The end-to-end suite runs the same tests in real n8n.
 */
import { AxiosError } from 'axios';
import get from 'lodash/get';
import merge from 'lodash/merge';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INodeCredentialTestResult,
	type INodeTypes,
} from 'n8n-workflow';
import { applyAuthentication, n8nHttpRequest } from '../../harness/nodeContext';

const NODE_NAME = 'Temp-Node';

function expressionWorkflow(): Workflow {
	const type = { description: { properties: [] } };
	const nodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	return new Workflow({
		nodes: [
			{
				id: 'temp',
				name: NODE_NAME,
				type: 'mock',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
}

/** Resolves one value of a declarative request as RoutingNode does (`=`-strings and objects). */
export function resolveRequestValue(value: unknown, credentials: IDataObject): unknown {
	if (typeof value === 'object' || (typeof value === 'string' && value.charAt(0) === '=')) {
		return expressionWorkflow().expression.getParameterValue(
			value as never,
			null,
			0,
			0,
			NODE_NAME,
			[],
			'internal',
			{ $credentials: credentials } as never,
			undefined,
			false,
		);
	}
	return value;
}

/** The request n8n would send for the credential test (before `authenticate`). */
export function declarativeTestRequest(
	credentialType: ICredentialType,
	credentials: IDataObject,
): IHttpRequestOptions {
	const request = credentialType.test?.request;
	if (!request) throw new Error(`${credentialType.name} has no declarative test`);
	const options: IDataObject = { qs: {}, body: {}, headers: {} };
	const resolved: IDataObject = {};
	for (const [key, value] of Object.entries(request))
		resolved[key] = resolveRequestValue(value, credentials) as never;
	merge(options, resolved);
	options.timeout = 300_000;
	options.returnFullResponse = true;
	return options as unknown as IHttpRequestOptions;
}

export interface DeclarativeTestRun {
	result: INodeCredentialTestResult;
	/** What was sent, after `authenticate`. */
	sent: IHttpRequestOptions;
}

export async function runDeclarativeCredentialTest(
	credentialType: ICredentialType,
	credentials: IDataObject,
): Promise<DeclarativeTestRun> {
	const rules = (credentialType.test?.rules ?? []) as Array<{
		type: string;
		properties: { value?: unknown; key?: string; message: string };
	}>;
	const sent = await applyAuthentication(
		credentialType,
		credentials as ICredentialDataDecryptedObject,
		declarativeTestRequest(credentialType, credentials),
	);
	let response: { body: unknown; statusCode: number };
	try {
		response = (await n8nHttpRequest(sent)) as { body: unknown; statusCode: number };
	} catch (error) {
		if (error instanceof AxiosError && error.response) {
			const { status, statusText } = error.response;
			for (const rule of rules) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { sent, result: { status: 'Error', message: rule.properties.message } };
				}
			}
			return {
				sent,
				result: { status: 'Error', message: statusText || `Received HTTP status code: ${status}` },
			};
		}
		const code = (error as { code?: string }).code;
		return { sent, result: { status: 'Error', message: code ?? (error as Error).message } };
	}
	// RoutingNode: an array body becomes one item per element; the rules look at the first
	const json = Array.isArray(response.body) ? response.body[0] : response.body;
	for (const rule of rules) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(json, rule.properties.key as string) === rule.properties.value
		) {
			return { sent, result: { status: 'Error', message: rule.properties.message } };
		}
	}
	return { sent, result: { status: 'OK', message: 'Connection successful!' } };
}
