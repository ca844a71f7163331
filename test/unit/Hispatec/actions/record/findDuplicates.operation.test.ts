import * as findDuplicates from '../../../../../nodes/Hispatec/actions/record/findDuplicates.operation';
import { contact, contextWith, fakeClient } from './fakeClient';

describe('Find Duplicate Tax IDs', () => {
	it('reads every page once and returns one item: the duplicates with their winner, and the facts of the read', async () => {
		const records = [
			contact('C1', '12345678Z', '2024-01-01T00:00:00Z'),
			contact('C2', ''),
			contact('C3', '12345678Z', '2024-06-01T00:00:00Z'),
			contact('C4', '12345678Z', '2024-03-01T00:00:00Z'),
			contact('C5', '99999999R'),
		];
		const { client, calls } = fakeClient(records, 5);
		const ctx = contextWith({ pageSize: 2, options: {} });
		const result = await findDuplicates.execute.call(ctx, client, 'contact', 0);
		expect(calls.map((c) => c.args[1])).toEqual([0, 1, 2]);
		expect(result.skipped).toEqual([]);
		expect(result.valid).toHaveLength(1);
		expect(result.valid[0].pairedItem).toEqual({ item: 0 });
		expect(result.valid[0].json).toMatchObject({
			recordType: 'contact',
			valid: 4,
			pages: 3,
			duplicateTaxIds: 1,
			duplicates: { '12345678Z': 'C3' },
			codes: 'C1\nC2\nC3\nC4\nC5\n',
		});
	});

	it('refuses a page size that is not a whole number of at least 1, before reading', async () => {
		const { client, calls } = fakeClient([]);
		await expect(
			findDuplicates.execute.call(contextWith({ pageSize: 0 }), client, 'contact', 0),
		).rejects.toThrow('Page Size must be a whole number of at least 1 (got 0)');
		expect(calls).toEqual([]);
	});
});
