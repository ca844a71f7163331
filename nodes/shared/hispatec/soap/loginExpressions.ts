/**
 * The Hispatec login as n8n expressions over `$credentials`, for the credential's declarative test
 * (n8n builds and sends that request itself; a credential test gets no non-deprecated HTTP helper).
 * Each expression computes what resolveSettings + buildEnvelope + buildSoapAction + soapHttpHeaders
 * compute for the login (same defaults, same escaping); test/integration/hispatec/credential.test.ts checks
 * that they agree. No n8n imports: plain strings.
 */
import { HISPATEC_DEFAULTS as D } from './settings';
import { SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from '../reader/document';

/** A JS string literal for an expression. */
function lit(value: string): string {
	return JSON.stringify(value);
}

/** A trimmed string setting, the default when missing or blank (settings.ts `str`). */
function setting(name: string, fallback: string): string {
	return `(typeof $credentials.${name} === "string" && $credentials.${name}.trim() !== "" ? $credentials.${name}.trim() : ${lit(fallback)})`;
}

/** An advanced setting: only read with Customize Advanced Settings on. */
function advanced(name: string, fallback: string): string {
	return `($credentials.customizeAdvanced === true ? ${setting(name, fallback)} : ${lit(fallback)})`;
}

/** A raw string value (username and password are sent as typed). */
function raw(name: string): string {
	return `(typeof $credentials.${name} === "string" ? $credentials.${name} : "")`;
}

/** XML escaping of `& < > " '` (request.ts `escapeXml`). */
function escaped(expression: string): string {
	return `${expression}.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")`;
}

const IS_12 = '($credentials.soapVersion === "1.2")';
const NAMESPACE = setting('namespace', D.namespace);
const OPERATION = setting('loginOperation', D.loginOperation);
const USER_PARAM = advanced('loginUserParameter', D.loginUserParameter);
const PASS_PARAM = advanced('loginPassParameter', D.loginPasswordParameter);
const ACTION_TEMPLATE = `($credentials.customizeAdvanced === true && typeof $credentials.soapActionTemplate === "string" ? $credentials.soapActionTemplate.trim() : ${lit(D.soapActionTemplate)})`;
const ACTION = `(${ACTION_TEMPLATE} === "" ? "" : ${ACTION_TEMPLATE}.replace(/\\{namespace\\}/g, ${NAMESPACE}.replace(/\\/+$/, "")).replace(/\\{operation\\}/g, ${OPERATION}))`;

function expression(code: string): string {
	// n8n ends an expression at the first "}}"; none of the code above contains one.
	if (code.includes('}}') || code.includes('{{'))
		throw new Error('login expression must not contain "{{" or "}}"');
	return `={{ ${code} }}`;
}

interface LoginRequestExpressions {
	baseURL: string;
	url: string;
	body: string;
	headers: { 'Content-Type': string; SOAPAction: string; Accept: string };
	skipSslCertificateValidation: string;
}

/** The login request: POST <Server URL><Service Path> with the login envelope. */
export function loginRequestExpressions(): LoginRequestExpressions {
	const path = `(typeof $credentials.servicePath === "string" ? $credentials.servicePath : ${lit(D.servicePath)}).trim()`;
	const envelope = [
		lit('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="'),
		`(${IS_12} ? ${lit(SOAP12_ENVELOPE_NS)} : ${lit(SOAP11_ENVELOPE_NS)})`,
		lit(
			'" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><',
		),
		OPERATION,
		lit(' xmlns="'),
		escaped(NAMESPACE),
		lit('"><'),
		USER_PARAM,
		lit('>'),
		escaped(raw('username')),
		lit('</'),
		USER_PARAM,
		lit('><'),
		PASS_PARAM,
		lit('>'),
		escaped(raw('password')),
		lit('</'),
		PASS_PARAM,
		lit('></'),
		OPERATION,
		lit('></soap:Body></soap:Envelope>'),
	].join(' + ');
	return {
		baseURL: expression(`String($credentials.serverUrl || "").trim().replace(/\\/+$/, "")`),
		url: expression(`(${path} === "" ? "" : (${path}.startsWith("/") ? "" : "/") + ${path})`),
		body: expression(envelope),
		headers: {
			'Content-Type': expression(
				`${IS_12} ? "application/soap+xml; charset=utf-8" + (${ACTION} === "" ? "" : "; action=\\"" + ${ACTION} + "\\"") : "text/xml; charset=utf-8"`,
			),
			// SOAP 1.2 carries the action in Content-Type; undefined leaves the header out
			SOAPAction: expression(`${IS_12} ? undefined : "\\"" + ${ACTION} + "\\""`),
			Accept: expression(
				`${IS_12} ? "application/soap+xml, text/xml, */*" : "text/xml, application/soap+xml, */*"`,
			),
		},
		skipSslCertificateValidation: expression('$credentials.ignoreSslIssues === true'),
	};
}
