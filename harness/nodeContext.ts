/**
 * A small, faithful stand-in for the n8n execution contexts our nodes use, for tests over real HTTP.
 *
 * - `helpers.httpRequest` follows n8n-core's `httpRequest` (axios underneath): `qs` → query string,
 *   `encoding` → response type, `json` → Accept header, `returnFullResponse` → {body, headers,
 *   statusCode, statusMessage}, `ignoreHttpStatusErrors`, `timeout`, `abortSignal`; non-2xx statuses
 *   throw the AxiosError (with `.response`), as n8n does.
 * - `helpers.httpRequestWithAuthentication` applies the credential type's `authenticate` (generic
 *   headers/qs/body with `{{$credentials.x}}` expressions, or a function) before sending.
 * - `getWorkflowStaticData` returns a real mutable object the test keeps between polls.
 *
 * Real n8n (the end-to-end suite) is the final judge of the helpers' behaviour; this keeps unit and
 * integration tests fast and deterministic.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

export interface RequestLogEntry {
	method: string;
	url: string;
	qs?: IDataObject;
}

export interface HarnessOptions {
	/** Node parameters as the editor would store them (nested collections as objects). */
	parameters?: IDataObject;
	/** Per-item parameter overrides (simulates expressions resolving differently per item). */
	itemParameters?: Array<IDataObject | undefined>;
	/** Credentials by type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential type classes by type name, so their `authenticate` is applied. */
	credentialTypes?: Record<string, ICredentialType>;
	continueOnFail?: boolean;
	nodeName?: string;
	nodeType?: string;
	typeVersion?: number;
	mode?: 'manual' | 'trigger' | 'integrated';
	/** The workflow's settings (`this.getWorkflowSettings()`); default `{}`, as after an import through the editor. */
	workflowSettings?: IDataObject;
	/** A real object the test keeps between polls (n8n persists it after each poll). */
	staticData?: IDataObject;
	abortSignal?: AbortSignal;
}

function get(obj: unknown, path: string): unknown {
	let current: unknown = obj;
	for (const part of path.split('.')) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

function resolveCredentialExpressions(value: unknown, credentials: IDataObject): unknown {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return value;
		return value
			.slice(1)
			.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_m, key: string) =>
				String(credentials[key] ?? ''),
			);
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value))
			out[k] = resolveCredentialExpressions(v, credentials) as never;
		return out;
	}
	return value;
}

/** n8n-core's httpRequest semantics on axios (see file header). */
export async function n8nHttpRequest(
	options: IHttpRequestOptions,
	log?: RequestLogEntry[],
): Promise<unknown> {
	const method = (options.method ?? 'GET').toUpperCase();
	const headers: Record<string, string> = {
		...((options.headers as Record<string, string>) ?? {}),
	};
	const config: AxiosRequestConfig = {
		method,
		url: options.url,
		baseURL: options.baseURL,
		headers,
		params: options.qs,
		timeout: options.timeout ?? 300000,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		proxy: false,
		signal: options.abortSignal as AxiosRequestConfig['signal'],
	};
	if (options.encoding !== undefined)
		config.responseType = options.encoding as AxiosRequestConfig['responseType'];
	if (options.disableFollowRedirect) config.maxRedirects = 0;
	const body = options.body;
	if (
		body !== undefined &&
		method !== 'GET' &&
		(typeof body === 'string' ||
			Buffer.isBuffer(body) ||
			(typeof body === 'object' && Object.keys(body as object).length > 0))
	) {
		config.data = body;
	}
	if (options.json && !Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) {
		headers.Accept = 'application/json';
	}
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	if (options.skipSslCertificateValidation) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const https = require('https') as typeof import('https');
		config.httpsAgent = new https.Agent({ rejectUnauthorized: false });
	}
	log?.push({ method, url: (options.baseURL ?? '') + options.url, qs: options.qs });
	const result = await axios(config);
	if (options.returnFullResponse) {
		return {
			body: result.data,
			headers: result.headers,
			statusCode: result.status,
			statusMessage: result.statusText,
		};
	}
	return result.data;
}

