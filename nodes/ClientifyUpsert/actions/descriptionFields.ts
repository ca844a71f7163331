/** Clientify Upsert's *Field Values* / *Field Overrides*: one value per Clientify field. */
import type { INodeProperties } from 'n8n-workflow';

export const fieldOptions: INodeProperties[] = [
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		description: 'Companies: legal name (razón social), Clientify "business_name"',
	},
	{
		displayName: 'City',
		name: 'city',
		type: 'string',
		default: '',
		description: 'Address: city or town (Clientify address "city")',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		description: 'Companies: display name, Clientify "name" (needed to create a company)',
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		description: 'Address: country, as Clientify should store it (e.g. ES)',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'One address, or several separated by commas or semicolons',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Contacts: Clientify "first_name"',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Contacts: Clientify "last_name"',
	},
	{
		displayName: 'Mobile Phone',
		name: 'mobilePhone',
		type: 'string',
		default: '',
		description: 'Sent with Clientify phone type 2 (Mobile)',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		description: 'Sent with Clientify phone type 3 (Work)',
	},
	{
		displayName: 'Postal Code',
		name: 'postalCode',
		type: 'string',
		default: '',
		description: 'Address: postal code, e.g. 04700',
	},
	{
		displayName: 'Province / State',
		name: 'state',
		type: 'string',
		default: '',
		description: 'Address: province or state (Clientify address "state")',
	},
	{
		displayName: 'Street',
		name: 'street',
		type: 'string',
		default: '',
		description: 'Address: street and number (Clientify address "street")',
	},
	{
		displayName: 'Website',
		name: 'website',
		type: 'string',
		default: '',
		description:
			'Companies and contacts: website URL, sent with Clientify website type 1 (Corporate)',
	},
];
