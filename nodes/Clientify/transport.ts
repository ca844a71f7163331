/**
 * The Clientify nodes' side of n8n (Clientify Upsert, its pick-list, Clientify Index): what the
 * n8n-free client (nodes/shared/clientify/client) needs from n8n and what both node classes share.
 * - the client's configuration from the node's credential, the one place the Base URL is checked;
 * - its I/O: `httpRequestWithAuthentication` (proxies, TLS options, the credential's
 *   `Authorization: Token …`), the execution's cancel signal, n8n-workflow's `sleep`;
 * - a failed request as n8n's API error (`ClientifyApiError`);
 * - the description both nodes share (`CLIENTIFY_NODE_BASE`).
 * Beside the nodes, like n8n-nodes-base's per-service shared files (nodes/Google/GenericFunctions.ts):
 * neither node imports the other.
 */
import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';
import {
	BASE_URL_HINT,
	apiGenerationOf,
	normalizeBaseUrl,
	type ClientifyClientConfig,
} from '../shared/clientify/client/client';
import type { ClientifyHttpResponse, ClientifyIo } from '../shared/clientify/client/io';
import { describeFailure, isHtml, type ClientifyFailure } from '../shared/clientify/client/errors';
import {
	classifyFailure,
	type FailureKind,
	type RetryTiming,
} from '../shared/clientify/client/timing';

const CREDENTIAL_TYPE = 'clientifyTokenApi';

/**
 * What every Clientify node's description shares: version 1, one main input and output, and the
 * Clientify credential. (The icon and `usableAsTool` stay literal in each node class: n8n's
 * community-node lint reads them there.)
 */
export const CLIENTIFY_NODE_BASE = {
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
} satisfies Partial<INodeTypeDescription>;

/** A failed Clientify request as n8n's API error, keeping the facts the upsert needs to decide. */
export class ClientifyApiError extends NodeApiError {
	readonly clientify: ClientifyFailure;

	readonly kind: FailureKind;

	constructor(node: INode, failure: ClientifyFailure, itemIndex?: number) {
		const { message, description } = describeFailure(failure);
		const response: JsonObject = {
			method: failure.method,
			path: failure.path,
			status: failure.status ?? null,
			body: isHtml(failure.body) ? 'HTML page' : ((failure.body as JsonObject) ?? null),
			networkCode: failure.networkCode ?? null,
		};
		super(node, response, {
			message,
			description,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			itemIndex,
		});
		this.clientify = failure;
		this.kind = classifyFailure(failure.status, failure.status === undefined);
	}

	get status(): number | undefined {
		return this.clientify.status;
	}

	/** The same failure attributed to one input item. */
	forItem(node: INode, itemIndex: number): ClientifyApiError {
		return new ClientifyApiError(node, this.clientify, itemIndex);
	}
}

export interface RetryConfig {
	timing: RetryTiming;
	/** Waits between retries (n8n-workflow's `sleep` when absent). */
	sleep?: (ms: number) => Promise<void>;
}

type ClientifyContext = IExecuteFunctions | ILoadOptionsFunctions;

/** The client's I/O on n8n's helpers (a load-options context has the same ones). */
function n8nIo(ctx: ClientifyContext, wait: (ms: number) => Promise<void>): ClientifyIo {
	const signal = () =>
		'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	return {
		async send(request) {
			const options: IHttpRequestOptions = {
				method: request.method,
				url: request.url,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: request.timeoutMs,
			};
			if (request.qs) options.qs = request.qs as IDataObject;
			if (request.body) options.body = request.body as IDataObject;
			const abortSignal = signal();
			if (abortSignal) options.abortSignal = abortSignal;
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
			)) as ClientifyHttpResponse;
		},
		sleep: wait,
		isCancelled: () => signal()?.aborted === true,
		failed: (failure) => new ClientifyApiError(ctx.getNode(), failure),
		refused: (message, description) =>
			new NodeOperationError(ctx.getNode(), message, description ? { description } : {}),
	};
}

/** The client's configuration from the node's credential, with n8n's I/O. */
export async function clientConfigFromCredentials(
	ctx: ClientifyContext,
	retry: RetryConfig,
): Promise<ClientifyClientConfig> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's Base URL "${String(credentials.baseUrl ?? '')}" is not an http(s) URL`,
			{
				description: BASE_URL_HINT,
			},
		);
	}
	return {
		baseUrl,
		generation: apiGenerationOf(baseUrl),
		timing: retry.timing,
		io: n8nIo(ctx, retry.sleep ?? sleep),
		secrets: typeof credentials.apiKey === 'string' ? [credentials.apiKey.trim()] : [],
	};
}
