/**
 * Whether an item of a record's sub-resource list (`GET /contacts/{id}/emails/` …) already holds
 * what a POST was adding: the look of the guarded POST after a lost answer.
 */
import { addressMatches } from './address';
import { phoneKey, websiteKey } from './match';
import type { ClientifyAddress, SubResource } from '../types';

export function sameSubItem(
	sub: SubResource,
	existing: Record<string, unknown>,
	added: Record<string, unknown>,
): boolean {
	switch (sub) {
		case 'emails':
			return String(existing.email ?? '').toLowerCase() === String(added.email ?? '').toLowerCase();
		case 'phones':
			return phoneKey(String(existing.phone ?? '')) === phoneKey(String(added.phone ?? ''));
		case 'websites':
			return websiteKey(existing.website) === websiteKey(added.website);
		case 'addresses':
			// The diff's rule (address.ts): the add was applied when an address holds what it added.
			return addressMatches(
				existing as unknown as ClientifyAddress,
				added as unknown as ClientifyAddress,
			);
		case 'tags':
			return String(existing.name ?? '').toLowerCase() === String(added.name ?? '').toLowerCase();
	}
	return false;
}
