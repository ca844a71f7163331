/**
 * The contract between the Hispatec nodes (which emit these records) and the Clientify Upsert node
 * (which consumes them). Plain TypeScript: no n8n imports anywhere under nodes/shared/.
 * Documented field by field in docs/normalized-record.md.
 */

export type RecordType = 'contact' | 'company';

/** Kind of legal person: `person` (persona física) or `company` (persona jurídica / entity). */
export type Kind = 'person' | 'company' | 'unknown';

export type TaxIdType = 'DNI' | 'NIE' | 'NIF_KLM' | 'CIF' | 'FOREIGN';

/** A non-fatal remark about one value, for auditing (e.g. `tax_id_es_prefix_stripped`). */
export interface NormalizationWarning {
	code: string;
	/** Source field the warning is about, when there is one. */
	field?: string;
	message: string;
}

export interface NormalizedAddress {
	street?: string;
	city?: string;
	province?: string;
	postalCode?: string;
	country?: string;
}

export interface NormalizedPhone {
	/** E.164 (`+34950123456`) for Spanish numbers; foreign numbers as given with `+`. */
	number: string;
	type: 'mobile' | 'landline' | 'other';
	/** Source field it came from. */
	field: string;
}

/** Contacts: the customer company this contact belongs to in the ERP (`CodigoEmpresa`, `CIFEmpresa`). */
export interface CompanyRef {
	/** The company's Hispatec code (`Codigo` of the company record), when given. */
	code?: string;
	/** The company's normalized CIF/NIF, when given and valid. */
	taxId?: string;
}

export interface NormalizedRecord {
	recordType: RecordType;
	/** Normalized tax ID (`12345678Z`, `B58378431`), never empty. */
	taxId: string;
	taxIdType: TaxIdType;
	/** Source field the tax ID came from (the main field or one of the alternatives). */
	taxIdField: string;
	kind: Kind;
	/** Persons: given name(s). */
	firstName?: string;
	/** Persons: surname(s). */
	lastName?: string;
	/** Companies: legal name (razón social); persons: full display name. */
	name?: string;
	/** Companies: trade name (nombre comercial) when different from `name`. */
	tradeName?: string;
	/** Primary e-mail, lower-cased and validated. */
	email?: string;
	/** Every valid e-mail, primary first. */
	emails: string[];
	/** Primary phone. */
	phone?: string;
	/** Every valid phone, primary first. */
	phones: NormalizedPhone[];
	website?: string;
	address?: NormalizedAddress;
	/** Hispatec record code (`Codigo`), when present. */
	sourceId?: string;
	/** Hispatec last-modified stamp (`FechaModificacion`) as given, when present. */
	modifiedAt?: string;
	/** Contacts: the company the ERP links this contact to, when the ERP names one (code and/or valid CIF). */
	companyRef?: CompanyRef;
	/** The ERP marks this customer inactive (baja): the inactive-flag setting matched. */
	inactive?: boolean;
	/** Every other non-empty source field, by its source name (becomes a Clientify custom field). */
	extra: Record<string, string>;
	warnings: NormalizationWarning[];
}

/** A record that left the ERP (deleted there): emitted by removal detectors, consumed by Clientify Upsert. */
export interface RemovedRecord {
	action: 'removed';
	recordType: RecordType;
	/** Hispatec code (`Codigo`) of the record that left. */
	sourceId: string;
	/** Its last known normalized tax ID, when the detector knows it. */
	taxId?: string;
}

/**
 * Every reason a record ends `skipped`, in either node: the one list. Each reason maps to what it
 * means; a removal skip (`removal: true`) also to the one message its item carries. Everything else
 * is derived from it: the `SkipReason` union, the removal skips (`RemovalSkip`, plan/removal.ts), and
 * the check that docs/troubleshooting.md explains each reason (test/unit/docs.test.ts).
 */
export const SKIP_REASONS = {
	missing_tax_id: { about: 'no tax ID (normalization, or an item reaching Clientify Upsert)' },
	invalid_tax_id: { about: 'a tax ID that is not a valid NIF, NIE or CIF' },
	foreign_tax_id: { about: 'only a foreign tax ID, and foreign tax IDs are not allowed' },
	missing_name: { about: 'no name (normalization, or a company Clientify Upsert would create)' },
	duplicate_tax_id: { about: 'another ERP record with the same tax ID wins' },
	normalization_failed: { about: 'the normalizer threw on the record (a bug)' },
	// Clientify Upsert, a record that left the ERP (option *When a Record Leaves the ERP*,
	// nodes/shared/clientify/plan/removal.ts):
	removal_ignored: {
		removal: true,
		about: 'a record that left the ERP, with When a Record Leaves the ERP: Do Nothing',
		message:
			'The record left the ERP, and "When a Record Leaves the ERP" is "Do Nothing": nothing was written.',
	},
	not_owned: {
		removal: true,
		about: 'a record that left the ERP, with no Clientify record the sync owns for it',
		message:
			"The record left the ERP, but no Clientify record with its tax ID carries this sync's state for its Hispatec code: records people created or own are never tagged.",
	},
	not_in_clientify: {
		removal: true,
		about: 'a record that left the ERP, not in Clientify',
		message: 'The record left the ERP and is not in Clientify: nothing to mark.',
	},
	inactive_in_erp: {
		removal: true,
		about: 'an inactive ERP record, not in Clientify: not created',
		message:
			'The ERP marks this record inactive (baja) and it is not in Clientify: it is not created.',
	},
} as const satisfies Record<
	string,
	{ about: string } | { removal: true; about: string; message: string }
