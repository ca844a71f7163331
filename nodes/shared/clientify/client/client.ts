/**
 * All HTTP to Clientify goes through this client: n8n's `httpRequestWithAuthentication` (proxies,
 * TLS options, cancellation, the credential's `Authorization: Token …`), retries with backoff and
 * jitter (`sleep` from n8n-workflow), pagination, v2's `fields=`, and errors as `ClientifyApiError`.
 *
 * Retry rules: 429 is always retried (the request was refused, not applied), honouring
 * `Retry-After`; it also pauses the other requests of the run and paces the ones that follow
 * (`Pacer`). 5xx and network errors are retried for reads and idempotent writes (PUT, POST of a
 * tag); for other POSTs (`retry: 'rejectedOnly'`) they are returned to the caller, which first looks
 * up whether the write was applied.
 */
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import {
	Pacer,
	classifyFailure,
	parseRetryAfter,
	retryDelayMs,
	type ApiGeneration,
	type RetryTiming,
} from '../../shared/clientify';
import { ClientifyApiError, type ClientifyFailure } from './errors';
import { v2FieldsFor } from './fields';

export { ClientifyApiError, isUncertain, describeFailure, summarizeErrorBody } from './errors';
export type { ClientifyFailure } from './errors';

export { apiGenerationOf, normalizeBaseUrl } from '../../shared/clientify/baseUrl';

export const CREDENTIAL_TYPE = 'clientifyTokenApi';

/** Request timeout for one call. */
const TIMEOUT_MS = 60000;

export interface ListPage<T> {
	count: number;
	next: string | null;
	results: T[];
}

export interface ClientifyClientConfig {
	baseUrl: string;
	generation: ApiGeneration;
	timing: RetryTiming;
	random?: () => number;
	/** Waits between retries and paced requests; n8n-workflow's `sleep` unless injected (tests). */
	sleep?: (ms: number) => Promise<void>;
	/** The clock of the pacing; `Date.now` unless injected (tests). */
	now?: () => number;
	/**
	 * Texts never to repeat (the API key): a server's error body may quote the request's headers (a
	 * debug page), and error bodies end up in messages, warnings and logs.
	 */
	secrets?: string[];
}

/** `value` with every occurrence of a secret in its strings (keys and values) replaced by `***`. */
export function redactSecrets(value: unknown, secrets: readonly string[]): unknown {
	const list = secrets.filter((s) => typeof s === 'string' && s.length >= 4);
	if (!list.length) return value;
	const scrub = (text: string) => list.reduce((out, secret) => out.split(secret).join('***'), text);
	const walk = (v: unknown, depth: number): unknown => {
		if (typeof v === 'string') return scrub(v);
		if (depth > 20 || v === null || typeof v !== 'object') return v;
		if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>))
			out[scrub(k)] = walk(x, depth + 1);
		return out;
	};
	return walk(value, 0);
}

interface Outcome {
	ok: boolean;
	status?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	networkCode?: string;
	networkMessage?: string;
}

export type RetryMode = 'all' | 'rejectedOnly';

export class ClientifyClient {
	private readonly origin: string;

