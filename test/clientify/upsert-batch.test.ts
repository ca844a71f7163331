/**
 * Whole-batch behaviour: in-batch duplicates, custom fields created once (also under concurrency),
 * custom-field creation failure, lookup strategies with exact call counts.
 */
import type { ClientifyEmulator } from '../emulators/clientify';
import { actions, contact, dni, runUpsert, useClientifyEmulator, logLines, recheckLine } from './helpers';

describe('Clientify Upsert: batches', () => {
	const useEmu = useClientifyEmulator();
	let emu: ClientifyEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	it('two items with the same tax ID never produce two creates, under concurrency; later data wins', async () => {
		emu.setOption('latencyMs', 5);
		const batch = [
			contact(1, { lastName: 'Primero', sourceId: undefined }),
			contact(2, { sourceId: undefined }),
			contact(1, { lastName: 'Segundo', sourceId: undefined }),
			contact(3, { sourceId: undefined }),
			contact(1, { lastName: 'Tercero', sourceId: undefined, emails: ['c1@agro.es', 'otro1@agro.es'] }),
			contact(2, { sourceId: undefined }),
		];
		const result = await runUpsert(emu, batch, { parameters: { options: { concurrency: 5, lookupStrategy: 'searchEach' } } });
		expect(actions(result)).toEqual(['created', 'created', 'updated', 'created', 'updated', 'unchanged']);
		expect(result.json.map((j) => j.changedFields)).toEqual([
			['taxpayer_identification_number', 'first_name', 'last_name', 'emails', 'phones', 'addresses', 'tags'],
			['taxpayer_identification_number', 'first_name', 'last_name', 'emails', 'phones', 'addresses', 'tags'],
			['last_name'],
			['taxpayer_identification_number', 'first_name', 'last_name', 'emails', 'phones', 'addresses', 'tags'],
			['last_name', 'emails'],
			[],
		]);
		expect(emu.log.count('POST', '/contacts/')).toBe(4);
		// 3 searches, then the re-check listing of the records created since the batch started.
		expect(emu.log.count('GET', '/contacts/')).toBe(4);
		const contacts = emu.store.snapshot().contacts;
		expect(contacts).toHaveLength(3);
		const one = emu.store.findByTaxId('contact', dni(1));
		expect(one).toHaveLength(1);
		expect(one[0].last_name).toBe('Tercero');
		expect(one[0].emails.map((e) => e.email)).toEqual(['c1@agro.es', 'otro1@agro.es']);
		expect(result.json[0].clientifyId).toBe(result.json[2].clientifyId);
		expect(result.json[2].clientifyId).toBe(result.json[4].clientifyId);
	});

	it('creates each custom field once, also under concurrency, after listing the definitions once', async () => {
		emu.setOption('latencyMs', 5);
		emu.store.seedCustomField('contact', 'hispatec_Superficie');
		const batch = Array.from({ length: 12 }, (_, i) => contact(i + 1, { extra: { Cultivo: `C${i}`, Superficie: `${i}` } }));
		const result = await runUpsert(emu, batch, { parameters: { options: { concurrency: 6 } } });
		expect(new Set(actions(result))).toEqual(new Set(['created']));
		expect(emu.log.count('GET', '/custom-fields/')).toBe(1);
		expect(emu.log.count('POST', '/custom-fields/')).toBe(2);
		expect(emu.store.snapshot().customFields.map((d) => [d.entity, d.name]).sort()).toEqual([
			['contacts', 'hispatec_Codigo'],
			['contacts', 'hispatec_Cultivo'],
			['contacts', 'hispatec_Superficie'],
		]);
		const created = result.json.flatMap((j) => j.customFieldsCreated as string[]).sort();
		expect(created).toEqual(['hispatec_Codigo', 'hispatec_Cultivo']);
		for (const c of emu.store.snapshot().contacts) {
			expect(c.custom_fields.map((f) => f.field).sort()).toEqual(['hispatec_Codigo', 'hispatec_Cultivo', 'hispatec_Superficie']);
		}
	});

	it('matches company definitions separately from contact ones', async () => {
		emu.store.seedCustomField('company', 'hispatec_Cultivo');
		const result = await runUpsert(emu, [contact(1, { extra: { Cultivo: 'Tomate' }, sourceId: undefined })], { parameters: { options: { tags: '' } } });
		expect(result.json[0].customFieldsCreated).toEqual(['hispatec_Cultivo']);
		expect(emu.store.snapshot().customFields.map((d) => d.entity)).toEqual(['companies', 'contacts']);
	});

	it('custom-field creation failure: a warning per record, the record still syncs, no second attempt', async () => {
		emu.setOption('customFieldCreation', { status: 405, body: { detail: 'Method "POST" not allowed.' } });
		emu.store.seedCustomField('contact', 'hispatec_Codigo');
		const batch = [1, 2, 3].map((n) => contact(n, { extra: { Cultivo: 'Tomate' } }));
		const result = await runUpsert(emu, batch, { parameters: { options: { concurrency: 3 } } });
		expect(actions(result)).toEqual(['created', 'created', 'created']);
		for (const json of result.json) {
			expect(json.customFieldsCreated).toEqual([]);
			expect(json.warnings).toEqual([
				{
					code: 'custom_field_not_created',
					field: 'hispatec_Cultivo',
					message:
						'Custom field "hispatec_Cultivo" could not be created in Clientify (Clientify rejected the request (405): Method "POST" not allowed.); the record was synced without it',
				},
			]);
		}
		expect(emu.log.count('POST', '/custom-fields/')).toBe(1);
		for (const c of emu.store.snapshot().contacts) expect(c.custom_fields.map((f) => f.field)).toEqual(['hispatec_Codigo']);
	});

	it('"Create Custom Fields" off: missing fields are left out with a warning', async () => {
		const result = await runUpsert(emu, [contact(1, { sourceId: undefined, extra: { Cultivo: 'Tomate' } })], {
			parameters: { options: { createCustomFields: false } },
		});
		expect(result.json[0]).toMatchObject({
			action: 'created',
			warnings: [
				{
					code: 'custom_field_missing',
					field: 'hispatec_Cultivo',
					message: 'Custom field "hispatec_Cultivo" does not exist in Clientify and "Create Custom Fields" is off; its value was not synced',
				},
			],
		});
		expect(emu.log.count('POST', '/custom-fields/')).toBe(0);
	});

	describe('lookup strategies (exact call counts)', () => {
		/** 150 contacts in the CRM; the batch: 130 unchanged, 10 changed, 10 new. */
		function seedAndBatch() {
			for (let n = 1; n <= 150; n++) {
				emu.store.seedContact({
					first_name: `Nombre${n}`,
					last_name: `Apellido${n}`,
					taxpayer_identification_number: dni(n),
					emails: [`c${n}@agro.es`],
					phones: [`+3495${String(n).padStart(7, '0')}`],
					addresses: [{ street: `Calle ${n}`, city: 'El Ejido', state: 'Almería', postal_code: '04700', country: 'ES' }],
					tags: ['hispatec'],
					created: '2025-01-01T00:00:00.000Z',
				});
			}
			emu.log.reset();
			const batch = [];
			for (let n = 11; n <= 160; n++) batch.push(contact(n, { sourceId: undefined }));
			for (let n = 1; n <= 10; n++) batch.push(contact(n, { sourceId: undefined, lastName: `Cambiado${n}` }));
			return batch;
		}

		it('Auto indexes when the listing is cheaper: 2 list pages, then one write per changed record', async () => {
			const result = await runUpsert(emu, seedAndBatch(), { parameters: { options: { lookupStrategy: 'auto' } } });
			const counts = actions(result).reduce<Record<string, number>>((acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }), {});
			expect(counts).toEqual({ unchanged: 140, created: 10, updated: 10 });
			expect(logLines(emu).filter((l) => l.startsWith('GET'))).toEqual([
				'GET /v1/contacts/?page_size=100',
				'GET /v1/contacts/?page_size=100&page=2',
				recheckLine(),
			]);
			expect(emu.log.count('POST', '/contacts/')).toBe(10);
			expect(emu.log.count('PUT')).toBe(10);
			expect([emu.log.reads, emu.log.writes]).toEqual([3, 20]);
		});

		it('Index All on a re-sync with no changes: only the listing', async () => {
			const batch = seedAndBatch().slice(0, 140);
			const result = await runUpsert(emu, batch, { parameters: { options: { lookupStrategy: 'indexAll' } } });
			expect(new Set(actions(result))).toEqual(new Set(['unchanged']));
			expect([emu.log.reads, emu.log.writes]).toEqual([2, 0]);
		});

		it('Search Each: one search per record', async () => {
			await runUpsert(emu, seedAndBatch(), { parameters: { options: { lookupStrategy: 'searchEach' } } });
			expect([emu.log.reads, emu.log.writes]).toEqual([161, 20]);
		});

		it('Auto searches when the CRM is large compared with the batch, and never probes for one record', async () => {
			seedAndBatch();
			for (let n = 0; n < 300; n++) emu.store.seedContact({ first_name: `Extra${n}` });
			emu.log.reset();
			await runUpsert(emu, [contact(1, { sourceId: undefined })], { parameters: { options: { lookupStrategy: 'auto' } } });
			expect(emu.log.lines()).toEqual([`GET /v1/contacts/?query=${dni(1)}&page_size=100`]);
			emu.log.reset();
			// 450 contacts = 5 pages: 4 more pages are not cheaper than 3 searches.
			await runUpsert(emu, [1, 2, 3].map((n) => contact(n, { sourceId: undefined })), { parameters: { options: { lookupStrategy: 'auto' } } });
			expect(logLines(emu)).toEqual([
				'GET /v1/contacts/?page_size=100',
				`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
				`GET /v1/contacts/?query=${dni(2)}&page_size=100`,
				`GET /v1/contacts/?query=${dni(3)}&page_size=100`,
			]);
		});
	});
});
