/**
 * The field table: every Clientify field of a contact and of a company, where the sync's value
 * comes from, and who owns it. One table per entity (`FIELD_TABLE`), as data. Derived from it:
 * - the scalars `buildDesiredRecord` writes (`writtenScalars`, desired/desired.ts);
 * - the fingerprint's scalars (`FINGERPRINT_SCALARS` in plan/fingerprint.ts, `fingerprintScalars`);
 * - v2's `fields=` for records, item lists and related records (`v2RecordFields`, `v2ListFields`;
 *   nodes/shared/clientify/client/fields.ts);
 * - the docs/clientify-upsert.md section "What the sync changes in Clientify, and what it never touches"
 *   (`npx tsx scripts/field-table.ts --write`).
 * test/unit/shared/clientify/fieldTable.test.ts fails when any of them, the *Define Below* options
 * (nodes/ClientifyUpsert/actions/descriptionFields.ts) or `applyOverrides` (desired/source.ts)
 * disagree with the table.
 *
 * Ownership, the rule the write path keeps (the sync owns exactly the values it wrote):
 * - `erp`: the ERP's value wins. A non-empty ERP value that differs replaces Clientify's; an empty
 *   one never blanks it.
 * - `add`: a list the sync adds the ERP's values to. It may replace or remove only an item it added
 *   itself, that the ERP no longer has and nobody touched (never an unsubscribed one); every other
 *   item keeps its id, attributes, flags and place.
 * - `state`: the sync's own bookkeeping, the custom field `<prefix>SyncState` (syncState.ts).
 * - `untouched`: never written by the sync (read at most).
 *
 * Plain TypeScript, no n8n imports.
 */
import type { SourceFields } from './desired/source';
import type { Entity } from './types';

/** Who has the last word on a value (see the module comment). */
type FieldOwnership = 'erp' | 'add' | 'state' | 'untouched';

/**
 * - `scalar`: a top-level value of the record (`first_name`).
 * - `list`: a list of items, each with its own sub-resource (`emails` → `/contacts/{id}/emails/`).
 * - `customField`: entries of the record's `custom_fields`, by name (`<prefix>F`).
 * - `readOnly`: set by Clientify; the sync reads it (`id`, `created`, `modified`).
 * - `other`: a value of the record the sync neither reads nor writes (`owner`, `status` …).
 * - `related`: records of their own that refer to this one (deals, tasks, notes); read only, to
 *   decide whether a twin may be deleted.
 */
type FieldKind = 'scalar' | 'list' | 'customField' | 'readOnly' | 'other' | 'related';

/** The record's key that holds every custom field. */
const CUSTOM_FIELDS_KEY = 'custom_fields';

/** One attribute of a list's items. `add`: the sync sets it on the items it adds; `untouched`: never. */
interface ItemAttribute {
	api: string;
	ownership: 'add' | 'untouched';
	/** Plain words for docs/clientify-upsert.md. */
	note?: string;
}

interface FieldRow {
	/**
	 * Clientify's name: the record's key (`first_name`, `emails`, `created`), a related resource
	 * (`deals`), or for custom fields the name with its prefix (`<prefix>Codigo`, `<prefix>F` for
	 * any, `*` for the names outside the prefix). `*` as a record key: every other key.
	 */
	api: string;
	kind: FieldKind;
	ownership: FieldOwnership;
	/** Short name for people (docs/clientify-upsert.md). */
	label: string;
	/** Where the ERP's value is in the normalized record (docs/normalized-record.md). */
	normalized?: string;
	/** The `SourceFields` key it is built from (desired/source.ts), for the rows the sync writes. */
	source?: keyof SourceFields;
	/** The options of *Field Values* / *Field Overrides* (node parameter `fields`) that set it. */
	defineBelow?: readonly string[];
	/** Another node parameter that sets it: `taxId`, `customFields`, `options.tags`. */
	parameter?: string;
	/** Scalars: the match key (validated by `checkTaxId` instead of being cleaned). */
	matchKey?: true;
	/** Custom fields: the name after the prefix (`Codigo`), or `*` for any name under it. */
	afterPrefix?: string;
	/**
	 * Lists: with *Make the New Value Primary*, the ERP's value goes first, and an item the sync
	 * itself added earlier may be replaced or removed. `false`: only added, never removed.
	 */
	ownItemsReplaced?: boolean;
	/** Lists: the attributes of one item, in v2 `fields=` order. */
	items?: readonly ItemAttribute[];
	/** Related records: the v2 resource they are listed from and the fields read. */
	resource?: { name: string; fields: readonly string[] };
	/** In the Known Records fingerprint (plan/fingerprint.ts). */
	fingerprint: boolean;
	/** Requested in v2's `fields=` when a record is read. */
	v2: boolean;
	/** What the sync does with it, in plain words (docs/clientify-upsert.md), beyond what its ownership says. */
	note?: string;
}

