import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { loginRequestExpressions } from '../nodes/shared/hispatec/soap/loginExpressions';

const advanced = { show: { customizeAdvanced: [true] } };

/**
 * Hispatec ERPagro SOAP API: server URL, user and password, plus every name of the SOAP contract.
 * Defaults are the reference contract (README, "Hispatec"); "Customize Advanced Settings" shows the
 * rarely changed ones (off = reference defaults).
 *
 * No `authenticate`: the nodes log in with a SOAP call and put the token into each envelope.
 *
 * Tested declaratively (`test` below, sent by n8n itself): the real login call, built from the
 * credential by n8n expressions (nodes/shared/hispatec/soap/loginExpressions.ts). n8n judges the answer by its
 * HTTP status only (the XML body is not visible to a declarative test), so a SOAP fault (HTTP 500)
 * says "wrong username or password, or an operation the service does not know" without telling them
 * apart, and a 2xx answer passes even without a token in it. The nodes' own first call tells every
 * case apart (README "Hispatec credential").
 */
export class HispatecApi implements ICredentialType {
	name = 'hispatecApi';

	displayName = 'Hispatec ERPagro API';

	icon = { light: 'file:hispatec.svg', dark: 'file:hispatec.dark.svg' } as const;

	documentationUrl = 'https://github.com/SET-ME/n8n-nodes-hispatec#hispatec-credential';

