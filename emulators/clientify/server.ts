/**
 * The Clientify emulator's HTTP side (plain node:http): routing, auth quirks, v1/v2 differences,
 * pagination, validation, faults, latency, rate limit and the request log.
 * Behaviours follow docs/clientify-api.md; assumed ones are marked ASSUMED (numbered as in its last section).
 */
import http from 'http';
import type { AddressInfo } from 'net';
import {
	ClientifyStore,
	compactTaxId,
	SCALAR_DEFAULTS,
	type CustomFieldDefinitionRow,
	type EntityName,
	type StoredRecord,
	type WorkItemRow,
} from './store';
import { ClientifyPeople } from './people';

export interface FaultRule {
	/** HTTP method to match; any when absent. */
	method?: string;
	/** Substring of the path after the base path (`/contacts/`), or a RegExp on it; any when absent. */
	path?: string | RegExp;
	/** 1-based: the first matching request that faults (default 1). */
	nth?: number;
	/** How many consecutive matching requests fault from `nth` on (default 1; `Infinity` = all). */
	times?: number;
	/** Status to answer (429, 500, 504 …); ignored when `drop` is set. */
	status?: number;
	/** `Retry-After` header (seconds or an HTTP date). */
	retryAfter?: number | string;
	/** JSON body to answer (default: a DRF-style `detail` for the status). */
	body?: unknown;
	/** Destroy the connection instead of answering (a network error for the client). */
	drop?: boolean;
	/** Apply the request to the store first, then answer with the fault (a lost response). */
	afterHandling?: boolean;
	/**
	 * Hold the request this long before answering (or dropping) it: past the client's timeout it is a
	 * timeout, applied or not depending on `afterHandling`. With neither `status` nor `drop` the normal
	 * answer follows the delay.
	 */
	delayMs?: number;
	/**
	 * Runs on the store when the rule fires, before the request is handled (e.g. another client
	 * creating the same record at that moment, or a person editing one through `people`). A rule with
	 * neither `status` nor `drop` only runs this.
	 */
	before?: (store: ClientifyStore, request: FaultHookRequest) => void;
}

export interface RateLimitOptions {
	/** Requests allowed per window. */
	limit: number;
	windowMs: number;
	/** `Retry-After` seconds sent with the 429 (default 1). */
	retryAfterSeconds?: number;
}

/** What a `faultHook`, a rule's `before` and the `gate` see of a request. */
export interface FaultHookRequest {
	method: string;
	/** Path after the base path (`/contacts/12/`). */
	path: string;
	query: Record<string, string>;
	/** The raw body text ('' for none). */
	body: string;
	/** The key of its `Authorization: Token <key>` header (undefined without one). */
	apiKey: string | undefined;
	/** 1-based number of this request among every routed request since the log was last reset. */
	seq: number;
	/** 1-based number of this request among the routed requests with the same `apiKey`. */
	keySeq: number;
}

/**
 * Emulator options (all optional; `setOption` changes them on a running emulator):
 * - `apiVersion`: `'v1'` (default; base path `/v1`) or `'v2'` (base path `/v2`: GETs need `fields=`,
 *   custom-field `content_type` localized to Spanish, 409 on a duplicate tax ID at create).
 * - `apiKey`: the accepted key (default `'test-clientify-key'`); `apiKeys`: more accepted keys, so two
 *   runs (two credentials) can be told apart by the hooks (`FaultHookRequest.apiKey`).
 * - `host` / `port`: where to listen (default `127.0.0.1`, port 0 = ephemeral).
 * - `defaultPageSize` (10) and `maxPageSize` (100) of list endpoints.
 * - `latencyMs`: delay before every answer (default 0).
 * - `rateLimit`: `{ limit, windowMs, retryAfterSeconds }` → 429 with `Retry-After` past the limit.
 * - `faults`: `FaultRule[]` (status, dropped connection, lost response; on the Nth matching request).
 * - `faultHook`: called for every routed request when no `faults` rule fired; the rule it returns (if
 *   any) applies to that request (seeded random faults, a key revoked mid-run …).
 * - `gate`: awaited for every routed request before anything else happens to it (faults, rate limit,
 *   auth, handling): a test holds one run's Nth request until another run has finished (overlaps
 *   made deterministic), or aborts a run there. Other requests go on while one is held.
 * - `customFieldCreation`: `'allow'` (default) or `{ status, body }` to answer every
 *   `POST /custom-fields/` with (e.g. `{ status: 405 }`).
 * - `customFieldDuplicate`: the answer to creating a definition whose name the entity already has
 *   (default 400 `{"name": ["A custom field with this name already exists."]}`; e.g. `{ status: 409 }`).
 * - List filters `created[gte|gt|lte|lt]` and `modified[…]` on `/contacts/` and `/companies/`;
 *   `ordering=<field>` / `-<field>`; `DELETE /contacts/{id}/` and `/companies/{id}/` (204).
 * - `companyTaxIdFilter`: honour `taxpayer_identification_number=` on `GET /companies/` (default true;
 *   false = ignored like any unknown parameter, as on contacts).
 * - `requireFieldsParam`: v2 GETs without `fields=` → 400 (default: true on v2, false on v1).
 * - `conflictOnDuplicateTaxId`: entities whose create answers 409 on an existing tax ID
 *   (default v2 `['contacts']`, v1 `[]`).
 */
export interface ClientifyEmulatorOptions {
	apiVersion?: 'v1' | 'v2';
	apiKey?: string;
	apiKeys?: string[];
	host?: string;
	port?: number;
	defaultPageSize?: number;
	maxPageSize?: number;
	latencyMs?: number;
	rateLimit?: RateLimitOptions | null;
	faults?: FaultRule[];
	faultHook?: ((request: FaultHookRequest) => FaultRule | undefined) | null;
	gate?: ((request: FaultHookRequest) => Promise<void> | void) | null;
	customFieldCreation?: 'allow' | { status: number; body?: unknown };
	customFieldDuplicate?: { status: number; body?: unknown };
	companyTaxIdFilter?: boolean;
	requireFieldsParam?: boolean;
	conflictOnDuplicateTaxId?: EntityName[];
}

