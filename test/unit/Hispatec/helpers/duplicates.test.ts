import {
	DuplicateScan,
	parseDuplicateWinners,
} from '../../../../nodes/Hispatec/helpers/duplicates';

describe('DuplicateScan', () => {
	it('keeps only tax IDs seen twice; unreadable dates fall back to read order; records without code never collapse', () => {
		const scan = new DuplicateScan();
		scan.add('A', 'a1', '2024-01-02');
		scan.add('A', 'a2', '2024-01-01');
		scan.add('B', 'b1', 'garbage');
		scan.add('B', 'b2', '2020-01-01');
		scan.add('C', undefined, '2024-01-01');
		scan.add('C', 'c1', '2024-01-01');
		scan.add('D', 'd1', undefined);
		expect(scan.winners()).toEqual({ A: 'a1', B: 'b2' });
		expect(scan.records).toBe(7);
		expect(parseDuplicateWinners({ duplicates: { A: 'a1' } })).toEqual({ A: 'a1' });
		expect(parseDuplicateWinners('{"A":"a1"}')).toEqual({ A: 'a1' });
		expect(parseDuplicateWinners('')).toBeUndefined();
	});
});
