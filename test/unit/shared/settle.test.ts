/** A promise's outcome as a value. */
import { settle } from '../../../nodes/shared/settle';

describe('settle', () => {
	it('gives the value of a fulfilled promise', async () => {
		expect(await settle(Promise.resolve(42))).toEqual({ ok: true, value: 42 });
	});

	it('gives the error of a rejected promise, as thrown, without throwing', async () => {
		const error = new Error('boom');
		const settled = await settle(Promise.reject(error));
		expect(settled).toEqual({ ok: false, error });
		expect(settled.ok === false && settled.error).toBe(error);
		expect(await settle(Promise.reject('not an Error'))).toEqual({
			ok: false,
			error: 'not an Error',
		});
	});

	it('keeps a fulfilled undefined apart from a rejection', async () => {
		expect(await settle(Promise.resolve(undefined))).toEqual({ ok: true, value: undefined });
	});
});
