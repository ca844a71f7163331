/**
 * Paging through a record type, as plans and rules the client follows (soap/client.ts owns the loop;
 * nothing here calls back into it): the page request's parameters, reading the records of one open page
 * answer while it arrives, and the rules that say where the paging stops (Total, a short page, a limit,
 * the page and record caps, a server that ignores the page parameters). No n8n imports.
 */
import { DateTime } from 'luxon';
import type { RawRecord, RecordType } from '../../types';
import { RecordReader } from '../reader/records';
import { XmlReadError } from '../reader/errors';
import type { SoapParamValue } from './request';
import { HispatecSoapError, snippet, xmlError } from './errors';
import type { OpenResponse } from './response';
import { SettingsError, type HispatecSettings } from './settings';

export interface RecordPage {
	/** 0-based page index. */
	index: number;
	records: RawRecord[];
	/** `Total` from the response, when present and numeric. */
	total?: number;
	/** Set by the client's `pages()`: no page follows this one. */
	last?: boolean;
}

export interface FetchOptions {
	/** Stop after this many records (Return All off). */
	limit?: number;
	/** Send the "modified since" parameter with this date. */
	modifiedSince?: Date;
	/** Time zone for custom "modified since" formats (the workflow's). */
	timeZone?: string;
	/** 0-based index of the first page to read (resuming a scan that stopped after page startPage - 1). */
	startPage?: number;
}

export interface FetchResult {
	records: RawRecord[];
	pages: number;
	total?: number;
}

/**
 * Formats the "modified since" value: `ISO` (default) → ISO 8601 in UTC without milliseconds
 * (`2024-05-01T08:30:00Z`); anything else is a Luxon format (`dd/MM/yyyy`, `yyyy-MM-dd HH:mm:ss`)
 * rendered in `timeZone` (the workflow's time zone).
 */
function formatModifiedSince(date: Date, format: string, timeZone = 'UTC'): string {
	if (Number.isNaN(date.getTime())) throw new SettingsError('Modified Since is not a valid date');
	if (format.trim().toUpperCase() === 'ISO') {
		return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
	}
	const dt = DateTime.fromJSDate(date, { zone: timeZone });
	if (!dt.isValid) throw new SettingsError(`Unknown time zone "${timeZone}"`);
	return dt.toFormat(format);
}

/** The paging and "modified since" parameters of one page request. */
export function pageParams(
	s: HispatecSettings,
	index: number,
	pageSize: number,
	options: FetchOptions,
): Array<[string, SoapParamValue]> {
	const params: Array<[string, SoapParamValue]> = [];
	if (s.paging.mode === 'page') {
		params.push(
			[s.paging.pageParameter, s.paging.firstPage + index],
			[s.paging.pageSizeParameter, pageSize],
		);
	} else if (s.paging.mode === 'offset') {
		params.push([s.paging.pageParameter, index * pageSize], [s.paging.pageSizeParameter, pageSize]);
	}
	if (options.modifiedSince) {
		params.push([
			s.modifiedSince.parameter,
			formatModifiedSince(options.modifiedSince, s.modifiedSince.format, options.timeZone),
		]);
	}
	return params;
}

/**
 * Reads the records of an open page answer while its body arrives (only the unfinished tail of the text is
 * kept), and checks the page against its `Total`.
 */
export async function readPage(
	s: HispatecSettings,
	recordType: RecordType,
	index: number,
	pageSize: number,
	open: OpenResponse,
): Promise<RecordPage> {
	const operation = s.operations[recordType];
	const elements = s.records[recordType];
	const reader = new RecordReader({
		recordElement: elements.record,
		containerElement: elements.container,
		scalarElements: [s.paging.totalElement],
		maxRecords: s.maxRecords,
	});
	const records: RawRecord[] = [];
	let failure: unknown;
	let tail = open.head;
	try {
		// Records are parsed while the body arrives; only the unfinished tail of the text is kept.
		for (const record of reader.read(open.head, false)) records.push(record);
		for (let chunk = await open.text.next(); ; chunk = await open.text.next()) {
			tail = chunk ?? '';
			for (const record of reader.read(chunk ?? '', chunk === null)) records.push(record);
			if (chunk === null) break;
		}
	} catch (error) {
		failure =
			error instanceof XmlReadError ? xmlError(error, { operation, url: s.endpoint }, tail) : error;
	}
	if (failure !== undefined) {
		await open.text.close();
		throw failure;
	}
	const summary = reader.summary();
	const totalText = summary.scalars[s.paging.totalElement];
	const total =
		totalText !== undefined && totalText !== null && /^\d+$/.test(totalText)
			? Number(totalText)
			: undefined;
	if (
		records.length === 0 &&
		total !== undefined &&
		total > index * pageSize &&
		s.paging.mode !== 'offset'
	) {
		const where = elements.container === '' ? '' : ` inside <${elements.container}>`;
		throw new HispatecSoapError(
			'config',
			`${operation} reports ${total} records but no <${elements.record}> elements${where} were found`,
			{
				operation,
				url: s.endpoint,
				bodySnippet: snippet(open.head),
				hint: 'Check the record and container element settings against the service\'s WSDL (DataSet responses use "Table" with an empty container).',
			},
		);
	}
	return { index, records, ...(total !== undefined ? { total } : {}) };
}

