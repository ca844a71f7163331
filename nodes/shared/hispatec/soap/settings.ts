/**
 * Hispatec SOAP settings: the reference contract of the service as one defaults table, the credential
 * data as n8n stores it, and that data resolved against the defaults, every name overridable from the
 * credential and checked. No n8n imports. The credential (credentials/HispatecApi.credentials.ts and
 * nodes/Hispatec/credential/advancedProperties.ts) takes each property's default from HISPATEC_DEFAULTS.
 */
import type { RecordType } from '../../types';
import { DEFAULT_RETRY, type RetrySettings } from './retry';

export type SoapVersion = '1.1' | '1.2';

/** Where the session token goes on the data calls (credential `sessionPlacement`). */
type TokenPlacement = 'body' | 'soapHeader' | 'httpHeader';
type PagingMode = 'page' | 'offset' | 'none';

/** Credential data as stored by n8n (all optional: older credentials lack newer fields). */
export interface HispatecCredentialData {
	serverUrl?: string;
	username?: string;
	password?: string;
	servicePath?: string;
	soapVersion?: string;
	namespace?: string;
	loginOperation?: string;
	contactsOperation?: string;
	companiesOperation?: string;
	sessionPlacement?: string;
	pageSize?: number;
	timeout?: number;
	ignoreSslIssues?: boolean;
	customizeAdvanced?: boolean;
	soapActionTemplate?: string;
	loginUserParameter?: string;
	loginPassParameter?: string;
	sessionElement?: string;
	sessionExpiryElement?: string;
	sessionParameter?: string;
	sessionHeaderElement?: string;
	sessionHeaderNamespace?: string;
	sessionHttpHeader?: string;
	expiredSessionPattern?: string;
	pagingMode?: string;
	pageParameter?: string;
	pageSizeParameter?: string;
	firstPage?: number;
	totalElement?: string;
	maxPages?: number;
	modifiedSinceParameter?: string;
	modifiedSinceFormat?: string;
	contactsContainer?: string;
	contactRecord?: string;
	companiesContainer?: string;
	companyRecord?: string;
	maxResponseSizeMb?: number;
	maxRecords?: number;
	maxRetries?: number;
	retryBaseDelayMs?: number;
}

/** The reference contract (docs/hispatec.md, "Hispatec credential"). */
export const HISPATEC_DEFAULTS = {
	servicePath: '/IntegracionCRM.asmx',
	soapVersion: '1.1' as SoapVersion,
	namespace: 'urn:hispatec:erpagro:crm',
	loginOperation: 'Login',
	contactsOperation: 'ObtenerContactos',
	companiesOperation: 'ObtenerEmpresas',
	tokenPlacement: 'body' as TokenPlacement,
	pageSize: 500,
	timeoutSeconds: 60,
	soapActionTemplate: '{namespace}/{operation}',
	loginUserParameter: 'Usuario',
	loginPasswordParameter: 'Password',
	tokenElement: 'Token',
	tokenExpiryElement: 'Caducidad',
	tokenParameter: 'Token',
	tokenHeaderElement: 'AuthHeader',
	tokenHttpHeader: 'Token',
	expiredTokenPattern: 'Token no valido o caducado',
	pagingMode: 'page' as PagingMode,
	pageParameter: 'Pagina',
	pageSizeParameter: 'TamanoPagina',
	firstPage: 1,
	totalElement: 'Total',
	maxPages: 1000,
	modifiedSinceParameter: 'ModificadoDesde',
	modifiedSinceFormat: 'ISO',
	contactsContainer: 'Contactos',
	contactRecord: 'Contacto',
	companiesContainer: 'Empresas',
	companyRecord: 'Empresa',
	maxResponseSizeMb: 100,
	maxRecords: 500000,
	maxRetries: DEFAULT_RETRY.maxRetries,
	retryBaseDelayMs: DEFAULT_RETRY.baseDelayMs,
	retryMaxDelayMs: DEFAULT_RETRY.maxDelayMs,
} as const;

interface RecordElements {
	/** Parent element of the records (`Contactos`); empty = any parent (DataSets). */
	container: string;
	/** Record element (`Contacto`, DataSet `Table`). */
	record: string;
}

