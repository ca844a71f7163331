/**
 * An update as Clientify Upsert writes it (nodes/ClientifyUpsert/actions/write/update.ts): the plan's
 * writes in order, and which output fields each write applies (a write that fails leaves out the
 * fields of the writes after it).
 */
import { updateRecord } from '../../../../../nodes/ClientifyUpsert/actions/write/update';
import { encodeSyncState, phoneStateKey } from '../../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord, DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { apiError, engineOptions, fakeClient, notes, recordItem, stepContext } from './fixtures';

/**
 * Against `existing`: first name and a custom field change, an e-mail, an address and the tag are
 * added, the sync's own phone 31 is replaced in place and its phone 32 removed, and the ERP's e-mail
 * goes first (people's e-mail 11 stays, after it).
 */
const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	scalars: { taxpayer_identification_number: '12345678Z', first_name: 'Ana' },
	emails: [{ email: 'ana@agro.es', type: 1 }],
	phones: [{ phone: '950000002', type: 3 }],
	addresses: [{ street: 'Calle Real 1', type: 1 }],
	websites: [],
	tags: ['hispatec'],
	customFields: [{ name: 'hispatec_Cultivo', value: 'Tomate' }],
	warnings: [],
};

const existing: ClientifyRecord = {
	id: 7,
	taxpayer_identification_number: '12345678Z',
	first_name: 'Anna',
	emails: [{ id: 11, email: 'people@agro.es', type: 1 }],
	phones: [
		{ id: 31, phone: '950000001', type: 3 },
		{ id: 32, phone: '950000003', type: 3 },
	],
	addresses: [],
	websites: [],
	tags: [],
	custom_fields: [
		{ field: 'hispatec_Cultivo', value: 'Pimiento' },
		{
			field: 'hispatec_SyncState',
			value: encodeSyncState({
				v: 1,
				i: 7,
				e: [],
				p: [phoneStateKey('950000001'), phoneStateKey('950000003')],
				a: [],
			}),
		},
	],
};

/** The record as read again before the guarded edits and the reorder: the new e-mail added. */
const reread = {
	...existing,
	emails: [...existing.emails!, { id: 13, email: 'ana@agro.es', type: 1 }],
};

const WRITES = [
	'POST /contacts/7/emails/',
	'POST /contacts/7/addresses/',
	'POST /contacts/7/tags/',
	'PUT /contacts/7/phones/31/',
	'DELETE /contacts/7/phones/32/',
	'PUT /contacts/7/',
];

function routes(failing?: string) {
	const answers: Record<string, unknown> = {
		'POST /contacts/7/emails/': { id: 13 },
		'POST /contacts/7/addresses/': { id: 14 },
		'POST /contacts/7/tags/': { id: 15 },
		'GET /contacts/7/': reread,
		'PUT /contacts/7/phones/31/': {},
		'DELETE /contacts/7/phones/32/': {},
		'PUT /contacts/7/': {},
	};
	if (failing) {
		const [method, path] = failing.split(' ');
		answers[failing] = apiError(400, method, path);
	}
	return answers;
}

