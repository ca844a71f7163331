/**
 * The Clientify client's configuration from the node's credential: the one place the Base URL is
 * checked and the client configured (Clientify Upsert, its pick-list, Clientify Index).
 */
import {
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { BASE_URL_HINT, apiGenerationOf, normalizeBaseUrl } from '../../shared/clientify/baseUrl';
import type { RetryTiming } from '../../shared/clientify';
import { CREDENTIAL_TYPE, type ClientifyClientConfig } from './index';

export interface RetryConfig {
	timing: RetryTiming;
	/** Waits between retries (n8n-workflow's `sleep` when absent). */
	sleep?: (ms: number) => Promise<void>;
}

export async function clientConfigFromCredentials(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	retry: RetryConfig,
): Promise<ClientifyClientConfig> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's Base URL "${String(credentials.baseUrl ?? '')}" is not an http(s) URL`,
			{
				description: BASE_URL_HINT,
			},
		);
	}
	return {
		baseUrl,
		generation: apiGenerationOf(baseUrl),
		timing: retry.timing,
		...(retry.sleep ? { sleep: retry.sleep } : {}),
		secrets: typeof credentials.apiKey === 'string' ? [credentials.apiKey.trim()] : [],
	};
}
