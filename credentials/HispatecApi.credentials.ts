import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { advancedCredentialProperties } from '../nodes/Hispatec/credential/advancedProperties';
import { loginRequestExpressions } from '../nodes/shared/hispatec/soap/loginExpressions';
import { HISPATEC_DEFAULTS as D } from '../nodes/shared/hispatec/soap/settings';

/**
 * Hispatec ERPagro SOAP API: server URL, user and password, plus every name of the SOAP contract.
 * Defaults are the reference contract (docs/hispatec.md, "Hispatec credential"), each taken from the one defaults table,
 * HISPATEC_DEFAULTS (nodes/shared/hispatec/soap/settings.ts); "Customize Advanced Settings" shows the
 * rarely changed ones (nodes/Hispatec/credential/advancedProperties.ts; off = reference defaults).
 *
 * No `authenticate`: the nodes log in with a SOAP call and put the token into each envelope.
 *
 * Tested declaratively (`test` below, sent by n8n itself): the real login call, built from the
 * credential by n8n expressions (nodes/shared/hispatec/soap/loginExpressions.ts). n8n judges the answer by its
 * HTTP status only (the XML body is not visible to a declarative test), so a SOAP fault (HTTP 500)
 * says "wrong username or password, or an operation the service does not know" without telling them
 * apart, and a 2xx answer passes even without a token in it. The nodes' own first call tells every
 * case apart (docs/hispatec.md, "Hispatec credential").
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
					message:
						'Nothing at Server URL + Service Path (HTTP 404): check the Service Path (the WSDL opens at Server URL + Service Path + ?wsdl).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 415,
					message:
						'The service refused the request format (HTTP 415): it expects the other SOAP Version. Switch SOAP 1.1 / SOAP 1.2.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 503,
					message:
						'The Hispatec server is unavailable (HTTP 503): try again later, or ask its administrator.',
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
			default: D.servicePath,
			description:
				'Path of the SOAP service on the server; its WSDL opens at Server URL + Service Path + ?wsdl',
		},
		{
			displayName: 'SOAP Version',
			name: 'soapVersion',
			type: 'options',
			options: [
				{ name: 'SOAP 1.1', value: '1.1' },
				{ name: 'SOAP 1.2', value: '1.2' },
			],
			default: D.soapVersion,
		},
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: D.namespace,
			description: 'Target namespace of the service (the targetNamespace attribute of the WSDL)',
		},
		{
			displayName: 'Login Operation',
			name: 'loginOperation',
			type: 'string',
			default: D.loginOperation,
		},
		{
			displayName: 'Contacts Operation',
			name: 'contactsOperation',
			type: 'string',
			default: D.contactsOperation,
		},
		{
			displayName: 'Companies Operation',
			name: 'companiesOperation',
			type: 'string',
			default: D.companiesOperation,
		},
		{
			// Stored as `sessionPlacement` (the name saved credentials have; renaming it would drop their
			// choice): where the session token, the token the login returns, goes. Read as `token.placement`
			// (HispatecSettings.token is the session token).
			displayName: 'Session Token Placement',
			name: 'sessionPlacement',
			type: 'options',
			options: [
				{
					name: 'Body Parameter',
					value: 'body',
					description: 'A parameter of each operation (reference contract)',
				},
				{ name: 'HTTP Header', value: 'httpHeader', description: 'An HTTP header on each request' },
				{
					name: 'SOAP Header',
					value: 'soapHeader',
					description: 'A SOAP header block on each request',
				},
			],
			default: D.tokenPlacement,
			description: 'Where the session token (the token the login returns) goes on the data calls',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10000 },
			default: D.pageSize,
			description: 'Records requested per call',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: D.timeoutSeconds,
			description: 'How long to wait for each answer',
		},
		{
			displayName: 'Ignore TLS Certificate Errors',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server certificate cannot be validated (self-signed or expired). Only for servers you trust.',
		},
		{
			displayName: 'Customize Advanced Settings',
			name: 'customizeAdvanced',
			type: 'boolean',
			default: false,
			description:
				"Whether to change the rarely needed names of the SOAP contract. Off: the reference contract's defaults.",
		},
		...advancedCredentialProperties,
	];
}
