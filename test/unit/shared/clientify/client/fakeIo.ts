/**
 * A Clientify client without n8n and without a server: its I/O answers from a script, records the
 * requests, and advances a fake clock instead of waiting.
 */
import {
	ClientifyClient,
	apiGenerationOf,
	type ClientifyClientConfig,
} from '../../../../../nodes/shared/clientify/client/client';
import type {
	ClientifyHttpRequest,
	ClientifyHttpResponse,
	ClientifyIo,
} from '../../../../../nodes/shared/clientify/client/io';
import type { ClientifyFailure } from '../../../../../nodes/shared/clientify/client/errors';
import { DEFAULT_RETRY_TIMING } from '../../../../../nodes/shared/clientify/client/timing';

export const BASE = 'https://api.clientify.net/v1';

export type Answer = ClientifyHttpResponse | { throw: unknown };

export class Failed extends Error {
	constructor(readonly failure: ClientifyFailure) {
		super(`failed ${failure.status ?? failure.networkCode}`);
	}
}

export class Refused extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
	}
}

/** The clock of a fake I/O: its waits advance it. */
const clock = { ms: 0 };

/** I/O answering from `answers` in order; records the requests and the waits. */
export function fakeIo(answers: Answer[]) {
	const requests: ClientifyHttpRequest[] = [];
	const waits: number[] = [];
	let cancelled = false;
	const io: ClientifyIo = {
		async send(request) {
			requests.push(request);
			const answer = answers.shift();
			if (!answer) throw new Error(`no answer scripted for ${request.method} ${request.url}`);
			if ('throw' in answer) throw answer.throw;
			return answer;
		},
		async sleep(ms) {
			waits.push(ms);
			clock.ms += ms;
		},
		isCancelled: () => cancelled,
		failed: (failure) => new Failed(failure),
		refused: (message, description) => new Refused(message, description),
	};
	return {
		io,
		requests,
		waits,
		cancel: () => {
			cancelled = true;
		},
	};
}

/** A client's configuration on `io`: two retries, no pacing, no jitter, the fake clock. */
export function configOf(
	io: ClientifyIo,
	baseUrl = BASE,
	secrets: string[] = [],
): ClientifyClientConfig {
	return {
		baseUrl,
		generation: apiGenerationOf(baseUrl),
		timing: { ...DEFAULT_RETRY_TIMING, maxRetries: 2, maxSpacingMs: 0 },
		io,
		random: () => 0,
		now: () => clock.ms,
		secrets,
	};
}

export function clientOf(io: ClientifyIo, baseUrl = BASE, secrets: string[] = []) {
	return new ClientifyClient(configOf(io, baseUrl, secrets));
}

/** A 2xx answer. */
export const ok = (body: unknown): ClientifyHttpResponse => ({
	statusCode: 200,
	headers: {},
	body,
});
