/**
 * Issue 8 on the Clientify side, over real HTTP against the emulator:
 * - duplicate tax IDs: one write set per tax ID in a batch (newest FechaModificacion, else the later
 *   item), and no flip-flop when the duplicates land in different executions (chunks), whatever
 *   the order the chunks run in;
 * - "When Contact Details Change": the ERP's new value becomes the primary (first) one
 *   and the value this sync wrote before is removed; values people added stay;
 * - duplicates the sync itself created (an overlapping run that died before its re-check) are
 *   merged into the oldest record at the next lookup.
 */
import type { IDataObject } from 'n8n-workflow';
import { actions, contact, dni, runUpsert, syncStateFor, withClientifyEmulator } from './helpers';

const options = (extra: IDataObject = {}) => ({ parameters: { options: { tags: '', ...extra } } });

describe('Clientify Upsert: duplicate tax IDs', () => {
	const emu = withClientifyEmulator();

	it('in one batch the newest FechaModificacion wins, even when it comes first; one write set; a re-run makes 0 writes', async () => {
		const batch = [
			contact(1, { sourceId: 'C100', lastName: 'Nuevo', modifiedAt: '2024-06-01T08:00:00' }),
			contact(1, {
				sourceId: 'C200',
				lastName: 'Viejo',
				taxId: '20.000.001-y',
				modifiedAt: '01/01/2024 10:00',
			}),
		];
		const first = await runUpsert(emu, batch, options());
		expect(actions(first)).toEqual(['created', 'skipped']);
		expect(first.json[1]).toMatchObject({
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C100',
			clientifyId: 1,
			sourceId: 'C200',
		});
		expect(emu.log.count('POST', '/contacts/')).toBe(1);
		expect(emu.store.findByTaxId('contact', dni(1)).map((c) => c.last_name)).toEqual(['Nuevo']);
		emu.log.reset();
		const again = await runUpsert(emu, batch, options());
		expect(actions(again)).toEqual(['unchanged', 'skipped']);
		expect(emu.log.writes).toBe(0);
	});

	describe('duplicates in different executions (chunks)', () => {
		const older = contact(1, {
			sourceId: 'C100',
			lastName: 'Viejo',
			modifiedAt: '2024-01-01T10:00:00',
		});
		const newer = contact(1, {
			sourceId: 'C200',
			lastName: 'Nuevo',
			modifiedAt: '2024-06-01T10:00:00',
		});

		async function runChunks(chunks: object[][]): Promise<string[]> {
			const out: string[] = [];
			for (const chunk of chunks) out.push(...actions(await runUpsert(emu, chunk, options())));
			return out;
		}

		it.each([
			['older chunk first', [[older], [newer]]],
			['newer chunk first', [[newer], [older]]],
		])(
			'%s: the newer record owns the tax ID, and re-runs make 0 writes (no flip-flop)',
			async (_label, chunks) => {
				await runChunks(chunks);
				const [record] = emu.store.findByTaxId('contact', dni(1));
				expect(record.last_name).toBe('Nuevo');
				expect(record.custom_fields.find((f) => f.field === 'hispatec_SyncState')?.value).toContain(
					'"c":"C200","m":"2024-06-01T10:00:00.000Z"',
				);
				for (let run = 0; run < 2; run++) {
					emu.log.reset();
					const outcomes = await runChunks(chunks);
					expect(emu.log.writes).toBe(0);
					expect(outcomes.sort()).toEqual(['skipped', 'unchanged']);
				}
				const skipped = await runUpsert(emu, [older], options());
				expect(skipped.json[0]).toMatchObject({
					action: 'skipped',
					reason: 'duplicate_tax_id',
					winnerSourceId: 'C200',
					clientifyId: record.id,
				});
				expect(emu.store.findByTaxId('contact', dni(1))).toHaveLength(1);
			},
		);

		it.each([
			['C9 first', ['C9', 'C10']],
			['C10 first', ['C10', 'C9']],
		])(
			'equal dates: the higher Hispatec code wins whatever the chunk order (%s)',
			async (_label, codes) => {
				const chunks = codes.map((code) => [
					contact(1, { sourceId: code, lastName: `De ${code}`, modifiedAt: '2024-03-01T00:00:00' }),
				]);
				await runChunks(chunks);
				expect(emu.store.findByTaxId('contact', dni(1)).map((c) => c.last_name)).toEqual([
					'De C10',
				]);
				emu.log.reset();
				await runChunks(chunks);
				expect(emu.log.writes).toBe(0);
			},
		);

		it('a changed ERP record wins back its tax ID when its FechaModificacion becomes the newest', async () => {
			await runChunks([[older], [newer]]);
			const edited = contact(1, {
				sourceId: 'C100',
				lastName: 'Editado',
				modifiedAt: '2024-07-01T10:00:00',
			});
			const result = await runUpsert(emu, [edited], options());
			expect(result.json[0]).toMatchObject({
				action: 'updated',
				changedFields: [
					'last_name',
					'custom_fields.hispatec_Codigo',
					'custom_fields.hispatec_SyncState',
				],
			});
			expect(emu.store.findByTaxId('contact', dni(1)).map((c) => c.last_name)).toEqual(['Editado']);
		});
	});
});

