/**
 * The credential's Base URL: its clean form and the API generation it selects. Written once, as
 * functions (the nodes' transport) and as the same code in n8n expressions over `$credentials`
 * (the credential's declarative test, which n8n evaluates itself). No n8n imports: plain strings.
 */
import type { ApiGeneration } from './types';

/** Trailing slashes, removed from the Base URL. */
const TRAILING_SLASHES = /\/+$/;
/** A Base URL ending in `/v2` selects API v2 ("API plus"). */
const V2_PATH = /\/v2$/i;
const HTTP_URL = /^https?:\/\/[^/]+/i;

/** Where the Base URL is documented, for messages. */
export const BASE_URL_HINT =
	'Use https://api.clientify.net/v1 (or https://api-plus.clientify.com/v2).';

/** Trimmed, without trailing slashes; undefined when not an http(s) URL. */
export function normalizeBaseUrl(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim().replace(TRAILING_SLASHES, '') : '';
	if (!HTTP_URL.test(text)) return undefined;
	return text;
}

/** `…/v2` → v2 ("API plus"); anything else → v1. */
export function apiGenerationOf(baseUrl: string): ApiGeneration {
	return V2_PATH.test(baseUrl.replace(TRAILING_SLASHES, '')) ? 'v2' : 'v1';
}

/** The Base URL as the nodes use it (trimmed, without trailing slashes), as expression code. */
export const BASE_URL_EXPRESSION_CODE = `String($credentials.baseUrl || "").trim().replace(${String(TRAILING_SLASHES)}, "")`;

/** Expression code: whether the Base URL selects API v2 (the same test as `apiGenerationOf`). */
export const IS_V2_EXPRESSION_CODE = `${String(V2_PATH)}.test(${BASE_URL_EXPRESSION_CODE})`;
