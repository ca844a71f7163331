/**
 * One item's flow (nodes/ClientifyUpsert/actions/write/item.ts): the decision, ONE step, and the
 * follow-ups it sequences, on a fake client.
 */
import { CustomFieldRegistry } from '../../../../../nodes/ClientifyUpsert/actions/write/customFields';
import { ItemSync } from '../../../../../nodes/ClientifyUpsert/actions/write/item';
import { startResult } from '../../../../../nodes/ClientifyUpsert/actions/write/results';
import type {
	GroupState,
	RecordItem,
} from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { createdFieldNames } from '../../../../../nodes/shared/clientify/desired/desired';
import { encodeSyncState } from '../../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord, DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { desired as base } from '../../../shared/clientify/fixtures';
import { apiError, fakeClient, recordItem, stepContext, upsertNode } from './fixtures';

const desired: DesiredRecord = { ...base, sourceId: 'C1', modifiedAt: '2024-01-01T00:00:00' };
const DEFINITIONS = [
	{ id: 1, name: 'hispatec_SyncState', content_type: 'contacts' },
	{ id: 2, name: 'hispatec_Cultivo', content_type: 'contacts' },
	{ id: 3, name: 'hispatec_Codigo', content_type: 'contacts' },
];

function flow(routes: Record<string, unknown>) {
	const fake = fakeClient({ 'LIST /custom-fields/': DEFINITIONS, ...routes });
	const steps = stepContext(fake.client);
	const customFields = new CustomFieldRegistry(fake.client, { create: false, dryRun: false });
	return { ...fake, steps, sync: new ItemSync(upsertNode, steps, customFields, undefined) };
}

async function run(sync: ItemSync, item: RecordItem, state?: GroupState) {
	return await sync.process(
		item,
		state ?? { lookedUp: false, matches: [] },
		startResult(item.desired, false),
	);
}

describe('ItemSync', () => {
	it('no match: one create, noted for the re-check', async () => {
		const { sync, steps, keys } = flow({ 'LIST /contacts/': [], 'POST /contacts/': { id: 12 } });
		const outcome = await run(sync, recordItem(desired));
		expect(outcome.result).toMatchObject({ action: 'created', clientifyId: 12 });
		expect(outcome.result.changedFields.length).toBeGreaterThan(0);
		expect(keys()).toEqual(['LIST /contacts/', 'LIST /custom-fields/', 'POST /contacts/']);
		expect(steps.batch.creations.map((c) => c.record.id)).toEqual([12]);
	});

	it('a create whose answer was lost goes on as the update of the record found, and stays "created"', async () => {
		const fake = flow({
			'LIST /contacts/': (n: number) =>
				n === 0 ? [] : [{ ...(fake.calls[2].body as object), id: 44 }],
			'POST /contacts/': apiError(undefined),
			'PUT /contacts/44/': { id: 44 },
		});
		const outcome = await run(fake.sync, recordItem(desired));
		expect(outcome.result).toMatchObject({ action: 'created', clientifyId: 44 });
		expect(outcome.result.warnings.map((w) => w.code)).toContain('create_confirmed_by_lookup');
		expect(fake.keys().filter((k) => k === 'POST /contacts/')).toHaveLength(1);
		expect(fake.steps.batch.creations.map((c) => c.record.id)).toEqual([44]);
	});

	it('a record whose sync state names a newer ERP record is not written: duplicate_tax_id', async () => {
		const owned: ClientifyRecord = {
			id: 7,
			taxpayer_identification_number: '12345678Z',
			custom_fields: [
				{
					field: 'hispatec_SyncState',
					value: encodeSyncState({
						v: 1,
						c: 'C2',
						m: '2024-06-01T00:00:00.000Z',
						e: [],
						p: [],
						a: [],
					}),
				},
			],
		};
		const { sync, keys } = flow({ 'LIST /contacts/': [owned] });
		const outcome = await run(sync, recordItem(desired));
		expect(outcome.result).toMatchObject({
			action: 'skipped',
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C2',
			clientifyId: 7,
		});
		expect(keys()).toEqual(['LIST /contacts/', 'LIST /custom-fields/']);
	});

	it('several matches without the sync state and On Multiple Matches = Fail: the item fails, nothing read or written', async () => {
		const { sync, keys } = flow({});
		const matches = [{ id: 9 }, { id: 4 }] as ClientifyRecord[];
		const outcome = await run(sync, recordItem(desired), { lookedUp: true, matches });
		expect(outcome.result.action).toBe('failed');
		expect(outcome.error?.message).toContain('(ids 4, 9)');
		expect(keys()).toEqual([]);
	});

	it('Update the Oldest: the oldest is updated, with a multiple_matches warning', async () => {
		const { sync } = flow({ 'PUT /contacts/4/': { id: 4 }, 'POST /contacts/4/emails/': {} });
		const matches = [{ id: 9 }, { id: 4 }] as ClientifyRecord[];
		const item = recordItem(desired, 0, { onMultipleMatches: 'updateOldest' });
		const outcome = await sync.process(
			item,
			{ lookedUp: true, matches },
			startResult(desired, false),
		);
		expect(outcome.result.warnings.map((w) => w.code)).toContain('multiple_matches');
		expect(outcome.result.clientifyId).toBe(4);
	});

	it('a company to create without a name is skipped before anything is created', async () => {
		const company = { ...desired, entity: 'company', scalars: {} } as DesiredRecord;
		const { sync, keys } = flow({ 'LIST /companies/': [] });
		const outcome = await run(sync, recordItem(company));
		expect(outcome.result).toMatchObject({ action: 'skipped', reason: 'missing_name' });
		expect(keys()).toEqual(['LIST /companies/']);
	});

	it('created fields are the create body’s', async () => {
		const { sync } = flow({ 'LIST /contacts/': [], 'POST /contacts/': { id: 12 } });
		const outcome = await run(sync, recordItem(desired));
		expect(outcome.result.changedFields).toEqual(
			createdFieldNames({
				...desired,
				customFields: [...desired.customFields, { name: 'hispatec_SyncState', value: 'x' }],
			}),
		);
	});
});
