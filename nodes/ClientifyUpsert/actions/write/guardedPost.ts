/**
 * The guarded POST: a POST is not idempotent, so after a 5xx or no answer (the write may or may not
 * have been applied) the caller looks whether it was, and only posts again when it was not. Used by
 * record creates (create.ts), sub-resource adds (writes.ts) and custom-field definitions
 * (customFields.ts). The transport retries 429 itself (`retry: 'rejectedOnly'`).
 */
import { isUncertain } from '../../../Clientify/transport';
import { settle } from '../../../shared/settle';

export interface GuardedPostSteps<T, F> {
	/** Sends the POST once. */
	post: () => Promise<T>;
	/** Looks for what the POST was writing; `undefined` when it is not there. */
	look: (error: unknown) => Promise<F | undefined>;
	/** POSTs after the first one. */
	maxRetries: number;
	/** Waits before POST number `attempt + 2` (the client's backoff). */
	wait: (attempt: number) => Promise<void>;
	/**
	 * Whether to look after a failure. Default: only when the POST would otherwise be sent again
	 * (uncertain failure, retries left).
	 */
	shouldLook?: (error: unknown, willRetry: boolean) => boolean;
}

export type GuardedPostOutcome<T, F> =
	| { kind: 'posted'; value: T }
	/** The look found the write (after `error`): the POST is not sent again. */
	| { kind: 'found'; found: F; error: unknown }
	/** The last POST's failure: not uncertain, or no retries left. */
	| { kind: 'failed'; error: unknown };

export async function guardedPost<T, F>(
	steps: GuardedPostSteps<T, F>,
): Promise<GuardedPostOutcome<T, F>> {
	for (let attempt = 0; ; attempt++) {
		const outcome = await settle(steps.post());
		if (outcome.ok) return { kind: 'posted', value: outcome.value };
		const error = outcome.error;
		const willRetry = isUncertain(error) && attempt < steps.maxRetries;
		if (steps.shouldLook ? steps.shouldLook(error, willRetry) : willRetry) {
			const found = await steps.look(error);
			if (found !== undefined) return { kind: 'found', found, error };
		}
		if (!willRetry) return { kind: 'failed', error };
		await steps.wait(attempt);
	}
}
