/**
 * The inactive flag (baja): a record is inactive when the configured field (`Baja` by default) holds
 * one of the configured values. A missing field, an empty value or any other value is active, so a
 * service without the field behaves as before.
 */
import type { FieldMap, RawRecord } from '../types';
import { DEFAULT_INACTIVE_VALUES } from './fields';
import { readField } from './read';
import { cleanSingleLine, stripAccents } from './text';

function fold(text: string): string {
	return stripAccents(text).trim().toUpperCase();
}

/** True when `map.inactive` holds one of `values` (case and accents ignored; `*` = any value). */
export function readInactive(
	raw: RawRecord,
	map: Readonly<FieldMap>,
	values: readonly string[] = DEFAULT_INACTIVE_VALUES,
): boolean {
	const value = cleanSingleLine(readField(raw, map.inactive));
	if (value === undefined) return false;
	const folded = fold(value);
	return values.some((v) => {
		const wanted = fold(v);
		return wanted === '*' || (wanted !== '' && wanted === folded);
	});
}