type ResolvedOptions = Required<
	Omit<ClientifyEmulatorOptions, 'rateLimit' | 'faultHook' | 'gate'>
> & {
	rateLimit: RateLimitOptions | null;
	faultHook: ((request: FaultHookRequest) => FaultRule | undefined) | null;
	gate: ((request: FaultHookRequest) => Promise<void> | void) | null;
};

export interface LoggedRequest {
	method: string;
	/** Path including the base path (`/v1/contacts/`). */
	path: string;
	query: Record<string, string>;
	/** Parsed JSON body of writes. */
	body?: unknown;
	status: number;
	/** Answered by a fault rule or the rate limit (or the connection was dropped). */
	faulted: boolean;
}

export class RequestLog {
	requests: LoggedRequest[] = [];
	get reads(): number {
		return this.requests.filter((r) => r.method === 'GET').length;
	}
	get writes(): number {
		return this.requests.filter((r) => r.method !== 'GET').length;
	}
	/** `"GET /v1/contacts/?query=X"` lines, for readable exact assertions. */
	lines(): string[] {
		return this.requests.map((r) => {
			const qs = new URLSearchParams(r.query).toString();
			return `${r.method} ${r.path}${qs ? `?${qs}` : ''}`;
		});
	}
	count(method?: string, pathIncludes?: string): number {
		return this.requests.filter(
			(r) => (!method || r.method === method) && (!pathIncludes || r.path.includes(pathIncludes)),
		).length;
	}
	reset(): void {
		this.requests = [];
		this.routed = 0;
		this.routedByKey.clear();
	}
	/** Counters behind `FaultHookRequest.seq` / `keySeq`. */
	routed = 0;
	readonly routedByKey = new Map<string, number>();
}

class HttpAnswer {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {}
}

const HTML_404 =
	'<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

const TYPE_RANGES: Record<string, [number, number]> = {
	emails: [1, 4],
	phones: [1, 6],
	addresses: [1, 5],
	websites: [1, 5],
};

const SUB_RESOURCES = ['emails', 'phones', 'addresses', 'websites', 'tags'] as const;
/** The record's own timeline path, which the official node's catalog spells without trailing slash. */
const WALL_NO_SLASH = /^\/(contacts|companies)\/\d+\/wallentries$/;
type SubName = (typeof SUB_RESOURCES)[number];

