/**
 * Whole-batch behaviour: in-batch duplicates, custom fields created once (also under concurrency),
 * custom-field creation failure, lookup strategies with exact call counts.
 */
import {
	actions,
	contact,
	dni,
	runUpsert,
	withClientifyEmulator,
	logLines,
	recheckLine,
	syncStateFor,
} from './helpers';

describe('Clientify Upsert: batches', () => {
	const emu = withClientifyEmulator();

	it('same tax ID twice in a batch: one write set, the later item wins on equal dates, the others are skipped naming the winner', async () => {
		emu.setOption('latencyMs', 5);
		const batch = [
			contact(1, { lastName: 'Primero', sourceId: 'C1a' }),
			contact(2, { sourceId: 'C2a' }),
			contact(1, { lastName: 'Segundo', sourceId: 'C1b' }),
			contact(3, { sourceId: 'C3' }),
			contact(1, { lastName: 'Tercero', sourceId: 'C1c', emails: ['c1@agro.es', 'otro1@agro.es'] }),
			contact(2, { sourceId: 'C2b' }),
		];
		const result = await runUpsert(emu, batch, {
			parameters: { options: { concurrency: 5, lookupStrategy: 'searchEach' } },
		});
		expect(actions(result)).toEqual([
			'skipped',
			'skipped',
			'skipped',
			'created',
			'created',
			'created',
		]);
		expect(result.json.slice(0, 3).map((j) => [j.reason, j.winnerSourceId, j.clientifyId])).toEqual(
			[
				['duplicate_tax_id', 'C1c', result.json[4].clientifyId],
				['duplicate_tax_id', 'C2b', result.json[5].clientifyId],
				['duplicate_tax_id', 'C1c', result.json[4].clientifyId],
			],
		);
		expect(result.json[0].message).toBe(
			`Tax ID ${dni(1)} also belongs to Hispatec record C1c in this batch, which wins (newer FechaModificacion, or the later item when the dates are equal or missing); only that one is synced.`,
		);
		// One create per tax ID, no other write to the records, one search per tax ID.
		expect(emu.log.count('POST', '/contacts/')).toBe(3);
		expect(emu.log.count('PUT')).toBe(0);
		expect(emu.log.count('GET', '/contacts/')).toBe(4);
		const one = emu.store.findByTaxId('contact', dni(1));
		expect(one).toHaveLength(1);
		expect(one[0].last_name).toBe('Tercero');
		expect(one[0].emails.map((e) => e.email)).toEqual(['c1@agro.es', 'otro1@agro.es']);

		// Nothing changed: 0 writes, the same outcomes (no flip-flop between the duplicates).
		emu.log.reset();
		const again = await runUpsert(emu, batch, {
			parameters: { options: { concurrency: 5, lookupStrategy: 'searchEach' } },
		});
		expect(actions(again)).toEqual([
			'skipped',
			'skipped',
			'skipped',
			'unchanged',
			'unchanged',
			'unchanged',
		]);
		expect(emu.log.writes).toBe(0);
	});

	it('creates each custom field once, also under concurrency, after listing the definitions once', async () => {
		emu.setOption('latencyMs', 5);
		emu.store.seedCustomField('contact', 'hispatec_Superficie');
		const batch = Array.from({ length: 12 }, (_, i) =>
			contact(i + 1, { extra: { Cultivo: `C${i}`, Superficie: `${i}` } }),
		);
		const result = await runUpsert(emu, batch, { parameters: { options: { concurrency: 6 } } });
		expect(new Set(actions(result))).toEqual(new Set(['created']));
		expect(emu.log.count('GET', '/custom-fields/')).toBe(1);
		expect(emu.log.count('POST', '/custom-fields/')).toBe(3);
		expect(
			emu.store
				.snapshot()
				.customFields.map((d) => [d.entity, d.name])
				.sort(),
		).toEqual([
			['contacts', 'hispatec_Codigo'],
			['contacts', 'hispatec_Cultivo'],
			['contacts', 'hispatec_Superficie'],
			['contacts', 'hispatec_SyncState'],
		]);
		const created = result.json.flatMap((j) => j.customFieldsCreated as string[]).sort();
		expect(created).toEqual(['hispatec_Codigo', 'hispatec_Cultivo', 'hispatec_SyncState']);
		for (const c of emu.store.snapshot().contacts) {
			expect(c.custom_fields.map((f) => f.field).sort()).toEqual([
				'hispatec_Codigo',
				'hispatec_Cultivo',
				'hispatec_Superficie',
				'hispatec_SyncState',
			]);
		}
	});

	it('matches company definitions separately from contact ones', async () => {
		emu.store.seedCustomField('company', 'hispatec_Cultivo');
		const result = await runUpsert(
			emu,
			[contact(1, { extra: { Cultivo: 'Tomate' }, sourceId: undefined })],
			{ parameters: { options: { tags: '' } } },
		);
		expect(result.json[0].customFieldsCreated).toEqual(['hispatec_Cultivo', 'hispatec_SyncState']);
		expect(emu.store.snapshot().customFields.map((d) => `${d.entity}:${d.name}`)).toEqual([
			'companies:hispatec_Cultivo',
			'contacts:hispatec_Cultivo',
			'contacts:hispatec_SyncState',
		]);
	});

	it('custom-field creation failure: a warning per record, the record still syncs, no second attempt', async () => {
		emu.setOption('customFieldCreation', {
			status: 405,
			body: { detail: 'Method "POST" not allowed.' },
		});
		emu.store.seedCustomField('contact', 'hispatec_Codigo');
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
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
		for (const c of emu.store.snapshot().contacts)
			expect(c.custom_fields.map((f) => f.field)).toEqual([
				'hispatec_Codigo',
				'hispatec_SyncState',
			]);
	});

	it('"Create Custom Fields" off: missing fields are left out with a warning', async () => {
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		const result = await runUpsert(
			emu,
			[contact(1, { sourceId: undefined, extra: { Cultivo: 'Tomate' } })],
			{
				parameters: { options: { createCustomFields: false } },
			},
		);
		expect(result.json[0]).toMatchObject({
			action: 'created',
			warnings: [
				{
					code: 'custom_field_missing',
					field: 'hispatec_Cultivo',
					message:
						'Custom field "hispatec_Cultivo" does not exist in Clientify and "Create Custom Fields" is off; its value was not synced',
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
					addresses: [
						{
							street: `Calle ${n}`,
							city: 'El Ejido',
							state: 'Almería',
							postal_code: '04700',
							country: 'ES',
						},
					],
					tags: ['hispatec'],
					created: '2025-01-01T00:00:00.000Z',
					// Synced before: the node's state is on the record.
					custom_fields: { hispatec_SyncState: syncStateFor(contact(n, { sourceId: undefined })) },
				});
			}
			emu.log.reset();
			const batch = [];
			for (let n = 11; n <= 160; n++) batch.push(contact(n, { sourceId: undefined }));
			for (let n = 1; n <= 10; n++)
				batch.push(contact(n, { sourceId: undefined, lastName: `Cambiado${n}` }));
			return batch;
		}

		it('Auto indexes when the listing is cheaper: 2 list pages, then one write per changed record', async () => {
			const result = await runUpsert(emu, seedAndBatch(), {
				parameters: { options: { lookupStrategy: 'auto' } },
			});
			const counts = actions(result).reduce<Record<string, number>>(
				(acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }),
				{},
			);
			expect(counts).toEqual({ unchanged: 140, created: 10, updated: 10 });
			expect(logLines(emu).filter((l) => l.startsWith('GET'))).toEqual([
				'GET /v1/contacts/?page_size=100',
				'GET /v1/contacts/?page_size=100&page=2',
				'GET /v1/custom-fields/',
				recheckLine(),
			]);
			expect(emu.log.count('POST', '/contacts/')).toBe(10);
			expect(emu.log.count('PUT')).toBe(10);
			// + one listing of the custom-field definitions (the sync-state field).
			expect([emu.log.reads, emu.log.writes]).toEqual([4, 20]);
		});

		it('Index All on a re-sync with no changes: only the listing', async () => {
			const batch = seedAndBatch().slice(0, 140);
			const result = await runUpsert(emu, batch, {
				parameters: { options: { lookupStrategy: 'indexAll' } },
			});
			expect(new Set(actions(result))).toEqual(new Set(['unchanged']));
			expect([emu.log.reads, emu.log.writes]).toEqual([3, 0]);
		});

		it('Search Each: one search per record', async () => {
			await runUpsert(emu, seedAndBatch(), {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect([emu.log.reads, emu.log.writes]).toEqual([162, 20]);
		});

		it('Auto searches when the CRM is large compared with the batch, and never probes for one record', async () => {
			seedAndBatch();
			for (let n = 0; n < 300; n++) emu.store.seedContact({ first_name: `Extra${n}` });
			emu.log.reset();
			await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'auto' } },
			});
			expect(emu.log.lines()).toEqual([
				`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
				'GET /v1/custom-fields/',
			]);
			emu.log.reset();
			// 450 contacts = 5 pages: 4 more pages are not cheaper than 3 searches.
			await runUpsert(
				emu,
				[1, 2, 3].map((n) => contact(n, { sourceId: undefined })),
				{ parameters: { options: { lookupStrategy: 'auto' } } },
			);
			expect(logLines(emu)).toEqual([
				'GET /v1/contacts/?page_size=100',
				`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
				`GET /v1/contacts/?query=${dni(2)}&page_size=100`,
				`GET /v1/contacts/?query=${dni(3)}&page_size=100`,
				'GET /v1/custom-fields/',
			]);
		});
	});
});
