/**
 * Clientify type codes for the nested arrays (reference §4, confirmed by two independent clients).
 * The choice of code for each kind of source value is ours and documented in docs/clientify-upsert.md ("Field mapping").
 */
import type { NormalizedPhone } from '../../types';

export const EMAIL_TYPE = { work: 1, personal: 2, other: 3, main: 4 } as const;
export const PHONE_TYPE = { main: 1, mobile: 2, work: 3, home: 4, fax: 5, other: 6 } as const;
export const ADDRESS_TYPE = { work: 1, home: 2, billing: 3, other: 4, main: 5 } as const;
export const WEBSITE_TYPE = { corporate: 1, personal: 2, blog: 3, other: 4, main: 5 } as const;

/** ERP e-mails are business addresses: Work. */
export const SYNC_EMAIL_TYPE = EMAIL_TYPE.work;
/** ERP addresses are the customer's business (fiscal) address: Work. */
export const SYNC_ADDRESS_TYPE = ADDRESS_TYPE.work;
/** ERP web sites are the customer's own: Corporate. */
export const SYNC_WEBSITE_TYPE = WEBSITE_TYPE.corporate;

/** Mobile → Mobile (2), landline → Work (3), anything else → Other (6). */
export function phoneTypeCode(type: NormalizedPhone['type']): number {
	if (type === 'mobile') return PHONE_TYPE.mobile;
	if (type === 'landline') return PHONE_TYPE.work;
	return PHONE_TYPE.other;
}