function defaultDetail(status: number): unknown {
	switch (status) {
		case 429:
			return { detail: 'Request was throttled.' };
		case 500:
			return { detail: 'A server error occurred.' };
		case 502:
			return { detail: 'Bad Gateway' };
		case 503:
			return { detail: 'Service Unavailable' };
		case 504:
			return { detail: 'Gateway Timeout' };
		default:
			return { detail: `Error ${status}` };
	}
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

export class ClientifyServer {
	readonly store = new ClientifyStore();
	/** The test acting as people in Clientify's web app (works on `store`, see people.ts). */
	readonly people = new ClientifyPeople(this.store);
	readonly log = new RequestLog();
	readonly options: ResolvedOptions;
	private server: http.Server;
	private faultCounters = new Map<FaultRule, number>();
	private rateWindow = { start: 0, count: 0 };
	origin = '';

	constructor(options: ClientifyEmulatorOptions = {}) {
		const v2 = options.apiVersion === 'v2';
		this.options = {
			apiVersion: options.apiVersion ?? 'v1',
			apiKey: options.apiKey ?? 'test-clientify-key',
			apiKeys: options.apiKeys ?? [],
			host: options.host ?? '127.0.0.1',
			port: options.port ?? 0,
			defaultPageSize: options.defaultPageSize ?? 10,
			maxPageSize: options.maxPageSize ?? 100,
			latencyMs: options.latencyMs ?? 0,
			rateLimit: options.rateLimit ?? null,
			faults: options.faults ?? [],
			faultHook: options.faultHook ?? null,
			gate: options.gate ?? null,
			customFieldCreation: options.customFieldCreation ?? 'allow',
			customFieldDuplicate: options.customFieldDuplicate ?? {
				status: 400,
				body: { name: ['A custom field with this name already exists.'] },
			},
			companyTaxIdFilter: options.companyTaxIdFilter ?? true,
			requireFieldsParam: options.requireFieldsParam ?? v2,
			conflictOnDuplicateTaxId: options.conflictOnDuplicateTaxId ?? (v2 ? ['contacts'] : []),
		};
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ detail: `Emulator error: ${String(error)}` }));
				}
			});
		});
	}

	get basePath(): string {
		return `/${this.options.apiVersion}`;
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.origin = `http://${this.options.host}:${address.port}`;
	}

	private holds = new Set<ReturnType<typeof setTimeout>>();

	/** Waits `ms` (cut short when the emulator closes). */
	private async hold(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				this.holds.delete(timer);
				resolve();
			}, ms);
			this.holds.add(timer);
		});
	}

	async close(): Promise<void> {
		for (const timer of this.holds) clearTimeout(timer);
		this.holds.clear();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	setOption<K extends keyof ClientifyEmulatorOptions>(
		name: K,
		value: ClientifyEmulatorOptions[K],
	): void {
		(this.options as Record<string, unknown>)[name] = value;
		if (name === 'faults') this.faultCounters.clear();
		if (name === 'rateLimit') this.rateWindow = { start: 0, count: 0 };
	}

	// ---- Request pipeline ----------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.origin || 'http://localhost');
		const method = (req.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(req);
		const query: Record<string, string> = {};
		url.searchParams.forEach((v, k) => {
			query[k] = v;
		});
		const entry: LoggedRequest = { method, path: url.pathname, query, status: 0, faulted: false };
		let parsedBody: unknown;
		if (rawBody.length) {
			try {
				parsedBody = JSON.parse(rawBody);
				entry.body = parsedBody;
			} catch {
				entry.body = rawBody;
			}
		}
		this.log.requests.push(entry);

		const send = (answer: HttpAnswer) => {
			entry.status = answer.status;
			if (typeof answer.body === 'string' && answer.body.startsWith('<!doctype')) {
				res.writeHead(answer.status, {
					'content-type': 'text/html; charset=utf-8',
					...answer.headers,
				});
				res.end(answer.body);
				return;
			}
			res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
			res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
		};

		if (this.options.latencyMs > 0) await new Promise((r) => setTimeout(r, this.options.latencyMs));

		// Routing first: unknown paths are Django's HTML 404 whatever the auth.
		const base = this.basePath;
		if (!url.pathname.startsWith(`${base}/`)) return send(new HttpAnswer(404, HTML_404));
		let rel = url.pathname.slice(base.length);
		// The catalog's `GET /contacts/{id}/wallentries` (no slash) is served as is, not redirected.
		if (WALL_NO_SLASH.test(rel)) rel = `${rel}/`;
		if (!rel.endsWith('/')) {
			if (this.route(`${rel}/`)) {
				// Django's APPEND_SLASH: a redirect (a POST would lose its body).
				return send(
					new HttpAnswer(301, '', { location: `${this.origin}${url.pathname}/${url.search}` }),
				);
			}
			return send(new HttpAnswer(404, HTML_404));
		}
		const route = this.route(rel);
		if (!route) return send(new HttpAnswer(404, HTML_404));

		const apiKey = tokenOf(req);
		this.log.routed++;
		const keySeq = (this.log.routedByKey.get(apiKey ?? '') ?? 0) + 1;
		this.log.routedByKey.set(apiKey ?? '', keySeq);
		const hookRequest: FaultHookRequest = {
			method,
			path: rel,
			query,
			body: rawBody,
			apiKey,
			seq: this.log.routed,
			keySeq,
		};
		if (this.options.gate) await this.options.gate(hookRequest);

		let fault = this.matchFault(method, rel);
		if (!fault && this.options.faultHook) fault = this.options.faultHook(hookRequest);
		if (fault?.before) fault.before(this.store, hookRequest);
		const delayMs = fault?.delayMs ?? 0;
		if (delayMs > 0 && !fault?.afterHandling) await this.hold(delayMs);
		if (fault && fault.status === undefined && !fault.drop && !(delayMs > 0 && fault.afterHandling))
			fault = undefined;
		if (fault && !fault.afterHandling) {
			entry.faulted = true;
			return this.answerFault(fault, entry, res, send);
		}
		const limited = this.rateLimited();
		if (limited) {
			entry.faulted = true;
			return send(limited);
		}

		let answer = this.authenticate(req);
		if (!answer) {
			if (method === 'GET' && this.options.requireFieldsParam && !url.searchParams.get('fields')) {
				answer = new HttpAnswer(400, ['You must specify the fields param: fields = id, ...']);
			} else if (rawBody.length && parsedBody === undefined) {
				answer = new HttpAnswer(400, {
					detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)',
				});
			} else {
				answer = this.dispatch(route, method, url, parsedBody, apiKey);
			}
		}
		if (fault && fault.afterHandling) {
			if (delayMs > 0) await this.hold(delayMs);
			if (fault.status === undefined && !fault.drop) return send(answer);
			entry.faulted = true;
			return this.answerFault(fault, entry, res, send);
		}
		send(answer);
	}

	private answerFault(
		fault: FaultRule,
		entry: LoggedRequest,
		res: http.ServerResponse,
		send: (a: HttpAnswer) => void,
	): void {
		if (fault.drop) {
			entry.status = 0;
			res.socket?.destroy();
			return;
		}
		const status = fault.status ?? 500;
		const headers: Record<string, string> = {};
		if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
		send(new HttpAnswer(status, fault.body ?? defaultDetail(status), headers));
	}

	/** Every rule counts the requests it matches; the first rule that fires wins. */
	private matchFault(method: string, rel: string): FaultRule | undefined {
		let fired: FaultRule | undefined;
		for (const rule of this.options.faults) {
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			if (
				rule.path instanceof RegExp ? !rule.path.test(rel) : rule.path && !rel.includes(rule.path)
			)
				continue;
			const seen = (this.faultCounters.get(rule) ?? 0) + 1;
			this.faultCounters.set(rule, seen);
			const nth = rule.nth ?? 1;
			const times = rule.times ?? 1;
			if (!fired && seen >= nth && seen < nth + times) fired = rule;
		}
		return fired;
	}

	private rateLimited(): HttpAnswer | undefined {
		const limit = this.options.rateLimit;
		if (!limit) return undefined;
		const now = Date.now();
		if (now - this.rateWindow.start >= limit.windowMs) this.rateWindow = { start: now, count: 0 };
		this.rateWindow.count++;
		if (this.rateWindow.count <= limit.limit) return undefined;
		return new HttpAnswer(
			429,
			{ detail: 'Request was throttled.' },
			{ 'retry-after': String(limit.retryAfterSeconds ?? 1) },
		);
	}

	private authenticate(req: http.IncomingMessage): HttpAnswer | undefined {
		const key = tokenOf(req);
		if (key === undefined) return new HttpAnswer(404, { detail: 'Api key not provided.' });
		if (key !== this.options.apiKey && !this.options.apiKeys.includes(key))
			return new HttpAnswer(401, { detail: 'Invalid token.' });
		return undefined;
	}

	// ---- Routes ---------------------------------------------------------------------------------

	private route(rel: string): string[] | undefined {
		const patterns: Array<[RegExp, (m: RegExpExecArray) => string[]]> = [
			[/^\/(contacts|companies)\/$/, (m) => ['list', m[1]]],
			[/^\/(contacts|companies)\/(\d+)\/$/, (m) => ['detail', m[1], m[2]]],
			[
				/^\/(contacts|companies)\/(\d+)\/(emails|phones|addresses|websites|tags)\/$/,
				(m) => ['subList', m[1], m[2], m[3]],
			],
			[
				/^\/(contacts|companies)\/(\d+)\/(emails|phones|addresses|websites|tags)\/(\d+)\/$/,
				(m) => ['subDetail', m[1], m[2], m[3], m[4]],
			],
			[/^\/(contacts|companies)\/(\d+)\/tasks\/$/, (m) => ['recordTasks', m[1], m[2]]],
			[/^\/companies\/(\d+)\/employees\/$/, (m) => ['employees', m[1]]],
			[/^\/companies\/(\d+)\/employees\/(\d+)\/$/, (m) => ['employee', m[1], m[2]]],
			[/^\/(contacts|companies)\/(\d+)\/wallentries\/$/, (m) => ['wall', m[1], m[2]]],
			[/^\/(contacts|companies)\/(\d+)\/note\/$/, (m) => ['note', m[1], m[2]]],
			[/^\/(deals|tasks)\/$/, (m) => ['workList', m[1]]],
			[/^\/(deals|tasks)\/(\d+)\/$/, (m) => ['workDetail', m[1], m[2]]],
			[/^\/custom-fields\/$/, () => ['cfList']],
			[/^\/custom-fields\/(\d+)\/$/, (m) => ['cfDetail', m[1]]],
			[/^\/me\/$/, () => ['me']],
			[/^\/settings\/my-account\/$/, () => ['myAccount']],
		];
		for (const [re, build] of patterns) {
			const m = re.exec(rel);
			if (m) {
				if (m[1] === 'me' && this.options.apiVersion !== 'v2') return undefined;
				return build(m);
			}
		}
		return undefined;
	}

	private dispatch(
		route: string[],
		method: string,
		url: URL,
		body: unknown,
		apiKey?: string,
	): HttpAnswer {
		const [kind, a, b, c, d] = route;
		const notAllowed = new HttpAnswer(405, { detail: `Method "${method}" not allowed.` });
		switch (kind) {
			case 'list':
				if (method === 'GET') return this.list(a as EntityName, url);
				if (method === 'POST') return this.create(a as EntityName, body, apiKey);
				return notAllowed;
			case 'detail': {
				const record = this.store.table(a as EntityName).get(Number(b));
				if (!record) return new HttpAnswer(404, { detail: 'Not found.' });
				if (method === 'GET')
					return new HttpAnswer(200, this.represent(a as EntityName, record, url));
				if (method === 'PUT' || method === 'PATCH')
					return this.update(a as EntityName, record, body);
				if (method === 'DELETE') {
					// Its deals, tasks and notes stay, pointing at a record that is gone (ASSUMED: no cascade).
					this.store.deleteRecord(a as EntityName, record.id);
					return new HttpAnswer(204, undefined);
				}
				return notAllowed;
			}
			case 'employees': {
				// The company's contacts (the official node's catalog; v1: ASSUMED the same path).
				if (method !== 'GET') return notAllowed;
				if (!this.store.companies.get(Number(a)))
					return new HttpAnswer(404, { detail: 'Not found.' });
				const rows = [...this.store.contacts.values()].filter((c) => c.company === Number(a));
				return this.paginate(rows, url, (r) => this.represent('contacts', r as StoredRecord, url));
			}
			case 'employee':
				return this.employee(Number(a), Number(b), method);
			case 'recordTasks':
			case 'wall': {
				// ASSUMED shapes (the catalog names the paths, not the bodies): tasks as `representWork`;
				// the timeline as `{id, type: "note", name, comment, created, …}` entries, newest last.
				// Neither lists a record that does not exist (404, like every sub-resource).
				if (method !== 'GET') return notAllowed;
				const entity = a as EntityName;
				if (!this.store.table(entity).get(Number(b)))
					return new HttpAnswer(404, { detail: 'Not found.' });
				const rows = this.store.workOn(entity, Number(b), kind === 'wall' ? ['note'] : ['task']);
				return this.paginate(rows, url, (row) =>
					this.v2Fields(this.representWork(row as WorkItemRow), url),
				);
			}
			case 'note': {
				// `POST /contacts/{id}/note/ {name, comment}` (reference §4: a sub-resource).
				if (method !== 'POST') return notAllowed;
				const entity = a as EntityName;
				if (!this.store.table(entity).get(Number(b)))
					return new HttpAnswer(404, { detail: 'Not found.' });
				if (!isObject(body)) return new HttpAnswer(400, { non_field_errors: ['Invalid data.'] });
				const row = this.store.addWork(
					'note',
					entity === 'contacts' ? { contact: Number(b) } : { company: Number(b) },
					{
						name: typeof body.name === 'string' ? body.name : '',
						comment: typeof body.comment === 'string' ? body.comment : '',
					},
				);
				return new HttpAnswer(201, this.representWork(row));
			}
			case 'workList': {
				const kind = a === 'deals' ? 'deal' : 'task';
				if (method === 'GET') {
					// ASSUMED filter names: `?contact=<id>` and `?company=<id>` (the catalog has no
					// per-record deal list; deals point at their contact and company). Unfiltered: all.
					let rows = [...this.store.work[kind].values()];
					for (const key of ['contact', 'company'] as const) {
						const wanted = url.searchParams.get(key);
						if (wanted !== null && wanted !== '')
							rows = rows.filter((w) => w[key] === linkedId(wanted));
					}
					return this.paginate(rows, url, (row) =>
						this.v2Fields(this.representWork(row as WorkItemRow), url),
					);
				}
				if (method === 'POST') return this.createWork(kind, body);
				return notAllowed;
			}
			case 'workDetail': {
				const kind = a === 'deals' ? 'deal' : 'task';
				const row = this.store.work[kind].get(Number(b));
				if (!row) return new HttpAnswer(404, { detail: 'Not found.' });
				if (method === 'GET')
					return new HttpAnswer(200, this.v2Fields(this.representWork(row), url));
				if (method === 'DELETE') {
					this.store.work[kind].delete(row.id);
					return new HttpAnswer(204, undefined);
				}
				return notAllowed;
			}
			case 'subList': {
				const record = this.store.table(a as EntityName).get(Number(b));
				if (!record) return new HttpAnswer(404, { detail: 'Not found.' });
				if (method === 'GET')
					return this.paginate(this.subItems(record, c as SubName), url, (item) =>
						this.v2Fields(item as Record<string, unknown>, url),
					);
				if (method === 'POST') return this.addSubItem(record, c as SubName, body);
				return notAllowed;
			}
			case 'subDetail': {
				const record = this.store.table(a as EntityName).get(Number(b));
				if (!record) return new HttpAnswer(404, { detail: 'Not found.' });
				return this.subDetail(record, c as SubName, Number(d), method, body);
			}
			case 'cfList':
				if (method === 'GET') {
					return this.paginate(
						[...this.store.customFields.values()].map((def) =>
							this.v2Fields(this.representDefinition(def), url),
						),
						url,
					);
				}
				if (method === 'POST') return this.createDefinition(body);
				return notAllowed;
			case 'cfDetail': {
				const def = this.store.customFields.get(Number(a));
				if (!def) return new HttpAnswer(404, { detail: 'Not found.' });
				if (method === 'GET')
					return new HttpAnswer(200, this.v2Fields(this.representDefinition(def), url));
				if (method === 'DELETE') {
					this.store.customFields.delete(def.id);
					return new HttpAnswer(204, undefined);
				}
				return notAllowed;
			}
			case 'me':
				return method === 'GET'
					? new HttpAnswer(
							200,
							this.v2Fields(
								{
									id: 1,
									username: 'emulator',
									email: 'owner@emulator.test',
									account_status: 'client_2_0',
								},
								url,
							),
						)
					: notAllowed;
			case 'myAccount':
				return method === 'GET'
					? new HttpAnswer(200, {
							count: 1,
							next: null,
							previous: null,
							results: [{ id: 1, email: 'owner@emulator.test' }],
						})
					: notAllowed;
		}
		return new HttpAnswer(404, HTML_404);
	}

	// ---- Lists and pagination -------------------------------------------------------------------

	private list(entity: EntityName, url: URL): HttpAnswer {
		let records = [...this.store.table(entity).values()];
		const query = url.searchParams.get('query');
		if (query !== null && query !== '') {
			const needle = query.toLowerCase();
			records = records.filter((r) => {
				const haystack =
					entity === 'contacts'
						? [
								r.first_name,
								r.last_name,
								r.taxpayer_identification_number,
								...r.emails.map((e) => e.email),
							]
						: [r.name, r.business_name];
				return haystack.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
			});
		}
		const taxFilter = url.searchParams.get('taxpayer_identification_number');
		if (
			entity === 'companies' &&
			this.options.companyTaxIdFilter &&
			taxFilter !== null &&
			taxFilter !== ''
		) {
			records = records.filter(
				(r) =>
					typeof r.taxpayer_identification_number === 'string' &&
					r.taxpayer_identification_number.trim().toUpperCase() === taxFilter.trim().toUpperCase(),
			);
		}
		records = records.filter((r) => matchesDateFilters(r, url));
		const ordering = url.searchParams.get('ordering') ?? 'id';
		const desc = ordering.startsWith('-');
		const key = ordering.replace(/^-/, '');
		records.sort((x, y) => {
			const vx = x[key] as string | number;
			const vy = y[key] as string | number;
			const cmp = vx < vy ? -1 : vx > vy ? 1 : x.id - y.id;
			return desc ? -cmp : cmp;
		});
		// only the records of the requested page are represented (a listing of a large store stays O(page))
		return this.paginate(records, url, (r) => this.represent(entity, r as StoredRecord, url));
	}

	private paginate(
		items: unknown[],
		url: URL,
		represent: (item: unknown) => unknown = (item) => item,
	): HttpAnswer {
		const requested = Number(url.searchParams.get('page_size'));
		const pageSize =
			Number.isInteger(requested) && requested > 0
				? Math.min(requested, this.options.maxPageSize)
				: this.options.defaultPageSize;
		const pageParam = url.searchParams.get('page');
		const page = pageParam === null ? 1 : Number(pageParam);
		const pages = Math.max(1, Math.ceil(items.length / pageSize));
		if (!Number.isInteger(page) || page < 1 || page > pages)
			return new HttpAnswer(404, { detail: 'Invalid page.' });
		const link = (n: number) => {
			const u = new URL(url.toString());
			u.searchParams.set('page', String(n));
			return `${this.origin}${u.pathname}?${u.searchParams.toString()}`;
		};
		return new HttpAnswer(200, {
			count: items.length,
			next: page < pages ? link(page + 1) : null,
			previous: page > 1 ? link(page - 1) : null,
			results: items.slice((page - 1) * pageSize, page * pageSize).map(represent),
		});
	}

	// ---- Representations ------------------------------------------------------------------------

	private represent(entity: EntityName, record: StoredRecord, url?: URL): Record<string, unknown> {
		const full: Record<string, unknown> = {
			...structuredClone(record),
			url: `${this.origin}${this.basePath}/${entity}/${record.id}/`,
		};
		if (entity === 'contacts') Object.assign(full, this.representEmployer(record));
		return url ? this.v2Fields(full, url) : full;
	}

	/**
	 * A contact's company as Clientify shows it (ASSUMED #27, docs/clientify-api.md): v1 `company`,
	 * the company's name; v2 also `company_id` and `company_name`. Stored as the company's id.
	 */
	private representEmployer(contact: StoredRecord): Record<string, unknown> {
		const company = this.store.employerOf(contact);
		const name = company ? String(company.name ?? '') : null;
		if (this.options.apiVersion !== 'v2') return { company: name };
		return { company: name, company_id: company?.id ?? null, company_name: name };
	}

	/**
	 * `PUT /companies/{companyId}/employees/{contactId}/` links the contact to the company, replacing
	 * the company it had (ASSUMED #28: one company per contact); `DELETE` removes that link only (404
	 * when the contact is not the company's). v2 per the official node's catalog; v1 ASSUMED alike.
	 */
	private employee(companyId: number, contactId: number, method: string): HttpAnswer {
		const company = this.store.companies.get(companyId);
		const contact = this.store.contacts.get(contactId);
		if (!company || !contact) return new HttpAnswer(404, { detail: 'Not found.' });
		if (method === 'PUT' || method === 'POST') {
			this.store.setEmployer(contact, companyId);
			return new HttpAnswer(200, this.represent('contacts', contact));
		}
		if (method === 'DELETE') {
			if (contact.company !== companyId) return new HttpAnswer(404, { detail: 'Not found.' });
			this.store.setEmployer(contact, null);
			return new HttpAnswer(204, undefined);
		}
		return new HttpAnswer(405, { detail: `Method "${method}" not allowed.` });
	}

	/**
	 * A contact's `company` field in a create or update body: a company NAME (documented). Clientify
	 * links the contact to a company of that name, or CREATES one (the duplicate risk the node avoids
	 * by never sending it). ASSUMED match: the first company whose name is equal, ignoring case.
	 */
	private companyByName(value: unknown): number | null {
		if (value === null || value === undefined || String(value).trim() === '') return null;
		const name = String(value).trim();
		for (const company of this.store.companies.values())
			if (String(company.name ?? '').toLowerCase() === name.toLowerCase()) return company.id;
		return this.store.insert('companies', { name }, { origin: 'api' }).id;
	}

	/** v2 `fields=`: only the requested keys; v1 ignores the parameter. */
	private v2Fields(object: Record<string, unknown>, url: URL): Record<string, unknown> {
		return this.options.apiVersion === 'v2' ? pick(object, url) : object;
	}

	/**
	 * A deal, task or note. ASSUMED shape: v1 points at the contact and company by resource URL, v2 by
	 * id (reference §1); plus `contact_id` / `company_id` on both for convenience.
	 */
	private representWork(row: WorkItemRow): Record<string, unknown> {
		const v2 = this.options.apiVersion === 'v2';
		const link = (entity: EntityName, id: number | null) =>
			id === null ? null : v2 ? id : `${this.origin}${this.basePath}/${entity}/${id}/`;
		const path = row.kind === 'deal' ? 'deals' : row.kind === 'task' ? 'tasks' : 'notes';
		const common = {
			id: row.id,
			url: `${this.origin}${this.basePath}/${path}/${row.id}/`,
			name: row.name,
			contact: link('contacts', row.contact),
			company: link('companies', row.company),
			contact_id: row.contact,
			company_id: row.company,
			created: row.created,
			modified: row.modified,
		};
		if (row.kind === 'deal') return { ...common, amount: row.amount };
		if (row.kind === 'note') return { ...common, type: 'note', comment: row.comment };
		return common;
	}

	/** `POST /deals/` / `POST /tasks/ {name, amount?, contact?, company?}` (ASSUMED bodies; id or URL). */
	private createWork(kind: 'deal' | 'task', body: unknown): HttpAnswer {
		if (!isObject(body)) return new HttpAnswer(400, { non_field_errors: ['Invalid data.'] });
		if (typeof body.name !== 'string' || body.name.trim() === '')
			return new HttpAnswer(400, { name: ['This field may not be blank.'] });
		const links: { contact?: number; company?: number } = {};
		for (const [key, entity] of [
			['contact', 'contacts'],
			['company', 'companies'],
		] as const) {
			if (body[key] === undefined || body[key] === null) continue;
			const id = linkedId(body[key]);
			if (id === undefined || !this.store.table(entity).get(id))
				return new HttpAnswer(400, { [key]: ['Invalid hyperlink - Object does not exist.'] });
			links[key] = id;
		}
		const amount = Number(body.amount ?? 0);
		const row = this.store.addWork(kind, links, {
			name: body.name.trim(),
			amount: Number.isFinite(amount) ? amount : 0,
		});
		return new HttpAnswer(201, this.representWork(row));
	}

	private representDefinition(def: CustomFieldDefinitionRow): Record<string, unknown> {
		const v2 = this.options.apiVersion === 'v2';
		const contentType =
			def.entity === 'contacts'
				? v2
					? 'contacts | contacto'
					: 'contacts | contact'
				: v2
					? 'companies | empresa'
					: 'companies | company';
		return {
			url: `${this.origin}${this.basePath}/custom-fields/${def.id}/`,
			id: def.id,
			user_company: 1,
			content_type: contentType,
			name: def.name,
			help_text: def.help_text,
			field_type: def.field_type,
			field_type_display:
				def.field_type === 3
					? v2
						? 'Texto'
						: 'Text'
					: def.field_type === 1
						? 'Dropdown'
						: 'Other',
			default_value: def.default_value,
			dropdown_choices: [],
			visible: def.visible,
		};
	}

	// ---- Writes ---------------------------------------------------------------------------------

	private create(entity: EntityName, body: unknown, apiKey?: string): HttpAnswer {
		if (!isObject(body))
			return new HttpAnswer(400, {
				non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
			});
		if (entity === 'companies' && isBlank(body.name))
			return new HttpAnswer(400, { name: ['This field is required.'] });
		const tax =
			typeof body.taxpayer_identification_number === 'string'
				? body.taxpayer_identification_number
				: '';
		if (tax && this.options.conflictOnDuplicateTaxId.includes(entity)) {
			const clash = [...this.store.table(entity).values()].some(
				(r) => compactTaxId(r.taxpayer_identification_number) === compactTaxId(tax),
			);
			if (clash) {
				const label = entity === 'contacts' ? 'Contact' : 'Company';
				return new HttpAnswer(409, {
					detail: `${label} with this taxpayer_identification_number already exists.`,
				});
			}
		}
		const data: Partial<StoredRecord> = {};
		const errors = this.applyWrite(entity, data as StoredRecord, body, 'create');
		if (errors) return new HttpAnswer(400, errors);
		const record = this.store.insert(entity, data, { origin: 'api', apiKey });
		return new HttpAnswer(201, this.represent(entity, record));
	}

	private update(entity: EntityName, record: StoredRecord, body: unknown): HttpAnswer {
		if (!isObject(body))
			return new HttpAnswer(400, {
				non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
			});
		if (entity === 'companies' && 'name' in body && isBlank(body.name))
			return new HttpAnswer(400, { name: ['This field may not be blank.'] });
		const draft = structuredClone(record);
		const errors = this.applyWrite(entity, draft, body, 'update');
		if (errors) return new HttpAnswer(400, errors);
		Object.assign(record, draft);
		this.store.touch(record);
		return new HttpAnswer(200, this.represent(entity, record));
	}

	/**
	 * Applies a create/update body to `target`. Partial: only keys present change.
	 * ASSUMED (docs/clientify-api.md, assumption 2): `custom_fields` merges by name; `tags` and the nested arrays
	 * replace what the record had (so a client that sends them on update loses data here).
	 * ASSUMED (README assumption 20, "a list PUT resets unsubscribed unless it is sent"): a list in a
	 * `PUT` is rebuilt from the body, in its order. An item carrying the `id` of an item of that list
	 * keeps the id; every other item gets a new id. Only the body's attributes count: `unsubscribed` is
	 * the body item's, `false` when absent, and attributes the body leaves out are gone.
	 */
	private applyWrite(
		entity: EntityName,
		target: StoredRecord,
		body: Record<string, unknown>,
		mode: 'create' | 'update',
	): Record<string, unknown> | undefined {
		const scalars = SCALAR_DEFAULTS[entity];
		for (const [key, value] of Object.entries(body)) {
			if (entity === 'contacts' && key === 'company') {
				target.company = this.companyByName(value);
				continue;
			}
			if (key in scalars || key === 'taxpayer_identification_number') {
				if (value !== null && typeof value === 'object') return { [key]: ['Not a valid string.'] };
				target[key] = value === null ? null : String(value);
			}
		}
		const shortcuts: Array<[string, SubName]> = [
			['email', 'emails'],
			['phone', 'phones'],
		];
		for (const name of ['emails', 'phones', 'addresses', 'websites'] as const) {
			if (!(name in body)) continue;
			const list = body[name];
			if (!Array.isArray(list)) return { [name]: ['Expected a list of items.'] };
			const items: unknown[] = [];
			const current = mode === 'update' ? ((target[name] as Array<{ id: number }>) ?? []) : [];
			const kept = new Set<number>();
			for (const raw of list) {
				const rawId = isObject(raw) ? Number(raw.id) : NaN;
				const keepId =
					current.some((item) => item.id === rawId) && !kept.has(rawId) ? rawId : undefined;
				if (keepId !== undefined) kept.add(keepId);
				const built = this.buildSubItem(name, raw, keepId);
				if ('error' in built) return { [name]: [built.error] };
				items.push(built.item);
			}
			(target as Record<string, unknown>)[name] = items;
		}
		if (mode === 'create') {
			for (const [shortcut, name] of shortcuts) {
				if (isBlank(body[shortcut])) continue;
				const built = this.buildSubItem(
					name,
					name === 'emails'
						? { email: body[shortcut], type: 1 }
						: { phone: body[shortcut], type: 1 },
				);
				if ('error' in built) return { [shortcut]: [built.error] };
				const list = ((target as Record<string, unknown>)[name] as unknown[] | undefined) ?? [];
				list.push(built.item);
				(target as Record<string, unknown>)[name] = list;
			}
		}
		if ('tags' in body) {
			if (!Array.isArray(body.tags)) return { tags: ['Expected a list of items.'] };
			const tags: string[] = [];
			for (const t of body.tags) {
				if (typeof t !== 'string' || t.trim() === '')
					return { tags: ['Tag name may not be blank.'] };
				if (!tags.some((x) => x.toLowerCase() === t.trim().toLowerCase())) tags.push(t.trim());
				this.store.tagId(t.trim());
			}
			target.tags = tags;
		}
		if ('custom_fields' in body) {
			if (!Array.isArray(body.custom_fields))
				return { custom_fields: ['Expected a list of items.'] };
			const values = [...(target.custom_fields ?? [])];
			for (const entry of body.custom_fields) {
				if (!isObject(entry) || typeof entry.field !== 'string')
					return { custom_fields: ['Each item needs "field" and "value".'] };
				if (entry.value === null || entry.value === undefined)
					return { custom_fields: [`The value of "${entry.field}" may not be null.`] };
				const def = this.store.findDefinition(entity, entry.field);
				if (!def) return { custom_fields: [`Custom field "${entry.field}" does not exist.`] };
				const at = values.findIndex((v) => v.field.toLowerCase() === def.name.toLowerCase());
				const item = {
					id: at >= 0 ? values[at].id : this.store.nextItemId(),
					field: def.name,
					value: String(entry.value),
				};
				if (at >= 0) values[at] = item;
				else values.push(item);
			}
			target.custom_fields = values;
		}
		return undefined;
	}

	/**
	 * A validated item from a body (`id`: the id to give it, else a new one). E-mails and phones carry
	 * `unsubscribed`: the body's boolean, `false` when absent.
	 */
	private buildSubItem(
		name: SubName,
		raw: unknown,
		keepId?: number,
	): { item: Record<string, unknown> } | { error: string } {
		if (!isObject(raw)) return { error: 'Invalid item.' };
		if (name === 'tags') {
			if (typeof raw.name !== 'string' || raw.name.trim() === '')
				return { error: 'Tag name may not be blank.' };
			return { item: { name: raw.name.trim() } };
		}
		const range = TYPE_RANGES[name];
		const type = raw.type === undefined ? 1 : Number(raw.type);
		if (!Number.isInteger(type) || type < range[0] || type > range[1])
			return { error: `"${String(raw.type)}" is not a valid choice.` };
		if (raw.unsubscribed !== undefined && typeof raw.unsubscribed !== 'boolean')
			return { error: 'Must be a valid boolean.' };
		const unsubscribed = raw.unsubscribed === true;
		if (name === 'emails') {
			if (typeof raw.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.email))
				return { error: 'Enter a valid email address.' };
			return {
				item: { id: keepId ?? this.store.nextItemId(), email: raw.email, type, unsubscribed },
			};
		}
		if (name === 'phones') {
			if (typeof raw.phone !== 'string' || raw.phone.trim() === '')
				return { error: 'This field may not be blank.' };
			return {
				item: { id: keepId ?? this.store.nextItemId(), phone: raw.phone, type, unsubscribed },
			};
		}
		const id = keepId ?? this.store.nextItemId();
		if (name === 'websites') {
			if (typeof raw.website !== 'string' || raw.website.trim() === '')
				return { error: 'This field may not be blank.' };
			return { item: { id, website: raw.website, type } };
		}
		const str = (v: unknown) => (typeof v === 'string' ? v : '');
		return {
			item: {
				id,
				street: str(raw.street),
				city: str(raw.city),
				state: str(raw.state),
				country: str(raw.country),
				postal_code: str(raw.postal_code),
				type,
			},
		};
	}

	private subItems(record: StoredRecord, name: SubName): unknown[] {
		if (name === 'tags') return record.tags.map((t) => ({ id: this.store.tagId(t), name: t }));
		return structuredClone(record[name] as unknown[]);
	}

	private addSubItem(record: StoredRecord, name: SubName, body: unknown): HttpAnswer {
		const built = this.buildSubItem(name, body);
		if ('error' in built)
			return new HttpAnswer(400, {
				[name === 'tags' ? 'name' : name.replace(/s$/, '')]: [built.error],
			});
		if (name === 'tags') {
			const tag = built.item.name as string;
			const exists = record.tags.some((t) => t.toLowerCase() === tag.toLowerCase());
			if (!exists) {
				record.tags.push(tag);
				this.store.touch(record);
			}
			return new HttpAnswer(exists ? 200 : 201, {
				id: this.store.tagId(tag),
				name: tag,
				color: '#9e9e9e',
			});
		}
		(record[name] as unknown[]).push(built.item);
		this.store.touch(record);
		return new HttpAnswer(201, built.item);
	}

	private subDetail(
		record: StoredRecord,
		name: SubName,
		itemId: number,
		method: string,
		body: unknown,
	): HttpAnswer {
		if (name === 'tags') {
			if (method !== 'DELETE')
				return new HttpAnswer(405, { detail: `Method "${method}" not allowed.` });
			const at = record.tags.findIndex((t) => this.store.tagId(t) === itemId);
			if (at < 0) return new HttpAnswer(404, { detail: 'Not found.' });
			record.tags.splice(at, 1);
			this.store.touch(record);
			return new HttpAnswer(204, undefined);
		}
		const list = record[name] as unknown as Array<Record<string, unknown>>;
		const at = list.findIndex((item) => item.id === itemId);
		if (at < 0) return new HttpAnswer(404, { detail: 'Not found.' });
		if (method === 'DELETE') {
			list.splice(at, 1);
			this.store.touch(record);
			return new HttpAnswer(204, undefined);
		}
		if (method === 'PUT' || method === 'PATCH') {
			// ASSUMED: an item PUT/PATCH changes only what its body sets; the id, `unsubscribed` and any
			// attribute the body leaves out are kept (unlike a list PUT on the record, which rebuilds).
			const merged = { ...list[at], ...(isObject(body) ? body : {}), id: itemId };
			const built = this.buildSubItem(name, merged, itemId);
			if ('error' in built) return new HttpAnswer(400, { [name]: [built.error] });
			list[at] = { ...merged, ...built.item };
			this.store.touch(record);
			return new HttpAnswer(200, list[at]);
		}
		return new HttpAnswer(405, { detail: `Method "${method}" not allowed.` });
	}

	/** ASSUMED (docs/clientify-api.md, assumption 1): `POST /custom-fields/ {"name", "field_type": 3, "content_type": "contact"|"company"}`. */
	private createDefinition(body: unknown): HttpAnswer {
		const policy = this.options.customFieldCreation;
		if (policy !== 'allow')
			return new HttpAnswer(policy.status, policy.body ?? defaultDetail(policy.status));
		if (!isObject(body)) return new HttpAnswer(400, { non_field_errors: ['Invalid data.'] });
		if (typeof body.name !== 'string' || body.name.trim() === '')
			return new HttpAnswer(400, { name: ['This field may not be blank.'] });
		const head =
			typeof body.content_type === 'string'
				? body.content_type.split('|')[0].trim().toLowerCase()
				: '';
		const entity: EntityName | undefined =
			head === 'contact' || head === 'contacts'
				? 'contacts'
				: head === 'company' || head === 'companies'
					? 'companies'
					: undefined;
		if (!entity) return new HttpAnswer(400, { content_type: ['Invalid content type.'] });
		const fieldType = body.field_type === undefined ? 3 : Number(body.field_type);
		if (!Number.isInteger(fieldType))
			return new HttpAnswer(400, { field_type: ['A valid integer is required.'] });
		if (this.store.findDefinition(entity, body.name)) {
			// ASSUMED (README "Assumed Clientify behaviour"): a name taken on the entity is refused, by
			// default 400 {"name": [...exists]}; `customFieldDuplicate` sets another answer (e.g. 409).
			const dup = this.options.customFieldDuplicate;
			return new HttpAnswer(dup.status, dup.body ?? defaultDetail(dup.status));
		}
		const def = this.store.addDefinition(entity, body.name.trim(), fieldType);
		return new HttpAnswer(201, this.representDefinition(def));
	}
}

