/** Values and fakes shared by the Clientify Upsert write path's unit tests. */
import type { INode } from 'n8n-workflow';
import { Lookup } from '../../../../../nodes/ClientifyUpsert/actions/write/lookup';
import type {
	EngineOptions,
	RecordItem,
	StepContext,
	UpsertResult,
} from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { ClientifyApiError } from '../../../../../nodes/Clientify/transport';
import type { ClientifyClient } from '../../../../../nodes/shared/clientify/client/client';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';

/** The Clientify Upsert node, as n8n hands it to the actions. */
export const upsertNode: INode = {
	id: '1',
	name: 'Clientify Upsert',
	type: 'n8n-nodes-hispatec.clientifyUpsert',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** An item to write at `index`: fails on several matches, state in hispatec_SyncState, makes primary. */
export function recordItem(
	desired: DesiredRecord,
	index = 0,
	overrides: Partial<RecordItem> = {},
): RecordItem {
	return {
		kind: 'record',
		index,
		desired,
		onMultipleMatches: 'fail',
		stateField: 'hispatec_SyncState',
		makePrimary: true,
		...overrides,
	};
}

/** One call a fake client received: `"POST /contacts/"` (lists: `"LIST /contacts/"`), body, query. */
export interface FakeCall {
	key: string;
	body?: unknown;
	qs?: unknown;
}

/**
 * A Clientify client answering from `routes` (`"GET /contacts/8/"` → a value, an Error to throw, or
 * a function of the call's number for that key, from 0); `LIST` keys answer list pages
 * (`{count, next, results}`, or an array of records as one page). Records every call; an unrouted
 * call fails the test. No waiting, never cancelled.
 */
export function fakeClient(
	routes: Record<string, unknown>,
	options: { generation?: 'v1' | 'v2'; maxRetries?: number } = {},
) {
	const calls: FakeCall[] = [];
	const seen = new Map<string, number>();
	const answer = (key: string, body?: unknown, qs?: unknown): unknown => {
		calls.push({
			key,
			...(body !== undefined ? { body } : {}),
			...(qs !== undefined ? { qs } : {}),
		});
		const n = seen.get(key) ?? 0;
		seen.set(key, n + 1);
		if (!(key in routes)) throw new Error(`unexpected ${key}`);
		const route = routes[key];
		const value = typeof route === 'function' ? (route as (n: number) => unknown)(n) : route;
		if (value instanceof Error) throw value;
		return value;
	};
	const page = (value: unknown) =>
		Array.isArray(value) ? { count: value.length, next: null, results: value } : value;
	const client = {
		generation: options.generation ?? 'v1',
		config: {
			timing: { maxRetries: options.maxRetries ?? 2 },
			baseUrl: 'https://clientify.test/v1',
		},
		isCancelled: () => false,
		wait: async () => {},
		request: async (method: string, path: string, opts: { body?: unknown; qs?: unknown } = {}) =>
			answer(`${method} ${path}`, opts.body, opts.qs),
		listPage: async (path: string, qs?: unknown) => page(answer(`LIST ${path}`, undefined, qs)),
		listAll: async (path: string, qs?: unknown) => {
			const { count, results } = page(answer(`LIST ${path}`, undefined, qs)) as {
				count: number;
				results: unknown[];
			};
			return { count, results };
		},
		rest: async (first: { results: unknown[] }) => first.results,
		async *pagesFrom(first: { next: string | null }) {
			let current = first;
			yield current;
			while (current.next)
				yield (current = page(answer(`LIST ${current.next}`, undefined, undefined)) as {
					next: string | null;
				});
		},
	} as unknown as ClientifyClient;
	return { client, calls, keys: () => calls.map((c) => c.key) };
}

/** Engine options as the node's defaults set them (dry run off, Auto lookup, clock at `NOW`). */
export function engineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
	return {
		dryRun: false,
		concurrency: 1,
		lookupStrategy: 'searchEach',
		createCustomFields: true,
		continueOnFail: true,
		now: () => NOW,
		twinMaxAgeMs: 24 * 3600_000,
		duplicateTag: '',
		...overrides,
	};
}

/** Our clock in these tests. */
export const NOW = Date.parse('2026-03-01T12:00:00.000Z');

/** What a step needs, around a fake client. */
export function stepContext(client: ClientifyClient, options = engineOptions()): StepContext {
	return {
		client,
		options,
		lookup: new Lookup(client, options.lookupStrategy),
		batch: { startedAt: 0, creations: [], codes: new Map() },
	};
}

/** The notes a step writes on (a dry run's has its planned requests). */
export function notes(dryRun = false): UpsertResult {
	return {
		action: 'unchanged',
		recordType: 'contact',
		taxId: '12345678Z',
		clientifyId: null,
		changedFields: [],
		customFieldsCreated: [],
		warnings: [],
		...(dryRun ? { dryRun: true as const, plannedRequests: [] } : {}),
	};
}

/** A Clientify API error of `status` (undefined: no answer). */
export function apiError(status: number | undefined, method = 'POST', path = '/contacts/') {
	return new ClientifyApiError(upsertNode, {
		method,
		path,
		status,
		body: status === undefined ? undefined : { detail: 'x' },
		attempts: 1,
		...(status === undefined ? { networkCode: 'ECONNRESET' } : {}),
	});
}
