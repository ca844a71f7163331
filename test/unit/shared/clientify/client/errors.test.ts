import {
	describeFailure,
	isHtml,
	summarizeErrorBody,
	type ClientifyFailure,
} from '../../../../../nodes/shared/clientify/client/errors';

const failure = (f: Partial<ClientifyFailure>): ClientifyFailure => ({
	method: 'POST',
	path: '/contacts/',
	attempts: 1,
	...f,
});

describe('summarizeErrorBody', () => {
	it('reads DRF error maps, lists and texts; an HTML page is named, not quoted', () => {
		expect(
			summarizeErrorBody({
				name: ['This field is required.'],
				detail: 'Bad',
				non_field_errors: ['x'],
			}),
		).toBe('name: This field is required.; Bad; x');
		expect(summarizeErrorBody(['a', 'b'])).toBe('a; b');
		expect(summarizeErrorBody('<!DOCTYPE html><html>…')).toBe('an HTML page');
		expect(summarizeErrorBody('x'.repeat(301))).toBe(`${'x'.repeat(300)}…`);
		expect(summarizeErrorBody(null)).toBe('');
		expect(summarizeErrorBody(42)).toBe('42');
		expect(isHtml('<html>')).toBe(true);
		expect(isHtml({ html: 1 })).toBe(false);
	});
});

describe('describeFailure', () => {
	it.each([
		[
			failure({ networkCode: 'ECONNRESET', networkMessage: 'socket hang up', attempts: 3 }),
			'No answer from Clientify (ECONNRESET) after 2 retries',
			'POST /contacts/: socket hang up. Check the Base URL in the credential and the network.',
		],
		[
			failure({ status: 401, body: { detail: 'Invalid token.' } }),
			'Clientify rejected the API key (401 Invalid token.)',
			'POST /contacts/. Copy the key again from Clientify (Settings → Integrations → API) into the credential.',
		],
		[
			failure({ status: 404, body: { detail: 'Api key not provided.' } }),
			'Clientify did not receive an API key (404 Api key not provided.)',
			'POST /contacts/. Enter the API key in the credential.',
		],
		[
			failure({ status: 404, body: '<html>Not Found</html>' }),
			'The Clientify API has no such endpoint (HTML 404); check the Base URL in the credential',
			'POST /contacts/ answered an HTML "Not Found" page. Use https://api.clientify.net/v1 or https://api-plus.clientify.com/v2.',
		],
		[
			failure({ status: 429, body: { detail: 'Throttled' }, attempts: 2 }),
			'Clientify kept rate-limiting the requests (429) after 1 retry',
			'POST /contacts/: Throttled. Lower the Concurrency option or run the workflow less often.',
		],
		[
			failure({ status: 502 }),
			'Clientify failed with 502',
			'POST /contacts/. The server had a problem; the next run will retry this record.',
		],
		[
			failure({ status: 400, body: { name: ['required'] } }),
			'Clientify rejected the request (400): name: required',
			'POST /contacts/',
		],
	])('%#: %j', (f, message, description) => {
		expect(describeFailure(f)).toEqual({ message, description });
	});
});
