/**
 * Paging's plans and rules, without a client (the client runs the loop over them: the loop itself is
 * tested in client.test.ts): the page request's parameters, where a read through every page stops, and
 * one page of the caller's own paging.
 */
import {
	hasMorePages,
	isPageToRead,
	pageParams,
	PagePlan,
	type RecordPage,
} from '../../../../../nodes/shared/hispatec/soap/paging';
import { resolveSettings } from '../../../../../nodes/shared/hispatec/soap/settings';

const settings = (extra = {}) =>
	resolveSettings({ serverUrl: 'http://erp', pageSize: 2, ...extra });

/** Page `index` of `pageSize` over `total` records, `Total` reported. */
function pageOver(total: number, index: number, pageSize: number): RecordPage {
	const start = index * pageSize;
	const records = Array.from(
		{ length: Math.max(0, Math.min(pageSize, total - start)) },
		(_, i) => ({
			Codigo: `C${start + i}`,
		}),
	);
	return { index, records, total };
}

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

	it('formats Modified Since as ISO (UTC) or a Luxon format in a time zone', () => {
		const d = new Date('2024-05-01T22:30:15.123Z');
		/** The "modified since" parameter's value, as pageParams sends it. */
		const formatModifiedSince = (date: Date, format: string, timeZone?: string) => {
			const s = settings({
				customizeAdvanced: true,
				pagingMode: 'none',
				modifiedSinceFormat: format,
			});
			return pageParams(s, 0, 50, { modifiedSince: date, timeZone });
		};
		expect(formatModifiedSince(d, 'ISO')).toEqual([['ModificadoDesde', '2024-05-01T22:30:15Z']]);
		expect(formatModifiedSince(d, 'dd/MM/yyyy', 'Europe/Madrid')).toEqual([
			['ModificadoDesde', '02/05/2024'],
		]);
		expect(formatModifiedSince(d, 'yyyy-MM-dd HH:mm:ss', 'UTC')).toEqual([
			['ModificadoDesde', '2024-05-01 22:30:15'],
		]);
		expect(() => formatModifiedSince(new Date('x'), 'ISO')).toThrow(
			'Modified Since is not a valid date',
		);
	});

	it('plans a read through every page: the last page is at Total, a short or empty page, or the limit', () => {
		const plan = new PagePlan(settings(), 'contact');
		expect([plan.pageSize, plan.startPage]).toEqual([2, 0]);
		expect([0, 1, 2].map((i) => plan.isLast(pageOver(5, i, 2)))).toEqual([false, false, true]);
		const short = new PagePlan(settings(), 'contact');
		expect(short.isLast({ index: 0, records: [{ Codigo: 'A' }] })).toBe(true);
		expect(new PagePlan(settings(), 'contact').isLast({ index: 0, records: [] })).toBe(true);
		const limited = new PagePlan(settings({ pageSize: 10 }), 'contact', { limit: 3 });
		expect(limited.pageSize).toBe(3);
		expect(limited.isLast(pageOver(50, 0, 3))).toBe(true);
		const none = new PagePlan(
			settings({ customizeAdvanced: true, pagingMode: 'none' }),
			'contact',
			{
				startPage: 4,
			},
		);
		expect([none.startPage, none.isLast(pageOver(50, 0, 2))]).toEqual([0, true]);
	});

	it('counts the full pages before a resumed scan against Total', () => {
		const plan = new PagePlan(settings(), 'contact', { startPage: 2 });
		expect(plan.startPage).toBe(2);
		expect(plan.isLast(pageOver(6, 2, 2))).toBe(true);
	});

	it('fails on a page that repeats the previous one, at the page cap, and past Maximum Records', () => {
		const same = new PagePlan(settings(), 'contact');
		const page = { index: 0, records: [{ Codigo: 'A' }, { Codigo: 'B' }] };
		expect(same.isLast(page)).toBe(false);
		expect(() => same.isLast({ ...page, index: 1 })).toThrow(
			expect.objectContaining({ kind: 'paging' }),
		);
		const capped = new PagePlan(settings({ customizeAdvanced: true, maxPages: 2 }), 'contact');
		expect(() => capped.checkIndex(1)).not.toThrow();
		expect(() => capped.checkIndex(2)).toThrow(expect.objectContaining({ kind: 'paging' }));
		const small = new PagePlan(settings({ customizeAdvanced: true, maxRecords: 3 }), 'contact');
		expect(small.isLast(pageOver(10, 0, 2))).toBe(false);
		expect(() => small.isLast(pageOver(10, 1, 2))).toThrow(
			expect.objectContaining({ kind: 'too_many_records' }),
		);
	});

	it("one page for the caller's own paging: whether to read it and whether more follow", () => {
		expect(hasMorePages(settings(), 'contact', pageOver(5, 1, 2), 2)).toBe(true);
		expect(hasMorePages(settings(), 'contact', pageOver(4, 1, 2), 2)).toBe(false);
		expect(hasMorePages(settings(), 'contact', pageOver(5, 2, 2), 2)).toBe(false);
		const none = settings({ customizeAdvanced: true, pagingMode: 'none' });
		expect([isPageToRead(none, 'contact', 0), isPageToRead(none, 'contact', 1)]).toEqual([
			true,
			false,
		]);
		expect(hasMorePages(none, 'contact', pageOver(5, 0, 2), 2)).toBe(false);
		expect(() =>
			isPageToRead(settings({ customizeAdvanced: true, maxPages: 2 }), 'contact', 2),
		).toThrow(expect.objectContaining({ kind: 'paging' }));
		expect(() =>
			hasMorePages(
				settings({ customizeAdvanced: true, maxRecords: 1 }),
				'contact',
				pageOver(5, 0, 2),
				2,
			),
		).toThrow(expect.objectContaining({ kind: 'too_many_records' }));
	});
});