describe('Clientify Upsert: a changed value becomes the primary one', () => {
	const emu = withClientifyEmulator();

	const base = (overrides: Parameters<typeof contact>[1] = {}) =>
		contact(1, {
			sourceId: 'C1',
			emails: ['antiguo@agro.es'],
			phones: [{ number: '+34950111111', type: 'landline', field: 'Telefono' }],
			...overrides,
		});

	async function syncedWithPersonValues(): Promise<void> {
		await runUpsert(emu, [base()], options());
		// Someone adds their own e-mail and phone in Clientify.
		const record = emu.store.getContact(1);
		if (!record) throw new Error('not created');
		record.emails.push({ id: 900, email: 'persona@gmail.com', type: 2 });
		record.phones.push({ id: 901, phone: '+34600999999', type: 2, unsubscribed: false });
		emu.log.reset();
	}

	const changed = () =>
		base({
			emails: ['nuevo@agro.es'],
			phones: [{ number: '+34950222222', type: 'landline', field: 'Telefono' }],
			address: { street: 'Calle Nueva 2', city: 'Adra', postalCode: '04770', country: 'ES' },
		});

	it("Make the New Value Primary (default): the ERP value first, the one the sync wrote before removed, people's values kept; then 0 writes", async () => {
		await syncedWithPersonValues();
		const result = await runUpsert(emu, [changed()], options());
		expect(result.json[0]).toMatchObject({
			action: 'updated',
			changedFields: ['custom_fields.hispatec_SyncState', 'emails', 'phones', 'addresses'],
		});
		// Item by item: the record read again once, each of the sync's own old values takes the new
		// one in place (same id, same place: first), then the PUT with the new state. No list is sent.
		const before = emu.store.getContact(1);
		expect(emu.log.lines()).toEqual([
			'GET /v1/contacts/?query=20000001Y&page_size=100',
			'GET /v1/custom-fields/',
			'GET /v1/contacts/1/',
			`PUT /v1/contacts/1/emails/${before?.emails[0].id}/`,
			`PUT /v1/contacts/1/phones/${before?.phones[0].id}/`,
			`PUT /v1/contacts/1/addresses/${before?.addresses[0].id}/`,
			'PUT /v1/contacts/1/',
		]);
		expect(emu.log.requests[3].body).toEqual({ email: 'nuevo@agro.es', type: 1 });
		expect(emu.log.requests[4].body).toEqual({ phone: '+34950222222', type: 3 });
		expect(emu.log.requests[5].body).toEqual({
			street: 'Calle Nueva 2',
			city: 'Adra',
			state: '',
			country: 'ES',
			postal_code: '04770',
			type: 1,
		});
		expect(Object.keys(emu.log.requests[6].body as object)).toEqual(['custom_fields']);
		const record = emu.store.getContact(1);
		expect(record?.emails.map((e) => e.email)).toEqual(['nuevo@agro.es', 'persona@gmail.com']);
		expect(record?.phones.map((p) => p.phone)).toEqual(['+34950222222', '+34600999999']);
		expect(record?.addresses.map((a) => a.street)).toEqual(['Calle Nueva 2']);
		emu.log.reset();
		const again = await runUpsert(emu, [changed()], options());
		expect(actions(again)).toEqual(['unchanged']);
		expect(emu.log.writes).toBe(0);
	});

	it("Only Add New Values: today's behaviour, the new value appended, nothing removed or reordered", async () => {
		await syncedWithPersonValues();
		const result = await runUpsert(emu, [changed()], options({ onValueChange: 'addOnly' }));
		expect(result.json[0]).toMatchObject({ action: 'updated' });
		expect(emu.log.count('POST', '/contacts/1/emails/')).toBe(1);
		const record = emu.store.getContact(1);
		expect(record?.emails.map((e) => e.email)).toEqual([
			'antiguo@agro.es',
			'persona@gmail.com',
			'nuevo@agro.es',
		]);
		expect(record?.phones.map((p) => p.phone)).toEqual([
			'+34950111111',
			'+34600999999',
			'+34950222222',
		]);
	});

	it("a value that people put first is moved after the ERP's, once; an ERP value left empty removes nothing", async () => {
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		emu.store.seedCustomField('contact', 'hispatec_Codigo');
		emu.store.seedContact({
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			taxpayer_identification_number: dni(1),
			emails: ['persona@gmail.com', 'antiguo@agro.es'],
			phones: ['+34950111111'],
			custom_fields: {
				hispatec_Codigo: 'C1',
				hispatec_SyncState: syncStateFor(base(), { marker: 1 }),
			},
		});
		const result = await runUpsert(emu, [base({ address: undefined })], options());
		// The update drops the creation marker from the state: the record is no longer a fresh twin.
		expect(result.json[0]).toMatchObject({
			action: 'updated',
			changedFields: ['custom_fields.hispatec_SyncState', 'emails'],
		});
		expect(emu.store.getContact(1)?.emails.map((e) => e.email)).toEqual([
			'antiguo@agro.es',
			'persona@gmail.com',
		]);
		emu.log.reset();
		const sparse = await runUpsert(
			emu,
			[base({ address: undefined, emails: [], email: undefined, phones: [], phone: undefined })],
			options(),
		);
		expect(actions(sparse)).toEqual(['unchanged']);
		expect(emu.log.writes).toBe(0);
	});
});

