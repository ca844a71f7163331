/** An update plan as Clientify writes (nodes/ClientifyUpsert/actions/write/writes.ts). */
import { fieldsOf, planWrites } from '../../../../../nodes/ClientifyUpsert/actions/write/writes';
import type { UpdatePlan } from '../../../../../nodes/shared/clientify';

const plan: UpdatePlan = {
	scalars: { first_name: 'Ana' },
	customFields: [{ name: 'hispatec_Cultivo', value: 'Tomate' }],
	mergedCustomFields: [{ name: 'hispatec_Cultivo', value: 'Tomate' }],
	addEmails: [{ email: 'ana@agro.es', type: 1 }],
	addPhones: [],
	addAddresses: [{ street: 'Calle Real 1', type: 1 }],
	addWebsites: [],
	addTags: ['hispatec'],
	changedFields: ['first_name', 'custom_fields.hispatec_Cultivo', 'emails', 'addresses', 'tags'],
};

describe('planWrites / fieldsOf', () => {
	it('one PUT for scalars and custom fields, one POST per added item (addresses with all six keys)', () => {
		const writes = planWrites('contact', 7, plan);
		expect(writes).toEqual([
			{
				method: 'PUT',
				path: '/contacts/7/',
				body: {
					first_name: 'Ana',
					custom_fields: [{ field: 'hispatec_Cultivo', value: 'Tomate' }],
				},
			},
			{
				method: 'POST',
				path: '/contacts/7/emails/',
				body: { email: 'ana@agro.es', type: 1 },
				sub: 'emails',
			},
			{
				method: 'POST',
				path: '/contacts/7/addresses/',
				body: {
					street: 'Calle Real 1',
					city: '',
					state: '',
					country: '',
					postal_code: '',
					type: 1,
				},
				sub: 'addresses',
			},
			{ method: 'POST', path: '/contacts/7/tags/', body: { name: 'hispatec' }, sub: 'tags' },
		]);
		expect(writes.map((w) => fieldsOf(w, plan))).toEqual([
			['first_name', 'custom_fields.hispatec_Cultivo'],
			['emails'],
			['addresses'],
			['tags'],
		]);
	});
	it('companies write to /companies/', () => {
		expect(
			planWrites('company', 3, {
				...plan,
				scalars: {},
				customFields: [],
				addEmails: [],
				addAddresses: [],
			}).map((w) => w.path),
		).toEqual(['/companies/3/tags/']);
	});
});
