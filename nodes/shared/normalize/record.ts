/**
 * normalizeRecord: one raw Hispatec record → a NormalizedRecord, or a SkippedRecord with a reason.
 * Pure and synchronous; no state between calls. The rules of each field are in their own modules
 * (tax ID, e-mail, phone, address, website, kind); the ERP's references of issue 20 (a contact's
 * company, the inactive flag) are read here.
 */
import type {
	CompanyRef,
	FieldMap,
	Kind,
	NormalizationResult,
	NormalizationWarning,
	NormalizedRecord,
	NormalizeOptions,
	RawRecord,
	RecordType,
	SkippedRecord,
} from '../types';
import { readAddress } from './address';
import { readEmails } from './email';
import {
	consumedFields,
	DEFAULT_CONSUMED_FIELDS,
	DEFAULT_INACTIVE_VALUES,
	FORBIDDEN_KEYS,
	HISPATEC_FIELD_MAP,
	readField,
	resolveFieldMap,
} from './fields';
import { kindFromData } from './kind';
import { readPhones } from './phone';
import { parseTaxId } from './taxId';
import { selectTaxId } from './taxIdSelection';
import {
	cleanSingleLine,
	cleanValue,
	foldKey,
	joinList,
	quote,
	stripAccents,
	toRawString,
} from './text';
import { normalizeWebsite } from './website';

const SPACES = / /g;

function sameName(a: string, b: string): boolean {
	return foldKey(a).replace(SPACES, '') === foldKey(b).replace(SPACES, '');
}

function readExtra(
	raw: RawRecord,
	consumed: Readonly<Record<string, true>>,
	warnings: NormalizationWarning[],
): Record<string, string> {
	const extra: Record<string, string> = {};
	for (const key of Object.keys(raw)) {
		if (consumed[key] === true || FORBIDDEN_KEYS.has(key)) continue;
		const rawValue = raw[key];
		const value = cleanValue(rawValue);
		if (value !== undefined) {
			extra[key] = value;
		} else if (rawValue !== null && rawValue !== undefined && toRawString(rawValue) === undefined) {
			warnings.push({
				code: 'value_unsupported',
				field: key,
				message: `Ignored a value that is not text (${typeof rawValue})`,
			});
		}
	}
	return extra;
}

/**
 * A contact's company reference (`CodigoEmpresa`, `CIFEmpresa`): the company's Hispatec code as given
 * (trimmed) and its tax ID, normalized and validated with the tax-ID rules of the records themselves.
 * Any valid Spanish tax ID is accepted (a sole trader's company record carries a DNI or NIE), and a
 * foreign one when foreign tax IDs are allowed, as for the company records.
 *
 * The reference, or undefined when the ERP names no company. An invalid tax ID is dropped with the
 * warning `company_ref_invalid` (the code, when given, is kept): the contact still syncs.
 */
