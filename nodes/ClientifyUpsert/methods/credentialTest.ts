/**
 * Test of the `clientifyTokenApi` credential. A declarative test cannot tell these apart, so the
 * answer of `GET <Base URL>/contacts/?page_size=1` is judged by its body:
 * - 2xx with a list → OK;
 * - 401 `Invalid token.` → the key is wrong;
 * - 404 `Api key not provided.` → no key reached Clientify;
 * - an HTML page (404 or otherwise) → the Base URL is not the API;
 * - no answer → the host is wrong or unreachable.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { summarizeErrorBody } from '../transport/errors';

const HINT = 'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2 for API v2).';

function detailOf(body: unknown): string {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const detail = (body as { detail?: unknown }).detail;
		if (typeof detail === 'string') return detail;
	}
	return '';
}

function isHtml(body: unknown): boolean {
	return typeof body === 'string' && /<html|<!doctype|<body/i.test(body);
}

export async function clientifyTokenApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey.trim() : '';
	const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl.trim().replace(/\/+$/, '') : '';
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		return { status: 'Error', message: `The Base URL "${baseUrl}" is not an http(s) URL. ${HINT}` };
	}
	const v2 = /\/v2$/i.test(baseUrl);
	const url = `${baseUrl}/contacts/`;
	const qs: Record<string, string | number> = { page_size: 1 };
	if (v2) qs.fields = 'id';
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (apiKey) headers.Authorization = `Token ${apiKey}`;

	let response: { statusCode: number; body: unknown };
	try {
		// Credential tests only get n8n's `request` helper (CredentialTestContext has no httpRequest).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri: url,
			qs,
			headers,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const e = error as { code?: string; message?: string };
		return {
			status: 'Error',
			message: `No answer from ${baseUrl} (${e.code ?? e.message ?? 'network error'}). Check the Base URL. ${HINT}`,
		};
	}
	const { statusCode, body } = response;
	const detail = detailOf(body);
	if (statusCode >= 200 && statusCode < 300 && body && typeof body === 'object' && Array.isArray((body as { results?: unknown }).results)) {
		return { status: 'OK', message: `Connection successful (Clientify API ${v2 ? 'v2' : 'v1'})` };
	}
	if (statusCode === 401 || /invalid token/i.test(detail)) {
		return {
			status: 'Error',
			message: `Clientify rejected the API key (${statusCode} ${detail || 'Invalid token.'}). Copy the key again from Clientify: Settings → Integrations → API.`,
		};
	}
	if (/api key not provided/i.test(detail)) {
		return { status: 'Error', message: `Clientify received no API key (${statusCode} ${detail}). Enter the API key.` };
	}
	if (isHtml(body)) {
		return {
			status: 'Error',
			message: `${url} is not the Clientify API: it answered ${statusCode} with an HTML page. Check the Base URL. ${HINT}`,
		};
	}
	return {
		status: 'Error',
		message: `Unexpected answer from ${url} (${statusCode}: ${summarizeErrorBody(body) || 'empty body'}). ${HINT}`,
	};
}
