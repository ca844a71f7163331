/** Expected Clientify values shared by the Clientify unit and integration tests. */

/** The fields a contact create writes, in the order `changedFields` reports them (custom fields follow). */
export const CREATED_CONTACT_FIELDS = [
	'taxpayer_identification_number',
	'first_name',
	'last_name',
	'emails',
	'phones',
	'addresses',
	'tags',
];

/** The Clientify address (type 1) of a test record living in El Ejido, Almería. */
export function ejidoAddress(street: string): Record<string, string | number> {
	return {
		street,
		city: 'El Ejido',
		state: 'Almería',
		postal_code: '04700',
		country: 'ES',
		type: 1,
	};
}
