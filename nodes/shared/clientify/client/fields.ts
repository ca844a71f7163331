/**
 * v2 ("API plus") needs `fields=` on every GET (else 400). The lists below are what the node reads:
 * contacts and companies, their item lists (`/contacts/{id}/emails/` …) and the records that refer
 * to them (`/contacts/{id}/tasks/`, `…/wallentries`, `/deals/`), all derived from the field table
 * (nodes/shared/clientify/fieldTable.ts: its rows marked `v2`, its items, its related resources).
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): v2 accepts the nested arrays (`emails`,
 * `custom_fields` …) and `taxpayer_identification_number` in `fields` for contacts; public code
 * only shows it for companies. Only this module needs to change if not.
 */
import { v2ListFields, v2RecordFields } from '../fieldTable';

const LIST_RESOURCES = v2ListFields();

const V2_FIELDS: Record<string, string> = {
	contacts: v2RecordFields('contact').join(','),
	companies: v2RecordFields('company').join(','),
	'custom-fields': 'id,name,content_type,field_type',
	...Object.fromEntries(Object.entries(LIST_RESOURCES).map(([name, f]) => [name, f.join(',')])),
	me: 'id,email',
};

/** The `fields=` value for a GET of `path` (relative to the Base URL), or undefined. */
export function v2FieldsFor(path: string): string | undefined {
	const segments = path.split('?')[0].split('/').filter(Boolean);
	if (!segments.length) return undefined;
	// /contacts/, /contacts/{id}/ → contacts; /contacts/{id}/emails/ → emails
	const resource = segments.length >= 3 ? segments[2] : segments[0];
	return V2_FIELDS[resource];
}