export interface HispatecSettings {
	/** Server URL + service path. */
	endpoint: string;
	username: string;
	password: string;
	soapVersion: SoapVersion;
	namespace: string;
	soapActionTemplate: string;
	operations: { login: string } & Record<RecordType, string>;
	loginParameters: { username: string; password: string };
	tokenElement: string;
	tokenExpiryElement: string;
	/** The session token (the login's answer): where it goes on the data calls (credential `sessionPlacement`). */
	token: {
		placement: TokenPlacement;
		/** Element carrying the token (body parameter or child of the header element). */
		parameter: string;
		headerElement: string;
		headerNamespace: string;
		httpHeader: string;
	};
	/** Fault text that means "log in again" (case-insensitive regular expression, or plain text). */
	expiredTokenPattern: string;
	paging: {
		mode: PagingMode;
		pageParameter: string;
		pageSizeParameter: string;
		firstPage: number;
		pageSize: number;
		totalElement: string;
		maxPages: number;
	};
	modifiedSince: { parameter: string; format: string };
	records: Record<RecordType, RecordElements>;
	timeoutMs: number;
	ignoreTlsErrors: boolean;
	maxResponseBytes: number;
	maxRecords: number;
	/** Retries of transient failures (retry.ts). */
	retry: RetrySettings;
}

export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

function str(value: unknown, fallback: string): string {
	if (typeof value !== 'string') return fallback;
	const trimmed = value.trim();
	return trimmed === '' ? fallback : trimmed;
}

function num(value: unknown, fallback: number, min: number, max: number, label: string): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n) || n < min || n > max) {
		throw new SettingsError(
			`${label} must be a number between ${min} and ${max} (got "${String(value)}")`,
		);
	}
	return Math.floor(n);
}

