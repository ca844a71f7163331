import { DateTime } from 'luxon';
import { parseIsoSqlRfc } from '../../shared/erpDate';

/**
 * A "Modified Since" value from a parameter (string from the date picker or an expression, a Luxon
 * DateTime, a Date or epoch milliseconds) as a Date. Strings without an offset are read in the
 * workflow's time zone. Returns `undefined` for empty values and `null` for unreadable ones.
 */
export function parseModifiedSince(value: unknown, timeZone: string): Date | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
	if (DateTime.isDateTime(value)) return value.isValid ? value.toJSDate() : null;
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return undefined;
	return parseIsoSqlRfc(text, timeZone)?.toJSDate() ?? null;
}
