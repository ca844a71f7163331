/**
 * Address equality: the one rule for "this Clientify address already holds the desired one".
 *
 * The diff (diff.ts) uses it to decide whether the ERP's address must be added, and the re-check
 * after an add whose answer was lost (subItem.ts, the guarded POST's look) uses it to decide whether
 * that add was applied. Both must give the same answer, or a lost answer ends in a duplicate address
 * (the re-check misses one the diff would call present) or in a missing one (the re-check sees one
 * the diff would add). The diff's rule is the one the product means (docs/clientify-upsert.md "Field mapping": the
 * record's address parts the ERP leaves empty never blank or distinguish Clientify's): compare
 * street, postal code and city, but only the ones the desired address has; with none of them, its
 * state and country; an address with no part at all is held by any address. Parts are compared by
 * `foldKey` (case, accents and punctuation ignored). The re-check's old rule (always street, postal
 * code and city) made a Clientify address with a postal code differ from an ERP address without one.
 */
import { foldKey } from '../../normalize/text';
import type { ClientifyAddress } from '../types';
import { cleanText } from '../desired/source';

const PRIMARY_PARTS = ['street', 'postal_code', 'city'] as const;
const FALLBACK_PARTS = ['state', 'country'] as const;

function partKey(value: unknown): string {
	return foldKey(cleanText(value) ?? '');
}

/** True when `existing` already holds every component the desired address has. */
export function addressMatches(existing: ClientifyAddress, desired: ClientifyAddress): boolean {
	const present = PRIMARY_PARTS.filter((k) => partKey(desired[k]) !== '');
	const compared = present.length
		? present
		: FALLBACK_PARTS.filter((k) => partKey(desired[k]) !== '');
	if (!compared.length) return true;
	return compared.every((k) => partKey(existing[k]) === partKey(desired[k]));
}
