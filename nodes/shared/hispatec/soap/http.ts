/**
 * Response body decoding for SOAP transports. No n8n imports.
 */

/** Charset of a response: UTF-8 unless the Content-Type or the XML declaration says Latin-1. */
export function detectCharset(contentType: unknown, head: string): 'utf8' | 'latin1' {
	const ct =
		typeof contentType === 'string'
			? contentType
			: Array.isArray(contentType)
				? String(contentType[0] ?? '')
				: '';
	const fromHeader = /charset\s*=\s*"?([\w.-]+)/i.exec(ct)?.[1];
	const fromDeclaration = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1];
	const charset = (fromHeader ?? fromDeclaration ?? 'utf-8').toLowerCase();
	return /^(iso-8859-1|iso-8859-15|latin1|l1|windows-1252|cp1252|us-ascii)$/.test(charset)
		? 'latin1'
		: 'utf8';
}

/** Lower-cased header lookup on a headers object of unknown shape. */
export function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === wanted)
			return Array.isArray(value)
				? String(value[0])
				: value === undefined || value === null
					? undefined
					: String(value);
	}
	return undefined;
}
