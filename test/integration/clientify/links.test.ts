/**
 * Contact → company links (issue 20, docs/clientify-upsert.md "Links to companies") against the
 * emulator, on v1 and v2: the link on create, nothing written when already linked, a contact the ERP
 * moves, a link people made, a missing company, a company skipped for an invalid CIF, Known Records.
 */
import type { IDataObject } from 'n8n-workflow';
import { ClientifyTokenApi } from '../../../credentials/ClientifyTokenApi.credentials';
import { ClientifyIndex } from '../../../nodes/ClientifyIndex/ClientifyIndex.node';
import type { ClientifyEmulator } from '../../../emulators/clientify';
import { createExecuteContext } from '../../../harness/nodeContext';
import type { NormalizedRecord } from '../../../nodes/shared/types';
import { actions, cif, company, contact, runUpsert, withClientifyEmulator } from './helpers';

const LINKS = { typeVersion: 2 };

/** Contact n, employee of the ERP's company m (by code and CIF). */
function employee(n: number, m: number, overrides: Partial<NormalizedRecord> = {}) {
	return contact(n, { companyRef: { code: `E${m}`, taxId: cif(m) }, ...overrides });
}

async function buildIndex(emu: ClientifyEmulator): Promise<IDataObject> {
	const { context } = createExecuteContext([{ json: {} }], {
		parameters: { recordTypes: ['company', 'contact'], options: {} },
		credentials: { clientifyTokenApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
		credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
		continueOnFail: false,
		nodeType: 'n8n-nodes-hispatec.clientifyIndex',
		nodeName: 'Clientify Index',
	});
	const [[item]] = await new ClientifyIndex().execute.call(context);
	return item.json.known as IDataObject;
}

describe.each(['v1', 'v2'] as const)(
	'Clientify Upsert links contacts to companies (%s)',
	(apiVersion) => {
		const emu = withClientifyEmulator({ apiVersion, requireFieldsParam: apiVersion === 'v2' });

		const companyId = (n: number) => emu.people.withTaxId('company', cif(n))[0].id;
		const employerOf = (contactId: number) => emu.store.contacts.get(contactId)?.company ?? null;

		it('links on create (companies first in the same batch); a re-run writes nothing', async () => {
			const first = await runUpsert(emu, [employee(1, 1), employee(2, 1), company(1)], LINKS);
			expect(actions(first)).toEqual(['created', 'created', 'created']);
			const id = companyId(1);
			expect(first.json[0].link).toEqual({ companyId: id, action: 'linked' });
			expect(employerOf(Number(first.json[0].clientifyId))).toBe(id);
			expect(employerOf(Number(first.json[1].clientifyId))).toBe(id);
			// one create each, one link call per contact; never the contact's `company` field
			expect(emu.log.count('PUT', '/employees/')).toBe(2);
			const contactBodies = emu.log.requests.filter((r) => r.path.includes('/contacts/'));
			expect(contactBodies.some((r) => JSON.stringify(r.body ?? {}).includes('"company'))).toBe(
				false,
			);
			expect(emu.store.companies.size).toBe(1);

			// The contact as Clientify shows it: v1 the company's name, v2 its id and name.
			const shown = await fetch(
				`${emu.baseUrl}/contacts/${String(first.json[0].clientifyId)}/?fields=id,company_id,company_name,company`,
				{ headers: { Authorization: `Token ${emu.apiKey}` } },
			).then(async (r) => (await r.json()) as IDataObject);
			if (apiVersion === 'v2')
				expect(shown).toMatchObject({ company_id: id, company_name: 'Agrícola 1 SL' });
			else expect(shown).toMatchObject({ company: 'Agrícola 1 SL' });

			emu.log.reset();
			const again = await runUpsert(emu, [employee(1, 1), employee(2, 1), company(1)], LINKS);
			expect(actions(again)).toEqual(['unchanged', 'unchanged', 'unchanged']);
			expect(again.json[0].link).toEqual({ companyId: id, action: 'unchanged' });
			expect(emu.log.writes).toBe(0);
		});

		it("a contact the ERP moves to another company: the sync's own link moves", async () => {
			const first = await runUpsert(emu, [company(1), company(2), employee(1, 1)], LINKS);
			const contactId = Number(first.json[2].clientifyId);
			emu.log.reset();
			const moved = await runUpsert(emu, [employee(1, 2)], LINKS);
			expect(moved.json[0]).toMatchObject({
				action: 'updated',
				link: { companyId: companyId(2), action: 'moved' },
			});
			expect(employerOf(contactId)).toBe(companyId(2));
			expect(emu.log.count('DELETE', `/companies/${companyId(1)}/employees/${contactId}/`)).toBe(1);
			expect(emu.log.count('PUT', `/companies/${companyId(2)}/employees/${contactId}/`)).toBe(1);
			// The state now names the new link: the next run is quiet.
			emu.log.reset();
			const again = await runUpsert(emu, [employee(1, 2)], LINKS);
			expect(again.json[0]).toMatchObject({ action: 'unchanged', link: { action: 'unchanged' } });
			expect(emu.log.writes).toBe(0);
		});

		it('a link people made to a company the ERP does not name is never removed nor replaced', async () => {
			const first = await runUpsert(emu, [company(1), company(2), employee(1, 1)], LINKS);
			const contactId = Number(first.json[2].clientifyId);
			// A salesperson links the contact to another company of theirs.
			const theirs = emu.people.create('company', { name: 'Cooperativa de la comarca' });
			emu.people.linkToCompany(contactId, theirs.id);
			emu.log.reset();
			// The ERP moves the contact: the contact is not the sync's link any more, so it stays.
			const moved = await runUpsert(emu, [employee(1, 2)], LINKS);
			expect(moved.json[0].link).toEqual({ companyId: companyId(2), action: 'kept' });
			const warnings = moved.json[0].warnings as Array<{ code: string }>;
			expect(warnings.map((w) => w.code)).toContain('company_link_kept');
			expect(employerOf(contactId)).toBe(theirs.id);
			expect(emu.log.count('DELETE')).toBe(0);
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
		});

		it("an exported and re-imported contact: its copied state does not make the link the sync's (kept)", async () => {
			const first = await runUpsert(emu, [company(1), company(2), employee(1, 1)], LINKS);
			// a day later (a copy made within the marker's 2-minute tie would pass for the original)
			emu.advanceClock(24 * 3600 * 1000);
			const copy = emu.people.exportReimport('contact', Number(first.json[2].clientifyId));
			expect(employerOf(copy.id)).toBe(companyId(1));
			emu.log.reset();
			const moved = await runUpsert(emu, [employee(1, 2)], LINKS);
			expect(moved.json[0]).toMatchObject({ clientifyId: copy.id, link: { action: 'kept' } });
			expect(employerOf(copy.id)).toBe(companyId(1));
			expect(emu.log.count('DELETE')).toBe(0);
		});

		it('a company a person sets while the run moves the link stays (the contact is read again first)', async () => {
			const first = await runUpsert(emu, [company(1), company(2), employee(1, 1)], LINKS);
			const contactId = Number(first.json[2].clientifyId);
			const theirs = emu.people.create('company', { name: 'Cooperativa de la comarca' });
			emu.setOption('faults', [
				{
					method: 'GET',
					path: `/contacts/${contactId}/`,
					before: () => emu.people.linkToCompany(contactId, theirs.id),
				},
			]);
			emu.log.reset();
			const moved = await runUpsert(emu, [employee(1, 2)], LINKS);
			expect(moved.json[0].link).toEqual({ companyId: companyId(2), action: 'kept' });
			expect(employerOf(contactId)).toBe(theirs.id);
			expect(emu.log.count('DELETE')).toBe(0);
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
		});

		it('a contact people had linked before the first sync keeps its company', async () => {
			await runUpsert(emu, [company(1)], LINKS);
			const theirs = emu.people.create('company', { name: 'Otra empresa' });
			const person = emu.people.create('contact', {
				first_name: 'Nombre1',
				taxpayer_identification_number: contact(1).taxId,
			});
			emu.people.linkToCompany(person.id, theirs.id);
			const run = await runUpsert(emu, [employee(1, 1)], LINKS);
			expect(run.json[0].link).toMatchObject({ action: 'kept' });
			expect(employerOf(person.id)).toBe(theirs.id);
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
		});

		it('a missing company: the contact syncs, with company_not_found and no link', async () => {
			const run = await runUpsert(emu, [employee(1, 7)], LINKS);
			expect(run.json[0]).toMatchObject({
				action: 'created',
				link: { companyId: null, action: 'not_found' },
			});
			const warnings = run.json[0].warnings as Array<{ code: string; message: string }>;
			expect(warnings.find((w) => w.code === 'company_not_found')?.message).toContain('E7');
			expect(emu.store.companies.size).toBe(0);
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
			// Once the company is synced, the next run links the contact.
			const later = await runUpsert(emu, [company(7), employee(1, 7)], LINKS);
			expect(later.json[1].link).toMatchObject({ action: 'linked' });
		});

		it('a company skipped for an invalid CIF: the contact (code only) syncs without a link', async () => {
			const skipped = {
				recordType: 'company',
				reason: 'invalid_tax_id',
				message: 'CIF "B00000000" has a wrong control character',
				sourceId: 'E9',
				warnings: [],
			};
			const run = await runUpsert(
				emu,
				[skipped, contact(1, { companyRef: { code: 'E9' } })],
				LINKS,
			);
			expect(actions(run)).toEqual(['skipped', 'created']);
			expect(run.json[1].link).toEqual({ companyId: null, action: 'not_found' });
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
		});

		it('finds the company by its Hispatec code when the contact gives no CIF', async () => {
			await runUpsert(emu, [company(1), company(2)], LINKS);
			// a later run: the companies come from Clientify (Index All lists them; their state has `c`)
			const run = await runUpsert(emu, [contact(1, { companyRef: { code: 'E2' } })], {
				...LINKS,
				parameters: { options: { lookupStrategy: 'indexAll' } },
			});
			expect(run.json[0].link).toEqual({ companyId: companyId(2), action: 'linked' });
		});

		it('a failing link call: the contact is created, with company_link_failed; the next run links it', async () => {
			await runUpsert(emu, [company(1)], LINKS);
			emu.setOption('faults', [{ method: 'PUT', path: '/employees/', status: 400 }]);
			const run = await runUpsert(emu, [employee(1, 1)], LINKS);
			expect(run.json[0]).toMatchObject({ action: 'created', link: { action: 'failed' } });
			const contactId = Number(run.json[0].clientifyId);
			expect(employerOf(contactId)).toBeNull();
			const warnings = run.json[0].warnings as Array<{ code: string }>;
			expect(warnings.map((w) => w.code)).toContain('company_link_failed');
			emu.setOption('faults', []);
			const next = await runUpsert(emu, [employee(1, 1)], LINKS);
			expect(next.json[0].link).toMatchObject({ action: 'linked' });
			expect(employerOf(contactId)).toBe(companyId(1));
		});

		it('Return Clientify Record: a linked contact is returned with its company (read again after the link)', async () => {
			await runUpsert(emu, [company(1)], LINKS);
			const run = await runUpsert(emu, [employee(1, 1)], {
				...LINKS,
				parameters: { options: { returnRecord: true } },
			});
			const record = run.json[0].clientifyRecord as IDataObject;
			if (apiVersion === 'v2') expect(record.company_id).toBe(companyId(1));
			else expect(record.company).toBe('Agrícola 1 SL');
		});

		it('a dry run lists the link calls and writes nothing', async () => {
			const first = await runUpsert(emu, [company(1), company(2), employee(1, 1)], LINKS);
			const contactId = Number(first.json[2].clientifyId);
			emu.log.reset();
			const dry = await runUpsert(emu, [employee(1, 2)], {
				...LINKS,
				parameters: { options: { dryRun: true } },
			});
			expect(dry.json[0].link).toEqual({ companyId: companyId(2), action: 'moved' });
			expect(dry.json[0].plannedRequests).toEqual(
				expect.arrayContaining([
					{
						method: 'DELETE',
						path: `/companies/${companyId(1)}/employees/${contactId}/`,
						body: {},
					},
					{ method: 'PUT', path: `/companies/${companyId(2)}/employees/${contactId}/`, body: {} },
				]),
			);
			expect(emu.log.writes).toBe(0);
			expect(employerOf(contactId)).toBe(companyId(1));
		});

		it('version 1 nodes (saved before links) do not link unless the option is set', async () => {
			await runUpsert(emu, [company(1)]);
			const run = await runUpsert(emu, [employee(1, 1)]);
			expect(run.json[0].link).toBeUndefined();
			expect(emu.log.count('PUT', '/employees/')).toBe(0);
			const on = await runUpsert(emu, [employee(2, 1)], {
				parameters: { options: { linkCompanies: true } },
			});
			expect(on.json[0].link).toMatchObject({ action: 'linked' });
			const off = await runUpsert(emu, [employee(3, 1)], {
				...LINKS,
				parameters: { options: { linkCompanies: false } },
			});
			expect(off.json[0].link).toBeUndefined();
		});

		it('Known Records: the index serves the company lookups (no search per contact) and a re-run makes no call', async () => {
			await runUpsert(emu, [company(1), company(2)], LINKS);
			const known = await buildIndex(emu);
			emu.log.reset();
			const batch = [employee(1, 1), employee(2, 2), contact(3, { companyRef: { code: 'E2' } })];
			const first = await runUpsert(emu, batch, {
				...LINKS,
				parameters: { knownRecords: known, options: {} },
			});
			expect(actions(first)).toEqual(['created', 'created', 'created']);
			expect(first.json.map((j) => (j.link as IDataObject).action)).toEqual([
				'linked',
				'linked',
				'linked',
			]);
			// no company lookup at all: only the creates, the links and the re-check's contact listing
			expect(emu.log.count('GET', '/companies/')).toBe(0);
			expect(emu.log.count('PUT', '/employees/')).toBe(3);

			const again = await buildIndex(emu);
			emu.log.reset();
			const rerun = await runUpsert(emu, batch, {
				...LINKS,
				parameters: { knownRecords: again, options: {} },
			});
			expect(actions(rerun)).toEqual(['unchanged', 'unchanged', 'unchanged']);
			expect(rerun.json[0].link).toMatchObject({ action: 'unchanged' });
			// the custom-field definitions are listed once per execution, as without links
			expect(emu.log.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				`GET /${apiVersion}/custom-fields/`,
			]);
		});
	},
);
