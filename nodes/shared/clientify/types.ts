/**
 * Clientify-side types for the upsert: what Clientify returns (`ClientifyRecord`), what the source
 * says a record should look like (`DesiredRecord`), and the plans computed from both.
 * Plain TypeScript: no n8n imports anywhere under nodes/shared/.
 */
import type { NormalizationWarning, RecordType } from '../types';

/** A Clientify entity the node writes: the same values as the normalized record's `recordType`. */
export type Entity = RecordType;

/** API generation, from the credential's Base URL (`/v1` legacy, `/v2` "API plus"). */
export type ApiGeneration = 'v1' | 'v2';

export interface ClientifyEmail {
	id?: number;
	email: string;
	type: number;
}

export interface ClientifyPhone {
	id?: number;
	phone: string;
	type: number;
}

export interface ClientifyAddress {
	id?: number;
	street?: string;
	city?: string;
	state?: string;
	country?: string;
	postal_code?: string;
	type: number;
}

export interface ClientifyWebsite {
	id?: number;
	website: string;
	type: number;
}

export interface ClientifyCustomFieldValue {
	id?: number;
	field: string;
	value: string | number | boolean | null;
}

/** A contact or company as Clientify returns it (only the keys the upsert reads are typed). */
export interface ClientifyRecord {
	id: number;
	taxpayer_identification_number?: string | null;
	first_name?: string | null;
	last_name?: string | null;
	name?: string | null;
	business_name?: string | null;
	emails?: ClientifyEmail[] | null;
	phones?: ClientifyPhone[] | null;
	addresses?: ClientifyAddress[] | null;
	websites?: ClientifyWebsite[] | null;
	/** Tag names (v1 and v2 return strings); objects with `name` are tolerated. */
	tags?: Array<string | { name: string }> | null;
	custom_fields?: ClientifyCustomFieldValue[] | null;
	created?: string | null;
	[key: string]: unknown;
}

/** One entry of `GET /custom-fields/`. */
export interface CustomFieldDefinition {
	id: number;
	name: string;
	/** v1 `"contacts | contact"`, v2 localized `"contacts | contacto"`, legacy `"contact"`. */
	content_type: string;
	field_type?: number;
	[key: string]: unknown;
}

export interface CustomFieldEntry {
	/** Full Clientify custom-field name (prefix included). */
	name: string;
	value: string;
}

/**
 * What the source says the Clientify record should hold. Never contains empty values: a value the
 * source leaves empty is absent, so it can never blank what Clientify has.
 */
export interface DesiredRecord {
	entity: Entity;
	/** Normalized tax ID: the match key (see `taxIdMatchKey`). */
	taxId: string;
	/** Scalar Clientify fields by their API name (`first_name`, `name`, `taxpayer_identification_number` …). */
	scalars: Record<string, string>;
	emails: ClientifyEmail[];
	phones: ClientifyPhone[];
	addresses: ClientifyAddress[];
	websites: ClientifyWebsite[];
	tags: string[];
	customFields: CustomFieldEntry[];
	/** Source record id, echoed in the output for tracing. */
	sourceId?: string;
	/** Source last-modified stamp as given (`FechaModificacion`): the newest wins a shared tax ID. */
	modifiedAt?: string;
	/** Remarks produced while building the record (dropped values and the like). */
	warnings: NormalizationWarning[];
}

/** The lists the sync edits item by item (plan/lists.ts). */
export type ListName = 'emails' | 'phones' | 'addresses';

export type ListItem = ClientifyEmail | ClientifyPhone | ClientifyAddress;

/** One item write: the sync's own stale item takes the ERP's value in place, or goes. */
export type ItemEdit =
	| { kind: 'put'; list: ListName; id: number; before: ListItem; after: ListItem }
	| { kind: 'delete'; list: ListName; id: number; before: ListItem };

/** A change set against an existing Clientify record. Empty lists/maps mean "nothing to do". */
export interface UpdatePlan {
	/** Scalar fields whose value differs, with the new value. */
	scalars: Record<string, string>;
	/**
	 * Custom fields whose value differs, with the new value: the only ones sent, so a value people
	 * set meanwhile in another field is never sent back (a `PUT` merges custom fields by name).
	 */
	customFields: CustomFieldEntry[];
	addEmails: ClientifyEmail[];
	addPhones: ClientifyPhone[];
	addAddresses: ClientifyAddress[];
	addWebsites: ClientifyWebsite[];
	addTags: string[];
	/** *Make the New Value Primary*: the sync's own stale items, replaced in place or removed. */
	itemEdits: ItemEdit[];
	/** *Make the New Value Primary*: lists whose ERP values must still move first (a list `PUT`). */
	reorder: ListName[];
	/** Names of everything that changes (`first_name`, `phones`, `custom_fields.hispatec_Cultivo`, `tags`). */
	changedFields: string[];
}

/** Sub-resources of `/contacts/{id}/` and `/companies/{id}/` the upsert adds items to. */
export type SubResource = 'emails' | 'phones' | 'addresses' | 'websites' | 'tags';

/** The result of a lookup for one tax ID. */
export type MatchDecision =
	| { kind: 'none' }
	| { kind: 'one'; record: ClientifyRecord; ambiguousIds?: number[] }
	| { kind: 'ambiguous'; ids: number[] };

export type OnMultipleMatches = 'fail' | 'updateOldest';

export type LookupStrategy = 'auto' | 'searchEach' | 'indexAll';

/** One output item: what happened to one input item. */
export type UpsertAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
