/**
 * Source values as text: the clean-up every value of the Clientify side gets before it is mapped,
 * compared or sent (no empty value survives).
 */

/** A primitive as a trimmed string; undefined for objects, null and blank strings. */
export function cleanText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.replace(/\s+/g, ' ').trim();
		return trimmed === '' ? undefined : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return undefined;
}

/** Splits `a@x.es; b@y.es` / `a@x.es, b@y.es` and arrays into single values. */
export function splitList(value: unknown): string[] {
	const parts: string[] = [];
	const visit = (v: unknown) => {
		if (Array.isArray(v)) {
			v.forEach(visit);
			return;
		}
		const text = cleanText(v);
		if (!text) return;
		for (const piece of text.split(/[;,]/)) {
			const p = piece.trim();
			if (p) parts.push(p);
		}
	};
	visit(value);
	return parts;
}
