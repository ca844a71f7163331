/**
 * What a failed Clientify request tells the user: the facts of the failure (`ClientifyFailure`) and
 * their message and description. No n8n imports: the nodes' transport wraps a failure in n8n's
 * error (nodes/Clientify/transport.ts, `ClientifyApiError`), which keeps the failure as `clientify`.
 */
import { classifyFailure } from './timing';

/** Everything known about one failed Clientify request. */
export interface ClientifyFailure {
	method: string;
	/** Path relative to the Base URL (`/contacts/`), or the absolute URL when outside it. */
	path: string;
	status?: number;
	body?: unknown;
	/** Network error code (`ECONNRESET`, `ETIMEDOUT` …) when there was no answer. */
	networkCode?: string;
	networkMessage?: string;
	/** Attempts made (1 = no retry). */
	attempts: number;
}

/** The failure a Clientify error carries (`ClientifyApiError.clientify`), else undefined. */
function failureOf(error: unknown): ClientifyFailure | undefined {
	const failure = (error as { clientify?: unknown } | null | undefined)?.clientify;
	return failure !== null && typeof failure === 'object'
		? (failure as ClientifyFailure)
		: undefined;
}

/** Clientify answered 404: the record (or item) is not there. */
export function isNotFound(error: unknown): boolean {
	return failureOf(error)?.status === 404;
}

/** 5xx or no answer: the request may or may not have been applied. */
export function isUncertain(error: unknown): boolean {
	const failure = failureOf(error);
	if (!failure) return false;
	const kind = classifyFailure(failure.status, failure.status === undefined);
	return kind === 'serverError' || kind === 'network';
}

/** An HTML page (a web app or a proxy answering instead of the API). */
export function isHtml(body: unknown): boolean {
	return typeof body === 'string' && /<html|<!doctype/i.test(body);
}

/** `{"name": ["This field is required."]}` → `name: This field is required.` (DRF error maps). */
export function summarizeErrorBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') {
		if (isHtml(body)) return 'an HTML page';
		return body.length > 300 ? `${body.slice(0, 300)}…` : body;
	}
	if (Array.isArray(body)) return body.map((b) => summarizeErrorBody(b)).join('; ');
	if (typeof body === 'object') {
		const parts: string[] = [];
		for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
			const text = summarizeErrorBody(value);
			parts.push(key === 'detail' || key === 'non_field_errors' ? text : `${key}: ${text}`);
		}
		return parts.join('; ');
	}
	return String(body);
}

/** The user-facing message and description for a failure. */
export function describeFailure(f: ClientifyFailure): { message: string; description: string } {
	const where = `${f.method} ${f.path}`;
	const retries =
		f.attempts > 1 ? ` after ${f.attempts - 1} ${f.attempts === 2 ? 'retry' : 'retries'}` : '';
	const detail = summarizeErrorBody(f.body);
	if (f.status === undefined) {
		return {
			message: `No answer from Clientify (${f.networkCode ?? 'network error'})${retries}`,
			description: `${where}: ${f.networkMessage ?? 'the connection failed'}. Check the Base URL in the credential and the network.`,
		};
	}
	if (f.status === 401) {
		return {
			message: `Clientify rejected the API key (401 ${detail || 'Invalid token.'})`,
			description: `${where}. Copy the key again from Clientify (Settings → Integrations → API) into the credential.`,
		};
	}
	if (f.status === 404 && /api key not provided/i.test(detail)) {
		return {
			message: 'Clientify did not receive an API key (404 Api key not provided.)',
			description: `${where}. Enter the API key in the credential.`,
		};
	}
	if (f.status === 404 && isHtml(f.body)) {
		return {
			message:
				'The Clientify API has no such endpoint (HTML 404); check the Base URL in the credential',
			description: `${where} answered an HTML "Not Found" page. Use https://api.clientify.net/v1 or https://api-plus.clientify.com/v2.`,
		};
	}
	if (f.status === 429) {
		return {
			message: `Clientify kept rate-limiting the requests (429)${retries}`,
			description: `${where}: ${detail}. Lower the Concurrency option or run the workflow less often.`,
		};
	}
	if (f.status >= 500) {
		return {
			message: `Clientify failed with ${f.status}${detail ? ` (${detail})` : ''}${retries}`,
			description: `${where}. The server had a problem; the next run will retry this record.`,
		};
	}
	return {
		message: `Clientify rejected the request (${f.status}): ${detail || 'no details'}`,
		description: where,
	};
}
