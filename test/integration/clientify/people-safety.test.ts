/**
 * The sales team's work is never lost (docs/clientify-upsert.md "What the sync changes in Clientify"): the two stories
 * of issue 17, as told, on the emulator, plus the guarded path's refusals seen from a whole run.
 */
import { actions, contact, dni, runUpsert, withClientifyEmulator } from './helpers';

const WEEK = 7 * 24 * 3600 * 1000;

describe('Clientify Upsert: nothing people did is lost', () => {
	const emu = withClientifyEmulator();

	it('a contact people worked on (deal, e-mail, tag) is never deleted when someone types the NIF into an older one', async () => {
		// Before the first sync, a salesperson had this customer, with his e-mail and no tax ID.
		const old = emu.people.create('contact', {
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			emails: ['c1@agro.es'],
		});
		const first = await runUpsert(emu, [contact(1)]);
		expect(first.json[0]).toMatchObject({ action: 'created' });
		const created = Number(first.json[0].clientifyId);
		// For weeks the team works on the new contact.
		emu.advanceClock(3 * WEEK);
		emu.people.attachDeal('contact', created, { name: 'Campaña 2027', amount: 12000 });
		emu.people.addEmail('contact', created, 'directo@cliente.es');
		emu.people.addTag('contact', created, 'cliente-vip');
		// Then someone types the NIF into the old contact.
		emu.people.typeTaxId('contact', old.id, dni(1));
		const before = emu.store.snapshot();

		const next = await runUpsert(emu, [contact(1, { lastName: 'Apellido Nuevo' })]);
		expect(next.json[0]).toMatchObject({ action: 'updated', clientifyId: created });
		const warnings = next.json[0].warnings as Array<{ code: string; message: string }>;
		expect(warnings.map((w) => w.code)).toEqual(['duplicate_in_crm']);
		expect(warnings[0].message).toContain(`ids ${old.id}, ${created}`);
		expect(emu.log.count('DELETE')).toBe(0);
		// The worked-on contact is there, with everything people did; the old one is as people left it.
		const kept = emu.people.get('contact', created);
		expect(kept?.last_name).toBe('Apellido Nuevo');
		expect(kept?.emails.map((e) => e.email)).toEqual(['c1@agro.es', 'directo@cliente.es']);
		expect(kept?.tags).toEqual(expect.arrayContaining(['hispatec', 'cliente-vip']));
		expect(emu.people.workOn('contact', created)).toHaveLength(1);
		expect(emu.people.workLost()).toEqual([]);
		expect(emu.people.get('contact', old.id)).toEqual(before.contacts.find((c) => c.id === old.id));
		// Quiet from then on: nothing to write, the warning stays until people merge them.
		emu.log.reset();
		const again = await runUpsert(emu, [contact(1, { lastName: 'Apellido Nuevo' })]);
		expect(actions(again)).toEqual(['unchanged']);
		expect(emu.log.writes).toBe(0);
	});

	it('with "Tag Duplicates", both records get the tag so people can merge them; nothing else changes', async () => {
		const old = emu.people.create('contact', { first_name: 'Nombre1', emails: ['c1@agro.es'] });
		const first = await runUpsert(emu, [contact(1)]);
		const created = Number(first.json[0].clientifyId);
		emu.advanceClock(WEEK);
		emu.people.typeTaxId('contact', old.id, dni(1));
		await runUpsert(emu, [contact(1)], {
			parameters: { options: { duplicateTag: 'hispatec-duplicado' } },
		});
		expect(emu.people.get('contact', old.id)?.tags).toEqual(['hispatec-duplicado']);
		expect(emu.people.get('contact', created)?.tags).toEqual(['hispatec', 'hispatec-duplicado']);
		expect(emu.log.count('DELETE')).toBe(0);
	});

	it('an unsubscribed phone stays unsubscribed when the ERP changes the main phone (Make the New Value Primary)', async () => {
		await runUpsert(emu, [contact(1)]);
		const id = emu.people.withTaxId('contact', dni(1))[0].id;
		// A person adds a second phone and marks it unsubscribed.
		const second = emu.people.addPhone('contact', id, '+34600999999', { unsubscribed: true });
		const mainBefore = emu.people.get('contact', id)?.phones[0];
		emu.log.reset();
		// The ERP changes the contact's main phone.
		const changed = contact(1, {
			phones: [{ number: '+34950777777', type: 'landline', field: 'Telefono' }],
		});
		const result = await runUpsert(emu, [changed]);
		expect(result.json[0]).toMatchObject({ action: 'updated' });
		const phones = emu.people.get('contact', id)?.phones ?? [];
		// The ERP's phone is first, in the sync's own item (same id); the person's is exactly as it was.
		expect(phones).toEqual([
			{ ...mainBefore, phone: '+34950777777' },
			{ ...second, unsubscribed: true },
		]);
		// No list was re-sent.
		expect(
			emu.log.requests.filter((r) => r.method === 'PUT' && /phones/.test(JSON.stringify(r.body))),
		).toEqual([]);
	});

	it("a reorder re-sends every item as read, opt-outs included: the ERP's value first, every flag and id kept", async () => {
		await runUpsert(emu, [contact(1)]);
		const id = emu.people.withTaxId('contact', dni(1))[0].id;
		const phones = emu.people.get('contact', id)?.phones ?? [];
		// A person unsubscribes the sync's own phone (so it is the person's now) and puts another first.
		emu.people.unsubscribe('contact', id, 'phones', phones[0].id);
		const mine = emu.people.addPhone('contact', id, '+34600111111');
		emu.people.moveItem('contact', id, 'phones', mine.id, 0);
		const before = emu.people.get('contact', id)?.phones ?? [];
		const changed = contact(1, {
			phones: [{ number: '+34950777777', type: 'landline', field: 'Telefono' }],
		});
		const result = await runUpsert(emu, [changed]);
		expect(result.json[0].warnings).toEqual([]);
		const after = emu.people.get('contact', id)?.phones ?? [];
		expect(after[0].phone).toBe('+34950777777');
		expect(after.slice(1)).toEqual(before);
	});

	it('if Clientify drops an opt-out on the reorder, the sync sets it again at once and says so', async () => {
		await runUpsert(emu, [contact(1)]);
		const id = emu.people.withTaxId('contact', dni(1))[0].id;
		const optOut = emu.people.addPhone('contact', id, '+34600999999', {
			unsubscribed: true,
			at: 0,
		});
		// Clientify (unlike the emulator) resets the flag on the list PUT: seen by the confirming read.
		emu.setOption('faults', [
			{
				method: 'GET',
				path: `/contacts/${id}/`,
				// reads of the record: before the item edit, before the reorder, then the confirming one
				nth: 3,
				before: (store) => {
					const item = store.contacts.get(id)?.phones.find((p) => p.id === optOut.id);
					if (item) item.unsubscribed = false;
				},
			},
		]);
		const changed = contact(1, {
			phones: [{ number: '+34950777777', type: 'landline', field: 'Telefono' }],
		});
		const result = await runUpsert(emu, [changed]);
		expect((result.json[0].warnings as Array<{ code: string }>).map((w) => w.code)).toEqual([
			'opt_out_restored',
		]);
		const after = emu.people.get('contact', id)?.phones ?? [];
		expect(after.map((p) => [p.phone, p.unsubscribed])).toEqual([
			['+34950777777', false],
			['+34600999999', true],
		]);
	});

	it("an e-mail a person had before the first sync stays the person's: when the ERP changes, it is not removed", async () => {
		const person = emu.people.create('contact', {
			first_name: 'Nombre1',
			taxpayer_identification_number: dni(1),
			emails: ['c1@agro.es'],
		});
		await runUpsert(emu, [contact(1)]);
		const result = await runUpsert(emu, [contact(1, { emails: ['nuevo@agro.es'] })]);
		expect(result.json[0]).toMatchObject({ action: 'updated' });
		expect(emu.people.get('contact', person.id)?.emails.map((e) => e.email)).toEqual([
			'nuevo@agro.es',
			'c1@agro.es',
		]);
	});

	it('a custom field a person sets during the batch is never sent back over (only changed custom fields are sent)', async () => {
		await runUpsert(emu, [contact(1, { extra: { Cultivo: 'Tomate' } })]);
		const id = emu.people.withTaxId('contact', dni(1))[0].id;
		emu.people.setCustomField('contact', id, 'Comercial', 'Luis');
		// The lookup reads the record, then a person changes their own field before our PUT.
		emu.setOption('faults', [
			{
				method: 'PUT',
				path: `/contacts/${id}/`,
				before: () => void emu.people.setCustomField('contact', id, 'Comercial', 'Marta'),
			},
		]);
		await runUpsert(emu, [contact(1, { extra: { Cultivo: 'Pimiento' } })]);
		const fields = emu.people.get('contact', id)?.custom_fields ?? [];
		expect(fields.find((f) => f.field === 'Comercial')?.value).toBe('Marta');
		expect(fields.find((f) => f.field === 'hispatec_Cultivo')?.value).toBe('Pimiento');
	});
});
