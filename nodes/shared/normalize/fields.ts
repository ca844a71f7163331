/**
 * The Hispatec reference-contract field map (docs/normalized-record.md, "Field map") and its overrides,
 * and the one safe way to read a field of a raw record.
 */
import type { FieldMap, NormalizeOptions, RawRecord, RecordType } from '../types';

/**
 * Keys that are never read from or written into a record: the prototype-related keys (prototype
 * pollution). Used by the raw-record reads of normalization and by the XML record reader.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
	'__proto__',
	'constructor',
	'prototype',
]);

const hasOwn = Object.prototype.hasOwnProperty;

/** The raw value of one field, or undefined when the record has no such own field (or it is forbidden). */
export function readField(raw: RawRecord, field: string | undefined): unknown {
	if (field === undefined || FORBIDDEN_KEYS.has(field) || !hasOwn.call(raw, field))
		return undefined;
	return raw[field];
}

function frozenList(names: string[]): string[] {
	return Object.freeze(names) as string[];
}

/** E-mail, phones and address: the same field names for contacts and companies. */
const CONTACT_DETAILS = {
	email: 'Email',
	phoneFields: frozenList(['Telefono', 'TelefonoMovil']),
	street: 'Direccion',
	city: 'Poblacion',
	province: 'Provincia',
	postalCode: 'CodigoPostal',
	country: 'Pais',
	inactive: 'Baja',
};

/** Default source field names per record type (Hispatec reference contract). */
export const HISPATEC_FIELD_MAP: Readonly<Record<RecordType, Readonly<FieldMap>>> = Object.freeze({
	contact: Object.freeze({
		sourceId: 'Codigo',
		taxIdFields: frozenList(['IdentificacionFiscalCliente', 'NIF', 'DNI']),
		firstName: 'Nombre',
		lastName: 'Apellidos',
		...CONTACT_DETAILS,
		modifiedAt: 'FechaModificacion',
		companyCode: 'CodigoEmpresa',
		companyTaxId: 'CIFEmpresa',
	}),
	company: Object.freeze({
		sourceId: 'Codigo',
		taxIdFields: frozenList(['CIF', 'IdentificacionFiscal', 'NIF']),
		name: 'RazonSocial',
		tradeName: 'NombreComercial',
		...CONTACT_DETAILS,
		website: 'Web',
		modifiedAt: 'FechaModificacion',
	}),
});

/** Default tax-ID candidate fields per record type. */
export const DEFAULT_TAX_ID_FIELDS: Readonly<Record<RecordType, readonly string[]>> = Object.freeze(
	{
		contact: HISPATEC_FIELD_MAP.contact.taxIdFields,
		company: HISPATEC_FIELD_MAP.company.taxIdFields,
	},
);

/**
 * Values of the inactive-flag field (`Baja`) that mark a record inactive, compared trimmed and ignoring
 * case and accents (`Sí` = `SI`); `*` would mean any non-empty value (a `FechaBaja` date).
 */
export const DEFAULT_INACTIVE_VALUES: readonly string[] = frozenList(['S', 'SI', '1', 'TRUE', 'X']);

/** Names of the single-field entries of a FieldMap. */
const SINGLE_FIELD_KEYS = [
	'sourceId',
	'firstName',
	'lastName',
	'name',
	'tradeName',
	'email',
	'street',
	'city',
	'province',
	'postalCode',
	'country',
	'website',
	'modifiedAt',
	'companyCode',
	'companyTaxId',
	'inactive',
] as const;

/** Single-field entries that are read but not consumed: their value also stays in `extra`. */
const READ_ONLY_KEYS: ReadonlySet<string> = new Set(['inactive']);

function nonEmptyNames(names: readonly string[] | undefined): string[] {
	return (names ?? []).filter((name) => typeof name === 'string' && name.trim().length > 0);
}

/** The effective field map for one call: defaults, then `options.fieldMap`, then `options.taxIdFields`. */
export function resolveFieldMap(
	recordType: RecordType,
	options?: NormalizeOptions,
): Readonly<FieldMap> {
	const defaults = HISPATEC_FIELD_MAP[recordType];
	if (!options || (options.fieldMap === undefined && options.taxIdFields === undefined))
		return defaults;
	const override = options.fieldMap ?? {};
	const map: FieldMap = { ...defaults, taxIdFields: [...defaults.taxIdFields] };
	for (const key of SINGLE_FIELD_KEYS) {
		if (!(key in override)) continue;
		const name = override[key];
		if (typeof name === 'string' && name.trim().length > 0) map[key] = name.trim();
		else delete map[key];
	}
	if (override.taxIdFields !== undefined) map.taxIdFields = nonEmptyNames(override.taxIdFields);
	if (override.phoneFields !== undefined) map.phoneFields = nonEmptyNames(override.phoneFields);
	if (options.taxIdFields !== undefined) map.taxIdFields = nonEmptyNames(options.taxIdFields);
	return map;
}

/** A read-only set of field names (null prototype: safe for any key). */
type FieldSet = Readonly<Record<string, true>>;

/** Every source field the map consumes (never copied to `extra`). */
export function consumedFields(map: Readonly<FieldMap>): FieldSet {
	const fields: Record<string, true> = Object.create(null);
	for (const name of map.taxIdFields) fields[name] = true;
	for (const name of map.phoneFields) fields[name] = true;
	for (const key of SINGLE_FIELD_KEYS) {
		const name = map[key];
		if (name && !READ_ONLY_KEYS.has(key)) fields[name] = true;
	}
	return Object.freeze(fields);
}

/** Consumed fields of the default maps, computed once (read-only). */
export const DEFAULT_CONSUMED_FIELDS: Readonly<Record<RecordType, FieldSet>> = Object.freeze({
	contact: consumedFields(HISPATEC_FIELD_MAP.contact),
	company: consumedFields(HISPATEC_FIELD_MAP.company),
});
