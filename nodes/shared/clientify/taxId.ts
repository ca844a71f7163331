/**
 * Tax-ID matching: Clientify stores `taxpayer_identification_number` as users typed it
 * (`b-58378431`, `ES B58378431`, `12.345.678-Z`), and its `query` search is a substring match, so
 * every candidate is compared on this key and only exact matches count.
 *
 * This is a comparison key, not a validator: validation belongs to nodes/shared/normalize.
 */

/**
 * Upper-case, without spaces or punctuation, without a leading `ES` country prefix when what
 * follows has the 9 characters of a Spanish NIF/NIE/CIF. `''` for no value.
 */
export function taxIdMatchKey(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return '';
	const compact = String(value)
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^0-9A-Z]/g, '');
	if (compact.length === 11 && compact.startsWith('ES')) return compact.slice(2);
	return compact;
}

/** True when a Clientify value denotes the given (already keyed) tax ID. */
export function taxIdMatches(clientifyValue: unknown, key: string): boolean {
	return key !== '' && taxIdMatchKey(clientifyValue) === key;
}