const item = (
	api: string,
	ownership: ItemAttribute['ownership'] = 'add',
	note?: string,
): ItemAttribute => ({ api, ownership, ...(note ? { note } : {}) });
const ID = item('id', 'untouched', 'Every item keeps its id: the sync edits items in place.');
const TYPE = item('type');
const UNSUBSCRIBED = item(
	'unsubscribed',
	'untouched',
	'An opt-out stays an opt-out: the sync never clears it. A reorder re-sends it as read and checks it right after; one Clientify dropped is set again at once.',
);

const TAX_ID_ROW: FieldRow = {
	api: 'taxpayer_identification_number',
	kind: 'scalar',
	ownership: 'erp',
	label: 'Tax ID (NIF/CIF)',
	normalized: 'taxId',
	source: 'taxId',
	parameter: 'taxId',
	matchKey: true,
	fingerprint: true,
	v2: true,
	note: 'How the record is found: normalized (`B58378431`); an item without a valid one is skipped.',
};

const CONTACT_NAMES: FieldRow[] = [
	{
		api: 'first_name',
		kind: 'scalar',
		ownership: 'erp',
		label: 'First name',
		normalized: 'firstName (else name)',
		source: 'firstName',
		defineBelow: ['firstName'],
		fingerprint: true,
		v2: true,
		note: 'A contact without a first name in the ERP (a CIF holder) gets its full name here.',
	},
	{
		api: 'last_name',
		kind: 'scalar',
		ownership: 'erp',
		label: 'Last name',
		normalized: 'lastName',
		source: 'lastName',
		defineBelow: ['lastName'],
		fingerprint: true,
		v2: true,
	},
];

const COMPANY_NAMES: FieldRow[] = [
	{
		api: 'name',
		kind: 'scalar',
		ownership: 'erp',
		label: 'Company name',
		normalized: 'tradeName (else name)',
		source: 'companyName',
		defineBelow: ['companyName'],
		fingerprint: true,
		v2: true,
		note: 'The display name (trade name, else the legal name).',
	},
	{
		api: 'business_name',
		kind: 'scalar',
		ownership: 'erp',
		label: 'Business name',
		normalized: 'name',
		source: 'businessName',
		defineBelow: ['businessName'],
		fingerprint: true,
		v2: true,
		note: 'The legal name (razón social).',
	},
];

const LISTS: FieldRow[] = [
	{
		api: 'emails',
		kind: 'list',
		ownership: 'add',
		label: 'E-mails',
		normalized: 'emails[]',
		source: 'emails',
		defineBelow: ['email'],
		ownItemsReplaced: true,
		items: [ID, item('email'), TYPE, UNSUBSCRIBED],
		fingerprint: true,
		v2: true,
	},
	{
		api: 'phones',
		kind: 'list',
		ownership: 'add',
		label: 'Phones',
		normalized: 'phones[]',
		source: 'phones',
		defineBelow: ['phone', 'mobilePhone'],
		ownItemsReplaced: true,
		items: [ID, item('phone'), TYPE, UNSUBSCRIBED],
		fingerprint: true,
		v2: true,
	},
	{
		api: 'addresses',
		kind: 'list',
		ownership: 'add',
		label: 'Addresses',
		normalized: 'address',
		source: 'address',
		defineBelow: ['street', 'city', 'state', 'postalCode', 'country'],
		ownItemsReplaced: true,
		items: [
			ID,
			item('street'),
			item('city'),
			item('state'),
			item('country'),
			item('postal_code'),
			TYPE,
		],
		fingerprint: true,
		v2: true,
	},
	{
		api: 'websites',
		kind: 'list',
		ownership: 'add',
		label: 'Web sites',
		normalized: 'website',
		source: 'website',
		defineBelow: ['website'],
		ownItemsReplaced: false,
		items: [ID, item('website'), TYPE],
		fingerprint: true,
		v2: true,
	},
	{
		api: 'tags',
		kind: 'list',
		ownership: 'add',
		label: 'Tags',
		parameter: 'options.tags',
		ownItemsReplaced: false,
		items: [ID, item('name')],
		fingerprint: true,
		v2: true,
		note: "People's own tags stay. A record that left the ERP gets the Removal Tag (and may lose the sync's tags, by option); when it comes back the sync undoes only that (state x).",
	},
];

