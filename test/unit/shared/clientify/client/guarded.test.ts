/**
 * The guarded writes at the client's layer (nodes/shared/clientify/client/guarded.ts): the guarded
 * POST (POST → 5xx → look → found / not found), and each refusal of a DELETE or list write that needs
 * a read, against a scripted client. The pure rules have their own tests
 * (test/unit/shared/clientify/plan/guard.test.ts).
 */
import {
	confirmOptOuts,
	deleteTwin,
	editItem,
	guardedPost,
	reorderedLists,
	type FreshLists,
} from '../../../../../nodes/shared/clientify/client/guarded';
import { ClientifyApiError } from '../../../../../nodes/Clientify/transport';
import type { ClientifyClient } from '../../../../../nodes/shared/clientify/client/client';
import type {
	ClientifyRecord,
	DesiredRecord,
	ItemEdit,
} from '../../../../../nodes/shared/clientify/types';
import { upsertNode } from '../../../ClientifyUpsert/actions/write/fixtures';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const CREATED = new Date(NOW - 60_000).toISOString();

function freshTwin(extra: Partial<ClientifyRecord> = {}): ClientifyRecord {
	return {
		id: 8,
		created: CREATED,
		modified: CREATED,
		custom_fields: [
			{ field: 'hispatec_SyncState', value: `{"v":1,"n":${NOW - 60_000},"e":[],"p":[],"a":[]}` },
		],
		...extra,
	};
}

function apiError(status: number): ClientifyApiError {
	return new ClientifyApiError(upsertNode, {
		method: 'GET',
		path: '/contacts/8/',
		status,
		body: { detail: 'x' },
		attempts: 1,
	});
}

/** A client answering from `routes` (`"GET /contacts/8/"` → value or error); records every call. */
function scripted(routes: Record<string, unknown>) {
	const calls: string[] = [];
	const answer = (key: string) => {
		calls.push(key);
		const value = routes[key];
		if (value instanceof Error) throw value;
		if (value === undefined) throw new Error(`unexpected ${key}`);
		return value;
	};
	const client = {
		request: async (method: string, path: string) => answer(`${method} ${path}`),
		listPage: async (path: string) => answer(`LIST ${path}`),
	} as unknown as ClientifyClient;
	return { client, calls };
}

const empty = { count: 0, next: null, results: [] };
const RELATED = {
	'LIST /deals/': empty,
	'LIST /contacts/8/tasks/': empty,
	'LIST /contacts/8/wallentries': empty,
};

const rules = (maxAgeMs = 24 * 3600_000) => ({
	nowMs: NOW,
	maxAgeMs,
	stateField: 'hispatec_SyncState',
});

describe('deleteTwin', () => {
	it('deletes a fresh twin after reading it again and finding no deal, task or note', async () => {
		const { client, calls } = scripted({
			'GET /contacts/8/': freshTwin(),
			...RELATED,
			'DELETE /contacts/8/': {},
		});
		await expect(deleteTwin(client, 'contact', 8, rules())).resolves.toEqual({
			deleted: true,
		});
		expect(calls).toEqual([
			'GET /contacts/8/',
			'LIST /deals/',
			'LIST /contacts/8/tasks/',
			'LIST /contacts/8/wallentries',
			'DELETE /contacts/8/',
		]);
	});

	it.each([
		['gone', { 'GET /contacts/8/': apiError(404) }],
		['unreadable', { 'GET /contacts/8/': apiError(500) }],
		[
			'changed_since_created',
			{ 'GET /contacts/8/': freshTwin({ modified: new Date(NOW).toISOString() }) },
		],
		[
			'has_deals',
			{
				'GET /contacts/8/': freshTwin(),
				...RELATED,
				'LIST /deals/': { count: 1, next: null, results: [{ id: 1 }] },
			},
		],
		[
			'has_tasks',
			{
				'GET /contacts/8/': freshTwin(),
				...RELATED,
				'LIST /contacts/8/tasks/': { count: 2, next: null, results: [] },
			},
		],
		[
			'has_notes',
			{
				'GET /contacts/8/': freshTwin(),
				...RELATED,
				'LIST /contacts/8/wallentries': { count: 0, next: null, results: [{ id: 3 }] },
			},
		],
		[
			'related_unreadable',
			{ 'GET /contacts/8/': freshTwin(), ...RELATED, 'LIST /contacts/8/tasks/': apiError(404) },
		],
	])('refuses (%s) and sends no DELETE', async (reason, routes) => {
		const { client, calls } = scripted(routes as Record<string, unknown>);
		await expect(deleteTwin(client, 'contact', 8, rules())).resolves.toEqual({
			deleted: false,
			reason,
		});
		expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
	});

	it('refuses a twin older than the limit, and everything when the limit is 0', async () => {
		const { client } = scripted({ 'GET /contacts/8/': freshTwin() });
		await expect(deleteTwin(client, 'contact', 8, rules(1000))).resolves.toEqual({
			deleted: false,
			reason: 'too_old',
		});
		await expect(deleteTwin(client, 'contact', 8, rules(0))).resolves.toEqual({
			deleted: false,
			reason: 'clean_up_off',
		});
	});
});

