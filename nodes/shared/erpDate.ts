/**
 * Dates as the ERP and the user write them. No n8n imports (luxon only).
 *
 * Known formats, tried in order: ISO 8601 (`2024-05-01T08:30:00`, with or without an offset or `Z`),
 * SQL (`2024-05-01 08:30:00`), RFC 2822 (`Wed, 01 May 2024 08:30:00 +0200`), and, for ERP stamps
 * only, the Spanish day-first form `dd/MM/yyyy[ HH:mm[:ss]]`. Text without an offset is read in
 * `timeZone` (the workflow's).
 */
import { DateTime } from 'luxon';

/** ISO, SQL or RFC 2822 (the formats of the date picker and of expressions). */
export function parseIsoSqlRfc(text: string, timeZone: string): DateTime | undefined {
	for (const parse of [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822]) {
		const parsed = parse(text, { zone: timeZone });
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

const ISO_WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common stamp `2024-05-01T08:30:00+01:00` (or `Z`, with or without seconds and fraction) without
 * luxon: it is read for every record when duplicates are collapsed. Same result as `DateTime.fromISO`;
 * anything else, or out of range, returns undefined and takes the general path.
 */
function isoWithOffset(text: string): number | undefined {
	const m = ISO_WITH_OFFSET.exec(text);
	if (!m) return undefined;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
	const second = Number(m[6] ?? 0);
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
	if (hour > 23 || minute > 59 || second > 59 || Number(m[10] ?? 0) > 59) return undefined;
	const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
	const millisecond = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
	const utc = new Date(0);
	utc.setUTCFullYear(year, month - 1, day);
	utc.setUTCHours(hour, minute, second, millisecond);
	return utc.getTime() - offsetMinutes * 60_000;
}

const SPANISH =
	/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?)?$/;

/**
 * An ERP stamp (`FechaModificacion`) as epoch milliseconds, or `undefined` when it is empty or in no
 * known format.
 */
export function parseErpTimestamp(value: unknown, timeZone = 'UTC'): number | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	const fast = isoWithOffset(text);
	if (fast !== undefined) return fast;
	const parsed = parseIsoSqlRfc(text, timeZone);
	if (parsed) return parsed.toMillis();
	const es = SPANISH.exec(text);
	if (!es) return undefined;
	const dt = DateTime.fromObject(
		{
			day: Number(es[1]),
			month: Number(es[2]),
			year: Number(es[3]),
			hour: Number(es[4] ?? 0),
			minute: Number(es[5] ?? 0),
			second: Number(es[6] ?? 0),
			millisecond: Number((es[7] ?? '0').padEnd(3, '0')),
		},
		{ zone: timeZone },
	);
	return dt.isValid ? dt.toMillis() : undefined;
}
