/**
 * The Hispatec SOAP client: the session (login, where the session token goes, re-login on an
 * expired-token fault), retries, and the record calls, paging included: the client runs the loop and
 * follows paging.ts's plans and rules, which never call back. No n8n imports: HTTP goes through a
 * `SoapTransport` the node supplies (n8n's helpers). One exchange is request.ts, then response.ts.
 */
import type { RawRecord, RecordType } from '../../types';
import { settle } from '../../settle';
import { elementText, findElement, parseXmlTree } from '../reader/document';
import {
	freshTokenRejected,
	HispatecSoapError,
	loginError,
	matchesExpiredToken,
	snippet,
	xmlError,
} from './errors';
import {
	hasMorePages,
	isPageToRead,
	pageParams,
	PagePlan,
	readPage,
	type FetchOptions,
	type FetchResult,
	type RecordPage,
} from './paging';
import { redactSoapError } from './redact';
import { backoffDelayMs } from '../../backoff';
import { authenticatedSpec, buildRequest, type EnvelopeSpec, type SoapParamValue } from './request';
import { openAnswer, readText, type OpenResponse, type SoapTransport } from './response';
import { failureFacts, finalError, isRetryable, retryVerdict, type Sleep } from './retry';
import type { HispatecSettings } from './settings';

interface LoginResult {
	token: string;
	/** `Caducidad` as sent by the server, when present. */
	expiresAt?: string;
}

interface ClientLogger {
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
	private async retrying<T>(
		operation: string,
		page: number | undefined,
		attempt: () => Promise<T>,
	): Promise<T> {
		const policy = this.settings.retry;
		const signal = this.options.signal;
		for (let retry = 0; ; retry++) {
			const outcome = await settle(attempt());
			if (outcome.ok) return outcome.value;
			const error = outcome.error;
			if (!isRetryable(error) || retry >= policy.maxRetries || signal?.aborted)
				throw finalError(error, retry + 1, page, [this.settings.password, this.token]);
			const delay = backoffDelayMs(retry, policy, this.options.random);
			this.retryCount++;
			const facts = failureFacts(error);
			const where = page === undefined ? operation : `${operation} page ${page}`;
			const log = this.logger?.warn ?? this.logger?.debug;
			log?.call(
				this.logger,
				`Hispatec ${where} failed (${facts ? retryVerdict(facts).why : 'error'}); retry ${retry + 1} of ${policy.maxRetries} in ${delay} ms`,
				{
					operation,
					...(page !== undefined ? { page } : {}),
					retry: retry + 1,
					delayMs: delay,
					error: this.safeMessage(error),
				},
			);
			if (delay > 0 && this.options.sleep) await this.options.sleep(delay);
			if (signal?.aborted) {
				throw new HispatecSoapError(
					'cancelled',
					`The request to Hispatec (${operation}) was cancelled`,
					{
						operation,
						url: this.settings.endpoint,
						attempts: retry + 1,
					},
				);
			}
		}
	}

	private safeMessage(error: unknown): string {
		if (error instanceof HispatecSoapError)
			return redactSoapError(error, [this.settings.password, this.token]).message;
		return 'unexpected error';
	}

	get expiresAt(): string | undefined {
		return this.tokenExpiresAt;
	}

	/** Sends one request (request.ts) and reads the start of the answer (response.ts). */
	private async exchange(
		operation: string,
		spec: EnvelopeSpec,
		extraHeaders: Record<string, string> = {},
	): Promise<OpenResponse> {
		const request = buildRequest(this.settings, operation, spec, extraHeaders);
		this.requestCount++;
		return await openAnswer(this.settings, this.transport, request);
	}

	/** Logs in (always: use `ensureToken` to reuse the execution's token), retrying transient failures. */
	async login(): Promise<LoginResult> {
		return await this.retrying(
			this.settings.operations.login,
			undefined,
			async () => await this.loginOnce(),
		);
	}