describe('editItem / reorderedLists', () => {
	const before = { id: 5, phone: '950000001', type: 3 };
	const put: ItemEdit = {
		kind: 'put',
		list: 'phones',
		id: 5,
		before,
		after: { phone: '950000002', type: 3 },
	};
	const del: ItemEdit = { kind: 'delete', list: 'phones', id: 5, before };
	const withPhones = (phones: unknown[]) => ({ id: 8, phones }) as ClientifyRecord;

	it('writes the edit when the item read again is still what the sync wrote; one read per record', async () => {
		const { client, calls } = scripted({
			'GET /contacts/8/': withPhones([before]),
			'PUT /contacts/8/phones/5/': {},
			'DELETE /contacts/8/phones/5/': {},
		});
		const fresh: FreshLists = new Map();
		await expect(editItem(client, 'contact', 8, put, fresh)).resolves.toBeUndefined();
		await expect(editItem(client, 'contact', 8, del, fresh)).resolves.toBeUndefined();
		expect(calls).toEqual([
			'GET /contacts/8/',
			'PUT /contacts/8/phones/5/',
			'DELETE /contacts/8/phones/5/',
		]);
	});

	it.each([
		['item_gone', []],
		['opted_out', [{ ...before, unsubscribed: true }]],
		['item_changed', [{ ...before, phone: '950999999' }]],
	])('refuses (%s) and writes nothing', async (reason, phones) => {
		const { client, calls } = scripted({ 'GET /contacts/8/': withPhones(phones) });
		await expect(editItem(client, 'contact', 8, del, new Map())).resolves.toBe(reason);
		expect(calls).toEqual(['GET /contacts/8/']);
	});

	const desired = { phones: [{ phone: '950000002', type: 3 }] } as unknown as DesiredRecord;
	it('a reorder sends the items as read (ids, flags, unknown attributes), only the order changed', async () => {
		const person = { id: 9, phone: '600000009', type: 2, unsubscribed: false, extra: 'x' };
		const erp = { id: 5, phone: '950000002', type: 3 };
		const { client } = scripted({ 'GET /contacts/8/': withPhones([person, erp]) });
		await expect(reorderedLists(client, 'contact', 8, ['phones'], desired)).resolves.toEqual({
			body: { phones: [erp, person] },
			refused: [],
		});
	});

	it('re-sends an opted-out item with its flag; refuses a list with an item without id; skips one in order', async () => {
		const person = { id: 9, phone: '600000009', type: 2, unsubscribed: true };
		const erp = { id: 5, phone: '950000002', type: 3 };
		const { client } = scripted({ 'GET /contacts/8/': withPhones([person, erp]) });
		await expect(reorderedLists(client, 'contact', 8, ['phones'], desired)).resolves.toEqual({
			body: { phones: [erp, person] },
			refused: [],
		});
		const noId = scripted({ 'GET /contacts/8/': withPhones([{ phone: '6', type: 2 }, erp]) });
		const refused = await reorderedLists(noId.client, 'contact', 8, ['phones'], desired);
		expect(refused.body).toEqual({});
		expect(refused.refused).toEqual([{ list: 'phones', reason: 'item_without_id' }]);
		const ordered = scripted({ 'GET /contacts/8/': withPhones([erp, person]) });
		await expect(
			reorderedLists(ordered.client, 'contact', 8, ['phones'], desired),
		).resolves.toEqual({ body: {}, refused: [] });
	});
});

