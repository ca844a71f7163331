/**
 * normalizeRecord: one raw Hispatec record → a NormalizedRecord, or a SkippedRecord with a reason.
 * Pure and synchronous; no state between calls.
 */
import type {
	FieldMap,
	Kind,
	NormalizationResult,
	NormalizationWarning,
	NormalizedAddress,
	NormalizedPhone,
	NormalizedRecord,
	NormalizeOptions,
	RawRecord,
	RecordType,
	SkippedRecord,
} from '../types';
import { normalizeCountry } from './country';
import { parseEmails } from './email';
import {
	consumedFields,
	DEFAULT_CONSUMED_FIELDS,
	HISPATEC_FIELD_MAP,
	resolveFieldMap,
} from './fields';
import { readCompanyRef } from './companyRef';
import { readInactive } from './inactive';
import { kindFromData } from './kind';
import { parsePhoneField } from './phone';
import { parseSpanishPostalCode } from './postalCode';
import { PROVINCES, provinceCode } from './provinces';
import { FORBIDDEN_KEYS } from '../forbiddenKeys';
import { readField } from './read';
import { selectTaxId } from './taxIdSelection';
import { cleanSingleLine, cleanValue, foldKey, joinList, quote, toRawString } from './text';
import { normalizeWebsite } from './website';

const SPACES = / /g;

function sameName(a: string, b: string): boolean {
	return foldKey(a).replace(SPACES, '') === foldKey(b).replace(SPACES, '');
}

function readEmails(
	raw: RawRecord,
	field: string | undefined,
	warnings: NormalizationWarning[],
): string[] {
	const value = cleanValue(readField(raw, field));
	if (value === undefined || field === undefined) return [];
	const { valid, invalid } = parseEmails(value);
	for (const text of invalid) {
		warnings.push({
			code: 'email_invalid',
			field,
			message: `Dropped an invalid e-mail address: ${quote(text)}`,
		});
	}
	return valid;
}

function readPhones(
	raw: RawRecord,
	fields: readonly string[],
	warnings: NormalizationWarning[],
): NormalizedPhone[] {
	const phones: NormalizedPhone[] = [];
	for (const field of fields) {
		const value = cleanValue(readField(raw, field));
		if (value === undefined) continue;
		for (const candidate of parsePhoneField(value)) {
			if (candidate.status === 'invalid') {
				warnings.push({
					code: 'phone_invalid',
					field,
					message: `Dropped a phone number that is neither Spanish nor international: ${quote(candidate.text)}`,
				});
				continue;
			}
			if (phones.some((phone) => phone.number === candidate.number)) continue;
			if (candidate.status === 'foreign') {
				warnings.push({
					code: 'foreign_phone_unverified',
					field,
					message: `Kept the non-Spanish number ${candidate.number} without checking it`,
				});
				phones.push({ number: candidate.number, type: 'other', field });
			} else {
				phones.push({ number: candidate.number, type: candidate.type, field });
			}
		}
	}
	return phones;
}

function readAddress(
	raw: RawRecord,
	map: Readonly<FieldMap>,
	warnings: NormalizationWarning[],
): NormalizedAddress | undefined {
	const street = cleanSingleLine(readField(raw, map.street));
	const city = cleanSingleLine(readField(raw, map.city));
	let province = cleanSingleLine(readField(raw, map.province));
	const postalText = cleanSingleLine(readField(raw, map.postalCode));
	const countryText = cleanSingleLine(readField(raw, map.country));
	const country = countryText === undefined ? undefined : normalizeCountry(countryText);

	let postalCode: string | undefined;
	if (postalText !== undefined) {
		if (country === undefined || country === 'ES') {
			const parsed = parseSpanishPostalCode(postalText);
			if (parsed.valid) {
				postalCode = parsed.value;
				const fromPostalCode = PROVINCES[parsed.provinceCode];
				if (parsed.padded) {
					warnings.push({
						code: 'postal_code_zero_padded',
						field: map.postalCode,
						message: `Left-padded the 4-digit postal code ${postalText} to ${postalCode}`,
					});
				}
				if (province === undefined) {
					province = fromPostalCode;
				} else {
					const given = provinceCode(province);
					if (given !== undefined && given !== parsed.provinceCode) {
						warnings.push({
							code: 'province_mismatch',
							field: map.province,
							message: `${map.province} ${quote(province)} contradicts postal code ${postalCode} (${fromPostalCode}); kept ${quote(province)}`,
						});
					}
				}
			} else {
				warnings.push({
					code: 'postal_code_invalid',
					field: map.postalCode,
					message: `Dropped an invalid Spanish postal code: ${quote(postalText)} (5 digits, province 01–52)`,
				});
			}
		} else {
			postalCode = postalText;
		}
	}

	province = canonicalProvince(province, postalCode, warnings);
	if (!street && !city && !province && !postalCode && !country) return undefined;
	const address: NormalizedAddress = {};
	if (street) address.street = street;
	if (city) address.city = city;
	if (province) address.province = province;
	if (postalCode) address.postalCode = postalCode;
	if (country) address.country = country;
	return address;
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

/**
 * A province the INE table recognizes (any alias, case or accents: `ALMERIA`, `Vizcaya`, `baleares`)
 * is written in its INE display form (`Almería`, `Bizkaia`, `Illes Balears`), so one province has one
 * spelling in the CRM. Unrecognized text (a comarca, a foreign region) and a province that contradicts
 * the postal code (already warned about) are kept as given.
 */
function canonicalProvince(
	province: string | undefined,
	postalCode: string | undefined,
	warnings: readonly NormalizationWarning[],
): string | undefined {
	if (province === undefined) return undefined;
	const code = provinceCode(province);
	if (code === undefined) return province;
	if (postalCode !== undefined && warnings.some((w) => w.code === 'province_mismatch'))
		return province;
	return PROVINCES[code];
}
