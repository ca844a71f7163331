/**
 * The Hispatec SOAP client: login, token placement, re-login on an expired-token fault, paging and
 * record reading. No n8n imports: HTTP goes through a `SoapTransport` the node supplies (n8n's helpers).
 */
import type { RawRecord, RecordType } from '../../types';
import { headerValue } from './http';
import { buildEnvelope, buildSoapAction, soapHttpHeaders, type EnvelopeSpec, type SoapParamValue } from './envelope';
import { describeFault, readFault, type SoapFault } from './fault';
import { formatModifiedSince, matchesExpiredToken, type HispatecSettings } from './settings';
import { classifyTransportError, HispatecSoapError, redactSecrets, snippet, type HispatecErrorDetails } from './errors';
import { backoffDelayMs, failureFacts, isRetryable, retryVerdict, type Sleep } from './retry';
import { ResponseText, type SoapBody } from './response';
import { elementText, findElement, parseXmlTree, RecordReader, sniffEnvelopeStart, XmlReadError, type EnvelopeInfo } from '../reader/xml';

export * from './errors';

export interface SoapHttpRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
	/** Operation name (for messages and logs). */
	operation: string;
	timeoutMs: number;
	ignoreTlsErrors: boolean;
	/** Answers beyond this many bytes are refused while downloading. */
	maxResponseBytes: number;
}

export interface SoapHttpResponse {
	statusCode: number;
	statusMessage?: string;
	headers: Record<string, unknown>;
	/** Preferably the undecoded stream, so records are read while they arrive (size cap included). */
	body: SoapBody;
}

/** An answer that passed the checks, its body still arriving. */
export interface OpenResponse {
	/** Decoded text read so far (up to the first element of the Body). */
	head: string;
	text: ResponseText;
	info: EnvelopeInfo;
	base: HispatecErrorDetails;
}

/** Sends one request. Must resolve for every HTTP status (SOAP faults arrive as HTTP 500). */
export type SoapTransport = (request: SoapHttpRequest) => Promise<SoapHttpResponse>;

export interface LoginResult {
	token: string;
	/** `Caducidad` as sent by the server, when present. */
	expiresAt?: string;
}

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

export interface ClientLogger {
	debug(message: string, meta?: Record<string, unknown>): void;
	/** Retries are logged here (falls back to `debug`). */
	warn?(message: string, meta?: Record<string, unknown>): void;
}

export interface ClientOptions {
	/**
	 * The wait between retries. The nodes pass n8n's `sleep` (createHispatecClient); tests a recording
	 * one. Without it retries do not wait (only the connection test, with 0 retries, omits it).
	 */
	sleep?: Sleep;
	/** Jitter source, [0, 1). */
	random?: () => number;
	/** The execution's cancel signal: no further attempt starts once it fired. */
	signal?: AbortSignal;
}

/**
 * One client per execution: it logs in lazily once, keeps the token in memory for the execution only,
 * and logs in again once when a call fails with the expired-token fault. Login and every page are
 * retried on transient failures (retry.ts) with exponential backoff and jitter; a page is retried
 * as a whole (request and reading), so paging resumes at the page that failed.
 */
export class HispatecSoapClient {
	private token: string | undefined;
	private tokenExpiresAt: string | undefined;
	/** Logins performed (for logs and tests). */
	loginCount = 0;
	/** HTTP requests sent. */
	requestCount = 0;
	/** Retries made after transient failures. */
	retryCount = 0;

	constructor(
		readonly settings: HispatecSettings,
		private readonly transport: SoapTransport,
		private readonly logger?: ClientLogger,
		private readonly options: ClientOptions = {},
	) {}