function readCompanyRef(
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

function foldFlag(text: string): string {
	return stripAccents(text).trim().toUpperCase();
}

/**
 * The inactive flag (baja): true when the configured field (`Baja` by default, `map.inactive`) holds one
 * of `values` (case and accents ignored; `*` = any value). A missing field, an empty value or any other
 * value is active, so a service without the field behaves as before.
 */
function readInactive(
	raw: RawRecord,
	map: Readonly<FieldMap>,
	values: readonly string[] = DEFAULT_INACTIVE_VALUES,
): boolean {
	const value = cleanSingleLine(readField(raw, map.inactive));
	if (value === undefined) return false;
	const folded = foldFlag(value);
	return values.some((v) => {
		const wanted = foldFlag(v);
		return wanted === '*' || (wanted !== '' && wanted === folded);
	});
}

function missingNameMessage(recordType: RecordType, map: Readonly<FieldMap>): string {
	const fields = (
		recordType === 'contact' ? [map.firstName, map.lastName, map.name] : [map.name, map.tradeName]
	).filter((field): field is string => field !== undefined);
	if (fields.length === 0) return 'No name: no name fields are configured';
	return `No name: ${joinList(fields)} ${fields.length > 1 ? 'are' : 'is'} empty`;
}

/**
 * Normalizes one raw record (source field name → string or null). Never throws on bad data: the
 * result is a record (`ok: true`) or a skip with a machine-readable reason (`ok: false`).
 */
export function normalizeRecord(
	raw: RawRecord,
	recordType: RecordType,
	options?: NormalizeOptions,
): NormalizationResult {
	if (recordType !== 'contact' && recordType !== 'company') {
		throw new TypeError(
			`Unknown record type "${String(recordType)}" (expected contact or company)`,
		);
	}
	const input: RawRecord = raw !== null && typeof raw === 'object' ? raw : {};
	const map = resolveFieldMap(recordType, options);
	const consumed =
		map === HISPATEC_FIELD_MAP[recordType]
			? DEFAULT_CONSUMED_FIELDS[recordType]
			: consumedFields(map);
	const warnings: NormalizationWarning[] = [];

	const sourceId = cleanValue(readField(input, map.sourceId));
	const taxId = selectTaxId(input, map.taxIdFields, options?.allowForeignTaxIds === true, warnings);

	// Names
	const firstName = cleanSingleLine(readField(input, map.firstName));
	const lastName = cleanSingleLine(readField(input, map.lastName));
	const mappedName = cleanSingleLine(readField(input, map.name));
	const givenTradeName = cleanSingleLine(readField(input, map.tradeName));
	let tradeName = givenTradeName;
	let name: string | undefined;
	if (recordType === 'contact') {
		name = [firstName, lastName].filter(Boolean).join(' ') || mappedName;
	} else {
		name = mappedName;
	}
	if (name === undefined && tradeName !== undefined) {
		name = tradeName;
		tradeName = undefined;
		warnings.push({
			code: 'name_from_trade_name',
			field: map.tradeName,
			message: `${map.name ?? 'The name field'} is empty; used ${map.tradeName} ${quote(name)} as the name`,
		});
	}
	if (name !== undefined && tradeName !== undefined && sameName(name, tradeName))
		tradeName = undefined;

	const emails = readEmails(input, map.email, warnings);
	const phones = readPhones(input, map.phoneFields, warnings);
	const address = readAddress(input, map, warnings);

	let website: string | undefined;
	const websiteText = cleanValue(readField(input, map.website));
	if (websiteText !== undefined) {
		website = normalizeWebsite(websiteText);
		if (website === undefined) {
			warnings.push({
				code: 'website_invalid',
				field: map.website,
				message: `Dropped an invalid website: ${quote(websiteText)}`,
			});
		}
	}

	const modifiedAt = cleanValue(readField(input, map.modifiedAt));
	// companies never carry a company reference, whatever the field map says
	const companyRef =
		recordType === 'contact'
			? readCompanyRef(input, map, options?.allowForeignTaxIds === true, warnings)
			: undefined;
	const inactive = readInactive(input, map, options?.inactiveValues);
	const extra = readExtra(input, consumed, warnings);

	if (!taxId.ok || name === undefined) {
		const skip: SkippedRecord = taxId.ok
			? {
					recordType,
					reason: 'missing_name',
					message: missingNameMessage(recordType, map),
					warnings,
				}
			: { recordType, reason: taxId.reason, message: taxId.message, warnings };
		if (sourceId !== undefined) skip.sourceId = sourceId;
		const candidate = taxId.ok ? taxId.value : taxId.candidate;
		if (candidate !== undefined) skip.taxIdCandidate = candidate;
		return { ok: false, skip };
	}

	const kind: Kind =
		taxId.kind ??
		kindFromData({
			recordType,
			firstName,
			lastName,
			name: recordType === 'company' ? name : mappedName,
			tradeName: givenTradeName,
		});

	// Built in the documented key order; absent values are absent keys, never undefined.
	const record = { recordType } as NormalizedRecord;
	if (sourceId !== undefined) record.sourceId = sourceId;
	record.taxId = taxId.value;
	record.taxIdType = taxId.type;
	record.taxIdField = taxId.field;
	record.kind = kind;
	record.name = name;
	if (firstName !== undefined) record.firstName = firstName;
	if (lastName !== undefined) record.lastName = lastName;
	if (tradeName !== undefined) record.tradeName = tradeName;
	if (emails.length > 0) record.email = emails[0];
	record.emails = emails;
	if (phones.length > 0) record.phone = phones[0].number;
	record.phones = phones;
	if (website !== undefined) record.website = website;
	if (address !== undefined) record.address = address;
	if (modifiedAt !== undefined) record.modifiedAt = modifiedAt;
	if (companyRef !== undefined) record.companyRef = companyRef;
	if (inactive) record.inactive = true;
	record.extra = extra;
	record.warnings = warnings;
	return { ok: true, record };
}
