/** Records that left the ERP (nodes/ClientifyUpsert/actions/write/removals.ts), on a fake client. */
import { markRemoval } from '../../../../../nodes/ClientifyUpsert/actions/write/removals';
import { removalStartResult } from '../../../../../nodes/ClientifyUpsert/actions/write/results';
import type { RemovalItem } from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { encodeSyncState, readSyncState } from '../../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';
import { engineOptions, fakeClient, stepContext } from './fixtures';

const STATE = 'hispatec_SyncState';
const TAX_ID = '12345678Z';

function removal(overrides: Partial<RemovalItem> = {}): RemovalItem {
	return {
		kind: 'removal',
		index: 0,
		entity: 'contact',
		why: 'removed',
		code: 'C1',
		taxId: TAX_ID,
		settings: { mode: 'tag', removalTag: 'baja', syncTags: ['hispatec'], stateField: STATE },
		warnings: [],
		...overrides,
	};
}

/** A contact whose sync state (tied to it) names Hispatec code `code`. */
function written(id: number, code: string, extra: Partial<ClientifyRecord> = {}): ClientifyRecord {
	return {
		id,
		taxpayer_identification_number: TAX_ID,
		tags: ['hispatec'],
		custom_fields: [
			{ field: STATE, value: encodeSyncState({ v: 1, c: code, i: id, e: [], p: [], a: [] }) },
		],
		...extra,
	};
}

async function mark(item: RemovalItem, routes: Record<string, unknown>, dryRun = false) {
	const fake = fakeClient(routes);
	const start = removalStartResult(item, dryRun);
	const byCode = new Map();
	const outcome = await markRemoval(
		stepContext(fake.client, engineOptions({ dryRun })),
		item,
		start,
		byCode,
	);
	return { ...fake, outcome, start };
}

describe('markRemoval', () => {
	it('nothing in Clientify: skipped, not_in_clientify (removed) or inactive_in_erp (inactive)', async () => {
		const gone = await mark(removal(), { 'LIST /contacts/': [] });
		expect(gone.outcome).toEqual({
			kind: 'skipped',
			reason: 'not_in_clientify',
			clientifyId: null,
		});
		const inactive = await mark(removal({ why: 'inactive' }), { 'LIST /contacts/': [] });
		expect(inactive.outcome).toMatchObject({ reason: 'inactive_in_erp' });
	});

	it('a record the sync did not write for this code is not touched: not_owned', async () => {
		const { outcome, keys } = await mark(removal(), { 'LIST /contacts/': [written(7, 'C2')] });
		expect(outcome).toEqual({ kind: 'skipped', reason: 'not_owned', clientifyId: 7 });
		expect(keys()).toEqual(['LIST /contacts/']);
	});

	it('the sync’s own record, read again: the removal tag added, then the state with x', async () => {
		const own = written(7, 'C1');
		const { outcome, calls, start } = await mark(removal(), {
			'LIST /contacts/': [own],
			'GET /contacts/7/': own,
			'POST /contacts/7/tags/': {},
			'PUT /contacts/7/': {},
		});
		expect(outcome).toEqual({ kind: 'marked_removed' });
		expect(calls.map((c) => c.key)).toEqual([
			'LIST /contacts/',
			'GET /contacts/7/',
			'POST /contacts/7/tags/',
			'PUT /contacts/7/',
		]);
		expect(calls[2].body).toEqual({ name: 'baja' });
		const put = calls[3].body as { custom_fields: Array<{ field: string; value: string }> };
		expect(readSyncState({ id: 7, custom_fields: put.custom_fields }, STATE)?.x).toBeTruthy();
		expect(start).toMatchObject({
			clientifyId: 7,
			changedFields: ['tags', `custom_fields.${STATE}`],
		});
	});

	it('already marked by an earlier run: nothing sent', async () => {
		const marked = written(7, 'C1', { tags: ['hispatec', 'baja'] });
		marked.custom_fields = [
			{ field: STATE, value: encodeSyncState({ v: 1, c: 'C1', i: 7, x: 1, e: [], p: [], a: [] }) },
		];
		const { outcome, keys } = await mark(removal(), {
			'LIST /contacts/': [marked],
			'GET /contacts/7/': marked,
		});
		expect(outcome).toEqual({ kind: 'already_marked' });
		expect(keys()).toEqual(['LIST /contacts/', 'GET /contacts/7/']);
	});

	it('without a tax ID: found by the code in the sync state (one listing), read again', async () => {
		const own = written(7, 'C1');
		const { outcome, keys } = await mark(removal({ taxId: undefined }), {
			'LIST /contacts/': [own, written(8, 'C2')],
			'GET /contacts/7/': own,
			'POST /contacts/7/tags/': {},
			'PUT /contacts/7/': {},
		});
		expect(outcome).toEqual({ kind: 'marked_removed' });
		expect(keys().slice(0, 3)).toEqual(['LIST /contacts/', 'GET /contacts/7/', 'GET /contacts/7/']);
	});

	it('dry run: the tag and the state planned, nothing written', async () => {
		const own = written(7, 'C1');
		const { outcome, keys, start } = await mark(
			removal(),
			{ 'LIST /contacts/': [own], 'GET /contacts/7/': own },
			true,
		);
		expect(outcome).toEqual({ kind: 'marked_removed' });
		expect(keys()).toEqual(['LIST /contacts/', 'GET /contacts/7/']);
		expect(start.plannedRequests?.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /contacts/7/tags/',
			'PUT /contacts/7/',
		]);
	});
});