	/**
	 * Runs `attempt` until it succeeds, fails with a non-transient error, or the retries are spent.
	 * The error that ends it carries `attempts` (so an enclosing retry loop does not retry it again)
	 * and never the password or the token.
	 */
	private async retrying<T>(operation: string, page: number | undefined, attempt: () => Promise<T>): Promise<T> {
		const policy = this.settings.retry;
		const signal = this.options.signal;
		for (let retry = 0; ; retry++) {
			const outcome = await settle(attempt);
			if (outcome.ok) return outcome.value;
			const error = outcome.error;
			if (!isRetryable(error) || retry >= policy.maxRetries || signal?.aborted) throw this.finalError(error, retry + 1, page);
			const delay = backoffDelayMs(retry, policy, this.options.random);
			this.retryCount++;
			const facts = failureFacts(error);
			const where = page === undefined ? operation : `${operation} page ${page}`;
			const log = this.logger?.warn ?? this.logger?.debug;
			log?.call(this.logger, `Hispatec ${where} failed (${facts ? retryVerdict(facts).why : 'error'}); retry ${retry + 1} of ${policy.maxRetries} in ${delay} ms`, {
				operation,
				...(page !== undefined ? { page } : {}),
				retry: retry + 1,
				delayMs: delay,
				error: this.safeMessage(error),
			});
			if (delay > 0 && this.options.sleep) await this.options.sleep(delay);
			if (signal?.aborted) {
				throw new HispatecSoapError('cancelled', `The request to Hispatec (${operation}) was cancelled`, {
					operation,
					url: this.settings.endpoint,
					attempts: retry + 1,
				});
			}
		}
	}

	private safeMessage(error: unknown): string {
		if (error instanceof HispatecSoapError) return redactSecrets(error, [this.settings.password, this.token]).message;
		return 'unexpected error';
	}

	private finalError(error: unknown, attempts: number, page: number | undefined): unknown {
		if (!(error instanceof HispatecSoapError)) return error;
		if (error.attempts !== undefined) return error;
		const details: HispatecErrorDetails = { ...error.details, attempts, ...(page !== undefined ? { page } : {}) };
		let message = error.message;
		if (attempts > 1) {
			message += ` (tried ${attempts} times)`;
			details.hint = `${error.hint ? `${error.hint} ` : ''}The call failed ${attempts} times in a row; raise "Retries" or "Retry Base Delay" in the credential if the server needs longer to recover.`;
		}
		return redactSecrets(new HispatecSoapError(error.kind, message, details), [this.settings.password, this.token]);
	}

	get expiresAt(): string | undefined {
		return this.tokenExpiresAt;
	}

	/**
	 * Sends one request and reads the start of the answer: errors (network, HTTP, not SOAP, SOAP fault)
	 * are thrown here; a normal answer is returned open, its body still arriving.
	 */
	private async exchange(operation: string, spec: EnvelopeSpec, extraHeaders: Record<string, string> = {}): Promise<OpenResponse> {
		const s = this.settings;
		const action = buildSoapAction(s.soapActionTemplate, s.namespace, operation);
		const request: SoapHttpRequest = {
			url: s.endpoint,
			headers: { ...soapHttpHeaders(s.soapVersion, action), ...extraHeaders },
			body: buildEnvelope(spec),
			operation,
			timeoutMs: s.timeoutMs,
			ignoreTlsErrors: s.ignoreTlsErrors,
			maxResponseBytes: s.maxResponseBytes,
		};
		let response: SoapHttpResponse;
		this.requestCount++;
		try {
			response = await this.transport(request);
		} catch (error) {
			throw classifyTransportError(error, request);
		}
		const text = new ResponseText(response.body, response.headers ?? {}, request);
		const base = { operation, url: s.endpoint, httpStatus: response.statusCode };
		let head = '';
		let info: EnvelopeInfo | undefined;
		let failure: unknown;
		try {
			for (let ended = false; ; ) {
				info = sniffEnvelopeStart(head, ended);
				if (info !== undefined) break;
				const chunk = await text.next();
				if (chunk === null) ended = true;
				else head += chunk;
			}
			if (!info.isSoap || info.firstBodyElement === 'Fault' || response.statusCode >= 300) {
				failure = this.failedAnswer(response, info, head + (await text.rest()), base);
			}
		} catch (error) {
			failure = error instanceof XmlReadError ? xmlError(error, base, head) : error;
		}
		if (failure !== undefined) {
			await text.close();
			throw failure;
		}
		return { head, text, info: info as EnvelopeInfo, base };
	}

