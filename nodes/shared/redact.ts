/**
 * The one redaction rule of both clients: every occurrence of a secret (Clientify's API key;
 * Hispatec's password and session token) in a text becomes `***`, longest secret first, so a secret
 * is never half-replaced by a shorter one. Error bodies and messages end up in items, logs and the
 * UI, and servers echo what they were sent. No n8n imports.
 *
 * Secrets shorter than `MIN_SECRET_LENGTH` (3) are left alone. The two clients had 3 (Hispatec) and
 * 4 (Clientify); 3 is kept because it redacts more: a Hispatec password is chosen by people and may
 * be that short, while Clientify's API keys are 40 characters, so no Clientify text changes. Below 3
 * a "secret" (an empty field, one letter) would blank ordinary words of every message while hiding
 * nothing a guess would not find.
 */

const MIN_SECRET_LENGTH = 3;

/** The texts to hide: strings of at least `MIN_SECRET_LENGTH`, without repeats, longest first. */
export function secretTexts(secrets: ReadonlyArray<string | undefined>): string[] {
	const list = secrets.filter(
		(s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH,
	);
	return [...new Set(list)].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each of `texts` (as given by `secretTexts`) replaced by `***`. */
export function redactText(text: string, texts: readonly string[]): string {
	return texts.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** `value` with every secret in its strings (keys and values, nested) replaced by `***`. */
export function redactSecrets(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
	const texts = secretTexts(secrets);
	if (!texts.length) return value;
	const walk = (v: unknown, depth: number): unknown => {
		if (typeof v === 'string') return redactText(v, texts);
		if (depth > 20 || v === null || typeof v !== 'object') return v;
		if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>))
			out[redactText(k, texts)] = walk(x, depth + 1);
		return out;
	};
	return walk(value, 0);
}
