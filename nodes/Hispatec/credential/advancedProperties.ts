import type { INodeProperties } from 'n8n-workflow';
import { HISPATEC_DEFAULTS } from '../../shared/hispatec/soap/settings';

/**
 * The hispatecApi credential's advanced settings (shown with "Customize Advanced Settings"): the rarely
 * changed names of the SOAP contract, paging, caps and retries. Each default is the reference contract's,
 * from the one defaults table, HISPATEC_DEFAULTS (nodes/shared/hispatec/soap/settings.ts).
 *
 * The stored names `session*` (sessionElement, sessionParameter, …) stay as they are: saved credentials
 * keep working. They all concern the session token, the token the login returns.
 */
// Plain identifiers, not `HISPATEC_DEFAULTS.x`: n8n's lint for nodes/ reads a member expression as a missing default.
const {
	soapActionTemplate,
	loginUserParameter,
	loginPasswordParameter,
	tokenElement,
	tokenExpiryElement,
	tokenParameter,
	tokenHeaderElement,
	tokenHttpHeader,
	expiredTokenPattern,
	pagingMode,
	pageParameter,
	pageSizeParameter,
	firstPage,
	totalElement,
	maxPages,
	modifiedSinceParameter,
	modifiedSinceFormat,
	contactsContainer,
	contactRecord,
	companiesContainer,
	companyRecord,
	maxResponseSizeMb,
	maxRecords,
	maxRetries,
	retryBaseDelayMs,
} = HISPATEC_DEFAULTS;

const showAdvanced = { show: { customizeAdvanced: [true] } };

