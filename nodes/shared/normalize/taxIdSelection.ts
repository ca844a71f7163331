/**
 * Picks the record's tax ID from its candidate fields (main field first, then the alternatives).
 */
import type { NormalizationWarning, RawRecord, SkipReason, TaxIdType, Kind } from '../types';
import { parseTaxId, type TaxIdResult } from './taxId';
import { cleanValue, joinList, quote } from './text';
import { readField } from './fields';

/** A usable tax ID and where it came from. */
interface SelectedTaxId {
	ok: true;
	value: string;
	type: TaxIdType;
	/** From the tax ID; `undefined` for FOREIGN (decided from the data). */
	kind?: Exclude<Kind, 'unknown'>;
	field: string;
}

/** Why no tax ID could be used, in the words of a skip. */
interface RejectedTaxId {
	ok: false;
	reason: Extract<SkipReason, 'missing_tax_id' | 'invalid_tax_id' | 'foreign_tax_id'>;
	message: string;
	/** The first non-empty candidate after clean-up, so a person can find the record. */
	candidate?: string;
}

interface Attempt {
	field: string;
	/** Trimmed value as seen; undefined when empty, blank or a placeholder. */
	seen?: string;
	result?: TaxIdResult;
}

function describe(attempt: Attempt): string {
	return `${attempt.field} ${quote(attempt.seen ?? '')} ${attempt.result?.valid === false ? attempt.result.reason : ''}`.trimEnd();
}

function summary(attempts: readonly Attempt[]): string {
	const parts = attempts.filter((a) => a.seen !== undefined).map(describe);
	const empty = attempts.filter((a) => a.seen === undefined).map((a) => a.field);
	if (empty.length > 0) parts.push(`${joinList(empty)} ${empty.length > 1 ? 'are' : 'is'} empty`);
	return parts.length > 0 ? parts.join('; ') : 'no tax-ID fields are configured';
}

/**
 * Tries each field in order; the first valid Spanish tax ID wins. A foreign ID is used only when no
 * Spanish one is valid and `allowForeign` is on. Pushes warnings about the chosen value and about
 * every other non-empty candidate (invalid, foreign or conflicting), since candidates are consumed.
 */
export function selectTaxId(
	raw: RawRecord,
	fields: readonly string[],
	allowForeign: boolean,
	warnings: NormalizationWarning[],
): SelectedTaxId | RejectedTaxId {
	const attempts: Attempt[] = [];
	let chosen: Attempt | undefined;
	let firstForeign: Attempt | undefined;
	let firstNonEmpty: Attempt | undefined;
	for (const field of fields) {
		const seen = cleanValue(readField(raw, field));
		if (seen === undefined) {
			attempts.push({ field });
			continue;
		}
		const attempt: Attempt = { field, seen, result: parseTaxId(seen) };
		attempts.push(attempt);
		firstNonEmpty ??= attempt;
		if (attempt.result?.valid) chosen ??= attempt;
		else if (attempt.result?.error === 'foreign') firstForeign ??= attempt;
	}

	const used = chosen ?? (allowForeign ? firstForeign : undefined);
	if (used === undefined || used.result === undefined) {
		const candidate = firstNonEmpty?.result?.value || firstNonEmpty?.seen;
		const rejection: RejectedTaxId = firstForeign
			? {
					ok: false,
					reason: 'foreign_tax_id',
					message: `Foreign tax ID (foreign IDs are not allowed): ${summary(attempts)}`,
				}
			: firstNonEmpty
				? { ok: false, reason: 'invalid_tax_id', message: `No valid NIF/CIF: ${summary(attempts)}` }
				: { ok: false, reason: 'missing_tax_id', message: `No NIF/CIF: ${summary(attempts)}` };
		if (firstForeign) rejection.candidate = firstForeign.result?.value;
		else if (candidate) rejection.candidate = candidate;
		return rejection;
	}

	const result = used.result;
	for (const note of result.notes)
		warnings.push({ code: note.code, field: used.field, message: note.message });
	let selected: SelectedTaxId;
	if (result.valid) {
		selected = {
			ok: true,
			value: result.value,
			type: result.type,
			kind: result.kind,
			field: used.field,
		};
	} else {
		selected = { ok: true, value: result.value, type: 'FOREIGN', field: used.field };
		warnings.push({
			code: 'foreign_tax_id_unverified',
			field: used.field,
			message: `Kept the foreign tax ID ${result.value} without validation`,
		});
	}

	for (const attempt of attempts) {
		if (attempt === used || attempt.result === undefined) continue;
		const other = attempt.result;
		if (other.valid) {
			if (other.value !== selected.value) {
				warnings.push({
					code: 'tax_id_conflict',
					field: attempt.field,
					message: `${attempt.field} holds another valid tax ID (${other.value}); used ${selected.value} from ${used.field}`,
				});
			}
		} else if (other.error === 'foreign') {
			warnings.push({
				code: 'foreign_tax_id_ignored',
				field: attempt.field,
				message: `${describe(attempt)}; used ${selected.value} from ${used.field}`,
			});
		} else {
			warnings.push({
				code: 'tax_id_invalid_ignored',
				field: attempt.field,
				message: `${describe(attempt)}; used ${selected.value} from ${used.field}`,
			});
		}
	}
	return selected;
}
