/** An update as Clientify writes it (nodes/ClientifyUpsert/actions/write/update.ts): the plan's writes in order. */
import { fieldsOf, planWrites } from '../../../../../nodes/ClientifyUpsert/actions/write/update';
import type { UpdatePlan } from '../../../../../nodes/shared/clientify/types';

const plan: UpdatePlan = {
	scalars: { first_name: 'Ana' },
	customFields: [{ name: 'hispatec_Cultivo', value: 'Tomate' }],
	addEmails: [{ email: 'ana@agro.es', type: 1 }],
	addPhones: [],
	addAddresses: [{ street: 'Calle Real 1', type: 1 }],
	addWebsites: [],
	addTags: ['hispatec'],
	itemEdits: [
		{
			kind: 'put',
			list: 'phones',
			id: 31,
			before: { id: 31, phone: '950000001', type: 3 },
			after: { phone: '950000002', type: 3 },
		},
		{ kind: 'delete', list: 'emails', id: 12, before: { id: 12, email: 'old@agro.es', type: 1 } },
	],
	reorder: ['emails'],
	changedFields: [
		'first_name',
		'custom_fields.hispatec_Cultivo',
		'emails',
		'phones',
		'addresses',
		'tags',
	],
};

describe('planWrites / fieldsOf', () => {
	it('adds first, then the guarded item edits, last the PUT (the state never runs ahead of the writes)', () => {
		const writes = planWrites('contact', 7, plan);
		expect(writes.map((w) => [w.method, w.path, w.body])).toEqual([
			['POST', '/contacts/7/emails/', { email: 'ana@agro.es', type: 1 }],
			[
				'POST',
				'/contacts/7/addresses/',
				{ street: 'Calle Real 1', city: '', state: '', country: '', postal_code: '', type: 1 },
			],
			['POST', '/contacts/7/tags/', { name: 'hispatec' }],
			['PUT', '/contacts/7/phones/31/', { phone: '950000002', type: 3 }],
			['DELETE', '/contacts/7/emails/12/', {}],
			[
				'PUT',
				'/contacts/7/',
				{ first_name: 'Ana', custom_fields: [{ field: 'hispatec_Cultivo', value: 'Tomate' }] },
			],
		]);
		expect(writes.map((w) => fieldsOf(w, plan))).toEqual([
			['emails'],
			['addresses'],
			['tags'],
			['phones'],
			['emails'],
			['first_name', 'custom_fields.hispatec_Cultivo', 'emails'],
		]);
	});
	it('a reorder alone still ends in the PUT (its lists are added on a fresh copy); companies write to /companies/', () => {
		const only: UpdatePlan = {
			...plan,
			scalars: {},
			customFields: [],
			addEmails: [],
			addAddresses: [],
			itemEdits: [],
		};
		expect(planWrites('company', 3, only).map((w) => [w.method, w.path])).toEqual([
			['POST', '/companies/3/tags/'],
			['PUT', '/companies/3/'],
		]);
		expect(planWrites('company', 3, { ...only, reorder: [] }).map((w) => w.path)).toEqual([
			'/companies/3/tags/',
		]);
	});
});
