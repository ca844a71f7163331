/**
 * The create step (nodes/ClientifyUpsert/actions/write/create.ts): what the POST's answer means
 * (created, found after a lost answer, conflict), with the sync state stamped, on a fake client.
 */
import { createRecord } from '../../../../../nodes/ClientifyUpsert/actions/write/create';
import { readSyncState } from '../../../../../nodes/shared/clientify/syncState';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { desired as base } from '../../../shared/clientify/fixtures';
import {
	NOW,
	apiError,
	engineOptions,
	fakeClient,
	notes,
	recordItem,
	stepContext,
} from './fixtures';

const desired: DesiredRecord = {
	...base,
	customFields: [...base.customFields, { name: 'hispatec_SyncState', value: '{}' }],
};
const item = recordItem(desired);
const found = { id: 44, taxpayer_identification_number: '12345678Z' };

describe('createRecord', () => {
	it('one POST with the sync state and its creation marker; v1 contacts with force_insert', async () => {
		const { client, calls } = fakeClient({ 'POST /contacts/': { id: 12 } });
		const made = await createRecord(stepContext(client), item, desired, notes());
		expect(made).toMatchObject({ kind: 'created', record: { id: 12 } });
		expect(calls).toHaveLength(1);
		expect(calls[0].qs).toEqual({ force_insert: 'true' });
		const state =
			made.kind === 'created' ? readSyncState(made.record, 'hispatec_SyncState') : undefined;
		expect(state?.n).toBe(NOW);
	});

	it('v2 sends no force_insert; a link to a company found puts its id in the state (k)', async () => {
		const { client, calls } = fakeClient({ 'POST /contacts/': { id: 12 } }, { generation: 'v2' });
		const linked = recordItem(desired, 0, { link: { kind: 'found', id: 900 } });
		const made = await createRecord(stepContext(client), linked, desired, notes());
		expect(calls[0].qs).toBeUndefined();
		expect(made.kind === 'created' && readSyncState(made.record, 'hispatec_SyncState')?.k).toBe(
			900,
		);
	});

	it('dry run: nothing sent, the POST planned, a record with id 0', async () => {
		const { client, calls } = fakeClient({});
		const planned = notes(true);
		const made = await createRecord(
			stepContext(client, engineOptions({ dryRun: true })),
			item,
			desired,
			planned,
		);
		expect(calls).toEqual([]);
		expect(made).toMatchObject({ kind: 'created', dryRun: true, record: { id: 0 } });
		expect(planned.plannedRequests).toEqual([
			expect.objectContaining({ method: 'POST', path: '/contacts/' }),
		]);
	});

	it('a lost answer: the lookup finds the record, so the POST is not sent again (found)', async () => {
		const { client, keys } = fakeClient({
			'POST /contacts/': apiError(undefined),
			'LIST /contacts/': [found],
		});
		const n = notes();
		const made = await createRecord(stepContext(client), item, desired, n);
		expect(made).toMatchObject({ kind: 'found', matches: [found] });
		expect(keys()).toEqual(['POST /contacts/', 'LIST /contacts/']);
		expect(n.warnings.map((w) => w.code)).toEqual(['create_confirmed_by_lookup']);
	});

	it('a lost answer and nothing found: posted again', async () => {
		const { client, keys } = fakeClient({
			'POST /contacts/': (attempt: number) => (attempt === 0 ? apiError(503) : { id: 5 }),
			'LIST /contacts/': [],
		});
		const made = await createRecord(stepContext(client), item, desired, notes());
		expect(made).toMatchObject({ kind: 'created', record: { id: 5 } });
		expect(keys()).toEqual(['POST /contacts/', 'LIST /contacts/', 'POST /contacts/']);
	});

	it('409: the record found goes on as an update (conflict); none found: the 409 fails', async () => {
		const conflict = fakeClient({ 'POST /contacts/': apiError(409), 'LIST /contacts/': [found] });
		const n = notes();
		await expect(
			createRecord(stepContext(conflict.client), item, desired, n),
		).resolves.toMatchObject({
			kind: 'conflict',
			matches: [found],
		});
		expect(n.warnings.map((w) => w.code)).toEqual(['create_conflict']);

		const none = fakeClient({ 'POST /contacts/': apiError(409), 'LIST /contacts/': [] });
		await expect(
			createRecord(stepContext(none.client), item, desired, notes()),
		).rejects.toMatchObject({
			status: 409,
		});
	});
});
