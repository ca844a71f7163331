/**
 * Paging through a record type: the page request's parameters, reading the records of a page while it
 * arrives, and the rules that say where the paging stops (Total, a short page, a limit, the page and
 * record caps, a server that ignores the page parameters). No n8n imports.
 */
import type { RawRecord, RecordType } from '../../types';
import { RecordReader } from '../reader/records';
import { XmlReadError } from '../reader/errors';
import type { SoapParamValue } from './envelope';
import { HispatecSoapError, snippet, xmlError } from './errors';
import type { OpenResponse } from './exchange';
import { formatModifiedSince, type HispatecSettings } from './settings';

export interface RecordPage {
	/** 0-based page index. */
	index: number;
	records: RawRecord[];
	/** `Total` from the response, when present and numeric. */
	total?: number;
	/** Set by `pages()`: no page follows this one. */
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

/** Reads one page (0-based index) of a record type, the client's retries included. */
export type PageFetcher = (
	recordType: RecordType,
	index: number,
	pageSize: number,
	options: FetchOptions,
) => Promise<RecordPage>;

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
 * Pages through a record type: stops at `Total`, on a short or empty page, at `limit`, or fails
 * at the hard page cap (never silently truncates).
 */
export async function* pageThrough(
	s: HispatecSettings,
	fetchPage: PageFetcher,
	recordType: RecordType,
	options: FetchOptions = {},
): AsyncGenerator<RecordPage, void, undefined> {
	const limit = options.limit;
	const pageSize =
		limit !== undefined && limit > 0 ? Math.min(s.paging.pageSize, limit) : s.paging.pageSize;
	let fetched = 0;
	let previousSignature = '';
	const startPage = s.paging.mode === 'none' ? 0 : Math.max(0, Math.floor(options.startPage ?? 0));
	// pages before startPage were full (a scan only goes on after a full page)
	const before = startPage * pageSize;
	for (let index = startPage; ; index++) {
		if (index >= s.paging.maxPages) {
			throw new HispatecSoapError(
				'paging',
				`Stopped reading ${s.operations[recordType]} after ${s.paging.maxPages} pages (${fetched} records) without reaching the end`,
				{
					operation: s.operations[recordType],
					url: s.endpoint,
					hint: 'Raise "Maximum Pages" or the Page Size in the credential, or check that the server honours the page parameters.',
				},
			);
		}
		const page = await fetchPage(recordType, index, pageSize, options);
		if (s.paging.mode !== 'none' && page.records.length > 0) {
			const signature = JSON.stringify([
				page.records[0],
				page.records[page.records.length - 1],
				page.records.length,
			]);
			if (signature === previousSignature) {
				throw new HispatecSoapError(
					'paging',
					`${s.operations[recordType]} returned the same page twice: the server seems to ignore the page parameters`,
					{
						operation: s.operations[recordType],
						url: s.endpoint,
						hint: 'Check the Page Parameter and Page Size Parameter settings, or set Paging to "None" if the service returns everything at once.',
					},
				);
			}
			previousSignature = signature;
		}
		fetched += page.records.length;
		if (fetched > s.maxRecords) {
			throw tooManyRecords(s, recordType, 'use Modified Since to read fewer records');
		}
		const last =
			s.paging.mode === 'none' ||
			page.records.length === 0 ||
			page.records.length < pageSize ||
			(page.total !== undefined && before + fetched >= page.total) ||
			(limit !== undefined && limit > 0 && fetched >= limit);
		yield { ...page, last };
		if (last) return;
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
 * sub-workflow execution). `hasMore` is false on a short or empty page, or when `Total` is reached.
 * With Paging "None" the service returns everything at once: page 0 is that answer, later pages
 * are empty (no request).
 */
export async function onePage(
	s: HispatecSettings,
	fetchPage: PageFetcher,
	recordType: RecordType,
	index: number,
	pageSize: number,
	options: FetchOptions = {},
): Promise<RecordPage & { hasMore: boolean }> {
	if (s.paging.mode === 'none' && index > 0) return { index, records: [], hasMore: false };
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
	const page = await fetchPage(recordType, index, pageSize, options);
	if (page.records.length > s.maxRecords)
		throw tooManyRecords(s, recordType, 'lower the page size');
	const hasMore =
		s.paging.mode !== 'none' &&
		page.records.length >= pageSize &&
		!(page.total !== undefined && (index + 1) * pageSize >= page.total);
	return { ...page, hasMore };
}

/** Every record of the pages (up to `limit`). */
export async function collectRecords(
	pageList: AsyncIterable<RecordPage>,
	limit: number | undefined,
): Promise<FetchResult> {
	const records: RawRecord[] = [];
	let pages = 0;
	let total: number | undefined;
	for await (const page of pageList) {
		pages++;
		if (page.total !== undefined) total = page.total;
		for (const record of page.records) {
			if (limit !== undefined && limit > 0 && records.length >= limit) break;
			records.push(record);
		}
	}
	return { records, pages, ...(total !== undefined ? { total } : {}) };
}
