/**
 * A contact's company reference (`CodigoEmpresa`, `CIFEmpresa`): the company's Hispatec code as given
 * (trimmed) and its tax ID, normalized and validated with the tax-ID rules of the records themselves.
 * Any valid Spanish tax ID is accepted (a sole trader's company record carries a DNI or NIE), and a
 * foreign one when foreign tax IDs are allowed, as for the company records.
 */
import type { CompanyRef, FieldMap, NormalizationWarning, RawRecord } from '../types';
import { readField } from './read';
import { parseTaxId } from './taxId';
import { cleanSingleLine, quote } from './text';

/**
 * The reference, or undefined when the ERP names no company. An invalid tax ID is dropped with the
 * warning `company_ref_invalid` (the code, when given, is kept): the contact still syncs.
 */
export function readCompanyRef(
	raw: RawRecord,
	map: Readonly<FieldMap>,
	allowForeign: boolean,
	warnings: NormalizationWarning[],
): CompanyRef | undefined {
	const code = cleanSingleLine(readField(raw, map.companyCode));
	const given = cleanSingleLine(readField(raw, map.companyTaxId));
	const ref: CompanyRef = {};
	if (code !== undefined) ref.code = code;
	if (given !== undefined) {
		const parsed = parseTaxId(given);
		if (parsed.valid || (parsed.error === 'foreign' && allowForeign)) {
			ref.taxId = parsed.value;
		} else {
			warnings.push({
				code: 'company_ref_invalid',
				field: map.companyTaxId,
				message: `Ignored the company's tax ID ${quote(given)}: it ${parsed.reason}${code === undefined ? '' : `; the company is referred to by its code ${code} only`}`,
			});
		}
	}
	return ref.code === undefined && ref.taxId === undefined ? undefined : ref;
}
