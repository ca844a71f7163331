/**
 * Large-ERP path: Clientify Index lists the CRM once into a compact index; Clientify Upsert's option
 * "Known Records" then needs no lookup for new records and no call at all for unchanged ones.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ClientifyEmulator } from '../../../emulators/clientify';
import type { HarnessOptions } from '../../../harness/nodeContext';
import { actions, company, contact, runIndex, runUpsert, withClientifyEmulator } from './helpers';

async function buildIndex(
	emu: ClientifyEmulator,
	options: IDataObject = {},
	run?: Pick<HarnessOptions, 'mode' | 'workflowSettings'>,
): Promise<IDataObject> {
	return (await runIndex(emu, { options }, undefined, run)).result;
}

describe('Clientify Index + Upsert "Known Records"', () => {
	const emu = withClientifyEmulator();

	const batch = () => [
		...Array.from({ length: 30 }, (_, i) => contact(i + 1, { extra: { Cultivo: `C${i}` } })),
		...Array.from({ length: 5 }, (_, i) =>
			company(i + 1, { website: `https://www.agricola${i + 1}.es` }),
		),
	];

	it('first sync: no lookup per record; re-run: 0 writes and 0 calls beyond the index; a change costs one lookup and its writes', async () => {
		const empty = await buildIndex(emu);
		expect(empty.counts).toEqual({
			company: { listed: 0, indexed: 0, owned: 0, marked: 0 },
			contact: { listed: 0, indexed: 0, owned: 0, marked: 0 },
		});
		expect(emu.log.count('GET')).toBe(2);
		emu.log.reset();

		const first = await runUpsert(emu, batch(), {
			parameters: { knownRecords: empty.known, options: {} },
		});
		expect(new Set(actions(first))).toEqual(new Set(['created']));
		// no lookup: the only reads of the entities are the overlap re-check, one listing each
		expect(
			emu.log
				.lines()
				.filter((l) => /^GET \/v1\/(contacts|companies)\//.test(l))
				.every((l) => l.includes('created%5Bgte%5D')),
		).toBe(true);
		expect(emu.log.count('GET', '/contacts/')).toBe(1);
		expect(emu.log.count('GET', '/companies/')).toBe(1);
		expect(emu.log.count('POST', '/contacts/')).toBe(30);
		const firstCalls = emu.log.requests.length;
		// one create per record, the two re-check listings, plus the custom-field definitions: listed once, created once each
		expect(firstCalls).toBe(35 + 2 + 1 + emu.log.count('POST', '/custom-fields/'));

		emu.log.reset();
		const index = await buildIndex(emu);
		expect(index.counts).toEqual({
			company: { listed: 5, indexed: 5, owned: 5, marked: 0 },
			contact: { listed: 30, indexed: 30, owned: 30, marked: 0 },
		});
		expect(emu.log.requests.length).toBe(2);
		emu.log.reset();
		const rerun = await runUpsert(emu, batch(), {
			parameters: { knownRecords: index.known, options: {} },
		});
		expect(new Set(actions(rerun))).toEqual(new Set(['unchanged']));
		expect(rerun.json.map((j) => j.clientifyId)).toEqual(first.json.map((j) => j.clientifyId));
		expect(emu.log.writes).toBe(0);
		// only the custom-field definitions (once per execution)
		expect(emu.log.lines()).toEqual(['GET /v1/custom-fields/']);

		emu.log.reset();
		const changed = batch();
		(changed[3] as unknown as IDataObject).lastName = 'Cambiado';
		(changed[31] as unknown as IDataObject).emails = ['nuevo@empresa.es'];
		const third = await runUpsert(emu, changed, {
			parameters: { knownRecords: index.known, options: {} },
		});
		expect(actions(third).filter((a) => a !== 'unchanged')).toEqual(['updated', 'updated']);
		// last name: one PUT; the company's e-mail: its old item takes the new value in place (item
		// PUT), then the record's PUT carries the new sync state.
		expect(emu.log.writes).toBe(3);
		expect(emu.store.findByTaxId('contact', String(changed[3].taxId))[0].last_name).toBe(
			'Cambiado',
		);
	});

	it('a value someone added in Clientify makes the fingerprint differ: one lookup, still unchanged, never removed', async () => {
		await runUpsert(emu, batch());
		const [target] = emu.store.findByTaxId('contact', String(batch()[0].taxId));
		emu.store.snapshot();
		// a person adds a second e-mail in Clientify (not the sync: no trace of it in the sync state)
		target.emails.push({ id: 900, email: 'second@agro.es', type: 2 });
		const index = await buildIndex(emu);
		emu.log.reset();
		const rerun = await runUpsert(emu, batch(), {
			parameters: { knownRecords: index.known, options: {} },
		});
		expect(new Set(actions(rerun))).toEqual(new Set(['unchanged']));
		expect(emu.log.writes).toBe(0);
		expect(emu.log.count('GET', '/contacts/')).toBe(1);
		expect(
			emu.store.findByTaxId('contact', String(batch()[0].taxId))[0].emails.map((e) => e.email),
		).toEqual(['c1@agro.es', 'second@agro.es']);
		expect(target.id).toBeGreaterThan(0);
	});

	it('different tags or prefix in the index than in the upsert: never a false "unchanged"', async () => {
		await runUpsert(emu, batch());
		const index = await buildIndex(emu, { tags: 'otra' });
		emu.log.reset();
		const rerun = await runUpsert(emu, batch(), {
			parameters: { knownRecords: index.known, options: {} },
		});
		expect(new Set(actions(rerun))).toEqual(new Set(['unchanged']));
		expect(emu.log.count('GET', '/contacts/')).toBe(30);
	});

	it('the index is one text per entity (passed by reference between executions); the object form works too', async () => {
		await runUpsert(emu, batch());
		const index = await buildIndex(emu);
		const known = index.known as Record<string, string>;
		expect(typeof known.contact).toBe('string');
		expect(known.contact.trim().split('\n')).toHaveLength(30);
		const asObject = Object.fromEntries(
			known.contact
				.trim()
				.split('\n')
				.map((line) => line.split('\t')),
		);
		emu.log.reset();
		const rerun = await runUpsert(emu, batch().slice(0, 30), {
			parameters: { knownRecords: { contact: asObject }, options: {} },
		});
		expect(new Set(actions(rerun))).toEqual(new Set(['unchanged']));
		expect(emu.log.writes).toBe(0);
		expect(emu.log.count('GET', '/contacts/')).toBe(0);
	});

	it('warns, in its item, when the execution holding the index will be kept in the history', async () => {
		// the settings an import through the editor leaves (n8n's default: save)
		const imported = await buildIndex(emu, {}, { mode: 'integrated', workflowSettings: {} });
		expect(imported.warnings).toEqual([
			expect.objectContaining({
				code: 'successful_executions_saved',
				message: expect.stringContaining(
					'"Save successful production executions" to "Do not save"',
				) as unknown,
			}),
		]);
		const manual = await buildIndex(emu, {}, { mode: 'manual', workflowSettings: {} });
		expect((manual.warnings as Array<{ message: string }>)[0].message).toContain(
			'"Save manual executions" to "Do not save"',
		);
		// the template's settings: no warning
		expect((await buildIndex(emu)).warnings).toBeUndefined();
		expect(
			(
				await buildIndex(
					emu,
					{},
					{ mode: 'manual', workflowSettings: { saveManualExecutions: false } },
				)
			).warnings,
		).toBeUndefined();
	});

	it('refuses a Known Records value that is not an index', async () => {
		await expect(
			runUpsert(emu, [contact(1)], { parameters: { knownRecords: '[1,2]', options: {} } }),
		).rejects.toThrow(/Known Records must be/);
	});
});