/**
 * `created[gte]=…`, `created[gt]`, `created[lte]`, `created[lt]` and the same on `modified`
 * (documented, reference §3): a date or an ISO date-time, compared as instants. ASSUMED: the bracket
 * form is the parameter's spelling; an unreadable value is ignored like an unknown parameter.
 */
function matchesDateFilters(record: StoredRecord, url: URL): boolean {
	for (const field of ['created', 'modified'] as const) {
		for (const op of ['gte', 'gt', 'lte', 'lt'] as const) {
			const raw = url.searchParams.get(`${field}[${op}]`);
			if (raw === null || raw.trim() === '') continue;
			const bound = Date.parse(raw);
			if (Number.isNaN(bound)) continue;
			const value = Date.parse(String(record[field]));
			if (Number.isNaN(value)) return false;
			if (op === 'gte' && !(value >= bound)) return false;
			if (op === 'gt' && !(value > bound)) return false;
			if (op === 'lte' && !(value <= bound)) return false;
			if (op === 'lt' && !(value < bound)) return false;
		}
	}
	return true;
}

/** The key of `Authorization: Token <key>`, undefined without one. */
function tokenOf(req: http.IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	const match = typeof header === 'string' ? /^Token\s+(\S*)\s*$/i.exec(header) : null;
	return match && match[1] !== '' ? match[1] : undefined;
}

/** A record reference as an id (`12`) or a resource URL (`…/contacts/12/`). */
function linkedId(value: unknown): number | undefined {
	const text = String(value).trim();
	const m = /(\d+)\/?$/.exec(text);
	return m ? Number(m[1]) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the keys listed in `fields=` (all when absent). */
function pick(object: Record<string, unknown>, url: URL): Record<string, unknown> {
	const fields = url.searchParams.get('fields');
	if (!fields) return object;
	const out: Record<string, unknown> = {};
	for (const f of fields
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)) {
		if (f in object) out[f] = object[f];
	}
	return out;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
