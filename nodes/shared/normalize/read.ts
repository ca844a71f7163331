/**
 * Safe reads from a raw record: own properties only, never the prototype-related keys.
 */
import { FORBIDDEN_KEYS } from '../forbiddenKeys';
import type { RawRecord } from '../types';

const hasOwn = Object.prototype.hasOwnProperty;

/** The raw value of one field, or undefined when the record has no such own field. */
export function readField(raw: RawRecord, field: string | undefined): unknown {
	if (field === undefined || FORBIDDEN_KEYS.has(field) || !hasOwn.call(raw, field))
		return undefined;
	return raw[field];
}
