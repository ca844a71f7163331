import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

const HINT = 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2 for API v2).';
/** The Base URL as the nodes use it: trimmed, without trailing slashes (an n8n expression). */
const BASE_URL = 'String($credentials.baseUrl || "").trim().replace(/\\/+$/, "")';

/**
 * Clientify API key ("Token" scheme). Named `clientifyTokenApi` because credential type names are
 * global in n8n and the official Clientify community package already defines `clientifyApi`.
 *
 * Tested declaratively (`test` below, run by n8n itself): `GET <Base URL>/contacts/?page_size=1` with
 * the key. n8n judges the answer by its status code and, on success, by one body property, so:
 * 401 → the key is wrong; 404 → no key reached Clientify OR the Base URL is not the API (Clientify
 * answers both with 404; the body that told them apart is not visible to a declarative test); a 2xx
 * without a `results` list → the Base URL is not the API; no answer → n8n's network error code.
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
			description: 'The API key from Clientify: Settings → Integrations → API (sent as "Authorization: Token &lt;key&gt;")',
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
			baseURL: `={{ ${BASE_URL} }}`,
			url: '/contacts/',
			qs: {
				page_size: 1,
				// API v2 lists only the requested fields; one is enough (left out on v1)
				fields: `={{ /\\/v2$/i.test(${BASE_URL}) ? "id" : undefined }}`,
			},
			headers: { Accept: 'application/json' },
		},
		// n8n accepts either list type and checks each rule by its `type`; mixed on purpose.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Clientify answered 404 to GET <Base URL>/contacts/: either no API key reached it ("Api key not provided.") or the Base URL is not the Clientify API. Check the API key, then the Base URL. ${HINT}`,
				},
			},
			{
				type: 'responseCode',
				properties: { value: 500, message: 'Clientify failed with HTTP 500 (a server error): try again later.' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'results',
					value: undefined,
					message: `The Base URL answered, but not with a Clientify list of contacts: it is not the Clientify API. ${HINT}`,
				},
			},
		] as Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> as ICredentialTestRequest['rules'],
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