export async function applyAuthentication(
	credentialType: ICredentialType | undefined,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const auth = credentialType?.authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') return await auth(credentials, options);
	const props = resolveCredentialExpressions(auth.properties, credentials) as IDataObject;
	const out: IHttpRequestOptions = { ...options };
	if (props.headers)
		out.headers = { ...(options.headers ?? {}), ...(props.headers as IDataObject) };
	if (props.qs) out.qs = { ...(options.qs ?? {}), ...(props.qs as IDataObject) };
	if (props.body && typeof options.body === 'object')
		out.body = { ...(options.body as IDataObject), ...(props.body as IDataObject) };
	if (props.auth) out.auth = props.auth as IHttpRequestOptions['auth'];
	return out;
}

function makeNode(opts: HarnessOptions): INode {
	return {
		id: 'test-node-id',
		name: opts.nodeName ?? 'Test Node',
		type: opts.nodeType ?? 'n8n-nodes-hispatec.test',
		typeVersion: opts.typeVersion ?? 1,
		position: [0, 0],
		parameters: (opts.parameters ?? {}) as INode['parameters'],
	};
}

function makeBase(opts: HarnessOptions, requestLog: RequestLogEntry[]) {
	const node = makeNode(opts);
	const getCredentials = async (type: string) => {
		const c = opts.credentials?.[type];
		if (!c) throw new Error(`Test harness: no credentials of type "${type}"`);
		return c;
	};
	const getNodeParameter = (
		name: string,
		itemIndex = 0,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		const override = opts.itemParameters?.[itemIndex];
		let value = override ? get(override, name) : undefined;
		if (value === undefined) value = get(opts.parameters ?? {}, name);
		if (value === undefined) {
			if (arguments.length >= 3 || fallback !== undefined) return fallback;
			throw new Error(`Test harness: parameter "${name}" not set and no fallback given`);
		}
		if (
			options?.extractValue &&
			value &&
			typeof value === 'object' &&
			'__rl' in (value as IDataObject)
		) {
			return (value as IDataObject).value;
		}
		return value;
	};
	const helpers = {
		httpRequest: async (o: IHttpRequestOptions) => await n8nHttpRequest(o, requestLog),
		httpRequestWithAuthentication: async function (type: string, o: IHttpRequestOptions) {
			const creds = await getCredentials(type);
			const authed = await applyAuthentication(opts.credentialTypes?.[type], creds, o);
			return await n8nHttpRequest(authed, requestLog);
		},
		returnJsonArray: (data: IDataObject | IDataObject[]) =>
			(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		constructExecutionMetaData: (
			items: INodeExecutionData[],
			meta: { itemData: { item: number } | Array<{ item: number }> },
		) => items.map((item) => ({ ...item, pairedItem: meta.itemData })),
	};
	return {
		node,
		getNode: () => node,
		getCredentials,
		getNodeParameter,
		getMode: () => opts.mode ?? 'trigger',
		continueOnFail: () => opts.continueOnFail ?? false,
		getExecutionCancelSignal: () => opts.abortSignal,
		getWorkflowStaticData: (_type: string) => {
			if (!opts.staticData) opts.staticData = {};
			return opts.staticData;
		},
		getTimezone: () => 'Europe/Madrid',
		getWorkflowSettings: () => opts.workflowSettings ?? {},
		getWorkflow: () => ({
			id: 'test-workflow',
			name: 'Test workflow',
			active: opts.mode !== 'manual',
		}),
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers,
	};
}

export interface ExecuteHarness {
	context: IExecuteFunctions;
	requestLog: RequestLogEntry[];
}

export function createExecuteContext(
	items: INodeExecutionData[],
	opts: HarnessOptions = {},
): ExecuteHarness {
	const requestLog: RequestLogEntry[] = [];
	const base = makeBase(opts, requestLog);
	const context = {
		...base,
		getInputData: () => items,
		sendMessageToUI: () => {},
	} as unknown as IExecuteFunctions;
	return { context, requestLog };
}

export function createPollContext(opts: HarnessOptions = {}): {
	context: IPollFunctions;
	requestLog: RequestLogEntry[];
} {
	const requestLog: RequestLogEntry[] = [];
	const base = makeBase(opts, requestLog);
	return { context: base as unknown as IPollFunctions, requestLog };
}

export function createLoadOptionsContext(opts: HarnessOptions = {}): ILoadOptionsFunctions {
	const base = makeBase(opts, []);
	return {
		...base,
		getCurrentNodeParameter: (n: string) => get(opts.parameters ?? {}, n),
	} as unknown as ILoadOptionsFunctions;
}
