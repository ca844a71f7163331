/**
 * Secrets out of error texts: the password and the session token never reach items, logs or the UI,
 * even when the server echoes what it was sent. The rule (which secrets, `***`) is both clients' one
 * (../../redact.ts); here only the XML forms a secret takes in SOAP and the texts of an error.
 * No n8n imports.
 */
import { redactText, secretTexts } from '../../redact';
import { HispatecSoapError, type HispatecErrorDetails } from './errors';

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/**
 * Each secret as it may appear in a text: as typed, and XML-escaped (a server that quotes the request
 * envelope in its fault quotes the escaped password), with `'` as `&apos;` or `&#39;`. Longest first,
 * so a form is never half-replaced by a shorter one.
 */
function secretForms(secrets: ReadonlyArray<string | undefined>): string[] {
	const forms = new Set<string>();
	for (const secret of secretTexts(secrets)) {
		const escaped = secret.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
		forms.add(secret);
		forms.add(escaped);
		forms.add(escaped.split('&apos;').join('&#39;'));
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The error with every occurrence of a secret (password, token) in its texts replaced by `***`, in each
 * of its forms (`secretForms`): a server may echo what it was sent, and error texts end up in items,
 * logs and the UI.
 */
export function redactSoapError(
	error: HispatecSoapError,
	secrets: ReadonlyArray<string | undefined>,
): HispatecSoapError {
	const list = secretForms(secrets);
	if (list.length === 0) return error;
	const scrub = (text: string | undefined): string | undefined =>
		text === undefined ? undefined : redactText(text, list);
	const d = error.details;
	const texts = [error.message, d.hint, d.bodySnippet, d.fault?.message, d.fault?.detail];
	if (!texts.some((t) => t !== undefined && list.some((secret) => t.includes(secret))))
		return error;
	const details: HispatecErrorDetails = { ...d };
	if (d.hint !== undefined) details.hint = scrub(d.hint);
	if (d.bodySnippet !== undefined) details.bodySnippet = scrub(d.bodySnippet);
	if (d.fault) {
		details.fault = { ...d.fault, message: scrub(d.fault.message) as string };
		if (d.fault.detail !== undefined) details.fault.detail = scrub(d.fault.detail);
	}
	delete details.cause;
	return new HispatecSoapError(error.kind, scrub(error.message) as string, details);
}