	/** The error for an answer that is not a normal SOAP response (read in full: such answers are small). */
	private failedAnswer(response: SoapHttpResponse, info: EnvelopeInfo, body: string, base: HispatecErrorDetails): HispatecSoapError {
		const s = this.settings;
		const operation = base.operation ?? '';
		if (!info.isSoap) {
			const what = info.rootElement === 'html' ? 'an HTML page' : info.rootElement === '' ? (body.trim() === '' ? 'an empty body' : 'non-XML content') : `an XML document <${info.rootElement}>`;
			if (response.statusCode >= 300) {
				return new HispatecSoapError(
					'http',
					`Hispatec answered HTTP ${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''} to ${operation} (${what}, not a SOAP envelope)`,
					{ ...base, bodySnippet: snippet(body), hint: httpHint(response.statusCode, s, response.headers ?? {}) },
				);
			}
			return new HispatecSoapError('not_soap', `${s.endpoint} answered ${operation} with ${what}, not a SOAP envelope`, {
				...base,
				bodySnippet: snippet(body),
				hint: `Check the Server URL and the Service Path: the service's WSDL should open at ${s.endpoint}?wsdl.`,
			});
		}
		if (info.firstBodyElement === 'Fault') {
			let fault: SoapFault | undefined;
			try {
				fault = readFault(parseXmlTree(body));
			} catch (error) {
				return xmlError(error, base, body);
			}
			if (fault) {
				return new HispatecSoapError('fault', `Hispatec returned a SOAP fault for ${operation}: ${describeFault(fault)}`, { ...base, fault });
			}
		}
		return new HispatecSoapError('http', `Hispatec answered HTTP ${response.statusCode} to ${operation}`, {
			...base,
			bodySnippet: snippet(body),
			hint: httpHint(response.statusCode, s, response.headers ?? {}),
		});
	}

	/** Reads the rest of an open answer as one string (small answers: login). */
	private async readText(open: OpenResponse): Promise<string> {
		try {
			return open.head + (await open.text.rest());
		} finally {
			await open.text.close();
		}
	}

	/** Logs in (always: use `ensureToken` to reuse the execution's token), retrying transient failures. */
	async login(): Promise<LoginResult> {
		return await this.retrying(this.settings.operations.login, undefined, async () => await this.loginOnce());
	}

	private async loginOnce(): Promise<LoginResult> {
		const s = this.settings;
		const operation = s.operations.login;
		const outcome = await settle(
			async () =>
				await this.exchange(operation, {
					soapVersion: s.soapVersion,
					namespace: s.namespace,
					operation,
					params: [
						[s.loginParameters.username, s.username],
						[s.loginParameters.password, s.password],
					],
				}),
		);
		if (!outcome.ok) throw loginError(outcome.error);
		const body = await this.readText(outcome.value);
		let root;
		try {
			root = parseXmlTree(body);
		} catch (error) {
			throw xmlError(error, { operation, url: s.endpoint }, body);
		}
		const tokenElement = findElement(root, s.tokenElement);
		const token = tokenElement ? elementText(tokenElement) : null;
		if (token === null || token === '') {
			throw new HispatecSoapError('missing_token', `${operation} answered without a token (no non-empty <${s.tokenElement}> element in the response)`, {
				operation,
				url: s.endpoint,
				bodySnippet: snippet(body),
				hint: 'Check the username and password, and the credential\'s Token Element setting against the service\'s WSDL.',
			});
		}
		const expiryElement = findElement(root, s.tokenExpiryElement);
		const expiresAt = expiryElement ? elementText(expiryElement) ?? undefined : undefined;
		this.token = token;
		this.tokenExpiresAt = expiresAt || undefined;
		this.loginCount++;
		this.logger?.debug('Hispatec login succeeded', { operation, expiresAt });
		return { token, ...(expiresAt ? { expiresAt } : {}) };
	}

	async ensureToken(): Promise<string> {
		if (this.token === undefined) await this.login();
		return this.token as string;
	}

