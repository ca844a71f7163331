/**
 * The credential test: a real login, with one distinct message per way it can fail. No n8n imports.
 */
import { HispatecSoapClient, HispatecSoapError, type SoapTransport } from './client';
import { describeFault } from './fault';
import { resolveSettings, type HispatecCredentialData } from './settings';

export interface ConnectionTestResult {
	ok: boolean;
	/** `success`, the error kind, or `settings` for an unusable credential. */
	outcome: string;
	message: string;
}

/** Message for a failed login, by error kind. */
export function connectionTestMessage(error: HispatecSoapError, endpoint: string): string {
	const d = error.details;
	switch (error.kind) {
		case 'unreachable':
			return `Server unreachable: cannot connect to ${endpoint} (${errorCode(d.cause) || error.message}). Check the Server URL and port, and that n8n can reach the server.`;
		case 'timeout':
			return `Server unreachable: no answer from ${endpoint} in time. Check the Server URL, or raise the Timeout.`;
		case 'tls':
			return `TLS certificate problem at ${endpoint}: ${error.message}. Fix the certificate or turn on "Ignore TLS Certificate Errors" if you trust the server.`;
		case 'http':
			return `HTTP error: ${endpoint} answered HTTP ${d.httpStatus ?? '?'}. ${error.hint ?? ''}`.trim();
		case 'not_soap':
		case 'invalid_xml':
			return `Not a SOAP endpoint: ${error.message}. Check the Server URL and Service Path (the WSDL should open at ${endpoint}?wsdl).`;
		case 'invalid_credentials':
			return `Wrong username or password: Hispatec answered "${d.fault?.message ?? error.message}".`;
		case 'missing_token':
			return `Logged in, but no token came back: ${error.message}. Check the username and password, and the Token Element setting.`;
		case 'fault':
			return `The login failed with a SOAP fault: ${withoutPeriod(d.fault ? describeFault(d.fault) : error.message)}. ${
				error.hint ?? 'Check the Login Operation, Namespace and parameter names against the WSDL.'
			}`;
		default:
			return error.message;
	}
}

function withoutPeriod(text: string): string {
	return text.replace(/\.+$/, '');
}

function errorCode(cause: unknown): string {
	const e = cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.cause?.code === 'string') return e.cause.code;
	return '';
}

async function attemptLogin(client: HispatecSoapClient): Promise<{ expiresAt?: string } | { error: unknown }> {
	try {
		return await client.login();
	} catch (error) {
		return { error };
	}
}

/** Logs in with the credential data and describes the outcome. */
export async function testConnection(data: HispatecCredentialData, transport: SoapTransport): Promise<ConnectionTestResult> {
	let settings;
	try {
		settings = resolveSettings(data);
	} catch (error) {
		return { ok: false, outcome: 'settings', message: (error as Error).message };
	}
	// One attempt only: the test answers at once and shows the server as it is (a data call retries).
	const client = new HispatecSoapClient({ ...settings, retry: { ...settings.retry, maxRetries: 0 } }, transport);
	const result = await attemptLogin(client);
	if ('error' in result) {
		const error = result.error;
		if (error instanceof HispatecSoapError) {
			return { ok: false, outcome: error.kind, message: connectionTestMessage(error, settings.endpoint) };
		}
		return { ok: false, outcome: 'error', message: (error as Error)?.message ?? String(error) };
	}
	const until = result.expiresAt ? ` (token valid until ${result.expiresAt})` : '';
	return { ok: true, outcome: 'success', message: `Connected to ${settings.endpoint} and logged in as ${settings.username}${until}` };
}