/**
 * The plan of a read through every page of a record type (the client's `pages()` follows it): the page
 * size and the first page, a check before each page (the hard page cap: never silently truncate), and
 * after each page whether it is the last one: at `Total`, on a short or empty page, at `limit`. It
 * fails on a page that repeats the previous one (a server that ignores the page parameters) and past
 * the credential's *Maximum Records*.
 */
export class PagePlan {
	readonly pageSize: number;
	/** 0-based index of the first page to read. */
	readonly startPage: number;
	private readonly limit: number | undefined;
	/** Records on the pages before `startPage` (they were full: a scan only goes on after a full page). */
	private readonly before: number;
	private fetched = 0;
	private previousSignature = '';

	constructor(
		private readonly s: HispatecSettings,
		private readonly recordType: RecordType,
		options: FetchOptions = {},
	) {
		this.limit = options.limit;
		const limit = this.limit;
		this.pageSize =
			limit !== undefined && limit > 0 ? Math.min(s.paging.pageSize, limit) : s.paging.pageSize;
		this.startPage = s.paging.mode === 'none' ? 0 : Math.max(0, Math.floor(options.startPage ?? 0));
		this.before = this.startPage * this.pageSize;
	}

	/** Before reading page `index`: fails at the hard page cap. */
	checkIndex(index: number): void {
		const s = this.s;
		if (index >= s.paging.maxPages) {
			throw new HispatecSoapError(
				'paging',
				`Stopped reading ${s.operations[this.recordType]} after ${s.paging.maxPages} pages (${this.fetched} records) without reaching the end`,
				{
					operation: s.operations[this.recordType],
					url: s.endpoint,
					hint: 'Raise "Maximum Pages" or the Page Size in the credential, or check that the server honours the page parameters.',
				},
			);
		}
	}

	/** After reading `page`: whether no page follows it. */
	isLast(page: RecordPage): boolean {
		const s = this.s;
		if (s.paging.mode !== 'none' && page.records.length > 0) {
			const signature = JSON.stringify([
				page.records[0],
				page.records[page.records.length - 1],
				page.records.length,
			]);
			if (signature === this.previousSignature) {
				throw new HispatecSoapError(
					'paging',
					`${s.operations[this.recordType]} returned the same page twice: the server seems to ignore the page parameters`,
					{
						operation: s.operations[this.recordType],
						url: s.endpoint,
						hint: 'Check the Page Parameter and Page Size Parameter settings, or set Paging to "None" if the service returns everything at once.',
					},
				);
			}
			this.previousSignature = signature;
		}
		this.fetched += page.records.length;
		if (this.fetched > s.maxRecords) {
			throw tooManyRecords(s, this.recordType, 'use Modified Since to read fewer records');
		}
		const limit = this.limit;
		return (
			s.paging.mode === 'none' ||
			page.records.length === 0 ||
			page.records.length < this.pageSize ||
			(page.total !== undefined && this.before + this.fetched >= page.total) ||
			(limit !== undefined && limit > 0 && this.fetched >= limit)
		);
	}
}

/** More records than the credential's *Maximum Records*; `remedy` completes "Raise … or …". */
function tooManyRecords(
	s: HispatecSettings,
	recordType: RecordType,
	remedy: string,
): HispatecSoapError {
	return new HispatecSoapError(
		'too_many_records',
		`${s.operations[recordType]} returned more than ${s.maxRecords} records (the configured maximum)`,
		{
			operation: s.operations[recordType],
			url: s.endpoint,
			hint: `Raise "Maximum Records" in the credential or ${remedy}.`,
		},
	);
}

/**
 * One page of a record type for the caller's own paging (the large-ERP template: one page per
 * sub-workflow execution), before it is read: with Paging "None" the service returns everything at
 * once, so page 0 is that answer and later pages are empty (`false`: no request); a page beyond the
 * credential's *Maximum Pages* fails.
 */
export function isPageToRead(s: HispatecSettings, recordType: RecordType, index: number): boolean {
	if (s.paging.mode === 'none' && index > 0) return false;
	if (index >= s.paging.maxPages) {
		throw new HispatecSoapError(
			'paging',
			`Page ${index} of ${s.operations[recordType]} is beyond the configured maximum of ${s.paging.maxPages} pages`,
			{
				operation: s.operations[recordType],
				url: s.endpoint,
				hint: 'Raise "Maximum Pages" in the credential, or use a larger page size.',
			},
		);
	}
	return true;
}

/**
 * After reading one page for the caller's own paging: whether more follow. Not on a short or empty
 * page, nor once `Total` is reached; fails past the credential's *Maximum Records*.
 */
export function hasMorePages(
	s: HispatecSettings,
	recordType: RecordType,
	page: RecordPage,
	pageSize: number,
): boolean {
	if (page.records.length > s.maxRecords)
		throw tooManyRecords(s, recordType, 'lower the page size');
	return (
		s.paging.mode !== 'none' &&
		page.records.length >= pageSize &&
		!(page.total !== undefined && (page.index + 1) * pageSize >= page.total)
	);
}