describe('Clientify Upsert: duplicates the sync created are merged at the next lookup', () => {
	const emu = withClientifyEmulator();

	it('a run that died between its create and its re-check left a twin: merged into the oldest, the twin deleted', async () => {
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
		// Each run stamps its own create with its clock: two markers a few milliseconds apart.
		for (const marker of [Date.now() - 5, Date.now()])
			emu.store.seedContact({
				first_name: 'Nombre1',
				last_name: 'Apellido1',
				taxpayer_identification_number: dni(1),
				custom_fields: { hispatec_SyncState: syncStateFor(contact(1), { marker }) },
			});
		const result = await runUpsert(emu, [contact(1)], options());
		expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 1 });
		expect(result.json[0].warnings).toEqual([
			{
				code: 'merged_duplicate',
				message: `2 Clientify contacts had tax ID ${dni(1)}; the ones this sync had just created and nobody had touched (ids 2) were deleted, and id 1 was updated`,
			},
		]);
		expect(emu.log.count('DELETE', '/contacts/2/')).toBe(1);
		expect(emu.store.snapshot().contacts.map((c) => c.id)).toEqual([1]);
		emu.log.reset();
		const again = await runUpsert(emu, [contact(1)], options());
		expect(actions(again)).toEqual(['unchanged']);
		expect(emu.log.writes).toBe(0);
	});

	it("a person's duplicate of the sync's record (same marker, copied) is never deleted, even right after", async () => {
		const state = syncStateFor(contact(1), { marker: Date.now() });
		for (const name of ['Nombre1', 'Nombre1 (copia)'])
			emu.store.seedContact({
				first_name: name,
				last_name: 'Apellido1',
				taxpayer_identification_number: dni(1),
				custom_fields: { hispatec_SyncState: state },
			});
		const result = await runUpsert(emu, [contact(1)], options());
		expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 1 });
		expect((result.json[0].warnings as Array<{ code: string }>).map((w) => w.code)).toEqual([
			'duplicate_in_crm',
		]);
		expect(emu.log.count('DELETE')).toBe(0);
	});

	it('a twin people created (no sync state saying the sync created it) is never deleted: ambiguous as before', async () => {
		emu.store.seedContact({ first_name: 'A', taxpayer_identification_number: dni(1) });
		emu.store.seedContact({ first_name: 'B', taxpayer_identification_number: dni(1) });
		const result = await runUpsert(emu, [contact(1)], { continueOnFail: true, ...options() });
		expect(result.json[0]).toMatchObject({
			action: 'failed',
			error: `2 Clientify contacts have tax ID ${dni(1)} (ids 1, 2)`,
		});
		expect(emu.log.count('DELETE')).toBe(0);
	});
});