	private authenticatedSpec(operation: string, params: Array<[string, SoapParamValue]>, token: string): { spec: EnvelopeSpec; headers: Record<string, string> } {
		const s = this.settings;
		const t = s.token;
		const spec: EnvelopeSpec = { soapVersion: s.soapVersion, namespace: s.namespace, operation, params };
		const headers: Record<string, string> = {};
		if (t.placement === 'body') spec.params = [[t.parameter, token], ...params];
		else if (t.placement === 'soapHeader') spec.header = { element: t.headerElement, namespace: t.headerNamespace, params: [[t.parameter, token]] };
		else headers[t.httpHeader] = token;
		return { spec, headers };
	}

	/** Calls an operation with the token; on the expired-token fault, logs in again once and retries. */
	async call(operation: string, params: Array<[string, SoapParamValue]>): Promise<OpenResponse> {
		let retried = false;
		for (;;) {
			const token = await this.ensureToken();
			const { spec, headers } = this.authenticatedSpec(operation, params, token);
			const outcome = await settle(async () => await this.exchange(operation, spec, headers));
			if (outcome.ok) return outcome.value;
			const error = outcome.error;
			const expired =
				error instanceof HispatecSoapError &&
				error.kind === 'fault' &&
				matchesExpiredToken(this.settings.expiredTokenPattern, error.fault?.message ?? '');
			if (!expired) throw error;
			if (retried) throw freshTokenRejected(operation, error);
			retried = true;
			this.token = undefined;
			this.logger?.debug('Hispatec token expired; logging in again', { operation });
		}
	}

	/** Reads one page (0-based index), retrying transient failures of that page. */
	async fetchPage(recordType: RecordType, index: number, pageSize: number, options: FetchOptions = {}): Promise<RecordPage> {
		return await this.retrying(this.settings.operations[recordType], index + 1, async () => await this.fetchPageOnce(recordType, index, pageSize, options));
	}

