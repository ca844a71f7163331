/**
 * The sales team's work is never lost (issue 17), end to end: the shipped template
 * (workflows/hispatec-to-clientify.json) run twice with `n8n execute` in real n8n, the Hispatec emulator
 * as the ERP, the Clientify emulator as the CRM, and a sales team working in Clientify between the two
 * runs (`clientify.people`, straight on the emulator's store, as the web app would).
 *
 * 1. A salesperson had C00001 as a contact (his e-mail, no tax ID) before the first sync, so run 1
 *    creates a second one. Weeks later the team has worked on the sync's contact (a deal, a direct
 *    e-mail, the tag `cliente-vip`), and someone types the NIF into the old one. Run 2 updates the
 *    sync's contact and deletes nothing: both stay, the item carries `duplicate_in_crm`.
 * 2. A person adds a second phone to C00002 and marks it unsubscribed; the ERP changes C00002's main
 *    phone. Run 2 (default *Make the New Value Primary*) puts the ERP's phone first and leaves the
 *    person's phone as it was (same id, still unsubscribed), without re-sending the phone list.
 *
 * The weeks between the runs pass for Clientify only (`advanceClock`; n8n runs on the real clock), so
 * n8n sees the sync's contact as seconds old: the twin age limit does not protect it here.
 *
 * One n8n per line (the package built and packed once for both), two executions each.
 */
import * as fs from 'fs';
import * as path from 'path';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import { nodeItems, type N8nInstance, type RunOutput } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import { summaryOf, TEMPLATE_NODES } from '../../harness/n8n/report';
import { prepareN8n, startEmulators, TEMPLATE_ID, type Emulators } from '../../harness/n8n/stack';
import type { LoggedRequest, PhoneItem, StoredRecord } from '../../emulators/clientify';
import { counts, FIRST_RUN } from './checks';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
let packed: Promise<string> | undefined;
/** Built and packed once for both versions. */
const tarball = () => (packed ??= buildAndPack(path.join(OUT_DIR, 'pack-people')));

const WEEK = 7 * 24 * 3600 * 1000;
/** Story 1: the ERP's customer a salesperson already had in Clientify. */
const KNOWN = 'C00001';
/** Story 2: the ERP's customer whose main phone changes. */
const PHONED = 'C00002';
const NEW_MAIN_PHONE = '962000222';

/** A seed value of the Hispatec emulator (plain text in the seed records used here). */
function erpValue(emulators: Emulators, code: string, field: string): string {
	const value = emulators.hispatec.dataset.get('contact', code)?.[field];
	if (typeof value !== 'string') throw new Error(`no plain ${field} on Hispatec contact ${code}`);
	return value;
}

interface Execution {
	run: RunOutput;
	requests: LoggedRequest[];
	seconds: number;
}

/** One `n8n execute` of the template, with the Clientify requests it made. */
async function executeTemplate(n8n: N8nInstance, emulators: Emulators): Promise<Execution> {
	emulators.clientify.log.reset();
	const started = Date.now();
	const run = await n8n.execute(TEMPLATE_ID);
	return {
		run,
		requests: [...emulators.clientify.log.requests],
		seconds: Math.round((Date.now() - started) / 100) / 10,
	};
}

/** The Clientify Upsert (contacts) result for a tax ID. */
function contactItem(run: RunOutput, taxId: string): Record<string, unknown> {
	const items = nodeItems(run, TEMPLATE_NODES.upsertContacts).filter((i) => i.taxId === taxId);
	if (items.length !== 1)
		throw new Error(`expected one upsert result for ${taxId}, got ${items.length}`);
	return items[0];
}

function lines(requests: LoggedRequest[], method: string): string[] {
	return requests.filter((r) => r.method === method).map((r) => `${r.method} ${r.path}`);
}

