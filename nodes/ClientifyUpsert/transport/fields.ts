/**
 * v2 ("API plus") needs `fields=` on every GET (else 400). The lists below are what the upsert
 * reads. ASSUMED (README "Assumed Clientify behaviour"): v2 accepts the nested arrays (`emails`,
 * `custom_fields` …) and `taxpayer_identification_number` in `fields` for contacts; public code
 * only shows it for companies. Only this function needs to change if not.
 */
import { LIST_FIELDS } from '../../shared/clientify/types';

const RECORD_FIELDS = [...LIST_FIELDS, 'taxpayer_identification_number', 'created'];

export const V2_FIELDS: Record<string, string> = {
	contacts: ['id', 'first_name', 'last_name', ...RECORD_FIELDS].join(','),
	companies: ['id', 'name', 'business_name', ...RECORD_FIELDS].join(','),
	'custom-fields': 'id,name,content_type,field_type',
	emails: 'id,email,type',
	phones: 'id,phone,type',
	addresses: 'id,street,city,state,country,postal_code,type',
	websites: 'id,website,type',
	tags: 'id,name',
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