>;

export type SkipReason = keyof typeof SKIP_REASONS;

/** Why an item that left the ERP was not written; its message is `SKIP_REASONS[reason].message`. */
export type RemovalSkip = {
	[R in SkipReason]: (typeof SKIP_REASONS)[R] extends { removal: true } ? R : never;
}[SkipReason];

export interface SkippedRecord {
	recordType: RecordType;
	reason: SkipReason;
	message: string;
	/** Best-effort identifiers so a person can find the record in the ERP. */
	sourceId?: string;
	taxIdCandidate?: string;
	/** `duplicate_tax_id`: the Hispatec code (`Codigo`) of the record that is synced instead. */
	duplicateOf?: string;
	warnings: NormalizationWarning[];
}

export type NormalizationResult =
	{ ok: true; record: NormalizedRecord } | { ok: false; skip: SkippedRecord };

export interface NormalizeOptions {
	/** Tax-ID fields tried in order (first valid wins). Defaults per record type (see docs/normalized-record.md). */
	taxIdFields?: string[];
	/** Keep foreign (non-ES prefixed) tax IDs as type FOREIGN instead of skipping the record. */
	allowForeignTaxIds?: boolean;
	/**
	 * Source field names, merged over the defaults for the record type (`HISPATEC_FIELD_MAP`).
	 * A key set to `''` unmaps that field. `taxIdFields` above, when given, wins over
	 * `fieldMap.taxIdFields`.
	 */
	fieldMap?: Partial<FieldMap>;
	/**
	 * Values of the `inactive` field that mark a record inactive (compared trimmed, ignoring case and
	 * accents; `*` = any value). Default `DEFAULT_INACTIVE_VALUES` (nodes/shared/normalize/fields.ts).
	 */
	inactiveValues?: readonly string[];
}

/**
 * Where each normalized field comes from: source (Hispatec) field names. Defaults in
 * `HISPATEC_FIELD_MAP` (nodes/shared/normalize/fields.ts); documented in docs/normalized-record.md ("Field map").
 * Every source field not named here goes to `extra`.
 */
export interface FieldMap {
	/** → `sourceId` (`Codigo`). */
	sourceId?: string;
	/** Tax-ID candidates, in order (first valid wins); consumed, never copied to `extra`. */
	taxIdFields: string[];
	/** → `firstName` (contacts: `Nombre`). */
	firstName?: string;
	/** → `lastName` (contacts: `Apellidos`). */
	lastName?: string;
	/** → `name` (companies: `RazonSocial`; contacts: used only when first and last name are empty). */
	name?: string;
	/** → `tradeName` (companies: `NombreComercial`; also the fallback name). */
	tradeName?: string;
	/** → `email` / `emails` (`Email`; may hold several addresses). */
	email?: string;
	/** → `phone` / `phones`, merged in this order (`Telefono`, `TelefonoMovil`). */
	phoneFields: string[];
	/** → `address.street` (`Direccion`). */
	street?: string;
	/** → `address.city` (`Poblacion`). */
	city?: string;
	/** → `address.province` (`Provincia`). */
	province?: string;
	/** → `address.postalCode` (`CodigoPostal`). */
	postalCode?: string;
	/** → `address.country` (`Pais`). */
	country?: string;
	/** → `website` (companies: `Web`). */
	website?: string;
	/** → `modifiedAt` (`FechaModificacion`). */
	modifiedAt?: string;
	/** → `companyRef.code` (contacts only: `CodigoEmpresa`). */
	companyCode?: string;
	/** → `companyRef.taxId` (contacts only: `CIFEmpresa`). */
	companyTaxId?: string;
	/** → `inactive` (`Baja`); read, not consumed: the value also stays in `extra`. Unmapped = never inactive. */
	inactive?: string;
}

/** One raw record as read from Hispatec: source field name → value (null for xsi:nil). */
export type RawRecord = Record<string, string | null | undefined>;
