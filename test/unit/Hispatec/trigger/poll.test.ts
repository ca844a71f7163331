/**
 * One poll of the Hispatec Trigger over an in-memory client (the same over HTTP against the emulator:
 * test/integration/hispatec/trigger*.test.ts): the manual sample, new / changed / unchanged records
 * between polls, skipped records counted, and a scan the poll budget splits over two polls.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { createPollContext } from '../../../../harness/nodeContext';
import { MANUAL_SAMPLE_SIZE } from '../../../../nodes/Hispatec/trigger/description';
import { pollRecords } from '../../../../nodes/Hispatec/trigger/poll';
import type { HispatecSoapClient } from '../../../../nodes/shared/hispatec/soap/client';
import type { RawRecord } from '../../../../nodes/shared/types';
import { contact } from '../actions/record/fakeClient';

/** A client over `records` in pages of `pageSize`; `reads` records what was asked. */
function pagingClient(records: RawRecord[], pageSize = 10) {
	const reads: IDataObject[] = [];
	const client = {
		async fetchRecords(_type: string, options: { limit?: number }) {
			reads.push({ sample: options.limit });
			return { records: records.slice(0, options.limit), pages: 1 };
		},
		async *pages(_type: string, options: { startPage?: number }) {
			reads.push({ startPage: options.startPage ?? 0 });
			for (let index = options.startPage ?? 0; ; index++) {
				const page = records.slice(index * pageSize, (index + 1) * pageSize);
				const last = (index + 1) * pageSize >= records.length;
				yield { index, records: page, last };
				if (last) return;
			}
		},
	};
	return { client: client as unknown as HispatecSoapClient, reads };
}

function pollContext(staticData: IDataObject, options: IDataObject = {}, mode = 'trigger') {
	return createPollContext({
		parameters: { resource: 'contact', options },
		staticData,
		mode: mode as 'trigger',
	}).context;
}

const codesOf = (items: Array<{ json: IDataObject }> | undefined) =>
	(items ?? []).map((i) => i.json.sourceId);

describe('pollRecords', () => {
	it('Fetch Test Event: a small sample, static data untouched', async () => {
		const { client, reads } = pagingClient([contact('C1'), contact('C2', '')]);
		const staticData: IDataObject = {};
		const out = await pollRecords.call(pollContext(staticData, {}, 'manual'), client);
		expect(reads).toEqual([{ sample: MANUAL_SAMPLE_SIZE }]);
		expect([codesOf(out?.[0]), codesOf(out?.[1])]).toEqual([['C1'], ['C2']]);
		expect(staticData).toEqual({});
	});

	it('emits every record on the first poll, then only what changed; nothing new is null', async () => {
		const staticData: IDataObject = {};
		const records = [contact('C1'), contact('C2', '99999999R')];
		const first = await pollRecords.call(pollContext(staticData), pagingClient(records).client);
		expect(codesOf(first?.[0])).toEqual(['C1', 'C2']);
		expect(
			await pollRecords.call(pollContext(staticData), pagingClient(records).client),
		).toBeNull();
		const changed = [contact('C1'), { ...contact('C2', '99999999R'), Nombre: 'Renamed' }];
		const second = await pollRecords.call(pollContext(staticData), pagingClient(changed).client);
		expect(codesOf(second?.[0])).toEqual(['C2']);
	});

	it("'Only Count Them' sums the skipped records by reason in one item", async () => {
		const { client } = pagingClient([contact('C1', ''), contact('C2', ''), contact('C3')]);
		const out = await pollRecords.call(pollContext({}, { skippedRecords: 'count' }), client);
		expect(out?.[1]).toEqual([
			{
				json: {
					recordType: 'contact',
					skippedCount: 2,
					byReason: { missing_tax_id: 2 },
					message: '2 new or changed contacts could not be synced (2 missing_tax_id)',
				},
			},
		]);
	});

	it('stops after a page when the next would run past the poll budget, and reads on from there next time', async () => {
		const staticData: IDataObject = {};
		const records = [contact('C1'), contact('C2', '99999999R')];
		let clock = 0;
		const now = () => (clock += 500);
		const withBudget = (ctx: IPollFunctions) =>
			Object.assign(ctx, { getPollBudgetMs: () => 1000 }) as IPollFunctions;
		const first = pagingClient(records, 1);
		const out1 = await pollRecords.call(withBudget(pollContext(staticData)), first.client, { now });
		expect(codesOf(out1?.[0])).toEqual(['C1']);
		const second = pagingClient(records, 1);
		const out2 = await pollRecords.call(withBudget(pollContext(staticData)), second.client, {
			now: () => 0,
		});
		expect(second.reads).toEqual([{ startPage: 1 }]);
		expect(codesOf(out2?.[0])).toEqual(['C2']);
	});

	it("reads n8n's poll budget where n8n has one", async () => {
		const records = [contact('C1'), contact('C2', '99999999R')];
		/** The records a first poll emits, one page of one record per 500 ms of clock. */
		const emitted = async (getPollBudgetMs?: () => number) => {
			let clock = 0;
			const ctx = pollContext({});
			if (getPollBudgetMs) Object.assign(ctx, { getPollBudgetMs });
			const out = await pollRecords.call(ctx, pagingClient(records, 1).client, {
				now: () => (clock += 500),
			});
			return codesOf(out?.[0]);
		};
		expect(await emitted()).toEqual(['C1', 'C2']);
		expect(await emitted(() => 30000)).toEqual(['C1', 'C2']);
		expect(await emitted(() => 1000)).toEqual(['C1']);
		expect(await emitted(() => 0)).toEqual(['C1', 'C2']);
	});
});