	test: ICredentialTestRequest = {
		request: { method: 'POST', ...loginRequestExpressions() },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 500,
					message:
						'Hispatec refused the login with a SOAP fault (HTTP 500): most often a wrong username or password; otherwise a Login Operation, Namespace or SOAP Action the service does not know. Check the username and password first.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing at Server URL + Service Path (HTTP 404): check the Service Path (the WSDL opens at Server URL + Service Path + ?wsdl).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 415,
					message: 'The service refused the request format (HTTP 415): it expects the other SOAP Version. Switch SOAP 1.1 / SOAP 1.2.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 503,
					message: 'The Hispatec server is unavailable (HTTP 503): try again later, or ask its administrator.',
				},
			},
		],
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://erp.example.com',
			description: 'Address of the Hispatec server, without the service path',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Service Path',
			name: 'servicePath',
			type: 'string',
			default: '/IntegracionCRM.asmx',
			description: 'Path of the SOAP service on the server; its WSDL opens at Server URL + Service Path + ?wsdl',
		},
		{
			displayName: 'SOAP Version',
			name: 'soapVersion',
			type: 'options',
			options: [
				{ name: 'SOAP 1.1', value: '1.1' },
				{ name: 'SOAP 1.2', value: '1.2' },
			],
			default: '1.1',
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'urn:hispatec:erpagro:crm',
			description: 'Target namespace of the service (the targetNamespace attribute of the WSDL)',
		},
		{
			displayName: 'Login Operation',
			name: 'loginOperation',
			type: 'string',
			default: 'Login',
		},
		{
			displayName: 'Contacts Operation',
			name: 'contactsOperation',
			type: 'string',
			default: 'ObtenerContactos',
		},
		{
			displayName: 'Companies Operation',
			name: 'companiesOperation',
			type: 'string',
			default: 'ObtenerEmpresas',
		},
		{
			displayName: 'Token Placement',
			name: 'sessionPlacement',
			type: 'options',
			options: [
				{ name: 'Body Parameter', value: 'body', description: 'A parameter of each operation (reference contract)' },
				{ name: 'HTTP Header', value: 'httpHeader', description: 'An HTTP header on each request' },
				{ name: 'SOAP Header', value: 'soapHeader', description: 'A SOAP header block on each request' },
			],
			default: 'body',
			description: 'Where the login token goes on the data calls',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10000 },
			default: 500,
			description: 'Records requested per call',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 60,
			description: 'How long to wait for each answer',
		},
		{
			displayName: 'Ignore TLS Certificate Errors',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated (self-signed or expired). Only for servers you trust.',
		},
		{
			displayName: 'Customize Advanced Settings',
			name: 'customizeAdvanced',
			type: 'boolean',
			default: false,
			description: "Whether to change the rarely needed names of the SOAP contract. Off: the reference contract's defaults.",
		},
		{
			displayName: 'SOAP Action Template',
			name: 'soapActionTemplate',
			type: 'string',
			default: '{namespace}/{operation}',
			displayOptions: advanced,
			description: 'SOAPAction of each call; {namespace} and {operation} are replaced. Leave empty to send an empty action.',
		},
		{
			displayName: 'Username Parameter',
			name: 'loginUserParameter',
			type: 'string',
			default: 'Usuario',
			displayOptions: advanced,
			description: 'Login parameter carrying the username',
		},
		{
			displayName: 'Password Parameter',
			name: 'loginPassParameter',
			type: 'string',
			default: 'Password',
			displayOptions: advanced,
			description: 'Login parameter carrying the password',
		},
		{
			displayName: 'Token Element',
			name: 'sessionElement',
			type: 'string',
			default: 'Token',
			displayOptions: advanced,
			description: 'Element of the login response holding the token (found anywhere in the response)',
		},
		{
			displayName: 'Token Expiry Element',
			name: 'sessionExpiryElement',
			type: 'string',
			default: 'Caducidad',
			displayOptions: advanced,
			description: 'Element of the login response holding the expiry (informative)',
		},
		{
			displayName: 'Token Parameter',
			name: 'sessionParameter',
			type: 'string',
			default: 'Token',
			displayOptions: advanced,
			description: 'Element carrying the token on data calls (body parameter, or child of the SOAP header block)',
		},
		{
			displayName: 'Token Header Element',
			name: 'sessionHeaderElement',
			type: 'string',
			default: 'AuthHeader',
			displayOptions: advanced,
			description: 'SOAP header block wrapping the token (Token Placement: SOAP Header)',
		},
		{
			displayName: 'Token Header Namespace',
			name: 'sessionHeaderNamespace',
			type: 'string',
			default: '',
			displayOptions: advanced,
			description: 'Namespace of the SOAP header block; empty = the service namespace',
		},
		{
			displayName: 'Token HTTP Header',
			name: 'sessionHttpHeader',
			type: 'string',
			default: 'Token',
			displayOptions: advanced,
			description: 'HTTP header carrying the token (Token Placement: HTTP Header)',
		},
		{
			displayName: 'Expired Token Fault',
			name: 'expiredSessionPattern',
			type: 'string',
			default: 'Token no valido o caducado',
			displayOptions: advanced,
			description: 'Fault text meaning "log in again" (case- and accent-insensitive regular expression). A call failing with it logs in once more and is retried.',
		},
		{
			displayName: 'Paging',
			name: 'pagingMode',
			type: 'options',
			options: [
				{ name: 'Page Number', value: 'page', description: 'Page Parameter = page number, Page Size Parameter = page size' },
				{ name: 'Record Offset', value: 'offset', description: 'Page Parameter = 0-based record offset' },
				{ name: 'None', value: 'none', description: 'One call returns everything' },
			],
			default: 'page',
			displayOptions: advanced,
		},
		{
			displayName: 'Page Parameter',
			name: 'pageParameter',
			type: 'string',
			default: 'Pagina',
			displayOptions: advanced,
		},
		{
			displayName: 'Page Size Parameter',
			name: 'pageSizeParameter',
			type: 'string',
			default: 'TamanoPagina',
			displayOptions: advanced,
		},
		{
			displayName: 'First Page Number',
			name: 'firstPage',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1 },
			default: 1,
			displayOptions: advanced,
			description: 'Number of the first page (1 in the reference contract, 0 for 0-based services)',
		},
		{
			displayName: 'Total Element',
			name: 'totalElement',
			type: 'string',
			default: 'Total',
			displayOptions: advanced,
			description: 'Element with the total number of records; paging stops when it is reached or a short page arrives',
		},
		{
			displayName: 'Maximum Pages',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			displayOptions: advanced,
			description: 'Hard cap on calls per read; reaching it is an error, never a silent cut',
		},
		{
			displayName: 'Modified Since Parameter',
			name: 'modifiedSinceParameter',
			type: 'string',
			default: 'ModificadoDesde',
			displayOptions: advanced,
		},
		{
			displayName: 'Modified Since Format',
			name: 'modifiedSinceFormat',
			type: 'string',
			default: 'ISO',
			displayOptions: advanced,
			description: 'ISO = ISO 8601 in UTC (2024-05-01T08:30:00Z); otherwise a Luxon format such as dd/MM/yyyy, in the workflow time zone',
		},
		{
			displayName: 'Contacts Container Element',
			name: 'contactsContainer',
			type: 'string',
			default: 'Contactos',
			displayOptions: advanced,
			description: 'Parent of the contact records; empty = anywhere (DataSet responses)',
		},
		{
			displayName: 'Contact Record Element',
			name: 'contactRecord',
			type: 'string',
			default: 'Contacto',
			displayOptions: advanced,
			description: 'Element of one contact (Table for DataSet responses)',
		},
		{
			displayName: 'Companies Container Element',
			name: 'companiesContainer',
			type: 'string',
			default: 'Empresas',
			displayOptions: advanced,
			description: 'Parent of the company records; empty = anywhere (DataSet responses)',
		},
		{
			displayName: 'Company Record Element',
			name: 'companyRecord',
			type: 'string',
			default: 'Empresa',
			displayOptions: advanced,
			description: 'Element of one company (Table for DataSet responses)',
		},
		{
			displayName: 'Maximum Response Size (MB)',
			name: 'maxResponseSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 2000 },
			default: 100,
			displayOptions: advanced,
			description: 'Larger answers are refused while downloading',
		},
		{
			displayName: 'Maximum Records',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 500000,
			displayOptions: advanced,
			description: 'Hard cap on records per read',
		},
		{
			displayName: 'Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			displayOptions: advanced,
			description:
				'How many times a call is tried again after a transient failure (HTTP 5xx, soap:Server fault, dropped or timed-out connection, truncated answer); 0 = never. Wrong credentials, security refusals and the size caps are never retried.',
		},
		{
			displayName: 'Retry Base Delay (Ms)',
			name: 'retryBaseDelayMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60000 },
			default: 1000,
			displayOptions: advanced,
			description: 'Wait before the first retry; it doubles on each further retry (with random jitter, at most 30 s per wait)',
		},
	];
}