export const advancedCredentialProperties: INodeProperties[] = [
	{
		displayName: 'SOAP Action Template',
		name: 'soapActionTemplate',
		type: 'string',
		default: soapActionTemplate,
		displayOptions: showAdvanced,
		description:
			'SOAPAction of each call; {namespace} and {operation} are replaced. Leave empty to send an empty action.',
	},
	{
		displayName: 'Username Parameter',
		name: 'loginUserParameter',
		type: 'string',
		default: loginUserParameter,
		displayOptions: showAdvanced,
		description: 'Login parameter carrying the username',
	},
	{
		displayName: 'Password Parameter',
		name: 'loginPassParameter',
		type: 'string',
		default: loginPasswordParameter,
		displayOptions: showAdvanced,
		description: 'Login parameter carrying the password',
	},
	{
		displayName: 'Token Element',
		name: 'sessionElement',
		type: 'string',
		default: tokenElement,
		displayOptions: showAdvanced,
		description: 'Element of the login response holding the token (found anywhere in the response)',
	},
	{
		displayName: 'Token Expiry Element',
		name: 'sessionExpiryElement',
		type: 'string',
		default: tokenExpiryElement,
		displayOptions: showAdvanced,
		description: 'Element of the login response holding the expiry (informative)',
	},
	{
		displayName: 'Token Parameter',
		name: 'sessionParameter',
		type: 'string',
		default: tokenParameter,
		displayOptions: showAdvanced,
		description:
			'Element carrying the token on data calls (body parameter, or child of the SOAP header block)',
	},
	{
		displayName: 'Token Header Element',
		name: 'sessionHeaderElement',
		type: 'string',
		default: tokenHeaderElement,
		displayOptions: showAdvanced,
		description: 'SOAP header block wrapping the token (Session Token Placement: SOAP Header)',
	},
	{
		displayName: 'Token Header Namespace',
		name: 'sessionHeaderNamespace',
		type: 'string',
		default: '',
		displayOptions: showAdvanced,
		description: 'Namespace of the SOAP header block; empty = the service namespace',
	},
	{
		displayName: 'Token HTTP Header',
		name: 'sessionHttpHeader',
		type: 'string',
		default: tokenHttpHeader,
		displayOptions: showAdvanced,
		description: 'HTTP header carrying the token (Session Token Placement: HTTP Header)',
	},
	{
		displayName: 'Expired Token Fault',
		name: 'expiredSessionPattern',
		type: 'string',
		default: expiredTokenPattern,
		displayOptions: showAdvanced,
		description:
			'Fault text meaning "log in again" (case- and accent-insensitive regular expression). A call failing with it logs in once more and is retried.',
	},
	{
		displayName: 'Paging',
		name: 'pagingMode',
		type: 'options',
		options: [
			{
				name: 'Page Number',
				value: 'page',
				description: 'Page Parameter = page number, Page Size Parameter = page size',
			},
			{
				name: 'Record Offset',
				value: 'offset',
				description: 'Page Parameter = 0-based record offset',
			},
			{ name: 'None', value: 'none', description: 'One call returns everything' },
		],
		default: pagingMode,
		displayOptions: showAdvanced,
	},
	{
		displayName: 'Page Parameter',
		name: 'pageParameter',
		type: 'string',
		default: pageParameter,
		displayOptions: showAdvanced,
	},
	{
		displayName: 'Page Size Parameter',
		name: 'pageSizeParameter',
		type: 'string',
		default: pageSizeParameter,
		displayOptions: showAdvanced,
	},
	{
		displayName: 'First Page Number',
		name: 'firstPage',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1 },
		default: firstPage,
		displayOptions: showAdvanced,
		description: 'Number of the first page (1 in the reference contract, 0 for 0-based services)',
	},
	{
		displayName: 'Total Element',
		name: 'totalElement',
		type: 'string',
		default: totalElement,
		displayOptions: showAdvanced,
		description:
			'Element with the total number of records; paging stops when it is reached or a short page arrives',
	},
	{
		displayName: 'Maximum Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: maxPages,
		displayOptions: showAdvanced,
		description: 'Hard cap on calls per read; reaching it is an error, never a silent cut',
	},
	{
		displayName: 'Modified Since Parameter',
		name: 'modifiedSinceParameter',
		type: 'string',
		default: modifiedSinceParameter,
		displayOptions: showAdvanced,
	},
	{
		displayName: 'Modified Since Format',
		name: 'modifiedSinceFormat',
		type: 'string',
		default: modifiedSinceFormat,
		displayOptions: showAdvanced,
		description:
			'ISO = ISO 8601 in UTC (2024-05-01T08:30:00Z); otherwise a Luxon format such as dd/MM/yyyy, in the workflow time zone',
	},
	{
		displayName: 'Contacts Container Element',
		name: 'contactsContainer',
		type: 'string',
		default: contactsContainer,
		displayOptions: showAdvanced,
		description: 'Parent of the contact records; empty = anywhere (DataSet responses)',
	},
	{
		displayName: 'Contact Record Element',
		name: 'contactRecord',
		type: 'string',
		default: contactRecord,
		displayOptions: showAdvanced,
		description: 'Element of one contact (Table for DataSet responses)',
	},
	{
		displayName: 'Companies Container Element',
		name: 'companiesContainer',
		type: 'string',
		default: companiesContainer,
		displayOptions: showAdvanced,
		description: 'Parent of the company records; empty = anywhere (DataSet responses)',
	},
	{
		displayName: 'Company Record Element',
		name: 'companyRecord',
		type: 'string',
		default: companyRecord,
		displayOptions: showAdvanced,
		description: 'Element of one company (Table for DataSet responses)',
	},
	{
		displayName: 'Maximum Response Size (MB)',
		name: 'maxResponseSizeMb',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 2000 },
		default: maxResponseSizeMb,
		displayOptions: showAdvanced,
		description: 'Larger answers are refused while downloading',
	},
	{
		displayName: 'Maximum Records',
		name: 'maxRecords',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: maxRecords,
		displayOptions: showAdvanced,
		description: 'Hard cap on records per read',
	},
	{
		displayName: 'Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: maxRetries,
		displayOptions: showAdvanced,
		description:
			'How many times a call is tried again after a transient failure (HTTP 5xx, soap:Server fault, dropped or timed-out connection, truncated answer); 0 = never. Wrong credentials, security refusals and the size caps are never retried.',
	},
	{
		displayName: 'Retry Base Delay (Ms)',
		name: 'retryBaseDelayMs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 60000 },
		default: retryBaseDelayMs,
		displayOptions: showAdvanced,
		description:
			'Wait before the first retry; it doubles on each further retry (with random jitter, at most 30 s per wait)',
	},
];
