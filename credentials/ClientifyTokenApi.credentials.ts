import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_EXPRESSION_CODE,
	IS_V2_EXPRESSION_CODE,
} from '../nodes/shared/clientify/client/client';

const HINT = 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2 for API v2).';

/**
 * Clientify API key ("Token" scheme). Named `clientifyTokenApi` because credential type names are
 * global in n8n and the official Clientify community package already defines `clientifyApi`.
 *
 * Tested declaratively (`test` below, run by n8n itself): `GET <Base URL>/contacts/?page_size=1` with
 * the key, with HTTP errors ignored so that n8n's rules read Clientify's body whatever the status:
 * `Invalid token.` → the key is wrong; `Api key not provided.` → no key reached Clientify; no
 * `results` list (an HTML page, another error) → the Base URL is not the API; a list → OK. No answer
 * → n8n's network error.
 */
export class ClientifyTokenApi implements ICredentialType {
	name = 'clientifyTokenApi';

	displayName = 'Clientify Token API';

	icon = { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' } as const;

	documentationUrl = 'https://github.com/SET-ME/n8n-nodes-hispatec#clientify-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key from Clientify: Settings → Integrations → API (sent as "Authorization: Token &lt;key&gt;")',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.clientify.net/v1',
			required: true,
			placeholder: 'https://api.clientify.net/v1',
			description:
				'Clientify API v1 is https://api.clientify.net/v1; API v2 ("API plus") is https://api-plus.clientify.com/v2. A Base URL ending in /v2 switches the node to v2 requests.',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: `={{ ${BASE_URL_EXPRESSION_CODE} }}`,
			url: '/contacts/',
			qs: {
				page_size: 1,
				// API v2 lists only the requested fields; one is enough (left out on v1)
				fields: `={{ ${IS_V2_EXPRESSION_CODE} ? "id" : undefined }}`,
			},
			headers: { Accept: 'application/json' },
			// every answer reaches the rules below, which read Clientify's body (its status alone
			// does not tell a missing key from a wrong Base URL: both are 404)
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'Invalid token.',
					message:
						'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'Api key not provided.',
					message: 'Clientify received no API key (404 Api key not provided.). Enter the API key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'A server error occurred.',
					message:
						'Clientify failed with a server error (500 A server error occurred.): try again later.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'results',
					value: undefined,
					message: `The Base URL did not answer with a Clientify list of contacts (an HTML page, another error or another API): it is not the Clientify API. Check the Base URL. ${HINT}`,
				},
			},
		],
	};

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.apiKey}}',
			},
		},
	};
}
