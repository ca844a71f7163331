import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
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

/** The node's *Modified Since* option as a Date (undefined when empty); a clear error when it is not a date. */
export function readModifiedSince(
	ctx: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): Date | undefined {
	const modifiedSince = parseModifiedSince(options.modifiedSince, ctx.getTimezone());
	if (modifiedSince === null) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Modified Since is not a date: "${String(options.modifiedSince)}"`,
			{
				itemIndex,
				description: 'Use the date picker or an ISO 8601 date such as 2024-05-01T00:00:00.',
			},
		);
	}
	return modifiedSince;
}
