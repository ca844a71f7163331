/**
 * The credential test's login request (n8n expressions over the stored credential) is the request the
 * client sends to log in: same URL, envelope and headers, for the defaults and for customized names.
 */
import { loginRequestExpressions } from '../../../../../nodes/shared/hispatec/soap/loginExpressions';
import { buildRequest } from '../../../../../nodes/shared/hispatec/soap/request';
import {
	resolveSettings,
	type HispatecCredentialData,
} from '../../../../../nodes/shared/hispatec/soap/settings';

/** Evaluates one `={{ … }}` expression the way n8n does, with `$credentials`. */
function evaluate(expression: string, credentials: HispatecCredentialData): unknown {
	const code = /^=\{\{ ([\s\S]*) \}\}$/.exec(expression)?.[1];
	if (code === undefined) throw new Error(`not an expression: ${expression}`);
	return new Function('$credentials', `return (${code});`)(credentials) as unknown;
}

function loginOfCredentialTest(credentials: HispatecCredentialData) {
	const e = loginRequestExpressions();
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(e.headers)) {
		const evaluated = evaluate(value, credentials);
		if (evaluated !== undefined) headers[name] = String(evaluated);
	}
	return {
		url: `${String(evaluate(e.baseURL, credentials))}${String(evaluate(e.url, credentials))}`,
		body: evaluate(e.body, credentials),
		headers,
		ignoreTlsErrors: evaluate(e.skipSslCertificateValidation, credentials),
	};
}

function loginOfClient(credentials: HispatecCredentialData) {
	const s = resolveSettings(credentials);
	const request = buildRequest(s, s.operations.login, {
		soapVersion: s.soapVersion,
		namespace: s.namespace,
		operation: s.operations.login,
		params: [
			[s.loginParameters.username, s.username],
			[s.loginParameters.password, s.password],
		],
	});
	return {
		url: request.url,
		body: request.body,
		headers: request.headers,
		ignoreTlsErrors: request.ignoreTlsErrors,
	};
}

describe('loginRequestExpressions', () => {
	it.each<[string, HispatecCredentialData]>([
		[
			'the reference contract',
			{ serverUrl: 'https://erp.example.com/', username: 'u', password: 'p<&>' },
		],
		[
			'SOAP 1.2 and customized names',
			{
				serverUrl: 'http://erp:8080',
				servicePath: 'ws/Crm.svc',
				username: 'ana',
				password: "it's",
				soapVersion: '1.2',
				namespace: 'http://tempuri.org/',
				loginOperation: 'Autenticar',
				customizeAdvanced: true,
				soapActionTemplate: '{namespace}ICrm/{operation}',
				loginUserParameter: 'User',
				loginPassParameter: 'Pass',
				ignoreSslIssues: true,
			},
		],
	])('builds the login request the client sends: %s', (_name, credentials) => {
		expect(loginOfCredentialTest(credentials)).toEqual(loginOfClient(credentials));
	});
});
