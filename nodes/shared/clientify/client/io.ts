/**
 * What the Clientify client needs from its host: one HTTP exchange, a wait, a cancel check, and the
 * errors to throw. The nodes' transport (nodes/Clientify/transport.ts) gives n8n's; the unit tests a
 * script of answers. Types only.
 */
import type { ClientifyFailure } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ClientifyHttpRequest {
	method: HttpMethod;
	url: string;
	qs?: Record<string, unknown>;
	body?: Record<string, unknown>;
	timeoutMs: number;
}

/** An answer, whatever its status. */
export interface ClientifyHttpResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** What the client needs from its host (the nodes: n8n's helpers, nodes/Clientify/transport.ts). */
export interface ClientifyIo {
	/**
	 * One exchange, resolving with any status; rejecting when there was no answer (an error with a
	 * network `code`), or with `response.status` and `response.data` when the helper throws on status.
	 */
	send(request: ClientifyHttpRequest): Promise<ClientifyHttpResponse>;
	/** The wait between retries and paced requests. */
	sleep(ms: number): Promise<void>;
	/** Whether the execution was cancelled: no retry starts, no wait happens after that. */
	isCancelled(): boolean;
	/** The error thrown for a request that failed for good. */
	failed(failure: ClientifyFailure): Error;
	/** The error thrown for an answer or a link the client does not follow. */
	refused(message: string, description?: string): Error;
}
