import {
	collectRecords,
	onePage,
	pageParams,
	pageThrough,
	type PageFetcher,
} from '../../../../../nodes/shared/hispatec/soap/paging';
import { resolveSettings } from '../../../../../nodes/shared/hispatec/soap/settings';

const settings = (extra = {}) =>
	resolveSettings({ serverUrl: 'http://erp', pageSize: 2, ...extra });

/** A fetcher over `total` records, `Total` reported. */
const fetcherOver =
	(total: number, calls: number[] = []): PageFetcher =>
	async (_type, index, pageSize) => {
		calls.push(index);
		const start = index * pageSize;
		const records = Array.from(
			{ length: Math.max(0, Math.min(pageSize, total - start)) },
			(_, i) => ({ Codigo: `C${start + i}` }),
		);
		return { index, records, total };
	};

describe('paging', () => {
	it('sends the page number (1-based by default) or the record offset, and the modified-since date', () => {
		expect(pageParams(settings(), 2, 50, {})).toEqual([
			['Pagina', 3],
			['TamanoPagina', 50],
		]);
		expect(
			pageParams(settings({ customizeAdvanced: true, pagingMode: 'offset' }), 2, 50, {}),
		).toEqual([
			['Pagina', 100],
			['TamanoPagina', 50],
		]);
		expect(
			pageParams(settings({ customizeAdvanced: true, pagingMode: 'none' }), 0, 50, {
				modifiedSince: new Date('2024-05-01T08:30:00.000Z'),
			}),
		).toEqual([['ModificadoDesde', '2024-05-01T08:30:00Z']]);
	});

	it('pages until Total, a short page or the limit', async () => {
		const calls: number[] = [];
		const all = await collectRecords(
			pageThrough(settings(), fetcherOver(5, calls), 'contact'),
			undefined,
		);
		expect([all.records.length, all.pages, all.total, calls]).toEqual([5, 3, 5, [0, 1, 2]]);
		const limited = await collectRecords(
			pageThrough(settings(), fetcherOver(5), 'contact', { limit: 3 }),
			3,
		);
		expect(limited.records.map((r) => r.Codigo)).toEqual(['C0', 'C1', 'C2']);
	});

	it('fails on a server that ignores the page parameters, and at the page cap', async () => {
		const same: PageFetcher = async (_type, index) => ({
			index,
			records: [{ Codigo: 'A' }, { Codigo: 'B' }],
		});
		await expect(
			collectRecords(pageThrough(settings(), same, 'contact'), undefined),
		).rejects.toMatchObject({ kind: 'paging' });
		await expect(
			onePage(settings({ customizeAdvanced: true, maxPages: 2 }), same, 'contact', 2, 2),
		).rejects.toMatchObject({ kind: 'paging' });
	});

	it("one page for the caller's own paging says whether more follow", async () => {
		expect((await onePage(settings(), fetcherOver(5), 'contact', 1, 2)).hasMore).toBe(true);
		expect((await onePage(settings(), fetcherOver(4), 'contact', 1, 2)).hasMore).toBe(false);
		expect(
			await onePage(
				settings({ customizeAdvanced: true, pagingMode: 'none' }),
				fetcherOver(5),
				'contact',
				1,
				2,
			),
		).toEqual({ index: 1, records: [], hasMore: false });
	});
});