function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	fallback: T,
	label: string,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new SettingsError(`${label} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/** `https://erp.example.com/` + `IntegracionCRM.asmx` → `https://erp.example.com/IntegracionCRM.asmx`. */
function buildEndpoint(serverUrl: string, servicePath: string): string {
	const base = serverUrl.trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(base)) {
		throw new SettingsError(`Server URL must start with http:// or https:// (got "${serverUrl}")`);
	}
	const path = servicePath.trim();
	if (path === '') return base;
	return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Turns stored credential data into validated settings; missing values take the reference defaults. */
export function resolveSettings(data: HispatecCredentialData): HispatecSettings {
	const d = HISPATEC_DEFAULTS;
	const advanced = data.customizeAdvanced === true;
	const a = (value: string | undefined, fallback: string) =>
		advanced ? str(value, fallback) : fallback;
	/** An advanced text that may be set to empty on purpose (trimmed, not replaced by the default). */
	const mayBeEmpty = (value: unknown, fallback: string) =>
		advanced && typeof value === 'string' ? value.trim() : fallback;
	const an = (
		value: number | undefined,
		fallback: number,
		min: number,
		max: number,
		label: string,
	) => (advanced ? num(value, fallback, min, max, label) : fallback);

	const serverUrl = str(data.serverUrl, '');
	if (serverUrl === '') throw new SettingsError('The credential has no Server URL');
	const namespace = str(data.namespace, d.namespace);

	const settings: HispatecSettings = {
		endpoint: buildEndpoint(
			serverUrl,
			typeof data.servicePath === 'string' ? data.servicePath : d.servicePath,
		),
		username: typeof data.username === 'string' ? data.username : '',
		password: typeof data.password === 'string' ? data.password : '',
		soapVersion: oneOf(data.soapVersion, ['1.1', '1.2'] as const, d.soapVersion, 'SOAP Version'),
		namespace,
		soapActionTemplate: mayBeEmpty(data.soapActionTemplate, d.soapActionTemplate),
		operations: {
			login: str(data.loginOperation, d.loginOperation),
			contact: str(data.contactsOperation, d.contactsOperation),
			company: str(data.companiesOperation, d.companiesOperation),
		},
		loginParameters: {
			username: a(data.loginUserParameter, d.loginUserParameter),
			password: a(data.loginPassParameter, d.loginPasswordParameter),
		},
		tokenElement: a(data.sessionElement, d.tokenElement),
		tokenExpiryElement: a(data.sessionExpiryElement, d.tokenExpiryElement),
		token: {
			placement: oneOf(
				data.sessionPlacement,
				['body', 'soapHeader', 'httpHeader'] as const,
				d.tokenPlacement,
				'Session Token Placement',
			),
			parameter: a(data.sessionParameter, d.tokenParameter),
			headerElement: a(data.sessionHeaderElement, d.tokenHeaderElement),
			headerNamespace: a(data.sessionHeaderNamespace, namespace),
			httpHeader: a(data.sessionHttpHeader, d.tokenHttpHeader),
		},
		expiredTokenPattern: a(data.expiredSessionPattern, d.expiredTokenPattern),
		paging: {
			mode: advanced
				? oneOf(data.pagingMode, ['page', 'offset', 'none'] as const, d.pagingMode, 'Paging')
				: d.pagingMode,
			pageParameter: a(data.pageParameter, d.pageParameter),
			pageSizeParameter: a(data.pageSizeParameter, d.pageSizeParameter),
			firstPage: an(data.firstPage, d.firstPage, 0, 1, 'First Page Number'),
			pageSize: num(data.pageSize, d.pageSize, 1, 10000, 'Page Size'),
			totalElement: a(data.totalElement, d.totalElement),
			maxPages: an(data.maxPages, d.maxPages, 1, 100000, 'Maximum Pages'),
		},
		modifiedSince: {
			parameter: a(data.modifiedSinceParameter, d.modifiedSinceParameter),
			format: a(data.modifiedSinceFormat, d.modifiedSinceFormat),
		},
		records: {
			contact: {
				container: mayBeEmpty(data.contactsContainer, d.contactsContainer),
				record: a(data.contactRecord, d.contactRecord),
			},
			company: {
				container: mayBeEmpty(data.companiesContainer, d.companiesContainer),
				record: a(data.companyRecord, d.companyRecord),
			},
		},
		timeoutMs: num(data.timeout, d.timeoutSeconds, 1, 3600, 'Timeout') * 1000,
		ignoreTlsErrors: data.ignoreSslIssues === true,
		maxResponseBytes:
			an(data.maxResponseSizeMb, d.maxResponseSizeMb, 1, 2000, 'Maximum Response Size') *
			1024 *
			1024,
		maxRecords: an(data.maxRecords, d.maxRecords, 1, 10000000, 'Maximum Records'),
		retry: {
			maxRetries: an(data.maxRetries, d.maxRetries, 0, 10, 'Retries'),
			baseDelayMs: an(data.retryBaseDelayMs, d.retryBaseDelayMs, 0, 60000, 'Retry Base Delay'),
			maxDelayMs: d.retryMaxDelayMs,
		},
	};

	// Fail early, with the setting's name, on names that cannot be XML elements.
	const names: Array<[string, string]> = [
		[settings.operations.login, 'Login Operation'],
		[settings.operations.contact, 'Contacts Operation'],
		[settings.operations.company, 'Companies Operation'],
		[settings.loginParameters.username, 'Username Parameter'],
		[settings.loginParameters.password, 'Password Parameter'],
		[settings.tokenElement, 'Token Element'],
		[settings.tokenExpiryElement, 'Token Expiry Element'],
		[settings.token.parameter, 'Token Parameter'],
		[settings.token.headerElement, 'Token Header Element'],
		[settings.paging.pageParameter, 'Page Parameter'],
		[settings.paging.pageSizeParameter, 'Page Size Parameter'],
		[settings.paging.totalElement, 'Total Element'],
		[settings.modifiedSince.parameter, 'Modified Since Parameter'],
		[settings.records.contact.record, 'Contact Record Element'],
		[settings.records.company.record, 'Company Record Element'],
	];
	if (settings.records.contact.container !== '')
		names.push([settings.records.contact.container, 'Contacts Container Element']);
	if (settings.records.company.container !== '')
		names.push([settings.records.company.container, 'Companies Container Element']);
	for (const [name, label] of names) {
		const problem = elementNameProblem(name, label);
		if (problem) throw new SettingsError(problem);
	}
	if (!/^[A-Za-z0-9-]+$/.test(settings.token.httpHeader)) {
		throw new SettingsError(
			`"${settings.token.httpHeader}" is not a valid HTTP header name (setting "Token HTTP Header")`,
		);
	}
	return settings;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Why a name from the settings cannot be an element name, or `undefined` when it can. */
export function elementNameProblem(name: string, setting: string): string | undefined {
	if (XML_NAME.test(name)) return undefined;
	return `"${name}" is not a valid XML element name (setting "${setting}"): use letters, digits, '_', '-' or '.', starting with a letter`;
}