describe('updateRecord: the writes', () => {
	it('adds first, then the guarded item edits, last the PUT (the state never runs ahead of the writes)', async () => {
		const { client, calls } = fakeClient({});
		const planned = notes(true);
		const ctx = stepContext(client, engineOptions({ dryRun: true }));
		await updateRecord(ctx, recordItem(desired), desired, existing, planned);
		expect(calls).toEqual([]);
		expect(planned.plannedRequests!.map((w) => [w.method, w.path, w.body])).toEqual([
			['POST', '/contacts/7/emails/', { email: 'ana@agro.es', type: 1 }],
			[
				'POST',
				'/contacts/7/addresses/',
				{ street: 'Calle Real 1', city: '', state: '', country: '', postal_code: '', type: 1 },
			],
			['POST', '/contacts/7/tags/', { name: 'hispatec' }],
			['PUT', '/contacts/7/phones/31/', { phone: '950000002', type: 3 }],
			['DELETE', '/contacts/7/phones/32/', {}],
			[
				'PUT',
				'/contacts/7/',
				{ first_name: 'Ana', custom_fields: [{ field: 'hispatec_Cultivo', value: 'Tomate' }] },
			],
		]);
	});

	it('sent in that order; the record PUT carries the reordered e-mails', async () => {
		const { client, calls, keys } = fakeClient(routes());
		const outcome = await updateRecord(
			stepContext(client),
			recordItem(desired),
			desired,
			existing,
			notes(),
		);
		expect(keys().filter((k) => !k.startsWith('GET '))).toEqual(WRITES);
		expect(calls.at(-1)?.body).toEqual({
			first_name: 'Ana',
			custom_fields: [{ field: 'hispatec_Cultivo', value: 'Tomate' }],
			emails: [
				{ id: 13, email: 'ana@agro.es', type: 1 },
				{ id: 11, email: 'people@agro.es', type: 1 },
			],
		});
		expect(outcome).toMatchObject({
			kind: 'written',
			action: 'updated',
			changedFields: [
				'first_name',
				'custom_fields.hispatec_Cultivo',
				'emails',
				'phones',
				'addresses',
				'tags',
			],
			partial: false,
		});
	});

	it('each write applies its own fields: an add its list, an item edit its list, the PUT the scalars and custom fields', async () => {
		const appliedBefore = [
			[],
			['emails'],
			['emails', 'addresses'],
			['emails', 'addresses', 'tags'],
			['emails', 'addresses', 'tags', 'phones'],
			['emails', 'addresses', 'tags', 'phones'],
		];
		for (const [at, failing] of WRITES.entries()) {
			const { client, keys } = fakeClient(routes(failing));
			const outcome = await updateRecord(
				stepContext(client),
				recordItem(desired),
				desired,
				existing,
				notes(),
			);
			expect(keys().filter((k) => !k.startsWith('GET '))).toEqual(WRITES.slice(0, at + 1));
			expect(outcome).toMatchObject({ kind: 'failed', changedFields: appliedBefore[at] });
		}
	});

	it('a reorder alone still ends in the PUT (its lists are added on a fresh copy); companies write to /companies/', async () => {
		const company: DesiredRecord = {
			...desired,
			entity: 'company',
			taxId: 'B12345674',
			scalars: { taxpayer_identification_number: 'B12345674', name: 'Agrícola SL' },
			phones: [],
			addresses: [],
			customFields: [],
		};
		const stored: ClientifyRecord = {
			id: 3,
			taxpayer_identification_number: 'B12345674',
			name: 'Agrícola SL',
			emails: [
				{ id: 21, email: 'people@agro.es', type: 1 },
				{ id: 22, email: 'ana@agro.es', type: 1 },
			],
			phones: [],
			addresses: [],
			websites: [],
			tags: [],
			custom_fields: [],
		};
		const planned = (makePrimary: boolean) => {
			const dry = notes(true);
			const { client } = fakeClient({});
			const ctx = stepContext(client, engineOptions({ dryRun: true }));
			return updateRecord(ctx, recordItem(company, 0, { makePrimary }), company, stored, dry).then(
				() => dry.plannedRequests!.map((w) => [w.method, w.path]),
			);
		};
		expect(await planned(true)).toEqual([
			['POST', '/companies/3/tags/'],
			['PUT', '/companies/3/'],
		]);
		expect(await planned(false)).toEqual([['POST', '/companies/3/tags/']]);

		const { client, calls, keys } = fakeClient({
			'POST /companies/3/tags/': { id: 5 },
			'GET /companies/3/': stored,
			'PUT /companies/3/': {},
		});
		const outcome = await updateRecord(
			stepContext(client),
			recordItem(company),
			company,
			stored,
			notes(),
		);
		expect(keys().filter((k) => !k.startsWith('GET '))).toEqual([
			'POST /companies/3/tags/',
			'PUT /companies/3/',
		]);
		expect(calls.at(-1)?.body).toEqual({
			emails: [
				{ id: 22, email: 'ana@agro.es', type: 1 },
				{ id: 21, email: 'people@agro.es', type: 1 },
			],
		});
		// the e-mails are applied by the PUT alone (its reorder)
		expect(outcome).toMatchObject({ kind: 'written', changedFields: ['emails', 'tags'] });
	});
});