describe('confirmOptOuts', () => {
	const person = { id: 9, phone: '600000009', type: 2, unsubscribed: true };
	const erp = { id: 5, phone: '950000002', type: 3 };
	const sent = { phones: [erp, person] };
	const withPhones = (phones: unknown[]) => ({ id: 8, phones }) as ClientifyRecord;

	it('nothing to check when no opted-out item was sent (no read)', async () => {
		const { client, calls } = scripted({});
		await expect(confirmOptOuts(client, 'contact', 8, { phones: [erp] })).resolves.toEqual([]);
		expect(calls).toEqual([]);
	});
	it('a flag Clientify kept: one read, nothing else', async () => {
		const { client, calls } = scripted({ 'GET /contacts/8/': withPhones([erp, person]) });
		await expect(confirmOptOuts(client, 'contact', 8, sent)).resolves.toEqual([]);
		expect(calls).toEqual(['GET /contacts/8/']);
	});
	it('a flag Clientify dropped is set again at once, with a warning', async () => {
		const { client, calls } = scripted({
			'GET /contacts/8/': withPhones([erp, { ...person, unsubscribed: false }]),
			'PUT /contacts/8/phones/9/': {},
		});
		const warnings = await confirmOptOuts(client, 'contact', 8, sent);
		expect(warnings.map((w) => w.code)).toEqual(['opt_out_restored']);
		expect(calls).toEqual(['GET /contacts/8/', 'PUT /contacts/8/phones/9/']);
	});
	it('an opted-out item that cannot be found fails loudly', async () => {
		const { client } = scripted({ 'GET /contacts/8/': withPhones([erp]) });
		await expect(confirmOptOuts(client, 'contact', 8, sent)).rejects.toThrow(/opt-out/);
	});
});

const node = upsertNode;
const failure = (status: number | undefined) =>
	new ClientifyApiError(node, {
		method: 'POST',
		path: '/contacts/',
		status,
		attempts: 1,
		...(status === undefined ? { networkCode: 'ECONNRESET' } : {}),
	});

/** A stub: each POST answers with the next of `answers` (an Error is thrown); looks answer `looks`. */
function stub(answers: Array<unknown>, looks: Array<string | undefined> = []) {
	const calls: string[] = [];
	const steps = {
		post: async () => {
			calls.push('POST');
			const answer = answers.shift();
			if (answer instanceof Error) throw answer;
			return answer;
		},
		look: async () => {
			calls.push('look');
			return looks.shift();
		},
		maxRetries: 2,
		wait: async (attempt: number) => {
			calls.push(`wait ${attempt}`);
		},
	};
	return { calls, steps };
}

describe('guardedPost', () => {
	it('a 2xx answer: posted, no look', async () => {
		const { calls, steps } = stub([{ id: 5 }]);
		expect(await guardedPost(steps)).toEqual({ kind: 'posted', value: { id: 5 } });
		expect(calls).toEqual(['POST']);
	});

	it('5xx → look finds the write → found, the POST is not sent again', async () => {
		const error = failure(503);
		const { calls, steps } = stub([error], ['the record']);
		expect(await guardedPost(steps)).toEqual({ kind: 'found', found: 'the record', error });
		expect(calls).toEqual(['POST', 'look']);
	});

	it('no answer → look finds nothing → wait, POST again', async () => {
		const { calls, steps } = stub([failure(undefined), { id: 6 }], [undefined]);
		expect(await guardedPost(steps)).toEqual({ kind: 'posted', value: { id: 6 } });
		expect(calls).toEqual(['POST', 'look', 'wait 0', 'POST']);
	});

	it('5xx after the last retry: failed without another look', async () => {
		const last = failure(500);
		const { calls, steps } = stub([failure(502), failure(503), last], [undefined, undefined]);
		expect(await guardedPost(steps)).toEqual({ kind: 'failed', error: last });
		expect(calls).toEqual(['POST', 'look', 'wait 0', 'POST', 'look', 'wait 1', 'POST']);
	});

	it('a 4xx is not uncertain: failed at once, no look (unless shouldLook says so)', async () => {
		const conflict = failure(409);
		const first = stub([conflict]);
		expect(await guardedPost(first.steps)).toEqual({ kind: 'failed', error: conflict });
		expect(first.calls).toEqual(['POST']);
		const second = stub([conflict], ['exists']);
		expect(await guardedPost({ ...second.steps, shouldLook: () => true })).toEqual({
			kind: 'found',
			found: 'exists',
			error: conflict,
		});
	});
});
