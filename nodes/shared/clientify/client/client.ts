/**
 * The Clientify client: every HTTP call to Clientify goes through it. No n8n imports: the nodes'
 * transport (nodes/Clientify/transport.ts) injects the HTTP exchange (n8n's
 * `httpRequestWithAuthentication`), the wait, the cancel check and the errors to throw (`ClientifyIo`,
 * io.ts).
 * Here: the Base URL and the API generation it selects, retries with backoff and jitter, pacing,
 * pagination, v2's `fields=`, and the redaction of error answers.
 *
 * Retry rules: 429 is always retried (the request was refused, not applied), honouring
 * `Retry-After`; it also pauses the other requests of the run and paces the ones that follow
 * (`Pacer`). 5xx and network errors are retried for reads and idempotent writes (PUT, POST of a
 * tag); for other POSTs (`retry: 'rejectedOnly'`) they are returned to the caller, which first looks
 * up whether the write was applied.
 */
import { redactSecrets } from '../../redact';
import { MAX_PAGE_SIZE } from '../plan/match';
import type { ApiGeneration, ClientifyRecord, Entity } from '../types';
import type { ClientifyFailure } from './errors';
import { v2FieldsFor } from './fields';
import type { ClientifyHttpRequest, ClientifyIo, HttpMethod } from './io';
import { Pacer, classifyFailure, parseRetryAfter, retryDelayMs, type RetryTiming } from './timing';

/** Trailing slashes, removed from the Base URL. */
const TRAILING_SLASHES = /\/+$/;
/** A Base URL ending in `/v2` selects API v2 ("API plus"). */
const V2_PATH = /\/v2$/i;
const HTTP_URL = /^https?:\/\/[^/]+/i;

/** Where the Base URL is documented, for messages. */
export const BASE_URL_HINT =
	'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2).';

/** The credential's Base URL trimmed, without trailing slashes; undefined when not an http(s) URL. */
export function normalizeBaseUrl(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim().replace(TRAILING_SLASHES, '') : '';
	if (!HTTP_URL.test(text)) return undefined;
	return text;
}

/** `…/v2` → v2 ("API plus"); anything else → v1. */
export function apiGenerationOf(baseUrl: string): ApiGeneration {
	return V2_PATH.test(baseUrl.replace(TRAILING_SLASHES, '')) ? 'v2' : 'v1';
}

/**
 * The Base URL as the nodes use it, as n8n expression code over `$credentials`: the credential's
 * declarative test, which n8n evaluates itself, runs the same rule as `normalizeBaseUrl`.
 */
export const BASE_URL_EXPRESSION_CODE = `String($credentials.baseUrl || "").trim().replace(${String(TRAILING_SLASHES)}, "")`;

/** Expression code: whether the Base URL selects API v2 (the same test as `apiGenerationOf`). */
export const IS_V2_EXPRESSION_CODE = `${String(V2_PATH)}.test(${BASE_URL_EXPRESSION_CODE})`;

/** Where each entity lives, below the Base URL. */
export const ENTITY_PATH: Record<Entity, string> = {
	contact: '/contacts/',
	company: '/companies/',
};

/** `next` links followed in one listing before it is taken as endless (10 million records at 100 a page). */
const MAX_FOLLOWED_PAGES = 100000;

/** Request timeout for one call. */
const TIMEOUT_MS = 60000;

export interface ClientifyClientConfig {
	baseUrl: string;
	generation: ApiGeneration;
	timing: RetryTiming;
	io: ClientifyIo;
	random?: () => number;
	/** The clock of the pacing; `Date.now` unless injected (tests). */
	now?: () => number;
	/**
	 * Texts never to repeat (the API key): a server's error body may quote the request's headers (a
	 * debug page), and error bodies end up in messages, warnings and logs.
	 */
	secrets?: string[];
}

export interface ListPage<T> {
	count: number;
	next: string | null;
	results: T[];
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

type Query = Record<string, unknown>;

export class ClientifyClient {
	private readonly origin: string;

	/** Shared by every request of this client, so one 429 slows all the lanes of the run. */
	private readonly pacer: Pacer;

	constructor(readonly config: ClientifyClientConfig) {
		this.origin = new URL(config.baseUrl).origin;
		this.pacer = new Pacer(
			config.timing.maxSpacingMs,
			{ now: config.now ?? Date.now, sleep: config.io.sleep },
			() => this.isCancelled(),
		);
	}

	get generation(): ApiGeneration {
		return this.config.generation;
	}

	isCancelled(): boolean {
		return this.config.io.isCancelled();
	}