	private async fetchPageOnce(recordType: RecordType, index: number, pageSize: number, options: FetchOptions): Promise<RecordPage> {
		const s = this.settings;
		const operation = s.operations[recordType];
		const params: Array<[string, SoapParamValue]> = [];
		if (s.paging.mode === 'page') {
			params.push([s.paging.pageParameter, s.paging.firstPage + index], [s.paging.pageSizeParameter, pageSize]);
		} else if (s.paging.mode === 'offset') {
			params.push([s.paging.pageParameter, index * pageSize], [s.paging.pageSizeParameter, pageSize]);
		}
		if (options.modifiedSince) {
			params.push([s.modifiedSince.parameter, formatModifiedSince(options.modifiedSince, s.modifiedSince.format, options.timeZone)]);
		}
		const open = await this.call(operation, params);
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
			failure = error instanceof XmlReadError ? xmlError(error, { operation, url: s.endpoint }, tail) : error;
		}
		if (failure !== undefined) {
			await open.text.close();
			throw failure;
		}
		const summary = reader.summary();
		const totalText = summary.scalars[s.paging.totalElement];
		const total = totalText !== undefined && totalText !== null && /^\d+$/.test(totalText) ? Number(totalText) : undefined;
		if (records.length === 0 && total !== undefined && total > index * pageSize && s.paging.mode !== 'offset') {
			const where = elements.container === '' ? '' : ` inside <${elements.container}>`;
			throw new HispatecSoapError('config', `${operation} reports ${total} records but no <${elements.record}> elements${where} were found`, {
				operation,
				url: s.endpoint,
				bodySnippet: snippet(open.head),
				hint: 'Check the record and container element settings against the service\'s WSDL (DataSet responses use "Table" with an empty container).',
			});
		}
		return { index, records, ...(total !== undefined ? { total } : {}) };
	}

	/**
	 * Pages through a record type: stops at `Total`, on a short or empty page, at `limit`, or fails
	 * at the hard page cap (never silently truncates).
	 */
	async *pages(recordType: RecordType, options: FetchOptions = {}): AsyncGenerator<RecordPage, void, undefined> {
		const s = this.settings;
		const limit = options.limit;
		const pageSize = limit !== undefined && limit > 0 ? Math.min(s.paging.pageSize, limit) : s.paging.pageSize;
		let fetched = 0;
		let previousSignature = '';
		const startPage = s.paging.mode === 'none' ? 0 : Math.max(0, Math.floor(options.startPage ?? 0));
		// pages before startPage were full (a scan only goes on after a full page)
		const before = startPage * pageSize;
		for (let index = startPage; ; index++) {
			if (index >= s.paging.maxPages) {
				throw new HispatecSoapError('paging', `Stopped reading ${s.operations[recordType]} after ${s.paging.maxPages} pages (${fetched} records) without reaching the end`, {
					operation: s.operations[recordType],
					url: s.endpoint,
					hint: 'Raise "Maximum Pages" or the Page Size in the credential, or check that the server honours the page parameters.',
				});
			}
			const page = await this.fetchPage(recordType, index, pageSize, options);
			if (s.paging.mode !== 'none' && page.records.length > 0) {
				const signature = JSON.stringify([page.records[0], page.records[page.records.length - 1], page.records.length]);
				if (signature === previousSignature) {
					throw new HispatecSoapError('paging', `${s.operations[recordType]} returned the same page twice: the server seems to ignore the page parameters`, {
						operation: s.operations[recordType],
						url: s.endpoint,
						hint: 'Check the Page Parameter and Page Size Parameter settings, or set Paging to "None" if the service returns everything at once.',
					});
				}
				previousSignature = signature;
			}
			fetched += page.records.length;
			if (fetched > s.maxRecords) {
				throw new HispatecSoapError('too_many_records', `${s.operations[recordType]} returned more than ${s.maxRecords} records (the configured maximum)`, {
					operation: s.operations[recordType],
					url: s.endpoint,
					hint: 'Raise "Maximum Records" in the credential or use Modified Since to read fewer records.',
				});
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

	/**
	 * One page of a record type for the caller's own paging (the large-ERP template: one page per
	 * sub-workflow execution). `hasMore` is false on a short or empty page, or when `Total` is reached.
	 * With Paging "None" the service returns everything at once: page 0 is that answer, later pages
	 * are empty (no request).
	 */
	async fetchOnePage(recordType: RecordType, index: number, pageSize: number, options: FetchOptions = {}): Promise<RecordPage & { hasMore: boolean }> {
		const s = this.settings;
		if (s.paging.mode === 'none' && index > 0) return { index, records: [], hasMore: false };
		if (index >= s.paging.maxPages) {
			throw new HispatecSoapError('paging', `Page ${index} of ${s.operations[recordType]} is beyond the configured maximum of ${s.paging.maxPages} pages`, {
				operation: s.operations[recordType],
				url: s.endpoint,
				hint: 'Raise "Maximum Pages" in the credential, or use a larger page size.',
			});
		}
		const page = await this.fetchPage(recordType, index, pageSize, options);
		if (page.records.length > s.maxRecords) {
			throw new HispatecSoapError('too_many_records', `${s.operations[recordType]} returned more than ${s.maxRecords} records (the configured maximum)`, {
				operation: s.operations[recordType],
				url: s.endpoint,
				hint: 'Raise "Maximum Records" in the credential or lower the page size.',
			});
		}
		const hasMore =
			s.paging.mode !== 'none' &&
			page.records.length >= pageSize &&
			!(page.total !== undefined && (index + 1) * pageSize >= page.total);
		return { ...page, hasMore };
	}

	/** Every record (up to `limit`). */
	async fetchRecords(recordType: RecordType, options: FetchOptions = {}): Promise<FetchResult> {
		const records: RawRecord[] = [];
		let pages = 0;
		let total: number | undefined;
		for await (const page of this.pages(recordType, options)) {
			pages++;
			if (page.total !== undefined) total = page.total;
			for (const record of page.records) {
				if (options.limit !== undefined && options.limit > 0 && records.length >= options.limit) break;
				records.push(record);
			}
		}
		return { records, pages, ...(total !== undefined ? { total } : {}) };
	}
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs an async step and returns its outcome, so errors are mapped in one place after it. */
async function settle<T>(step: () => Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await step() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** ASMX/WCF faults for an operation or action the service does not have. */
const UNKNOWN_OPERATION = /SOAPAction|ContractFilter|ActionNotSupported|did not recognize|no reconoce|not recognized|unknown (operation|method)/i;

export function isUnknownOperationFault(fault: SoapFault | undefined): boolean {
	return !!fault && (UNKNOWN_OPERATION.test(fault.message) || UNKNOWN_OPERATION.test(fault.subcode ?? ''));
}

/**
 * A Client/Sender fault from Login means wrong credentials, unless it says the operation is unknown
 * (then it is a configuration problem); anything else passes through.
 */
function loginError(error: unknown): unknown {
	if (error instanceof HispatecSoapError && error.kind === 'fault' && isUnknownOperationFault(error.fault)) {
		return new HispatecSoapError('fault', error.message, {
			...error.details,
			hint: 'The service does not know this operation: check the Login Operation, Namespace and SOAP Action Template against the WSDL.',
		});
	}
	if (error instanceof HispatecSoapError && error.kind === 'fault' && isClientFault(error.fault)) {
		return new HispatecSoapError('invalid_credentials', `Hispatec rejected the username or password: ${error.fault?.message ?? ''}`.trim(), {
			...error.details,
			hint: 'Check the Username and Password of the Hispatec credential.',
		});
	}
	return error;
}

function freshTokenRejected(operation: string, error: HispatecSoapError): HispatecSoapError {
	return new HispatecSoapError('token_expired', `Hispatec rejected a fresh token for ${operation}: ${error.fault?.message ?? ''}`, {
		...error.details,
		hint: 'The server refuses the token right after login: check the Token Placement and Token Parameter settings.',
	});
}

function isClientFault(fault: SoapFault | undefined): boolean {
	if (!fault) return false;
	const name = fault.codeName.toLowerCase();
	return name === 'client' || name === 'sender' || name.startsWith('client.');
}

function xmlError(error: unknown, base: HispatecErrorDetails, body: string): HispatecSoapError {
	if (error instanceof HispatecSoapError) return error;
	if (error instanceof XmlReadError) {
		if (error.code === 'doctype') {
			return new HispatecSoapError(
				'unsafe_xml',
				`Security: refused the response to ${base.operation ?? 'the request'}: ${error.message}`,
				{
					...base,
					cause: error,
					hint: 'A SOAP service never sends a DTD or entity declarations: check that the Server URL points at the Hispatec service itself, and that nothing in between (a proxy) rewrites its answers.',
				},
			);
		}
		if (error.code === 'too_many_records') {
			return new HispatecSoapError('too_many_records', error.message, {
				...base,
				hint: 'Raise "Maximum Records" in the credential or lower the Page Size.',
			});
		}
		return new HispatecSoapError('invalid_xml', `The response to ${base.operation ?? 'the request'} is not usable XML: ${error.message}`, {
			...base,
			bodySnippet: snippet(body),
			cause: error,
			hint: error.code === 'truncated' ? 'The connection may have been cut; run again, or lower the Page Size.' : undefined,
		});
	}
	throw error;
}

function httpHint(status: number, s: HispatecSettings, headers: Record<string, unknown>): string {
	if (status >= 300 && status < 400) {
		const location = headerValue(headers, 'location');
		return `The server redirects${location ? ` to ${location}` : ''}: put the final address in the Server URL and Service Path (SOAP requests are not redirected).`;
	}
	if (status === 404) return `Nothing at ${s.endpoint}: check the Service Path (the WSDL should open at ${s.endpoint}?wsdl).`;
	if (status === 401 || status === 403) return 'The web server refused access before SOAP: check network-level authentication (proxy, IP allow-list).';
	if (status === 415) return 'The server refused the content type: check the SOAP Version setting.';
	if (status >= 500) return 'The Hispatec server failed: try again later, or ask its administrator.';
	return 'Check the Server URL and Service Path.';
}
