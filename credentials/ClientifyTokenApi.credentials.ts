import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Clientify API key ("Token" scheme). Named `clientifyTokenApi` because credential type names are
 * global in n8n and the official Clientify community package already defines `clientifyApi`.
 *
 * Tested by the Clientify Upsert node (`testedBy: 'clientifyTokenApiTest'`), which tells a wrong key,
 * a missing key and a wrong Base URL apart.
 */
export class ClientifyTokenApi implements ICredentialType {
	name = 'clientifyTokenApi';

	displayName = 'Clientify Token API';

	icon = { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-hispatec/n8n-nodes-hispatec#clientify-credential';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.apiKey}}',
			},
		},
	};
}
