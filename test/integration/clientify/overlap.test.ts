/**
 * Overlapping runs (issue 12): two executions of Clientify Upsert at the same moment against the same
 * CRM must leave 0 duplicate tax IDs and no failed custom-field creation. Two node executions run
 * through the harness, concurrently, over real HTTP against one emulator with latency, so their
 * lookups, creates and re-checks interleave. Also the merge path itself, deterministically.
 */
import type { IDataObject } from 'n8n-workflow';
import type { SeedRecord, StoredRecord } from '../../../emulators/clientify';
import {
	company,
	contact,
	dni,
	runUpsert,
	withClientifyEmulator,
	type RunResult,
	NO_LISTS,
	seedBeforeCreate,
	syncStateFor,
} from './helpers';

const OUTCOMES = new Set(['created', 'updated', 'unchanged', 'skipped', 'failed']);

function duplicateTaxIds(records: StoredRecord[]): string[] {
	const seen = new Map<string, number>();
	for (const r of records) {
		const key = String(r.taxpayer_identification_number ?? '');
		seen.set(key, (seen.get(key) ?? 0) + 1);
	}
	return [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k);
}

function warningCodes(result: RunResult): string[] {
	return result.json.flatMap((j) => (j.warnings as Array<{ code: string }>).map((w) => w.code));
}

function batch(): object[] {
	const out: object[] = [];
	for (let n = 1; n <= 24; n++)
		out.push(contact(n, { extra: { Cultivo: n % 2 ? 'Tomate' : 'Pimiento' } }));
	for (let n = 1; n <= 6; n++) out.push(company(n, { extra: { Sector: 'Hortícola' } }));
	return out;
}

function expectOneOutcomeEach(result: RunResult, size: number): void {
	expect(result.json).toHaveLength(size);
	for (const json of result.json) expect(OUTCOMES.has(String(json.action))).toBe(true);
	expect(result.output[0].map((i) => (i.pairedItem as { item: number }).item)).toEqual(
		Array.from({ length: size }, (_, i) => i),
	);
}

