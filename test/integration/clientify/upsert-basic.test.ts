/**
 * Clientify Upsert over real HTTP against the emulator: create, minimal update, unchanged,
 * ambiguous matches, skipped items, dry run, Define Below and overrides, company lookups.
 */
import { CREATED_CONTACT_FIELDS } from '../../helpers/clientify';
import {
	actions,
	company,
	contact,
	createdContactBody,
	dni,
	runUpsert,
	runUpsertError,
	withClientifyEmulator,
	logLines,
	recheckLine,
	NO_LISTS,
} from './helpers';

/** The node's own custom field holding the sync state (docs/clientify-upsert.md "Overlapping runs", "Options"). */
const STATE = 'hispatec_SyncState';

describe('Clientify Upsert (v1)', () => {
	const emu = withClientifyEmulator();

	it('creates a contact with one lookup and one POST holding every field', async () => {
		const record = contact(1, { extra: { Cultivo: 'Tomate' } });
		const result = await runUpsert(emu, [record]);
		expect(result.output[0][0].pairedItem).toEqual({ item: 0 });
		expect(result.json).toEqual([
			{
				action: 'created',
				recordType: 'contact',
				taxId: dni(1),
				clientifyId: 1,
				sourceId: 'C1',
				changedFields: [
					...CREATED_CONTACT_FIELDS,
					'custom_fields.hispatec_Cultivo',
					'custom_fields.hispatec_Codigo',
					`custom_fields.${STATE}`,
				],
				customFieldsCreated: ['hispatec_Cultivo', 'hispatec_Codigo', STATE],
				warnings: [],
			},
		]);
		expect(logLines(emu)).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			'POST /v1/custom-fields/',
			'POST /v1/custom-fields/',
			'POST /v1/custom-fields/',
			'POST /v1/contacts/?force_insert=true',
			recheckLine(),
		]);
		expect(emu.log.requests[2].body).toEqual({
			name: 'hispatec_Cultivo',
			field_type: 3,
			content_type: 'contact',
		});
		expect(emu.store.getContact(1)).toMatchObject({
			...createdContactBody(1),
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'hispatec_Codigo', value: 'C1' },
				{
					field: STATE,
					value: expect.stringMatching(
						/^\{"v":1,"c":"C1","n":\d{13},"e":\["[0-9a-f]{8}"\],"p":\["[0-9a-f]{8}"\],"a":\["[0-9a-f]{8}"\]\}$/,
					),
				},
			],
		});
	});

	it('updates with a minimal diff: one PUT with the changed field, sub-resources for new items, tag added', async () => {
		emu.store.seedCustomField('contact', 'hispatec_Codigo');
		emu.store.seedCustomField('contact', 'hispatec_Cultivo');
		emu.store.seedCustomField('contact', 'Comercial');
		emu.store.seedCustomField('contact', STATE);
		const seeded = emu.store.seedContact({
			first_name: 'Nombre1',
			last_name: 'Apellido Viejo',
			taxpayer_identification_number: dni(1),
			emails: ['c1@agro.es'],
			phones: ['950 000 001'],
			addresses: [{ street: 'Calle 1', city: 'El Ejido', postal_code: '04700' }],
			tags: ['vip'],
			custom_fields: { hispatec_Codigo: 'C1', hispatec_Cultivo: 'Pimiento', Comercial: 'Luis' },
		});
		const record = contact(1, {
			emails: ['c1@agro.es', 'facturas1@agro.es'],
			extra: { Cultivo: 'Tomate' },
		});
		const result = await runUpsert(emu, [record]);
		expect(result.json).toEqual([
			{
				action: 'updated',
				recordType: 'contact',
				taxId: dni(1),
				clientifyId: seeded.id,
				sourceId: 'C1',
				changedFields: [
					'last_name',
					'custom_fields.hispatec_Cultivo',
					`custom_fields.${STATE}`,
					'emails',
					'tags',
				],
				customFieldsCreated: [],
				warnings: [],
			},
		]);
		expect(emu.log.lines()).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			`POST /v1/contacts/${seeded.id}/emails/`,
			`POST /v1/contacts/${seeded.id}/tags/`,
			`PUT /v1/contacts/${seeded.id}/`,
		]);
		expect(emu.log.requests[2].body).toEqual({ email: 'facturas1@agro.es', type: 1 });
		expect(emu.log.requests[3].body).toEqual({ name: 'hispatec' });
		// Last, so the state never claims a value not yet written; only the changed custom fields, so
		// a person's field (Comercial) is never sent back.
		expect(emu.log.requests[4].body).toEqual({
			last_name: 'Apellido1',
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: STATE, value: expect.stringContaining('"c":"C1"') },
			],
		});
		expect(emu.store.getContact(seeded.id)).toMatchObject({
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			emails: [{ email: 'c1@agro.es' }, { email: 'facturas1@agro.es' }],
			phones: [{ phone: '950 000 001' }],
			tags: ['vip', 'hispatec'],
			custom_fields: [
				{ field: 'hispatec_Codigo', value: 'C1' },
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'Comercial', value: 'Luis' },
				{ field: STATE },
			],
		});
	});

	it('writes nothing when nothing changed (unchanged), and a value the source leaves empty never blanks Clientify', async () => {
		await runUpsert(emu, [contact(1, { extra: { Cultivo: 'Tomate' } })]);
		emu.log.reset();
		const again = await runUpsert(emu, [contact(1, { extra: { Cultivo: 'Tomate' } })]);
		expect(actions(again)).toEqual(['unchanged']);
		expect(again.json[0]).toMatchObject({
			clientifyId: 1,
			changedFields: [],
			customFieldsCreated: [],
		});
		expect([emu.log.reads, emu.log.writes]).toEqual([2, 0]);

		emu.log.reset();
		const sparse = await runUpsert(emu, [
			contact(1, {
				lastName: undefined,
				...NO_LISTS,
				extra: { Cultivo: '  ' },
			}),
		]);
		expect(actions(sparse)).toEqual(['unchanged']);
		expect(emu.log.writes).toBe(0);
		expect(emu.store.getContact(1)).toMatchObject({
			last_name: 'Apellido1',
			emails: [{ email: 'c1@agro.es' }],
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'hispatec_Codigo', value: 'C1' },
				{ field: STATE },
			],
		});
	});

	it('keeps only exact tax-ID matches from the substring search', async () => {
		emu.store.seedContact({ first_name: 'Otro', taxpayer_identification_number: `1${dni(1)}` });
		emu.store.seedContact({ first_name: 'Otra', emails: [`${dni(1).toLowerCase()}@x.es`] });
		const result = await runUpsert(emu, [contact(1)], { parameters: { options: { tags: '' } } });
		expect(actions(result)).toEqual(['created']);
		expect(result.json[0].clientifyId).toBe(3);
	});

	it('follows every page of the search and of the custom-field definitions', async () => {
		emu.setOption('maxPageSize', 5);
		for (let i = 1; i <= 7; i++)
			emu.store.seedContact({
				first_name: `Parecido${i}`,
				taxpayer_identification_number: `${i}${dni(1)}`,
			});
		const exact = emu.store.seedContact({
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			taxpayer_identification_number: dni(1),
			tags: ['hispatec'],
		});
		for (let i = 1; i <= 11; i++) emu.store.seedCustomField('company', `campo${i}`);
		emu.store.seedCustomField('contact', 'hispatec_Cultivo');
		emu.store.seedCustomField('contact', STATE);
		emu.log.reset();
		try {
			const result = await runUpsert(emu, [
				contact(1, {
					sourceId: undefined,
					...NO_LISTS,
					extra: { Cultivo: 'Tomate' },
				}),
			]);
			expect(result.json[0]).toMatchObject({
				action: 'updated',
				clientifyId: exact.id,
				changedFields: ['custom_fields.hispatec_Cultivo', `custom_fields.${STATE}`],
				customFieldsCreated: [],
			});
			expect(emu.log.lines()).toEqual([
				`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
				`GET /v1/contacts/?query=${dni(1)}&page_size=100&page=2`,
				'GET /v1/custom-fields/',
				'GET /v1/custom-fields/?page=2',
				`PUT /v1/contacts/${exact.id}/`,
			]);
		} finally {
			emu.setOption('maxPageSize', 100);
		}
	});

	it('matches a tax ID stored in another spelling and rewrites it normalized', async () => {
		const seeded = emu.store.seedContact({
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			taxpayer_identification_number: `ES ${dni(1).toLowerCase()}`,
		});
		const result = await runUpsert(
			emu,
			[
				contact(1, {
					...NO_LISTS,
					sourceId: undefined,
				}),
			],
			{ parameters: { options: { tags: '' } } },
		);
		expect(result.json[0]).toMatchObject({
			action: 'updated',
			clientifyId: seeded.id,
			changedFields: ['taxpayer_identification_number', `custom_fields.${STATE}`],
		});
		expect(emu.store.getContact(seeded.id)?.taxpayer_identification_number).toBe(dni(1));
	});

	describe('several records with the same tax ID', () => {
		beforeEach(() => {
			emu.store.seedContact({
				first_name: 'Viejo',
				taxpayer_identification_number: dni(1),
				created: '2023-01-01T00:00:00.000Z',
			});
			emu.store.seedContact({
				first_name: 'Nuevo',
				taxpayer_identification_number: dni(1),
				created: '2023-06-01T00:00:00.000Z',
			});
			emu.store.seedContact({
				first_name: 'Más viejo',
				taxpayer_identification_number: dni(1),
				created: '2022-01-01T00:00:00.000Z',
			});
			emu.log.reset();
		});

		it('fails the item as ambiguous by default and writes nothing', async () => {
			const result = await runUpsert(emu, [contact(1)], { continueOnFail: true });
			expect(result.json).toEqual([
				{
					action: 'failed',
					recordType: 'contact',
					taxId: dni(1),
					clientifyId: null,
					sourceId: 'C1',
					changedFields: [],
					customFieldsCreated: [],
					warnings: [],
					error: `3 Clientify contacts have tax ID ${dni(1)} (ids 1, 2, 3)`,
				},
			]);
			expect(emu.log.writes).toBe(0);
			const thrown = await runUpsertError(emu, [contact(1)]);
			expect(thrown.message).toBe(`3 Clientify contacts have tax ID ${dni(1)} (ids 1, 2, 3)`);
			expect(thrown.context.itemIndex).toBe(0);
			expect(thrown.constructor.name).toBe('NodeOperationError');
		});

		it('updates the oldest with "Update the Oldest", with a warning', async () => {
			const result = await runUpsert(emu, [contact(1, { extra: {}, sourceId: undefined })], {
				parameters: { options: { onMultipleMatches: 'updateOldest' } },
			});
			expect(result.json[0]).toMatchObject({
				action: 'updated',
				clientifyId: 3,
				changedFields: [
					'first_name',
					'last_name',
					`custom_fields.${STATE}`,
					'emails',
					'phones',
					'addresses',
					'tags',
				],
				warnings: [
					{
						code: 'multiple_matches',
						message: `3 Clientify contacts have tax ID ${dni(1)} (ids 1, 2, 3); updated the oldest, id 3`,
					},
				],
			});
			expect(emu.store.getContact(3)?.first_name).toBe('Nombre1');
			expect(emu.store.getContact(1)?.first_name).toBe('Viejo');
		});
	});

	it('skips items without a valid tax ID with a reason, and never drops them', async () => {
		const result = await runUpsert(
			emu,
			[
				contact(1, { taxId: '' }),
				{ firstName: 'CSV row without normalization' },
				contact(2, { taxId: '12345678A' }),
				{
					recordType: 'contact',
					reason: 'invalid_tax_id',
					message: 'IdentificacionFiscalCliente "X" is malformed',
					sourceId: 'C9',
					taxIdCandidate: 'X',
					warnings: [],
				},
				contact(3),
			],
			{ parameters: { options: { tags: '' } } },
		);
		expect(actions(result)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'created']);
		expect(result.output[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
			{ item: 4 },
		]);
		expect(result.json.slice(0, 4).map((j) => [j.reason, j.message])).toEqual([
			[
				'missing_tax_id',
				'The item has no "taxId": it is not a normalized record. Connect a Hispatec node, or set "Fields" to "Define Below" for other sources.',
			],
			[
				'missing_tax_id',
				'The item has no "taxId": it is not a normalized record. Connect a Hispatec node, or set "Fields" to "Define Below" for other sources.',
			],
			['invalid_tax_id', 'Tax ID "12345678A" has a wrong check letter (expected Z).'],
			['invalid_tax_id', 'IdentificacionFiscalCliente "X" is malformed'],
		]);
		expect(result.json[3]).toMatchObject({ recordType: 'contact', taxId: 'X', sourceId: 'C9' });
	});

	it('dry run: looks up, outputs what would be written, writes nothing', async () => {
		const seeded = emu.store.seedContact({
			first_name: 'Viejo',
			taxpayer_identification_number: dni(2),
			tags: ['hispatec'],
		});
		emu.store.seedCustomField('contact', STATE);
		emu.log.reset();
		const result = await runUpsert(
			emu,
			[
				contact(1, { extra: { Cultivo: 'Tomate' }, sourceId: undefined }),
				contact(2, {
					...NO_LISTS,
					sourceId: undefined,
				}),
			],
			{
				parameters: { options: { dryRun: true } },
			},
		);
		expect(emu.log.writes).toBe(0);
		expect(emu.store.snapshot().contacts).toHaveLength(1);
		expect(result.json[0]).toMatchObject({
			action: 'created',
			dryRun: true,
			clientifyId: null,
			customFieldsCreated: ['hispatec_Cultivo'],
			plannedRequests: [
				{
					method: 'POST',
					path: '/custom-fields/',
					body: { name: 'hispatec_Cultivo', field_type: 3, content_type: 'contact' },
				},
				{
					method: 'POST',
					path: '/contacts/',
					body: {
						...createdContactBody(1),
						custom_fields: [
							{ field: 'hispatec_Cultivo', value: 'Tomate' },
							{ field: STATE, value: expect.stringMatching(/"n":\d{13}/) },
						],
					},
				},
			],
		});
		expect(result.json[1]).toMatchObject({
			action: 'updated',
			dryRun: true,
			clientifyId: seeded.id,
			changedFields: ['first_name', 'last_name', `custom_fields.${STATE}`],
			plannedRequests: [
				{
					method: 'PUT',
					path: `/contacts/${seeded.id}/`,
					body: {
						first_name: 'Nombre2',
						last_name: 'Apellido2',
						custom_fields: [
							{ field: STATE, value: `{"v":1,"i":${seeded.id},"e":[],"p":[],"a":[]}` },
						],
					},
				},
			],
		});
	});

	it('Define Below: every field from expressions, tax ID validated and normalized, custom fields by full name', async () => {
		emu.store.seedCustomField('company', 'Sector agrícola');
		emu.store.seedCustomField('company', STATE);
		const parameters = {
			recordType: 'company',
			fieldsSource: 'defineBelow',
			taxId: 'es-b58378431',
			fields: {
				companyName: 'Horponiente',
				businessName: 'Hortalizas del Poniente SL',
				email: 'info@horponiente.es; admin@horponiente.es',
				phone: '950 11 22 33',
				city: 'Vícar',
				website: 'horponiente.es',
			},
			customFields: {
				field: [
					{ name: 'Sector agrícola', value: 'Hortícola' },
					{ name: 'Vacío', value: '' },
				],
			},
			options: { tags: 'erp, hispatec' },
		};
		const result = await runUpsert(emu, [{ any: 'csv row' }], { parameters });
		expect(result.json[0]).toMatchObject({
			action: 'created',
			recordType: 'company',
			taxId: 'B58378431',
			clientifyId: 1,
		});
		expect(logLines(emu)).toEqual([
			'GET /v1/companies/?taxpayer_identification_number=B58378431&page_size=100',
			'GET /v1/custom-fields/',
			'POST /v1/companies/',
			recheckLine('companies'),
		]);
		expect(emu.log.requests[2].body).toEqual({
			taxpayer_identification_number: 'B58378431',
			name: 'Horponiente',
			business_name: 'Hortalizas del Poniente SL',
			emails: [
				{ email: 'info@horponiente.es', type: 1 },
				{ email: 'admin@horponiente.es', type: 1 },
			],
			phones: [{ phone: '950 11 22 33', type: 3 }],
			addresses: [{ city: 'Vícar', type: 1 }],
			websites: [{ website: 'horponiente.es', type: 1 }],
			tags: ['erp', 'hispatec'],
			custom_fields: [
				{ field: 'Sector agrícola', value: 'Hortícola' },
				{
					field: STATE,
					value: expect.stringMatching(
						/^\{"v":1,"n":\d{13},"e":\["[0-9a-f]{8}","[0-9a-f]{8}"\],"p":\["[0-9a-f]{8}"\],"a":\["[0-9a-f]{8}"\]\}$/,
					),
				},
			],
		});
		const bad = await runUpsert(emu, [{}], { parameters: { ...parameters, taxId: 'B58378432' } });
		expect(bad.json[0]).toMatchObject({ action: 'skipped', reason: 'invalid_tax_id' });
	});

	it('overrides a normalized field per item by expression', async () => {
		const result = await runUpsert(emu, [contact(1), contact(2)], {
			parameters: { options: { tags: '' } },
			itemParameters: [{ fields: { firstName: 'Pepa' } }, undefined],
		});
		expect(actions(result)).toEqual(['created', 'created']);
		expect(emu.store.getContact(1)?.first_name).toBe('Pepa');
		expect(emu.store.getContact(2)?.first_name).toBe('Nombre2');
	});

	it('companies: exact filter by tax ID; falls back to query= when the filter is ignored', async () => {
		emu.store.seedCompany({ name: 'Otra', taxpayer_identification_number: 'A58951310' });
		const existing = emu.store.seedCompany({
			name: `Agrícola 1 SL`,
			taxpayer_identification_number: company(1).taxId,
		});
		emu.log.reset();
		const first = await runUpsert(emu, [company(1, { sourceId: undefined })], {
			parameters: { options: { tags: '' } },
		});
		expect(first.json[0]).toMatchObject({
			action: 'updated',
			clientifyId: existing.id,
			changedFields: ['business_name', `custom_fields.${STATE}`, 'emails'],
		});
		expect(emu.log.lines()[0]).toBe(
			`GET /v1/companies/?taxpayer_identification_number=${company(1).taxId}&page_size=100`,
		);

		emu.setOption('companyTaxIdFilter', false);
		emu.store.seedCompany({
			name: `Agrícola 2 SL ${company(2).taxId}`,
			taxpayer_identification_number: company(2).taxId,
		});
		emu.log.reset();
		const second = await runUpsert(
			emu,
			[company(2, { name: `Agrícola 2 SL ${company(2).taxId}`, sourceId: undefined })],
			{
				parameters: { options: { tags: '' } },
			},
		);
		expect(second.json[0]).toMatchObject({ action: 'updated', clientifyId: 3 });
		expect(emu.log.lines().slice(0, 2)).toEqual([
			`GET /v1/companies/?taxpayer_identification_number=${company(2).taxId}&page_size=100`,
			`GET /v1/companies/?query=${company(2).taxId}&page_size=100`,
		]);
	});

	it('skips a company without a name at create time', async () => {
		const result = await runUpsert(emu, [{}], {
			parameters: { recordType: 'company', fieldsSource: 'defineBelow', taxId: 'B58378431' },
		});
		expect(result.json[0]).toMatchObject({
			action: 'skipped',
			reason: 'missing_name',
			message: 'Clientify needs a name to create a company, and the record has none.',
		});
		expect(emu.log.writes).toBe(0);
	});
});
