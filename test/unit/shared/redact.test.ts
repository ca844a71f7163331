import { redactSecrets } from '../../../nodes/shared/redact';

describe('redactSecrets (error bodies never repeat the API key)', () => {
	it('replaces the key in nested strings and keys, leaves the rest', () => {
		const body = {
			detail: 'Server Error',
			META: { HTTP_AUTHORIZATION: 'Token k-123456', ['k-123456']: 1 },
			list: ['x k-123456 y', 3, null],
		};
		expect(redactSecrets(body, ['k-123456'])).toEqual({
			detail: 'Server Error',
			META: { HTTP_AUTHORIZATION: 'Token ***', '***': 1 },
			list: ['x *** y', 3, null],
		});
		expect(redactSecrets('<html>Token k-123456</html>', ['k-123456'])).toBe(
			'<html>Token ***</html>',
		);
	});

	it('ignores empty or very short secrets', () => {
		expect(redactSecrets({ a: 'abc' }, ['', 'ab'])).toEqual({ a: 'abc' });
	});
});