describe('Clientify Upsert: overlapping runs', () => {
	const emu = withClientifyEmulator();

	async function race(options: IDataObject): Promise<[RunResult, RunResult]> {
		const records = batch();
		const run = async () =>
			await runUpsert(emu, records, { continueOnFail: true, parameters: { options } });
		const [a, b] = await Promise.all([run(), run()]);
		expectOneOutcomeEach(a, records.length);
		expectOneOutcomeEach(b, records.length);
		return [a, b];
	}

	function expectConverged(a: RunResult, b: RunResult): void {
		const snapshot = emu.store.snapshot();
		expect(duplicateTaxIds(snapshot.contacts)).toEqual([]);
		expect(duplicateTaxIds(snapshot.companies)).toEqual([]);
		expect(snapshot.contacts).toHaveLength(24);
		expect(snapshot.companies).toHaveLength(6);
		for (const r of [a, b]) {
			expect(r.json.filter((j) => j.action === 'failed')).toEqual([]);
			expect(warningCodes(r).filter((c) => c.startsWith('custom_field'))).toEqual([]);
		}
		// Every surviving record holds the ERP's values and its custom fields.
		for (let n = 1; n <= 24; n++) {
			const [c] = emu.store.findByTaxId('contact', dni(n));
			expect(c).toMatchObject({ first_name: `Nombre${n}`, last_name: `Apellido${n}` });
			expect(c.custom_fields.find((f) => f.field === 'hispatec_Cultivo')?.value).toBe(
				n % 2 ? 'Tomate' : 'Pimiento',
			);
			expect(c.emails.map((e) => e.email)).toEqual([`c${n}@agro.es`]);
		}
		// One definition per name and entity, although both runs tried to create them.
		const defs = snapshot.customFields.map((d) => `${d.entity}:${d.name}`);
		expect(new Set(defs).size).toBe(defs.length);
		// Both outputs point at the surviving record.
		for (let i = 0; i < 30; i++) expect(a.json[i].clientifyId).toBe(b.json[i].clientifyId);
	}

	it('two executions started together (index lookup): both create, the newer records are merged away, 0 duplicates', async () => {
		emu.setOption('latencyMs', 4);
		const [a, b] = await race({ concurrency: 5 });
		// The race really happened: both looked up an empty CRM and created every record ...
		expect(emu.log.count('POST', '/contacts/')).toBe(48);
		expect(emu.log.count('POST', '/companies/')).toBe(12);
		// ... and each duplicate was deleted once, by the run that created the newer record.
		expect(emu.log.count('DELETE')).toBe(30);
		const merged =
			warningCodes(a).filter((c) => c === 'merged_duplicate').length +
			warningCodes(b).filter((c) => c === 'merged_duplicate').length;
		expect(merged).toBe(30);
		expectConverged(a, b);

		// A third run finds everything in place: 0 writes.
		emu.log.reset();
		const again = await runUpsert(emu, batch(), { parameters: { options: {} } });
		expect(new Set(again.json.map((j) => j.action))).toEqual(new Set(['unchanged']));
		expect(emu.log.writes).toBe(0);
	});

	it('two executions with one search per record: lookups and creates interleave, still 0 duplicates', async () => {
		emu.setOption('latencyMs', 3);
		const [a, b] = await race({ concurrency: 4, lookupStrategy: 'searchEach' });
		expectConverged(a, b);
		const creates = emu.log.count('POST', '/contacts/') + emu.log.count('POST', '/companies/');
		expect(emu.log.count('DELETE')).toBe(creates - 30);
	});

	it('custom fields refused with 409 "already exists" by the other run: re-listed, no failed creation', async () => {
		emu.setOption('latencyMs', 4);
		emu.setOption('customFieldDuplicate', {
			status: 409,
			body: { detail: 'Custom field already exists.' },
		});
		const [a, b] = await race({ concurrency: 5 });
		expectConverged(a, b);
		expect(emu.log.count('POST', '/custom-fields/')).toBeGreaterThan(
			emu.store.snapshot().customFields.length,
		);
	});

	it('two overlapping executions while 30 % of requests fail (500/502/504/dropped, before and after being applied): one outcome each, 0 duplicates, a clean rerun converges', async () => {
		emu.setOption('latencyMs', 2);
		// Every request from the 2nd on: 3 of 10 fault, cycling through the kinds (deterministic).
		const kinds = [
			{ status: 500 },
			{ status: 502, afterHandling: true },
			{ drop: true },
			{ status: 504, afterHandling: true },
			{ drop: true, afterHandling: true },
			{ status: 503 },
		];
		const faults = [];
		for (let n = 2, k = 0; n < 4000; n += 10) {
			for (const offset of [0, 3, 7])
				faults.push({ nth: n + offset, ...kinds[k++ % kinds.length] });
		}
		emu.setOption('faults', faults);
		const records = batch();
		const [a, b] = await Promise.all(
			[1, 2].map(
				async () =>
					await runUpsert(emu, records, {
						continueOnFail: true,
						parameters: { options: { concurrency: 4 } },
					}),
			),
		);
		for (const r of [a, b]) {
			expectOneOutcomeEach(r, records.length);
			for (const json of r.json)
				if (json.action === 'failed') expect(typeof json.error).toBe('string');
		}
		const faulted = emu.log.requests.filter((r) => r.faulted).length;
		expect(faulted / emu.log.requests.length).toBeGreaterThan(0.2);
		expect(duplicateTaxIds(emu.store.snapshot().contacts)).toEqual([]);
		expect(duplicateTaxIds(emu.store.snapshot().companies)).toEqual([]);

		emu.setOption('faults', []);
		const clean = await runUpsert(emu, records, { parameters: { options: {} } });
		expect(clean.json.filter((j) => j.action === 'failed')).toEqual([]);
		emu.log.reset();
		const settled = await runUpsert(emu, records, { parameters: { options: {} } });
		expect(new Set(settled.json.map((j) => j.action))).toEqual(new Set(['unchanged']));
		expect(emu.log.writes).toBe(0);
		const snapshot = emu.store.snapshot();
		expect([snapshot.contacts.length, snapshot.companies.length]).toEqual([24, 6]);
		expect(duplicateTaxIds(snapshot.contacts)).toEqual([]);
		const defs = snapshot.customFields.map((d) => `${d.entity}:${d.name}`);
		expect(new Set(defs).size).toBe(defs.length);
	});

	describe('the merge itself', () => {
		/** The record another run creates: with the sync state and its creation marker. */
		const otherRunsRecord = (extra: SeedRecord = {}): SeedRecord => ({
			taxpayer_identification_number: dni(1),
			custom_fields: {
				hispatec_SyncState: syncStateFor(contact(1, { sourceId: undefined, ...NO_LISTS }), {
					marker: Date.now(),
				}),
			},
			...extra,
		});

		it('another run created the same tax ID just before our create: ours is newer, so it is merged into theirs and deleted', async () => {
			seedBeforeCreate(emu, otherRunsRecord({ first_name: 'Otra', emails: ['persona@agro.es'] }));
			const result = await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 1 });
			expect(warningCodes(result)).toEqual(['merged_duplicate']);
			expect((result.json[0].warnings as Array<{ message: string }>)[0].message).toBe(
				`Another run created contact ${dni(1)} at the same time (id 1); this run's record (id 2) was merged into it and deleted`,
			);
			expect(emu.log.count('DELETE', '/contacts/2/')).toBe(1);
			const all = emu.store.snapshot().contacts;
			expect(all.map((c) => c.id)).toEqual([1]);
			expect(all[0]).toMatchObject({
				first_name: 'Nombre1',
				last_name: 'Apellido1',
				tags: ['hispatec'],
			});
			// Values already there are kept; the ERP's becomes the primary (first) one.
			expect(all[0].emails.map((e) => e.email)).toEqual(['c1@agro.es', 'persona@agro.es']);
		});

		it('another run created the same tax ID after us: ours is the older one and stays; nothing is deleted by us', async () => {
			emu.setOption('faults', [
				{
					method: 'GET',
					path: '/contacts/',
					nth: 2,
					before: (store) => {
						store.seedContact({ first_name: 'Nombre1', taxpayer_identification_number: dni(1) });
					},
				},
			]);
			const result = await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect(result.json[0]).toMatchObject({ action: 'created', clientifyId: 1, warnings: [] });
			expect(emu.log.count('DELETE')).toBe(0);
			// The newer twin is its creator's to merge (its own re-check sees ours).
			expect(emu.store.findByTaxId('contact', dni(1)).map((c) => c.id)).toEqual([1, 2]);
		});

		it('a delete whose answer is lost is not a failure (404 on the retry = gone)', async () => {
			emu.setOption('faults', [
				{
					method: 'POST',
					path: '/contacts/',
					before: (store) => void store.seedContact(otherRunsRecord()),
				},
				{ method: 'DELETE', path: '/contacts/2/', status: 502, afterHandling: true },
			]);
			const result = await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 1 });
			expect(emu.log.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([
				502, 404,
			]);
			expect(emu.store.snapshot().contacts.map((c) => c.id)).toEqual([1]);
		});

		it('a record people made with the tax ID meanwhile (no sync state) is never merged into: both stay, reported', async () => {
			seedBeforeCreate(emu, { first_name: 'Persona', taxpayer_identification_number: dni(1) });
			const result = await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect(result.json[0]).toMatchObject({ action: 'created', clientifyId: 2 });
			expect(warningCodes(result)).toEqual(['duplicate_in_crm']);
			expect(emu.log.count('DELETE')).toBe(0);
			expect(emu.store.getContact(1)?.first_name).toBe('Persona');
			expect(emu.log.count('PUT', '/contacts/1/')).toBe(0);
		});

		it("ours was touched during the batch (a person added a note): the other run's record is updated, ours stays, reported", async () => {
			emu.setOption('faults', [
				{
					method: 'POST',
					path: '/contacts/',
					before: (store) => void store.seedContact(otherRunsRecord()),
				},
				{
					// a person at work on our new record while the batch runs (before the re-check reads it)
					method: 'GET',
					path: '/contacts/2/',
					before: () => void emu.people.attachNote('contact', 2, { comment: 'Llamó el cliente' }),
				},
			]);
			const result = await runUpsert(emu, [contact(1, { sourceId: undefined })], {
				parameters: { options: { lookupStrategy: 'searchEach' } },
			});
			expect(result.json[0]).toMatchObject({ action: 'created', clientifyId: 2 });
			expect(warningCodes(result)).toEqual(['duplicate_in_crm']);
			expect(String((result.json[0].warnings as Array<{ message: string }>)[0].message)).toContain(
				'its timeline has notes or activity',
			);
			expect(emu.log.count('DELETE')).toBe(0);
			expect(emu.store.findByTaxId('contact', dni(1)).map((c) => c.id)).toEqual([1, 2]);
		});

		it('the record vanishes under our update (another run merged it away): found again and updated where it went', async () => {
			emu.store.seedContact({
				first_name: 'Viejo',
				taxpayer_identification_number: dni(1),
				tags: ['hispatec'],
			});
			emu.store.seedContact({
				first_name: 'Viejo',
				taxpayer_identification_number: dni(1),
				tags: ['hispatec'],
			});
			emu.setOption('faults', [
				{
					method: 'PUT',
					path: '/contacts/1/',
					before: (store) => {
						store.contacts.delete(1);
					},
				},
			]);
			const result = await runUpsert(
				emu,
				[
					contact(1, {
						sourceId: undefined,
						...NO_LISTS,
					}),
				],
				{
					parameters: {
						options: { lookupStrategy: 'searchEach', onMultipleMatches: 'updateOldest' },
					},
				},
			);
			expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 2 });
			expect(emu.store.getContact(2)).toMatchObject({ first_name: 'Nombre1' });
		});
	});
});
