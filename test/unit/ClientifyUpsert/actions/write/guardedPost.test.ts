/**
 * The guarded POST (nodes/ClientifyUpsert/actions/write/guardedPost.ts) with a stub client: POST → 5xx →
 * look → found / not found.
 */
import { guardedPost } from '../../../../../nodes/ClientifyUpsert/actions/write/guardedPost';
import { ClientifyApiError } from '../../../../../nodes/Clientify/transport';
import { upsertNode } from './fixtures';

const node = upsertNode;
const failure = (status: number | undefined) =>
	new ClientifyApiError(node, {
		method: 'POST',
		path: '/contacts/',
		status,
		attempts: 1,
		...(status === undefined ? { networkCode: 'ECONNRESET' } : {}),
	});

/** A stub: each POST answers with the next of `answers` (an Error is thrown); looks answer `looks`. */
function stub(answers: Array<unknown>, looks: Array<string | undefined> = []) {
	const calls: string[] = [];
	const steps = {
		post: async () => {
			calls.push('POST');
			const answer = answers.shift();
			if (answer instanceof Error) throw answer;
			return answer;
		},
		look: async () => {
			calls.push('look');
			return looks.shift();
		},
		maxRetries: 2,
		wait: async (attempt: number) => {
			calls.push(`wait ${attempt}`);
		},
	};
	return { calls, steps };
}

describe('guardedPost', () => {
	it('a 2xx answer: posted, no look', async () => {
		const { calls, steps } = stub([{ id: 5 }]);
		expect(await guardedPost(steps)).toEqual({ kind: 'posted', value: { id: 5 } });
		expect(calls).toEqual(['POST']);
	});

	it('5xx → look finds the write → found, the POST is not sent again', async () => {
		const error = failure(503);
		const { calls, steps } = stub([error], ['the record']);
		expect(await guardedPost(steps)).toEqual({ kind: 'found', found: 'the record', error });
		expect(calls).toEqual(['POST', 'look']);
	});

	it('no answer → look finds nothing → wait, POST again', async () => {
		const { calls, steps } = stub([failure(undefined), { id: 6 }], [undefined]);
		expect(await guardedPost(steps)).toEqual({ kind: 'posted', value: { id: 6 } });
		expect(calls).toEqual(['POST', 'look', 'wait 0', 'POST']);
	});

	it('5xx after the last retry: failed without another look', async () => {
		const last = failure(500);
		const { calls, steps } = stub([failure(502), failure(503), last], [undefined, undefined]);
		expect(await guardedPost(steps)).toEqual({ kind: 'failed', error: last });
		expect(calls).toEqual(['POST', 'look', 'wait 0', 'POST', 'look', 'wait 1', 'POST']);
	});

	it('a 4xx is not uncertain: failed at once, no look (unless shouldLook says so)', async () => {
		const conflict = failure(409);
		const first = stub([conflict]);
		expect(await guardedPost(first.steps)).toEqual({ kind: 'failed', error: conflict });
		expect(first.calls).toEqual(['POST']);
		const second = stub([conflict], ['exists']);
		expect(await guardedPost({ ...second.steps, shouldLook: () => true })).toEqual({
			kind: 'found',
			found: 'exists',
			error: conflict,
		});
	});
});
