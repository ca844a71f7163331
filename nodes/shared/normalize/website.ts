/**
 * Website: trimmed, `https://` added when there is no scheme, host lower-cased (IDN to A-labels).
 */

/** The global WHATWG URL class (Node and browsers), declared here because the build has no DOM lib. */
declare const URL: new (input: string) => {
	protocol: string;
	username: string;
	password: string;
	host: string;
	hostname: string;
	pathname: string;
	search: string;
	hash: string;
};

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const WHITESPACE = /\s/;
const HOST_LABELS = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** The normalized URL, or undefined when the value is not an http(s) web address. */
export function normalizeWebsite(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed.length === 0 || WHITESPACE.test(trimmed)) return undefined;
	const withScheme = HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/\//, '')}`;
	let url;
	try {
		url = new URL(withScheme);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password) return undefined;
	if (!HOST_LABELS.test(url.hostname)) return undefined;
	// Keep the path as written; drop the lone "/" that URL adds to a bare host (`https://finca.es`).
	const afterScheme = withScheme.slice(withScheme.indexOf('//') + 2);
	const path = url.pathname === '/' && !afterScheme.includes('/') ? '' : url.pathname;
	return `${url.protocol}//${url.host}${path}${url.search}${url.hash}`;
}
