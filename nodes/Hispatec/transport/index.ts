/**
 * HTTP for the Hispatec nodes, on n8n's request helpers only (proxies, TLS options, execution
 * cancellation). The SOAP logic itself lives in nodes/shared/hispatec (no n8n imports).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { HispatecSoapClient, type ClientOptions } from '../../shared/hispatec/soap/client';
import { HispatecSoapError } from '../../shared/hispatec/soap/errors';
import { EnvelopeError } from '../../shared/hispatec/soap/request';
import type { SoapHttpResponse, SoapTransport } from '../../shared/hispatec/soap/response';
import {
	resolveSettings,
	SettingsError,
	type HispatecCredentialData,
	type HispatecSettings,
} from '../../shared/hispatec/soap/settings';

const CREDENTIAL_TYPE = 'hispatecApi';

type HispatecContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

interface FullResponse {
	body: unknown;
	headers?: Record<string, unknown>;
	statusCode?: number;
	statusMessage?: string;
}

/** n8n's full response → the client's response; the body is passed on unread (a stream or a Buffer). */
function toResponse(raw: unknown): SoapHttpResponse {
	const full = raw as FullResponse;
	return {
		statusCode: typeof full.statusCode === 'number' ? full.statusCode : 200,
		...(full.statusMessage ? { statusMessage: full.statusMessage } : {}),
		headers: (full.headers ?? {}) as Record<string, unknown>,
		body: full.body as SoapHttpResponse['body'],
	};
}

/**
 * The SOAP transport of an execution or poll: `httpRequestWithAuthentication` with the hispatecApi
 * credential (it has no `authenticate`: the login token travels inside the envelope), the body as a
 * stream (records are parsed while they arrive; the size cap applies during the download), and the
 * execution's cancel signal.
 */
function n8nSoapTransport(context: HispatecContext): SoapTransport {
	return async (request) => {
		const signal =
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined;
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: request.url,
			headers: request.headers,
			body: request.body,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs,
			skipSslCertificateValidation: request.ignoreTlsErrors,
			...(signal ? { abortSignal: signal } : {}),
		};
		return toResponse(
			await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options),
		);
	};
}

/** Settings from the stored credential, with a configuration error the user can act on. */
function settingsFromCredential(node: INode, data: IDataObject): HispatecSettings {
	try {
		return resolveSettings(data as HispatecCredentialData);
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message, {
			description: 'Fix the Hispatec credential.',
		});
	}
}

/**
 * Reads the credential and builds a client whose HTTP goes through `n8nSoapTransport`; retries wait
 * with n8n's `sleep` and stop once the execution is cancelled. `options` lets tests inject the wait.
 */
export async function createHispatecClient(
	context: HispatecContext,
	options: ClientOptions = {},
): Promise<HispatecSoapClient> {
	const data = (await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	const settings = settingsFromCredential(context.getNode(), data);
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal?.() : undefined;
	return new HispatecSoapClient(
		settings,
		n8nSoapTransport(context),
		{
			debug: (message, meta) => context.logger?.debug(message, meta),
			warn: (message, meta) => context.logger?.warn(message, meta),
		},
		{ sleep: async (ms) => await sleep(ms), ...(signal ? { signal } : {}), ...options },
	);
}

/** n8n error for anything the client throws: NodeApiError for the API, NodeOperationError for setup. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const at = itemIndex === undefined ? {} : { itemIndex };
	if (error instanceof HispatecSoapError) {
		if (error.kind === 'config') {
			return new NodeOperationError(node, error.message, {
				...at,
				...(error.hint ? { description: error.hint } : {}),
			});
		}
		const d = error.details;
		const response: JsonObject = {
			message: error.message,
			kind: error.kind,
			...(d.operation ? { operation: d.operation } : {}),
			...(d.url ? { url: d.url } : {}),
			...(d.httpStatus !== undefined ? { httpStatus: d.httpStatus } : {}),
			...(d.fault ? { fault: { ...d.fault } as unknown as JsonObject } : {}),
			...(d.bodySnippet ? { body: d.bodySnippet } : {}),
			...(d.page !== undefined ? { page: d.page } : {}),
			...(d.attempts !== undefined ? { attempts: d.attempts } : {}),
		};
		return new NodeApiError(node, response, {
			message: error.message,
			...(error.hint ? { description: error.hint } : {}),
			...(d.httpStatus !== undefined && d.httpStatus >= 400
				? { httpCode: String(d.httpStatus) }
				: {}),
			...at,
		});
	}
	if (error instanceof SettingsError || error instanceof EnvelopeError) {
		return new NodeOperationError(node, error.message, {
			...at,
			description: 'Fix the Hispatec credential or the node parameters.',
		});
	}
	return new NodeOperationError(node, error as Error, at);
}
