/**
 * Tax-ID matching: Clientify stores `taxpayer_identification_number` as users typed it
 * (`b-58378431`, `ES B58378431`, `12.345.678-Z`), and its `query` search is a substring match, so
 * every candidate is compared on this key and only exact matches count.
 *
 * This is a comparison key, not a validator: validation belongs to nodes/shared/normalize.
 */
import { parseTaxId } from '../../normalize/taxId';

/**
 * A valid Spanish ID gives its normalized form, by the same clean-up as the Hispatec side
 * (`parseTaxId`: separators, `ES` prefix, typed labels, zero-padding of short DNIs), so `1234567L` and
 * `NIF: 01234567-L` stored in Clientify both match `01234567L`. Anything else: upper-case, without
 * spaces or punctuation, without a leading `ES` when 9 characters follow. `''` for no value.
 */
export function taxIdMatchKey(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return '';
	const parsed = parseTaxId(String(value));
	if (parsed.valid) return parsed.value;
	const compact = String(value)
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^0-9A-Z]/g, '');
	if (compact.length === 11 && compact.startsWith('ES')) return compact.slice(2);
	return compact;
}
