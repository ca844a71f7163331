/**
 * The reference contract of the Hispatec SOAP service as one defaults table, and the credential data as
 * n8n stores it. No n8n imports. The credential (credentials/HispatecApi.credentials.ts and
 * nodes/Hispatec/credential/advancedProperties.ts) takes each property's default from HISPATEC_DEFAULTS;
 * settings.ts resolves stored data against it.
 */
import type { SoapVersion } from './envelope';
import { DEFAULT_RETRY } from './retry';

/** Where the session token goes on the data calls (credential `sessionPlacement`). */
export type TokenPlacement = 'body' | 'soapHeader' | 'httpHeader';
export type PagingMode = 'page' | 'offset' | 'none';

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
