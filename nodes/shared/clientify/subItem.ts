/**
 * Whether an item of a record's sub-resource list (`GET /contacts/{id}/emails/` …) already holds
 * what a POST was adding: the look of the guarded POST after a lost answer.
 */
import { phoneKey, textKey, websiteKey } from './mapping';
import type { ClientifyAddress, SubResource } from './types';

export function sameSubItem(sub: SubResource, existing: Record<string, unknown>, added: Record<string, unknown>): boolean {
	switch (sub) {
		case 'emails':
			return String(existing.email ?? '').toLowerCase() === String(added.email ?? '').toLowerCase();
		case 'phones':
			return phoneKey(String(existing.phone ?? '')) === phoneKey(String(added.phone ?? ''));
		case 'websites':
			return websiteKey(existing.website) === websiteKey(added.website);
		case 'addresses': {
			const a = existing as unknown as ClientifyAddress;
			const b = added as unknown as ClientifyAddress;
			return (['street', 'postal_code', 'city'] as const).every((k) => textKey(a[k]) === textKey(b[k]));
		}
		case 'tags':
			return String(existing.name ?? '').toLowerCase() === String(added.name ?? '').toLowerCase();
	}
	return false;
}
