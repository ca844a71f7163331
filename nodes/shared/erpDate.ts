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