	/**
	 * One API call with retries. `pathOrUrl` is relative to the Base URL (`/contacts/`) or an
	 * absolute `next` link. Resolves with the parsed body of a 2xx answer.
	 */
	async request<T = unknown>(
		method: HttpMethod,
		pathOrUrl: string,
		options: { qs?: Query; body?: Query; retry?: RetryMode } = {},
	): Promise<T> {
		const url = this.resolve(pathOrUrl);
		const qs: Query = { ...(options.qs ?? {}) };
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
				throw this.config.io.failed(this.failure(method, url, outcome, attempt + 1));
			}
			await this.pause(delay);
		}
	}

	/** Waits before retry number `attempt` (0-based) of a step the caller repeats itself. */
	async wait(attempt: number): Promise<void> {
		await this.pause(this.retryDelay(attempt));
	}

	private async pause(delay: number): Promise<void> {
		if (delay > 0 && !this.isCancelled()) await this.config.io.sleep(delay);
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
	async listPage<T>(pathOrUrl: string, qs?: Query): Promise<ListPage<T>> {
		const body = await this.request<unknown>('GET', pathOrUrl, { qs });
		const page = body as Partial<ListPage<T>> | undefined;
		if (!page || typeof page !== 'object' || !Array.isArray(page.results)) {
			throw this.config.io.refused(
				`Clientify answered GET ${this.relative(this.resolve(pathOrUrl).split('?')[0])} with something that is not a list`,
				'Check the Base URL in the credential: it must point to the API (https://api.clientify.net/v1), not the web app.',
			);
		}
		return {
			count: typeof page.count === 'number' ? page.count : page.results.length,
			next: typeof page.next === 'string' && page.next ? page.next : null,
			results: page.results,
		};
	}

	/**
	 * `first`, then each page its `next` links lead to, one at a time: the one walk of a listing, with
	 * the guard against a listing that never ends.
	 */
	async *pagesFrom<T>(first: ListPage<T>): AsyncGenerator<ListPage<T>> {
		let page = first;
		yield page;
		for (let followed = 1; page.next; followed++) {
			if (followed > MAX_FOLLOWED_PAGES)
				throw this.config.io.refused('Clientify pagination did not end');
			page = await this.listPage<T>(page.next);
			yield page;
		}
	}

	/** Follows `next` links from `first` to the end; returns every result, first page included. */
	async rest<T>(first: ListPage<T>): Promise<T[]> {
		const results: T[] = [];
		for await (const page of this.pagesFrom(first)) results.push(...page.results);
		return results;
	}

	/** Every result of a list endpoint (all pages). */
	async listAll<T>(path: string, qs?: Query): Promise<{ count: number; results: T[] }> {
		const first = await this.listPage<T>(path, qs);
		return { count: first.count, results: await this.rest(first) };
	}

	/** Absolute URL for a path or a `next` link; `next` links must stay on the Base URL's host. */
	private resolve(pathOrUrl: string): string {
		if (/^https?:\/\//i.test(pathOrUrl)) {
			const url = new URL(pathOrUrl);
			if (url.origin !== this.origin) {
				throw this.config.io.refused(
					`Clientify returned a pagination link to another host (${url.origin}); it was not followed`,
					'The API key is only sent to the Base URL of the credential.',
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

	private async send(method: HttpMethod, url: string, qs: Query, body?: Query): Promise<Outcome> {
		const request: ClientifyHttpRequest = { method, url, timeoutMs: TIMEOUT_MS };
		if (Object.keys(qs).length) request.qs = qs;
		if (body !== undefined && method !== 'GET') request.body = body;
		try {
			const response = await this.config.io.send(request);
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
	): ClientifyFailure {
		return {
			method,
			path: this.relative(url.split('?')[0]),
			status: outcome.status,
			body: outcome.body,
			networkCode: outcome.networkCode,
			networkMessage: outcome.networkMessage,
			attempts,
		};
	}
}

/**
 * Lists every record of `entity` once (100 per call), handing each page's records to `onRecord` as
 * they arrive: only what the caller keeps stays in memory (Clientify Index, the removals' code index).
 */
export async function eachRecord(
	client: ClientifyClient,
	entity: Entity,
	onRecord: (record: ClientifyRecord) => void,
): Promise<{ listed: number; calls: number }> {
	let listed = 0;
	let calls = 0;
	const first = await client.listPage<ClientifyRecord>(ENTITY_PATH[entity], {
		page_size: MAX_PAGE_SIZE,
	});
	for await (const page of client.pagesFrom(first)) {
		calls++;
		for (const record of page.results) {
			listed++;
			onRecord(record);
		}
	}
	return { listed, calls };
}
