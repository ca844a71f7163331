/**
 * The batch (nodes/ClientifyUpsert/actions/write/engine.ts): skips and failures passed on, removals
 * first, duplicate tax IDs collapsed, the stop rule, and the overlap re-check, on a fake client.
 */
import {
	UpsertEngine,
	firstError,
} from '../../../../../nodes/ClientifyUpsert/actions/write/engine';
import type {
	PreparedItem,
	RemovalItem,
} from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { NodeOperationError } from 'n8n-workflow';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { desired as base } from '../../../shared/clientify/fixtures';
import { engineOptions, fakeClient, recordItem, upsertNode } from './fixtures';

const DEFINITIONS = [
	{ id: 1, name: 'hispatec_SyncState', content_type: 'contacts' },
	{ id: 2, name: 'hispatec_Cultivo', content_type: 'contacts' },
	{ id: 3, name: 'hispatec_Codigo', content_type: 'contacts' },
];

function record(index: number, sourceId: string, modifiedAt: string, taxId = '12345678Z') {
	const desired: DesiredRecord = {
		...base,
		taxId,
		scalars: { ...base.scalars, taxpayer_identification_number: taxId },
		sourceId,
		modifiedAt,
	};
	return recordItem(desired, index);
}

function engine(routes: Record<string, unknown>, options = engineOptions()) {
	const fake = fakeClient({ 'LIST /custom-fields/': DEFINITIONS, ...routes });
	return { ...fake, engine: new UpsertEngine(upsertNode, fake.client, options) };
}

describe('UpsertEngine.run', () => {
	it('skips and parameter failures pass through without a call; the first error is the lowest index', async () => {
		const error = new NodeOperationError(upsertNode, 'bad parameter', { itemIndex: 1 });
		const items: PreparedItem[] = [
			{
				kind: 'skip',
				index: 0,
				recordType: 'contact',
				taxId: null,
				reason: 'missing_tax_id',
				message: 'm',
				warnings: [],
			},
			{ kind: 'fail', index: 1, recordType: null, error },
		];
		const { engine: e, calls } = engine({});
		const outcome = await e.run(items);
		expect(outcome.results.map((r) => r?.action)).toEqual(['skipped', 'failed']);
		expect(outcome.results[1]?.error).toBe('bad parameter');
		expect(firstError(outcome)).toEqual({ index: 1, error });
		expect(calls).toEqual([]);
	});

	it('one write per tax ID: the newest record wins, the other is skipped with the winner’s id', async () => {
		const { engine: e, keys } = engine({
			'LIST /contacts/': [],
			'POST /contacts/': { id: 31, created: '2026-03-01T12:00:00Z' },
		});
		const outcome = await e.run([record(0, 'C1', '2024-01-01'), record(1, 'C2', '2024-06-01')]);
		expect(outcome.results[1]).toMatchObject({ action: 'created', clientifyId: 31 });
		expect(outcome.results[0]).toMatchObject({
			action: 'skipped',
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C2',
			clientifyId: 31,
		});
		expect(keys().filter((k) => k === 'POST /contacts/')).toHaveLength(1);
	});

	it('records that left the ERP are handled first, each with its result', async () => {
		const removal: RemovalItem = {
			kind: 'removal',
			index: 1,
			entity: 'contact',
			why: 'removed',
			code: 'C9',
			taxId: '87654321X',
			settings: {
				mode: 'tag',
				removalTag: 'gone',
				syncTags: ['hispatec'],
				stateField: 'hispatec_SyncState',
			},
			warnings: [],
		};
		const { engine: e, calls } = engine({ 'LIST /contacts/': [], 'POST /contacts/': { id: 31 } });
		const outcome = await e.run([record(0, 'C1', '2024-01-01'), removal]);
		expect(outcome.results[1]).toMatchObject({ action: 'skipped', reason: 'not_in_clientify' });
		expect(outcome.results[0]).toMatchObject({ action: 'created' });
		// The removal's search comes before the record's lookup and create (then the re-check).
		expect(calls.map((c) => (c.qs as { query?: string } | undefined)?.query ?? c.key)).toEqual([
			'87654321X',
			'12345678Z',
			'LIST /custom-fields/',
			'POST /contacts/',
			'LIST /contacts/',
		]);
	});

	it('without continue-on-fail the first failure stops records not yet started', async () => {
		const { engine: e, keys } = engine(
			{ 'LIST /contacts/': new Error('Clientify is down') },
			engineOptions({ continueOnFail: false }),
		);
		const outcome = await e.run([
			record(0, 'C1', '2024-01-01'),
			record(1, 'C2', '2024-01-01', '87654321X'),
		]);
		expect(outcome.results[0]?.action).toBe('failed');
		expect(outcome.results[1]).toBeUndefined();
		expect(firstError(outcome)?.index).toBe(0);
		expect(keys()).toEqual(['LIST /contacts/']);
	});

	it('the re-check after creating: an older twin without the sync state is people’s record, both stay', async () => {
		const twin = { id: 5, taxpayer_identification_number: '12345678Z' };
		const { engine: e, keys } = engine({
			'LIST /contacts/': (n: number) =>
				n === 0 ? [] : [twin, { id: 31, taxpayer_identification_number: '12345678Z' }],
			'POST /contacts/': { id: 31, created: '2026-03-01T12:00:00Z' },
		});
		const outcome = await e.run([record(0, 'C1', '2024-01-01')]);
		expect(outcome.results[0]).toMatchObject({ action: 'created', clientifyId: 31 });
		expect(outcome.results[0]?.warnings.map((w) => w.code)).toEqual(['duplicate_in_crm']);
		expect(keys()).toEqual([
			'LIST /contacts/',
			'LIST /custom-fields/',
			'POST /contacts/',
			'LIST /contacts/',
		]);
	});

	it('the re-check listing fails: the created record says so, the next run merges', async () => {
		const { engine: e } = engine({
			'LIST /contacts/': (n: number) => (n === 0 ? [] : new Error('timeout')),
			'POST /contacts/': { id: 31, created: '2026-03-01T12:00:00Z' },
		});
		const outcome = await e.run([record(0, 'C1', '2024-01-01')]);
		expect(outcome.results[0]?.warnings.map((w) => w.code)).toEqual(['recheck_failed']);
	});
});
