/**
 * The Base URL rule (nodes/shared/clientify/client/client.ts): the transport's functions and the
 * credential test's expressions are the same code.
 */
import {
	BASE_URL_EXPRESSION_CODE,
	IS_V2_EXPRESSION_CODE,
	apiGenerationOf,
	normalizeBaseUrl,
} from '../../../../../nodes/shared/clientify/client/client';

/** Evaluates expression code as n8n would, with `$credentials` in scope. */
function evaluate(code: string, baseUrl: unknown): unknown {
	// eslint-disable-next-line @typescript-eslint/no-implied-eval
	return new Function('$credentials', `return ${code};`)({ baseUrl });
}

describe('Base URL', () => {
	const urls = [
		'https://api.clientify.net/v1',
		' https://api.clientify.net/v1/ ',
		'https://api-plus.clientify.com/v2//',
		'https://api-plus.clientify.com/V2',
		'http://localhost:3000/v2x',
	];
	it.each(urls)('%j: the expressions give what the functions give', (url) => {
		expect(evaluate(BASE_URL_EXPRESSION_CODE, url)).toBe(normalizeBaseUrl(url));
		expect(evaluate(IS_V2_EXPRESSION_CODE, url)).toBe(apiGenerationOf(url) === 'v2');
	});
	it('rejects what is not an http(s) URL', () => {
		expect(normalizeBaseUrl('api.clientify.net/v1')).toBeUndefined();
		expect(normalizeBaseUrl(undefined)).toBeUndefined();
		expect(apiGenerationOf('https://api-plus.clientify.com/v2/')).toBe('v2');
	});
});