const CUSTOM_FIELDS: FieldRow[] = [
	{
		api: '<prefix>F',
		kind: 'customField',
		ownership: 'erp',
		label: 'Custom field per ERP field',
		normalized: 'extra.F',
		source: 'customFields',
		parameter: 'customFields',
		afterPrefix: '*',
		fingerprint: true,
		v2: true,
		note: 'One text field per extra ERP field (`extra.Cultivo` → `hispatec_Cultivo`), created when missing.',
	},
	{
		api: '<prefix>Codigo',
		kind: 'customField',
		ownership: 'erp',
		label: 'ERP code',
		normalized: 'sourceId',
		source: 'sourceId',
		afterPrefix: 'Codigo',
		fingerprint: true,
		v2: true,
		note: "The ERP record's code.",
	},
	{
		api: '<prefix>SyncState',
		kind: 'customField',
		ownership: 'state',
		label: 'Sync state',
		afterPrefix: 'SyncState',
		fingerprint: false,
		v2: true,
		note: 'What the sync wrote: the ERP code, its last change, whether the sync created the record, the id of the record it was written on (so a copy on another record does not count), and short hashes of the e-mails, phones and addresses it added. Written after the writes it describes.',
	},
	{
		api: '*',
		kind: 'customField',
		ownership: 'untouched',
		label: 'Other custom fields',
		fingerprint: false,
		v2: true,
		note: "Any custom field outside the prefix, unless named in the node's *Custom Fields* (then its value there wins, as an ERP value).",
	},
];

const READ_ONLY: FieldRow[] = [
	{
		api: 'created',
		kind: 'readOnly',
		ownership: 'untouched',
		label: 'Created',
		fingerprint: false,
		v2: true,
		note: 'Read: when a record was created (the oldest of two twins, the re-check after creating).',
	},
	{
		api: 'modified',
		kind: 'readOnly',
		ownership: 'untouched',
		label: 'Modified',
		fingerprint: false,
		v2: true,
		note: 'Read: whether anyone changed a record since the sync created it.',
	},
];

const ID_ROW: FieldRow = {
	api: 'id',
	kind: 'readOnly',
	ownership: 'untouched',
	label: 'Record id',
	fingerprint: false,
	v2: true,
	note: 'Read.',
};

const RELATED: FieldRow[] = [
	{
		api: 'deals',
		kind: 'related',
		ownership: 'untouched',
		label: 'Deals',
		resource: { name: 'deals', fields: ['id'] },
		fingerprint: false,
		v2: false,
		note: 'Read: a record a deal refers to is never deleted.',
	},
	{
		api: 'tasks',
		kind: 'related',
		ownership: 'untouched',
		label: 'Tasks',
		resource: { name: 'tasks', fields: ['id'] },
		fingerprint: false,
		v2: false,
		note: 'Read: a record with a task is never deleted.',
	},
	{
		api: 'wallentries',
		kind: 'related',
		ownership: 'untouched',
		label: 'Notes and timeline',
		resource: { name: 'wallentries', fields: ['id'] },
		fingerprint: false,
		v2: false,
		note: 'Read: a record with notes or activity on its timeline is never deleted.',
	},
];

const other = (api: string, label: string, note?: string): FieldRow => ({
	api,
	kind: 'other',
	ownership: 'untouched',
	label,
	fingerprint: false,
	v2: false,
	...(note ? { note } : {}),
});

const EVERY_OTHER = 'Consents, social profiles, visits, scoring, links to other records …';

