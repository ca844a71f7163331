/**
 * Records that leave the ERP (option *When a Record Leaves the ERP*, docs/clientify-upsert.md "Records
 * that leave the ERP"; detection: Clientify Index's *Find Removed Records*), against the emulator:
 * only the sync's own record is tagged, nothing is deleted, people's records are never touched, a
 * partial read marks nothing, and a record that comes back loses exactly the sync's mark.
 */
import type { IDataObject } from 'n8n-workflow';
import { readSyncState } from '../../../nodes/shared/clientify/syncState';
import type { CodesRead } from '../../../nodes/shared/erpRead';

/** One read's facts, as Find Duplicate Tax IDs outputs them. */
type ErpRead = ReturnType<CodesRead['facts']>;
import type { RemovedRecord } from '../../../nodes/shared/types';
import type { ClientifyEmulator } from '../../../emulators/clientify';
import {
	actions,
	cif,
	company,
	contact,
	dni,
	runIndex,
	runUpsert,
	withClientifyEmulator,
} from './helpers';

const TAG = { options: { onRecordRemoved: 'tag' } };
const UNTAG = { options: { onRecordRemoved: 'tagAndUntag' } };
const removed = (n: number, withTaxId = true): RemovedRecord => ({
	action: 'removed',
	recordType: 'contact',
	sourceId: `C${n}`,
	...(withTaxId ? { taxId: dni(n) } : {}),
});
const read = (
	recordType: 'contact' | 'company',
	codes: string[],
	extra: Partial<ErpRead> = {},
) => ({
	recordType,
	records: codes.length,
	codes: codes.map((c) => `${c}\n`).join(''),
	...extra,
});

function stored(emu: ClientifyEmulator, n: number) {
	const record = emu.people.withTaxId('contact', dni(n))[0];
	return { record, state: readSyncState(record as never, 'hispatec_SyncState') };
}

