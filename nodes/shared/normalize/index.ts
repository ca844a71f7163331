/**
 * Spanish contact-data normalization core (no n8n imports). Entry point: `normalizeRecord`.
 */
export { normalizeRecord } from './record';
export {
	HISPATEC_FIELD_MAP,
	DEFAULT_TAX_ID_FIELDS,
	DEFAULT_INACTIVE_VALUES,
	DEFAULT_CONSUMED_FIELDS,
	resolveFieldMap,
	consumedFields,
	type FieldSet,
} from './fields';
export {
	parseTaxId,
	cifControlTypeNote,
	FOREIGN_PREFIXES,
	type SpanishTaxIdType,
	type TaxIdError,
	type TaxIdNote,
	type TaxIdResult,
	type ValidTaxId,
	type InvalidTaxId,
} from './taxId';
export {
	checkDni,
	checkNie,
	checkNifKlm,
	checkCif,
	cifControlDigit,
	dniCheckLetter,
	DNI_LETTERS,
	CIF_LETTERS,
	CIF_CONTROL_LETTERS,
	type TypeCheck,
} from './taxIdChecks';
export { selectTaxId, type SelectedTaxId, type RejectedTaxId } from './taxIdSelection';
export { parseEmails, normalizeEmail, type ParsedEmails } from './email';
export {
	parsePhone,
	parsePhoneField,
	spanishPhoneType,
	type PhoneCandidate,
	type PhoneType,
} from './phone';
export { parseSpanishPostalCode, provinceForPostalCode, type PostalCodeResult } from './postalCode';
export { PROVINCES, provinceCode } from './provinces';
export { normalizeCountry } from './country';
export { normalizeWebsite } from './website';
export { hasLegalForm, kindFromData } from './kind';
export { cleanValue, cleanSingleLine, isPlaceholder, foldKey, PLACEHOLDER_VALUES } from './text';
export { readField } from './read';
export { readCompanyRef } from './companyRef';
export { readInactive } from './inactive';
export * from '../types';