	/** Shared by every request of this client, so one 429 slows all the lanes of the run. */
	private readonly pacer: Pacer;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly config: ClientifyClientConfig,
	) {
		this.origin = new URL(config.baseUrl).origin;
		this.pacer = new Pacer(
			config.timing.maxSpacingMs,
			{ now: config.now ?? Date.now, sleep: config.sleep ?? sleep },
			() => this.isCancelled(),
		);
	}

	get generation(): ApiGeneration {
		return this.config.generation;
	}

	isCancelled(): boolean {
		return this.ctx.getExecutionCancelSignal?.()?.aborted === true;
	}

	/**
	 * One API call with retries. `pathOrUrl` is relative to the Base URL (`/contacts/`) or an
	 * absolute `next` link. Resolves with the parsed body of a 2xx answer.
	 */
	async request<T = unknown>(
		method: IHttpRequestMethods,
		pathOrUrl: string,
		options: { qs?: IDataObject; body?: IDataObject; retry?: RetryMode } = {},
	): Promise<T> {
		const url = this.resolve(pathOrUrl);
		const qs: IDataObject = { ...(options.qs ?? {}) };
		if (
			method === 'GET' &&
			this.generation === 'v2' &&
			!new URL(url).searchParams.has('fields') &&
			qs.fields === undefined
		) {
			const fields = v2FieldsFor(this.relative(url));
			if (fields) qs.fields = fields;
		}
		const retry = options.retry ?? 'all';
		for (let attempt = 0; ; attempt++) {
			const ticket = await this.pacer.turn();
			const outcome = await this.send(method, url, qs, options.body);
			if (outcome.ok) {
				this.pacer.succeeded(ticket);
				return outcome.body as T;
			}
			const kind = classifyFailure(outcome.status, outcome.status === undefined);
			const retryable =
				kind === 'rateLimited' ||
				(retry === 'all' && (kind === 'serverError' || kind === 'network'));
			const delay = this.retryDelay(attempt, outcome.headers?.['retry-after']);
			if (kind === 'rateLimited') this.pacer.rateLimited(ticket, delay);
			if (!retryable || attempt >= this.config.timing.maxRetries || this.isCancelled()) {
				throw this.failure(method, url, outcome, attempt + 1);
			}
			await this.pause(delay);
		}
	}

	/** Waits before retry number `attempt` (0-based) of a step the caller repeats itself. */
	async wait(attempt: number): Promise<void> {
		await this.pause(this.retryDelay(attempt));
	}

	private async pause(delay: number): Promise<void> {
		if (delay > 0 && !this.isCancelled()) await (this.config.sleep ?? sleep)(delay);
	}

	/** The wait before retry number `attempt` (0-based): `Retry-After`, else the backoff step. */
	private retryDelay(attempt: number, retryAfter?: unknown): number {
		return retryDelayMs(
			attempt,
			this.config.timing,
			parseRetryAfter(retryAfter, (this.config.now ?? Date.now)()),
			this.config.random,
		);
	}

	/** One page of a list endpoint. */
	async listPage<T>(pathOrUrl: string, qs?: IDataObject): Promise<ListPage<T>> {
		const body = await this.request<unknown>('GET', pathOrUrl, { qs });
		const page = body as Partial<ListPage<T>> | undefined;
		if (!page || typeof page !== 'object' || !Array.isArray(page.results)) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`Clientify answered GET ${this.relative(this.resolve(pathOrUrl).split('?')[0])} with something that is not a list`,
				{
					description:
						'Check the Base URL in the credential: it must point to the API (https://api.clientify.net/v1), not the web app.',
				},
			);
		}
		return {
			count: typeof page.count === 'number' ? page.count : page.results.length,
			next: typeof page.next === 'string' && page.next ? page.next : null,
			results: page.results,
		};
	}

	/** Follows `next` links from `first` to the end; returns every result, first page included. */
	async rest<T>(first: ListPage<T>): Promise<T[]> {
		const results = [...first.results];
		let next = first.next;
		let guard = 0;
		while (next) {
			if (++guard > 100000)
				throw new NodeOperationError(this.ctx.getNode(), 'Clientify pagination did not end');
			const page = await this.listPage<T>(next);
			results.push(...page.results);
			next = page.next;
		}
		return results;
	}

	/** Every result of a list endpoint (all pages). */
	async listAll<T>(path: string, qs?: IDataObject): Promise<{ count: number; results: T[] }> {
		const first = await this.listPage<T>(path, qs);
		return { count: first.count, results: await this.rest(first) };
	}

	/** Absolute URL for a path or a `next` link; `next` links must stay on the Base URL's host. */
	private resolve(pathOrUrl: string): string {
		if (/^https?:\/\//i.test(pathOrUrl)) {
			const url = new URL(pathOrUrl);
			if (url.origin !== this.origin) {
				throw new NodeOperationError(
					this.ctx.getNode(),
					`Clientify returned a pagination link to another host (${url.origin}); it was not followed`,
					{ description: 'The API key is only sent to the Base URL of the credential.' },
				);
			}
			return url.toString();
		}
		return `${this.config.baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
	}

	private relative(url: string): string {
		const base = this.config.baseUrl;
		return url.startsWith(base) ? url.slice(base.length) : url;
	}

	private async send(
		method: IHttpRequestMethods,
		url: string,
		qs: IDataObject,
		body?: IDataObject,
	): Promise<Outcome> {
		const options: IHttpRequestOptions = {
			method,
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: TIMEOUT_MS,
		};
		if (Object.keys(qs).length) options.qs = qs;
		if (body !== undefined && method !== 'GET') options.body = body;
		const signal = this.ctx.getExecutionCancelSignal?.();
		if (signal) options.abortSignal = signal;
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				options,
			)) as {
				body: unknown;
				headers: Record<string, unknown>;
				statusCode: number;
			};
			const status = response.statusCode;
			const ok = status >= 200 && status < 300;
			return {
				ok,
				status,
				body: ok ? response.body : this.redact(response.body),
				headers: response.headers ?? {},
			};
		} catch (error) {
			const e = error as { code?: string; message?: string; response?: { status?: number } };
			if (e?.response?.status !== undefined) {
				return {
					ok: false,
					status: e.response.status,
					body: this.redact((e.response as { data?: unknown }).data),
				};
			}
			return {
				ok: false,
				networkCode: e?.code,
				networkMessage: this.redact(e?.message) as string | undefined,
			};
		}
	}

	/** An error answer without the secrets of the credential (see `secrets`). */
	private redact(value: unknown): unknown {
		return this.config.secrets?.length ? redactSecrets(value, this.config.secrets) : value;
	}

	private failure(
		method: string,
		url: string,
		outcome: Outcome,
		attempts: number,
	): ClientifyApiError {
		const failure: ClientifyFailure = {
			method,
			path: this.relative(url.split('?')[0]),
			status: outcome.status,
			body: outcome.body,
			networkCode: outcome.networkCode,
			networkMessage: outcome.networkMessage,
			attempts,
		};
		return new ClientifyApiError(this.ctx.getNode(), failure);
	}
}