function suite(version: 'v1' | 'v2') {
	describe(`Clientify Upsert: records that leave the ERP (${version})`, () => {
		const emu = withClientifyEmulator({ apiVersion: version });

		it('Tag It: the removal tag is added, the sync tag stays, x: 1; the next run writes nothing', async () => {
			await runUpsert(emu, [contact(1), contact(2)]);
			emu.log.reset();
			const run = await runUpsert(emu, [removed(1)], { parameters: TAG });
			expect(run.json[0]).toMatchObject({
				action: 'updated',
				removal: 'marked_removed',
				sourceId: 'C1',
				taxId: dni(1),
				changedFields: ['tags', 'custom_fields.hispatec_SyncState'],
			});
			const { record, state } = stored(emu, 1);
			expect(record.tags).toEqual(['hispatec', 'hispatec-baja']);
			expect(state).toMatchObject({ c: 'C1', i: record.id, x: 1 });
			expect(emu.log.count('DELETE')).toBe(0);
			// one search, the record read again, the tag POST, the state PUT
			expect(emu.log.lines().map((l) => l.split('?')[0])).toEqual([
				`GET /${version}/contacts/`,
				`GET /${version}/contacts/${record.id}/`,
				`POST /${version}/contacts/${record.id}/tags/`,
				`PUT /${version}/contacts/${record.id}/`,
			]);
			expect(stored(emu, 2).record.tags).toEqual(['hispatec']);
			emu.log.reset();
			const again = await runUpsert(emu, [removed(1)], { parameters: TAG });
			expect(again.json[0]).toMatchObject({ action: 'unchanged', removal: 'already_marked' });
			expect(emu.log.writes).toBe(0);
		});

		it('Tag It and Remove the Sync Tag, then the record comes back: the removal tag goes, the sync tag returns, x goes', async () => {
			await runUpsert(emu, [contact(1)]);
			const id = stored(emu, 1).record.id;
			emu.people.addTag('contact', id, 'cliente-vip');
			const mark = await runUpsert(emu, [removed(1)], { parameters: UNTAG });
			expect(mark.json[0]).toMatchObject({ action: 'updated', removal: 'marked_removed' });
			expect(stored(emu, 1).record.tags).toEqual(['cliente-vip', 'hispatec-baja']);
			expect(stored(emu, 1).state?.x).toBe(2);
			// only the tag was deleted, never the record
			expect(emu.log.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
				expect.stringMatching(new RegExp(`/contacts/${id}/tags/\\d+/$`)),
			]);
			emu.log.reset();
			const back = await runUpsert(emu, [contact(1)], { parameters: UNTAG });
			expect(back.json[0]).toMatchObject({ action: 'updated', removal: 'returned' });
			// the lookup (and the custom-field definitions, as every run that writes), the removal tag off
			// (its list read for the id), the sync tag back, the state
			expect(emu.log.lines().map((l) => l.split('?')[0].replace(/\d+/g, 'N'))).toEqual([
				`GET /${version.replace(/\d/, 'N')}/contacts/`,
				`GET /${version.replace(/\d/, 'N')}/custom-fields/`,
				`GET /${version.replace(/\d/, 'N')}/contacts/N/tags/`,
				`DELETE /${version.replace(/\d/, 'N')}/contacts/N/tags/N/`,
				`POST /${version.replace(/\d/, 'N')}/contacts/N/tags/`,
				`PUT /${version.replace(/\d/, 'N')}/contacts/N/`,
			]);
			const after = stored(emu, 1);
			expect([...after.record.tags].sort()).toEqual(['cliente-vip', 'hispatec']);
			expect(after.state?.x).toBeUndefined();
			emu.log.reset();
			expect(actions(await runUpsert(emu, [contact(1)], { parameters: UNTAG }))).toEqual([
				'unchanged',
			]);
			expect(emu.log.writes).toBe(0);
		});

		it("people's records are never tagged: no state, another ERP record's state; a removal tag people set stays when it comes back", async () => {
			// a contact people created with the tax ID, never synced
			const theirs = emu.people.create('contact', {
				first_name: 'Ana',
				taxpayer_identification_number: dni(3),
			});
			// a synced contact; the removed item names another ERP record
			await runUpsert(emu, [contact(4)]);
			const original = stored(emu, 4).record;
			const before = emu.store.snapshot();
			const run = await runUpsert(emu, [removed(3), { ...removed(4), sourceId: 'C99' }], {
				parameters: TAG,
			});
			expect(run.json.map((j) => [j.action, j.reason])).toEqual([
				['skipped', 'not_owned'],
				['skipped', 'not_owned'],
			]);
			expect(emu.store.snapshot()).toEqual(before);
			expect(emu.people.get('contact', theirs.id)?.tags).toEqual([]);
			// people tag the record themselves; the ERP removes it: theirs, left; back: still there
			emu.people.addTag('contact', original.id, 'hispatec-baja');
			const mark = await runUpsert(emu, [removed(4)], { parameters: TAG });
			expect(mark.json[0]).toMatchObject({ action: 'unchanged', removal: 'already_marked' });
			expect((mark.json[0].warnings as IDataObject[]).map((w) => w.code)).toEqual([
				'removal_tag_by_people',
			]);
			await runUpsert(emu, [contact(4, { lastName: 'Otro' })], { parameters: TAG });
			expect(emu.people.get('contact', original.id)?.tags).toEqual(['hispatec', 'hispatec-baja']);
		});

		it('a copy people made of a synced record (it carries the state, not tied to it) is never tagged', async () => {
			await runUpsert(emu, [contact(5)]);
			const original = stored(emu, 5).record;
			const copy = emu.people.duplicate('contact', original.id);
			const run = await runUpsert(emu, [removed(5)], { parameters: UNTAG });
			expect(run.json[0]).toMatchObject({ action: 'updated', clientifyId: original.id });
			expect(emu.people.get('contact', copy.id)?.tags).toEqual(copy.tags);
			expect(emu.people.get('contact', original.id)?.tags).toEqual(['hispatec-baja']);
		});

		it('Do Nothing (the default): a removed item is skipped without a call; an inactive record syncs as before', async () => {
			const run = await runUpsert(emu, [removed(1), contact(2, { inactive: true })]);
			expect(run.json.map((j) => [j.action, j.reason])).toEqual([
				['skipped', 'removal_ignored'],
				['created', undefined],
			]);
			expect(emu.log.requests.filter((r) => r.path.includes(dni(1)))).toEqual([]);
		});

		it('an inactive record: marked when the sync owns it, never created when it is not in Clientify', async () => {
			await runUpsert(emu, [contact(1)]);
			emu.log.reset();
			const run = await runUpsert(
				emu,
				[contact(1, { inactive: true }), contact(2, { inactive: true })],
				{
					parameters: TAG,
				},
			);
			expect(run.json.map((j) => [j.action, j.reason ?? j.removal])).toEqual([
				['updated', 'marked_removed'],
				['skipped', 'inactive_in_erp'],
			]);
			expect(emu.log.count('POST', '/contacts/')).toBe(1); // the tag add only
			expect(emu.people.withTaxId('contact', dni(2))).toEqual([]);
			// active again in the ERP: back
			const back = await runUpsert(emu, [contact(1)], { parameters: TAG });
			expect(back.json[0]).toMatchObject({ action: 'updated', removal: 'returned' });
			expect(stored(emu, 1).record.tags).toEqual(['hispatec']);
		});

		it("removing the sync tag fails after the removal tag was added: the tag stays the sync's (x: 1), the next run removes the sync tag", async () => {
			await runUpsert(emu, [contact(1)]);
			emu.setOption('faults', [{ method: 'DELETE', path: '/tags/', status: 400, times: Infinity }]);
			const failed = await runUpsert(emu, [removed(1)], {
				parameters: UNTAG,
				continueOnFail: true,
			});
			expect(failed.json[0]).toMatchObject({ action: 'failed' });
			expect(stored(emu, 1).record.tags).toEqual(['hispatec', 'hispatec-baja']);
			expect(stored(emu, 1).state?.x).toBe(1);
			emu.setOption('faults', []);
			const next = await runUpsert(emu, [removed(1)], { parameters: UNTAG });
			expect(next.json[0]).toMatchObject({ action: 'updated', removal: 'marked_removed' });
			expect(stored(emu, 1).record.tags).toEqual(['hispatec-baja']);
			expect(stored(emu, 1).state?.x).toBe(2);
			// back: exactly what the sync did is undone
			await runUpsert(emu, [contact(1)], { parameters: UNTAG });
			expect(stored(emu, 1).record.tags).toEqual(['hispatec']);
		});

		it('Dry Run: nothing is written; the tag add, the tag removal and the state PUT are listed', async () => {
			await runUpsert(emu, [contact(1)]);
			emu.log.reset();
			const run = await runUpsert(emu, [removed(1)], {
				parameters: { options: { onRecordRemoved: 'tagAndUntag', dryRun: true } },
			});
			expect(run.json[0]).toMatchObject({
				action: 'updated',
				removal: 'marked_removed',
				dryRun: true,
			});
			expect((run.json[0].plannedRequests as IDataObject[]).map((r) => r.method)).toEqual([
				'POST',
				'DELETE',
				'PUT',
			]);
			expect(emu.log.writes).toBe(0);
		});

		it('a removed item without a tax ID (the Trigger) is found by the code in the sync state: one listing', async () => {
			await runUpsert(emu, [contact(1), contact(2)]);
			emu.log.reset();
			const run = await runUpsert(emu, [removed(1, false), removed(2, false)], { parameters: TAG });
			expect(actions(run)).toEqual(['updated', 'updated']);
			const listings = emu.log.lines().filter((l) => /^GET \/v[12]\/contacts\/(\?|$)/.test(l));
			expect(listings).toHaveLength(1);
			expect(stored(emu, 2).state?.x).toBe(1);
		});

		it('Find Removed Records: only the owned records whose code the complete reads did not see; a partial read marks nothing', async () => {
			await runUpsert(emu, [company(1), company(2), contact(1), contact(2), contact(3)]);
			emu.people.create('contact', { first_name: 'Ana', taxpayer_identification_number: dni(9) });
			const index = (await runIndex(emu)).result;
			expect(index.counts).toMatchObject({ contact: { owned: 3 }, company: { owned: 2 } });
			const find = async (reads: unknown[]) =>
				await runIndex(emu, {
					operation: 'findRemoved',
					clientifyIndex: index,
					codesSeenFrom: 'erpReads',
					erpReads: reads,
				});
			// C2 and E2 left the ERP (C3 has an invalid tax ID now: skipped there, but still read)
			const complete = await find([
				read('company', ['E1'], { totalFirst: 1, totalLast: 1 }),
				read('contact', ['C1', 'C3', 'C7']),
			]);
			expect(complete.result).toMatchObject({
				checked: true,
				removed: { company: { removed: 1 }, contact: { removed: 1 } },
				notChecked: [],
			});
			expect(complete.removed).toEqual([
				{ action: 'removed', recordType: 'company', sourceId: 'E2', taxId: expect.any(String) },
				{ action: 'removed', recordType: 'contact', sourceId: 'C2', taxId: dni(2) },
			]);
			// partial: the contacts' Total says 4, three were read; or a scan failed: nothing
			for (const reads of [
				[read('company', ['E1']), read('contact', ['C1', 'C3', 'C7'], { totalLast: 4 })],
				[{ error: 'Hispatec returned a SOAP fault' }, read('contact', ['C1'])],
			]) {
				const partial = await find(reads);
				expect(partial.result).toMatchObject({
					checked: false,
					reason: expect.stringContaining('Nothing was marked'),
				});
				expect(partial.removed).toEqual([]);
			}
			const before = emu.store.snapshot();
			// the complete check's items, through the Upsert: exactly those two are tagged
			const marked = await runUpsert(emu, complete.removed, { parameters: TAG });
			expect(actions(marked)).toEqual(['updated', 'updated']);
			const tagged = [...emu.store.snapshot().contacts, ...emu.store.snapshot().companies]
				.filter((r) => r.tags.includes('hispatec-baja'))
				.map((r) => r.taxpayer_identification_number);
			expect(tagged.sort()).toEqual([cif(2), dni(2)].sort());
			expect(before.contacts.length).toBe(emu.store.snapshot().contacts.length);
			// the next index leaves marked records out of the check (no call for them again)
			const next = (await runIndex(emu)).result;
			expect(next.counts).toMatchObject({
				contact: { owned: 2, marked: 1 },
				company: { owned: 1, marked: 1 },
			});
		});

		it('Find Removed Records from input items, Clientify listed by the node itself', async () => {
			await runUpsert(emu, [contact(1), contact(2)]);
			const items = [
				{ recordType: 'contact', action: 'unchanged', sourceId: 'C1', taxId: dni(1) },
				{ recordType: 'contact', reason: 'invalid_tax_id', message: 'x', sourceId: 'C5' },
			];
			const found = await runIndex(
				emu,
				{ operation: 'findRemoved', codesSeenFrom: 'inputItems', clientifyIndex: '{}' },
				items,
			);
			expect(found.removed).toEqual([removed(2)]);
			expect(found.result).toMatchObject({
				checked: true,
				notChecked: [{ recordType: 'company', reason: 'no read of companies was given' }],
			});
			const failed = await runIndex(
				emu,
				{ operation: 'findRemoved', codesSeenFrom: 'inputItems' },
				[
					...items,
					{
						error: 'Hispatec returned a SOAP fault for ObtenerContactos',
						message: 'tried 4 times',
					},
				],
			);
			expect(failed.removed).toEqual([]);
			expect(failed.result.checked).toBe(false);
		});

		it('Known Records (large template): an inactive record and a removed one the index knows are marked, one it does not is not created', async () => {
			await runUpsert(emu, [contact(1), contact(2)]);
			const index = (await runIndex(emu)).result;
			const run = await runUpsert(
				emu,
				[contact(1, { inactive: true }), removed(2), contact(3, { inactive: true })],
				{ parameters: { ...TAG, knownRecords: index.known } },
			);
			expect(run.json.map((j) => [j.action, j.reason ?? j.removal])).toEqual([
				['updated', 'marked_removed'],
				['updated', 'marked_removed'],
				['skipped', 'inactive_in_erp'],
			]);
			expect(stored(emu, 1).record.tags).toEqual(['hispatec', 'hispatec-baja']);
		});

		it('Known Records: a marked record that comes back gets the live lookup and loses its mark', async () => {
			await runUpsert(emu, [contact(1)]);
			await runUpsert(emu, [removed(1)], { parameters: TAG });
			const index = (await runIndex(emu)).result;
			const back = await runUpsert(emu, [contact(1)], {
				parameters: { ...TAG, knownRecords: index.known },
			});
			expect(back.json[0]).toMatchObject({ action: 'updated', removal: 'returned' });
			expect(stored(emu, 1).record.tags).toEqual(['hispatec']);
		});
	});
}

suite('v1');
suite('v2');