const CONTACT_OTHER: FieldRow[] = [
	other('owner', 'Owner'),
	other('status', 'Status', 'The lead status (cold lead … client).'),
	other('title', 'Job title'),
	{
		api: 'company_id',
		kind: 'readOnly',
		ownership: 'untouched',
		label: 'Company the contact works for (v2 `company_id`; v1 `company`, its name)',
		fingerprint: false,
		v2: true,
		note: "Read to see the contact's company. *Link Contacts to Companies* links the contact to the company its ERP record names through `/companies/{id}/employees/{contactId}/`, never through the `company` field (a name that may create a company); it moves only a link the sync made itself (state `k`).",
	},
	other('contact_type', 'Contact type'),
	other('contact_source', 'Contact source'),
	other('description', 'Description'),
	other('remarks', 'Remarks'),
	other('summary', 'Summary'),
	other('birthday', 'Birthday'),
	other('*', 'Every other field', EVERY_OTHER),
];

const COMPANY_OTHER: FieldRow[] = [
	other('owner', 'Owner'),
	other('sector', 'Sector'),
	other('number_of_employees', 'Number of employees'),
	other('rank', 'Rank'),
	other('description', 'Description'),
	other('remarks', 'Remarks'),
	other('summary', 'Summary'),
	other('*', 'Every other field', EVERY_OTHER),
];

/**
 * One table per entity, in a fixed order: the order of the written scalars (and so of
 * `DesiredRecord.scalars`, the fingerprint's scalars) and of v2's `fields=`.
 */
export const FIELD_TABLE: Readonly<Record<Entity, readonly FieldRow[]>> = {
	contact: [
		ID_ROW,
		TAX_ID_ROW,
		...CONTACT_NAMES,
		...LISTS,
		...CUSTOM_FIELDS,
		...READ_ONLY,
		...CONTACT_OTHER,
		...RELATED,
	],
	company: [
		ID_ROW,
		TAX_ID_ROW,
		...COMPANY_NAMES,
		...LISTS,
		...CUSTOM_FIELDS,
		...READ_ONLY,
		...COMPANY_OTHER,
		...RELATED,
	],
};

/** A row that the sync writes from a `SourceFields` value. */
type SourcedFieldRow = FieldRow & { source: keyof SourceFields };

const WRITTEN_SCALARS: Record<Entity, readonly SourcedFieldRow[]> = {
	contact: FIELD_TABLE.contact.filter(isWrittenScalar),
	company: FIELD_TABLE.company.filter(isWrittenScalar),
};

function isWrittenScalar(row: FieldRow): row is SourcedFieldRow {
	return row.kind === 'scalar' && row.ownership === 'erp' && row.source !== undefined;
}

/** The scalars `buildDesiredRecord` writes for an entity, in table order (the tax ID first). */
export function writtenScalars(entity: Entity): readonly SourcedFieldRow[] {
	return WRITTEN_SCALARS[entity];
}

/** The scalars the Known Records fingerprint covers, in its order. */
export function fingerprintScalars(entity: Entity): string[] {
	return FIELD_TABLE[entity].filter((r) => r.kind === 'scalar' && r.fingerprint).map((r) => r.api);
}

/** The record's key a row lives under (`custom_fields` for every custom field). */
function recordKeyOf(row: FieldRow): string {
	return row.kind === 'customField' ? CUSTOM_FIELDS_KEY : row.api;
}

/** v2 `fields=` for reading a contact or company (lists and searches included). */
export function v2RecordFields(entity: Entity): string[] {
	const keys: string[] = [];
	for (const row of FIELD_TABLE[entity]) {
		const key = recordKeyOf(row);
		if (row.v2 && !keys.includes(key)) keys.push(key);
	}
	return keys;
}

/**
 * v2 `fields=` for the resources read below a record or about it, by resource name: the item lists
 * (`emails` → `id,email,type,unsubscribed`) and the related records (`deals`, `tasks`,
 * `wallentries`). The same for both entities.
 */
export function v2ListFields(): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const entity of Object.keys(FIELD_TABLE) as Entity[]) {
		for (const row of FIELD_TABLE[entity]) {
			if (row.items) out[row.api] = row.items.map((i) => i.api);
			else if (row.resource) out[row.resource.name] = [...row.resource.fields];
		}
	}
	return out;
}