/** A write that re-sends a record's whole phone list (a PUT or PATCH of the record with `phones`). */
function phoneListWrites(requests: LoggedRequest[]): LoggedRequest[] {
	return requests.filter(
		(r) =>
			(r.method === 'PUT' || r.method === 'PATCH') &&
			typeof r.body === 'object' &&
			r.body !== null &&
			'phones' in r.body,
	);
}

describe.each([N8N_VERSIONS.v1, N8N_VERSIONS.v2])(
	'n8n %s: the template, with a sales team working in Clientify between two runs',
	(version) => {
		let emulators: Emulators;
		let n8n: N8nInstance;
		/** Set up by run 1. */
		let first: Execution | undefined;
		let known: { taxId: string; email: string };
		let phonedTaxId: string;
		let oldContact: StoredRecord;
		let syncContactId: number;
		let phonedId: number;
		let phonedMain: PhoneItem;
		/** After the team's work, before run 2. */
		let oldAsLeft: StoredRecord | undefined;
		let personPhone: PhoneItem;
		let second: Promise<Execution> | undefined;

		beforeAll(
			async () => {
				fs.mkdirSync(OUT_DIR, { recursive: true });
				emulators = await startEmulators();
				n8n = await prepareN8n(version, await tarball(), emulators);
			},
			15 * 60 * 1000,
		);

		afterAll(async () => {
			if (n8n) {
				if (fs.existsSync(n8n.logFile))
					fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-people-${version}.log`));
				await n8n.dispose();
			}
			await emulators?.close();
		});

		/**
		 * Weeks of the team's work and the ERP's changes, then run 2 (once, for both stories' tests).
		 */
		const secondRun = (): Promise<Execution> =>
			(second ??= (async () => {
				if (!first) throw new Error('run 1 did not complete');
				const { hispatec, clientify } = emulators;
				const people = clientify.people;
				clientify.advanceClock(3 * WEEK);
				// Story 1: the team works on the sync's contact, then someone types the NIF into the old one.
				people.attachDeal('contact', syncContactId, { name: 'Campaña 2025', amount: 12000 });
				people.addEmail('contact', syncContactId, 'compras@fincalosfuentes.es');
				people.addTag('contact', syncContactId, 'cliente-vip');
				people.typeTaxId('contact', oldContact.id, known.taxId);
				// and the ERP changes the customer's surnames, so run 2 has something to write
				hispatec.dataset.update('contact', KNOWN, { Apellidos: 'Fuentes Escobar' });
				// Story 2: a person adds a second phone and marks it unsubscribed; the ERP changes the main one.
				personPhone = people.addPhone('contact', phonedId, '+34600999999', { unsubscribed: true });
				hispatec.dataset.update('contact', PHONED, { Telefono: NEW_MAIN_PHONE });
				oldAsLeft = people.get('contact', oldContact.id);
				const execution = await executeTemplate(n8n, emulators);
				process.stdout.write(
					`\nn8n ${version}, people e2e: run 1 ${first.seconds} s, run 2 ${execution.seconds} s\n`,
				);
				return execution;
			})());

		test('run 1 creates the sync’s own contact beside the one a salesperson had without a tax ID', async () => {
			const { hispatec, clientify } = emulators;
			const people = clientify.people;
			known = {
				taxId: erpValue(emulators, KNOWN, 'IdentificacionFiscalCliente'),
				email: erpValue(emulators, KNOWN, 'Email'),
			};
			phonedTaxId = erpValue(emulators, PHONED, 'IdentificacionFiscalCliente');
			// Before the first sync: a salesperson's contact for C00001, with his e-mail, no tax ID.
			oldContact = people.create('contact', {
				first_name: erpValue(emulators, KNOWN, 'Nombre'),
				last_name: erpValue(emulators, KNOWN, 'Apellidos'),
				emails: [known.email],
			});
			// C00002 has one phone in the ERP (its mobile column empty), so a person's phone is its second.
			hispatec.dataset.update('contact', PHONED, { TelefonoMovil: null });
			const mainPhone = `+34${erpValue(emulators, PHONED, 'Telefono')}`;

			const run1 = await executeTemplate(n8n, emulators);
			expect(counts(summaryOf(run1.run))).toEqual(FIRST_RUN);
			expect(lines(run1.requests, 'DELETE')).toEqual([]);

			const created = contactItem(run1.run, known.taxId);
			expect(created).toMatchObject({ action: 'created' });
			syncContactId = Number(created.clientifyId);
			expect(syncContactId).not.toBe(oldContact.id);
			expect(people.withTaxId('contact', known.taxId).map((r) => r.id)).toEqual([syncContactId]);
			expect(people.get('contact', oldContact.id)).toEqual(oldContact);

			const phoned = people.withTaxId('contact', phonedTaxId);
			expect(phoned.map((r) => r.phones.map((p) => p.phone))).toEqual([[mainPhone]]);
			phonedId = phoned[0].id;
			phonedMain = phoned[0].phones[0];
			first = run1;
		});

		test('story 1, run 2: the contact people worked on is updated, not deleted; the old one is as people left it', async () => {
			const { run, requests } = await secondRun();
			const people = emulators.clientify.people;
			expect(counts(summaryOf(run))).toEqual({
				...FIRST_RUN,
				companies: { ...FIRST_RUN.companies, created: 0, unchanged: 39 },
				contacts: { ...FIRST_RUN.contacts, created: 0, updated: 2, unchanged: 66 },
			});
			expect(lines(requests, 'DELETE')).toEqual([]);

			const item = contactItem(run, known.taxId);
			expect(item).toMatchObject({ action: 'updated', clientifyId: syncContactId });
			const warnings = (item.warnings ?? []) as Array<{ code: string; message: string }>;
			const duplicate = warnings.filter((w) => w.code === 'duplicate_in_crm');
			expect(duplicate).toHaveLength(1);
			const ids = [oldContact.id, syncContactId].sort((a, b) => a - b);
			expect(duplicate[0].message).toContain(`ids ${ids.join(', ')}`);

			// The worked-on contact: the ERP's change, and everything people did on it.
			const kept = people.get('contact', syncContactId);
			expect({
				lastName: kept?.last_name,
				emails: kept?.emails.map((e) => e.email),
				tags: [...(kept?.tags ?? [])].sort(),
				work: people.workOn('contact', syncContactId).map((w) => `${w.kind} ${w.name}`),
			}).toEqual({
				lastName: 'Fuentes Escobar',
				emails: [known.email, 'compras@fincalosfuentes.es'],
				tags: ['cliente-vip', 'hispatec'],
				work: ['deal Campaña 2025'],
			});
			expect(people.workLost()).toEqual([]);
			// The old contact: exactly as people left it (nothing written to it).
			expect(people.get('contact', oldContact.id)).toEqual(oldAsLeft);
			const onOld = new RegExp(`^/v\\d+/contacts/${oldContact.id}/`);
			expect(requests.filter((r) => r.method !== 'GET' && onOld.test(r.path))).toEqual([]);
		});

		test('story 2, run 2: the ERP’s new phone is first, the person’s phone keeps its id and stays unsubscribed', async () => {
			const { run, requests } = await secondRun();
			const people = emulators.clientify.people;
			expect(contactItem(run, phonedTaxId)).toMatchObject({
				action: 'updated',
				clientifyId: phonedId,
			});
			const phones = people.get('contact', phonedId)?.phones ?? [];
			expect(phones.map((p) => p.phone)).toEqual([`+34${NEW_MAIN_PHONE}`, personPhone.phone]);
			// the person's phone exactly as the person left it: same id, type, unsubscribed
			expect(phones[1]).toEqual({ ...personPhone, unsubscribed: true });
			expect(phones[0].id).not.toBe(personPhone.id);
			expect(phones.every((p) => p.phone !== phonedMain.phone)).toBe(true);
			// no write re-sent the phone list
			expect(phoneListWrites(requests)).toEqual([]);
		});
	},
);
