/** Twins beside the sync's own record (nodes/ClientifyUpsert/actions/write/twins.ts), on a fake client. */
import {
	deleteOwnCreation,
	settleTwins,
} from '../../../../../nodes/ClientifyUpsert/actions/write/twins';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';
import { desired } from '../../../shared/clientify/fixtures';
import { NOW, engineOptions, fakeClient, notes, recordItem, stepContext } from './fixtures';

const CREATED = new Date(NOW - 60_000).toISOString();
const keeper: ClientifyRecord = { id: 3, tags: [] };
/** A twin this sync created a minute ago, untouched since. */
const fresh: ClientifyRecord = {
	id: 8,
	created: CREATED,
	modified: CREATED,
	custom_fields: [
		{ field: 'hispatec_SyncState', value: `{"v":1,"n":${NOW - 60_000},"e":[],"p":[],"a":[]}` },
	],
};
/** People's record with the same tax ID: no sync state. */
const peoples: ClientifyRecord = { id: 9, tags: ['vip'] };
const empty = { count: 0, next: null, results: [] };
const RELATED = {
	'LIST /deals/': empty,
	'LIST /contacts/8/tasks/': empty,
	'LIST /contacts/8/wallentries': empty,
};
const item = recordItem(desired);

describe('settleTwins', () => {
	it('a fresh twin of the sync’s is read again and deleted; the item says merged_duplicate', async () => {
		const { client, keys } = fakeClient({
			'GET /contacts/8/': fresh,
			...RELATED,
			'DELETE /contacts/8/': {},
		});
		const n = notes();
		await expect(settleTwins(stepContext(client), item, keeper, [fresh], n)).resolves.toEqual({
			deleted: [8],
		});
		expect(keys()).toEqual([
			'GET /contacts/8/',
			'LIST /deals/',
			'LIST /contacts/8/tasks/',
			'LIST /contacts/8/wallentries',
			'DELETE /contacts/8/',
		]);
		expect(n.warnings.map((w) => w.code)).toEqual(['merged_duplicate']);
	});

	it('people’s record is kept without a read; with Tag Duplicates both get the tag', async () => {
		const { client, keys, calls } = fakeClient({
			'POST /contacts/3/tags/': {},
			'POST /contacts/9/tags/': {},
		});
		const n = notes();
		const ctx = stepContext(client, engineOptions({ duplicateTag: 'duplicado' }));
		await expect(settleTwins(ctx, item, keeper, [peoples], n)).resolves.toEqual({ deleted: [] });
		expect(keys()).toEqual(['POST /contacts/3/tags/', 'POST /contacts/9/tags/']);
		expect(calls[0].body).toEqual({ name: 'duplicado' });
		expect(n.warnings.map((w) => w.code)).toEqual(['duplicate_in_crm']);
		expect(n.warnings[0].message).toContain('id 9 was kept');
	});

	it('a twin found changed on the fresh read stays; a failed DELETE keeps it too', async () => {
		const touched = { ...fresh, modified: new Date(NOW).toISOString() };
		const { client } = fakeClient({ 'GET /contacts/8/': touched });
		const n = notes();
		await expect(settleTwins(stepContext(client), item, keeper, [fresh], n)).resolves.toEqual({
			deleted: [],
		});
		expect(n.warnings.map((w) => w.code)).toEqual(['duplicate_in_crm']);

		const failing = fakeClient({
			'GET /contacts/8/': fresh,
			...RELATED,
			'DELETE /contacts/8/': new Error('503'),
		});
		const m = notes();
		await settleTwins(stepContext(failing.client), item, keeper, [fresh], m);
		expect(m.warnings[0].message).toContain('deleting it failed (503)');
	});

	it('dry run: the DELETE planned, nothing read or sent', async () => {
		const { client, calls } = fakeClient({});
		const n = notes(true);
		const ctx = stepContext(client, engineOptions({ dryRun: true }));
		await settleTwins(ctx, item, keeper, [fresh], n);
		expect(calls).toEqual([]);
		expect(n.plannedRequests).toEqual([{ method: 'DELETE', path: '/contacts/8/', body: {} }]);
	});
});

describe('deleteOwnCreation', () => {
	it('this execution’s own creation, untouched: deleted after the guarded read', async () => {
		const { client, keys } = fakeClient({
			'GET /contacts/8/': fresh,
			...RELATED,
			'DELETE /contacts/8/': {},
		});
		await expect(
			deleteOwnCreation(stepContext(client), 'contact', 8, 'hispatec_SyncState'),
		).resolves.toEqual({
			deleted: true,
		});
		expect(keys()).toContain('DELETE /contacts/8/');
	});
});
