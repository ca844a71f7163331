import * as getAll from '../../../../../nodes/Hispatec/actions/record/getAll.operation';
import { contact, contextWith, fakeClient } from './fakeClient';

describe('Get Many', () => {
	it('reads up to the limit and splits the records into Valid and Skipped, paired with the item', async () => {
		const { client, calls } = fakeClient([contact('C1'), contact('C2', ''), contact('C3')]);
		const ctx = contextWith({ returnAll: false, limit: 3, options: {} });
		const result = await getAll.execute.call(ctx, client, 'contact', 0);
		expect(calls).toEqual([
			{ method: 'fetchRecords', args: ['contact', { limit: 3, timeZone: 'Europe/Madrid' }] },
		]);
		expect(result.valid.map((i) => [i.json.sourceId, i.json.taxId, i.pairedItem])).toEqual([
			['C3', '12345678Z', { item: 0 }],
		]);
		// C1 has C3's tax ID and loses to the later record; C2 has no tax ID
		expect(result.skipped.map((i) => [i.json.sourceId, i.json.reason])).toEqual([
			['C1', 'duplicate_tax_id'],
			['C2', 'missing_tax_id'],
		]);
	});

	it('Return All sends no limit; Modified Since is sent as a date', async () => {
		const { client, calls } = fakeClient([]);
		const ctx = contextWith({
			returnAll: true,
			options: { modifiedSince: '2024-05-01T00:00:00Z' },
		});
		await getAll.execute.call(ctx, client, 'company', 0);
		expect(calls[0].args).toEqual([
			'company',
			{ modifiedSince: new Date('2024-05-01T00:00:00Z'), timeZone: 'Europe/Madrid' },
		]);
	});

	it('refuses a limit that is not a whole number of at least 1, and a Modified Since that is no date', async () => {
		const { client, calls } = fakeClient([]);
		await expect(
			getAll.execute.call(contextWith({ returnAll: false, limit: 0 }), client, 'contact', 0),
		).rejects.toThrow('Limit must be a whole number of at least 1 (got 0)');
		await expect(
			getAll.execute.call(
				contextWith({ returnAll: true, options: { modifiedSince: 'yesterday-ish' } }),
				client,
				'contact',
				0,
			),
		).rejects.toThrow('Modified Since is not a date: "yesterday-ish"');
		expect(calls).toEqual([]);
	});
});
