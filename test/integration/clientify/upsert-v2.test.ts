/**
 * API v2 ("API plus"): `fields=` on every GET, localized custom-field content types, 409 on a
 * duplicate tax ID at create → look up again and update.
 */
import { emailStateKey } from '../../../nodes/shared/clientify/syncState';
import {
	actions,
	company,
	contact,
	dni,
	runUpsert,
	withClientifyEmulator,
	logLines,
	recheckLine,
	NO_LISTS,
	seedBeforeCreate,
} from './helpers';

/** v2 `fields=` for contacts: the field table's v2 rows (nodes/shared/clientify/fieldTable.ts). */
const CONTACT_FIELDS =
	'id,taxpayer_identification_number,first_name,last_name,emails,phones,addresses,websites,tags,custom_fields,created,modified,company_id';

describe('Clientify Upsert (v2)', () => {
	const emu = withClientifyEmulator({ apiVersion: 'v2' });

	it('adds fields= to every GET; creates, then finds the record unchanged with zero writes', async () => {
		emu.store.seedCustomField('contact', 'hispatec_Cultivo');
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		const record = contact(1, { extra: { Cultivo: 'Tomate' }, sourceId: undefined });
		const first = await runUpsert(emu, [record]);
		expect(first.json[0]).toMatchObject({
			action: 'created',
			clientifyId: 1,
			customFieldsCreated: [],
		});
		expect(logLines(emu)).toEqual([
			`GET /v2/contacts/?query=${dni(1)}&page_size=100&fields=${encodeURIComponent(CONTACT_FIELDS)}`,
			`GET /v2/custom-fields/?fields=${encodeURIComponent('id,name,content_type,field_type')}`,
			'POST /v2/contacts/',
			`GET /v2/contacts/?created[gte]=T&ordering=id&page_size=100&fields=${encodeURIComponent(CONTACT_FIELDS)}`,
		]);
		emu.log.reset();
		const second = await runUpsert(emu, [record]);
		expect(actions(second)).toEqual(['unchanged']);
		expect([emu.log.reads, emu.log.writes]).toEqual([2, 0]);
		expect(emu.log.requests.every((r) => r.query.fields)).toBe(true);
	});

	it('matches localized custom-field definitions ("contacts | contacto")', async () => {
		emu.store.seedCustomField('contact', 'hispatec_Codigo');
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		const result = await runUpsert(emu, [contact(1)]);
		expect(result.json[0]).toMatchObject({ action: 'created', customFieldsCreated: [] });
		expect(emu.log.count('POST', '/custom-fields/')).toBe(0);
	});

	it('on 409 (duplicate tax ID at create) looks the record up again and updates it', async () => {
		// Another client creates the same contact between our lookup and our create.
		seedBeforeCreate(emu, {
			first_name: 'Otro proceso',
			taxpayer_identification_number: dni(1),
			tags: ['hispatec'],
		});
		const result = await runUpsert(emu, [contact(1, { sourceId: undefined })]);
		expect(result.json[0]).toMatchObject({
			action: 'updated',
			clientifyId: 1,
			changedFields: [
				'first_name',
				'last_name',
				'custom_fields.hispatec_SyncState',
				'emails',
				'phones',
				'addresses',
			],
			warnings: [
				{
					code: 'create_conflict',
					message:
						'Clientify refused the create (409: Contact with this taxpayer_identification_number already exists.); the existing record was updated instead',
				},
			],
		});
		expect(emu.log.lines().map((l) => l.split('?')[0])).toEqual([
			'GET /v2/contacts/',
			'GET /v2/custom-fields/',
			'POST /v2/custom-fields/',
			'POST /v2/contacts/',
			'GET /v2/contacts/',
			'POST /v2/contacts/1/emails/',
			'POST /v2/contacts/1/phones/',
			'POST /v2/contacts/1/addresses/',
			'PUT /v2/contacts/1/',
		]);
		expect(emu.log.requests[7].body).toEqual({
			street: 'Calle 1',
			city: 'El Ejido',
			state: 'Almería',
			country: 'ES',
			postal_code: '04700',
			type: 1,
		});
		expect(emu.store.snapshot().contacts).toHaveLength(1);
		expect(emu.store.getContact(1)?.first_name).toBe('Nombre1');
	});

	it('on 409 for a record that already holds the data: unchanged, no further write', async () => {
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		seedBeforeCreate(emu, {
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			taxpayer_identification_number: dni(1),
			tags: ['hispatec'],
			custom_fields: { hispatec_SyncState: '{"v":1,"e":[],"p":[],"a":[]}' },
		});
		const result = await runUpsert(emu, [
			contact(1, {
				sourceId: undefined,
				...NO_LISTS,
			}),
		]);
		expect(result.json[0]).toMatchObject({
			action: 'unchanged',
			clientifyId: 1,
			changedFields: [],
		});
		expect((result.json[0].warnings as Array<{ code: string }>).map((w) => w.code)).toEqual([
			'create_conflict',
		]);
		expect(emu.log.writes).toBe(1);
	});

	it('indexes companies with fields= on every page', async () => {
		for (let n = 1; n <= 120; n++)
			emu.store.seedCompany({
				created: '2025-01-01T00:00:00.000Z',
				name: `Agrícola ${n} SL`,
				business_name: `Agrícola ${n} SL`,
				taxpayer_identification_number: company(n).taxId,
				emails: [`info${n}@empresa.es`],
				tags: ['hispatec'],
				custom_fields: {
					hispatec_SyncState: `{"v":1,"e":["${emailStateKey(`info${n}@empresa.es`)}"],"p":[],"a":[]}`,
				},
			});
		emu.log.reset();
		const batch = [1, 2, 3, 121].map((n) => company(n, { sourceId: undefined }));
		const result = await runUpsert(emu, batch);
		expect(actions(result)).toEqual(['unchanged', 'unchanged', 'unchanged', 'created']);
		expect(logLines(emu).map((l) => l.replace(/fields=[^&]+/, 'fields=…'))).toEqual([
			'GET /v2/companies/?page_size=100&fields=…',
			'GET /v2/companies/?page_size=100&fields=…&page=2',
			'GET /v2/custom-fields/?fields=…',
			'POST /v2/companies/',
			'GET /v2/companies/?created[gte]=T&ordering=id&page_size=100&fields=…',
		]);
	});
});