	private async loginOnce(): Promise<LoginResult> {
		const s = this.settings;
		const operation = s.operations.login;
		const outcome = await settle(
			this.exchange(operation, {
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
		const body = await readText(outcome.value);
		let root;
		try {
			root = parseXmlTree(body);
		} catch (error) {
			throw xmlError(error, { operation, url: s.endpoint }, body);
		}
		const tokenElement = findElement(root, s.tokenElement);
		const token = tokenElement ? elementText(tokenElement) : null;
		if (token === null || token === '') {
			throw new HispatecSoapError(
				'missing_token',
				`${operation} answered without a token (no non-empty <${s.tokenElement}> element in the response)`,
				{
					operation,
					url: s.endpoint,
					bodySnippet: snippet(body),
					hint: "Check the username and password, and the credential's Token Element setting against the service's WSDL.",
				},
			);
		}
		const expiryElement = findElement(root, s.tokenExpiryElement);
		const expiresAt = expiryElement ? (elementText(expiryElement) ?? undefined) : undefined;
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

	/** Calls an operation with the token; on the expired-token fault, logs in again once and retries. */
	async call(operation: string, params: Array<[string, SoapParamValue]>): Promise<OpenResponse> {
		let retried = false;
		for (;;) {
			const token = await this.ensureToken();
			const { spec, headers } = authenticatedSpec(this.settings, operation, params, token);
			const outcome = await settle(this.exchange(operation, spec, headers));
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
	async fetchPage(
		recordType: RecordType,
		index: number,
		pageSize: number,
		options: FetchOptions = {},
	): Promise<RecordPage> {
		return await this.retrying(
			this.settings.operations[recordType],
			index + 1,
			async () => await this.fetchPageOnce(recordType, index, pageSize, options),
		);
	}

	private async fetchPageOnce(
		recordType: RecordType,
		index: number,
		pageSize: number,
		options: FetchOptions,
	): Promise<RecordPage> {
		const open = await this.call(
			this.settings.operations[recordType],
			pageParams(this.settings, index, pageSize, options),
		);
		return await readPage(this.settings, recordType, index, pageSize, open);
	}

	/** Pages through a record type as paging.ts's `PagePlan` says: never silently truncates. */
	async *pages(
		recordType: RecordType,
		options: FetchOptions = {},
	): AsyncGenerator<RecordPage, void, undefined> {
		const plan = new PagePlan(this.settings, recordType, options);
		for (let index = plan.startPage; ; index++) {
			plan.checkIndex(index);
			const page = await this.fetchPage(recordType, index, plan.pageSize, options);
			const last = plan.isLast(page);
			yield { ...page, last };
			if (last) return;
		}
	}

	/** One page for the caller's own paging, with `hasMore` (paging.ts, `isPageToRead`, `hasMorePages`). */
	async fetchOnePage(
		recordType: RecordType,
		index: number,
		pageSize: number,
		options: FetchOptions = {},
	): Promise<RecordPage & { hasMore: boolean }> {
		if (!isPageToRead(this.settings, recordType, index))
			return { index, records: [], hasMore: false };
		const page = await this.fetchPage(recordType, index, pageSize, options);
		return { ...page, hasMore: hasMorePages(this.settings, recordType, page, pageSize) };
	}

	/** Every record (up to `limit`). */
	async fetchRecords(recordType: RecordType, options: FetchOptions = {}): Promise<FetchResult> {
		const limit = options.limit;
		const records: RawRecord[] = [];
		let pages = 0;
		let total: number | undefined;
		for await (const page of this.pages(recordType, options)) {
			pages++;
			if (page.total !== undefined) total = page.total;
			for (const record of page.records) {
				if (limit !== undefined && limit > 0 && records.length >= limit) break;
				records.push(record);
			}
		}
		return { records, pages, ...(total !== undefined ? { total } : {}) };
	}
}
