/**
 * The end-to-end suite for one n8n version: the packed package installed in a real n8n's
 * community-nodes folder, against the Hispatec and Clientify emulators.
 *
 * - In a running n8n (`n8n start`): node types and credentials load with no warning, their icons are
 *   served, the credential tests pass (and fail with the right message) through the REST API the
 *   editor uses, and headless Chromium signs in and screenshots the template.
 * - `n8n execute`: the template fills an empty Clientify exactly, writes nothing the second time, and
 *   updates exactly the records changed in Hispatec.
 * - An activated workflow with the Hispatec Trigger emits only new or changed records.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../scripts/n8n/config';
import { launchChromium, screenshotWorkflow, signIn } from '../../scripts/n8n/browser';
import { nodeItems, OWNER, type N8nInstance, type RunOutput } from '../../scripts/n8n/instance';
import { buildAndPack } from '../../scripts/n8n/pack';
import { apiCalls, summaryOf, TEMPLATE_NODES, type SyncSummary } from '../../scripts/n8n/report';
import {
	clientifyCredentialData,
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
	hispatecCredentialData,
	prepareN8n,
	readTemplate,
	startEmulators,
	TEMPLATE_ID,
	type Emulators,
} from '../../scripts/n8n/stack';
import { normalizeRecord } from '../../nodes/shared/normalize';
import type { RawRecord, RecordType } from '../../nodes/shared/types';
import type { StoredRecord } from '../../emulators/clientify';
import { dni, type EmulatorRecord } from '../../emulators/hispatec/dataset';
import { COMPANIES, CONTACT_CUSTOM_FIELDS, CONTACTS, COUNTS, CUSTOM_FIELD_DEFINITIONS, SKIPPED, view } from './expected';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from './workflows';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const PACKAGE = 'n8n-nodes-hispatec';

/** Polls `check` every `everyMs` until it returns a value, or fails with `what` after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 1000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

function plain(value: EmulatorRecord[string]): string | null {
	return value !== null && typeof value === 'object' ? value.$xml : value;
}

/** Tax IDs the normalization core accepts for a type, from the emulator's current records. */
export function expectedTaxIds(emulators: Emulators, type: RecordType): string[] {
	const ids: string[] = [];
	for (const record of emulators.hispatec.dataset.list(type)) {
		const raw: RawRecord = {};
		for (const [key, value] of Object.entries(record)) raw[key] = plain(value);
		// CDATA and character references are decoded by the SOAP reader before normalization
		for (const [key, value] of Object.entries(raw)) {
			if (typeof value === 'string' && value.startsWith('<![CDATA[')) raw[key] = value.slice(9, -3);
			else if (typeof value === 'string' && /&#?\w+;/.test(value) && typeof record[key] === 'object') {
				raw[key] = value.replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n))).replace(/&#x26;/g, '&');
			}
		}
		const result = normalizeRecord(raw, type);
		if (result.ok) ids.push(result.record.taxId);
	}
	return ids.sort();
}

export function byTaxId(records: StoredRecord[]): Map<string, StoredRecord[]> {
	const map = new Map<string, StoredRecord[]>();
	for (const r of records) {
		const key = String(r.taxpayer_identification_number ?? '');
		map.set(key, [...(map.get(key) ?? []), r]);
	}
	return map;
}

function byCode(records: StoredRecord[], code: string): StoredRecord {
	const found = records.filter((r) => r.custom_fields.some((f) => f.field === 'hispatec_Codigo' && f.value === code));
	if (found.length !== 1) throw new Error(`expected one Clientify record with hispatec_Codigo ${code}, found ${found.length}`);
	return found[0];
}

function counts(summary: SyncSummary): Record<string, unknown> {
	return { companies: summary.companies, contacts: summary.contacts, skippedByReason: summary.skippedByReason };
}

/** The nodes of a run in the order n8n executed them (by each task's executionIndex). */
function executionOrder(run: RunOutput): string[] {
	const tasks = Object.entries(run.data.resultData.runData).flatMap(([node, runs]) =>
		runs.map((task) => ({ node, index: (task as { executionIndex?: unknown }).executionIndex })),
	);
	const missing = tasks.filter((t) => typeof t.index !== 'number').map((t) => t.node);
	if (missing.length) throw new Error(`no executionIndex in the run data of ${missing.join(', ')}`);
	return tasks.sort((a, b) => Number(a.index) - Number(b.index)).map((t) => t.node);
}

const EXPECTED_SKIPS = { foreign_tax_id: 2, invalid_tax_id: 2, missing_name: 1, missing_tax_id: 2 };
const NOTHING = { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
const N = TEMPLATE_NODES;

export function defineSuite(version: string): void {
	describe(`n8n ${version}`, () => {
		let emulators: Emulators;
		let n8n: N8nInstance;

		beforeAll(async () => {
			fs.mkdirSync(OUT_DIR, { recursive: true });
			const tarball = await buildAndPack(path.join(OUT_DIR, `pack-${version}`));
			emulators = await startEmulators();
			n8n = await prepareN8n(version, tarball, emulators, { workflows: [triggerWorkflow()] });
		});

		afterAll(async () => {
			if (n8n) {
				await n8n.stop();
				// keep n8n's own output (CLI commands and server) for a look after a failure
				if (fs.existsSync(n8n.logFile)) fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-${version}.log`));
				await n8n.dispose();
			}
			await emulators?.close();
		});

		describe('in a running n8n (n8n start)', () => {
			beforeAll(async () => {
				await n8n.start();
				await n8n.setupOwnerAndLogin();
			});
			afterAll(async () => {
				await n8n.stop();
			});

			test('loads the package: three node types and two credential types, icons served, no warning', async () => {
				const nodes = (await (await n8n.fetchAsOwner('/types/nodes.json')).json()) as Array<{
					name: string;
					version: number | number[];
					iconUrl?: string | { light: string; dark: string };
				}>;
				const ours = nodes.filter((n) => n.name.startsWith(`${PACKAGE}.`));
				expect(ours.map((n) => `${n.name} v${String(n.version)}`).sort()).toEqual([
					`${PACKAGE}.clientifyIndex v1`,
					`${PACKAGE}.clientifyIndexTool v1`,
					`${PACKAGE}.clientifyUpsert v1`,
					// usableAsTool: n8n adds an AI-agent tool variant of the action nodes
					`${PACKAGE}.clientifyUpsertTool v1`,
					`${PACKAGE}.hispatec v1`,
					`${PACKAGE}.hispatecTool v1`,
					`${PACKAGE}.hispatecTrigger v1`,
				]);
				const credentials = (await (await n8n.fetchAsOwner('/types/credentials.json')).json()) as Array<{
					name: string;
					iconUrl?: string | { light: string; dark: string };
				}>;
				const ourCredentials = credentials.filter((c) => ['hispatecApi', 'clientifyTokenApi'].includes(c.name));
				expect(ourCredentials.map((c) => c.name).sort()).toEqual(['clientifyTokenApi', 'hispatecApi']);

				const iconUrls = new Set<string>();
				for (const entry of [...ours, ...ourCredentials]) {
					const icon = entry.iconUrl;
					expect(icon).toBeDefined();
					if (typeof icon === 'string') iconUrls.add(icon);
					else if (icon) [icon.light, icon.dark].forEach((u) => iconUrls.add(u));
				}
				for (const url of iconUrls) {
					const res = await n8n.fetchAsOwner(url);
					const body = await res.text();
					expect({ url, status: res.status, svg: body.includes('<svg') }).toEqual({ url, status: 200, svg: true });
				}

				const suspicious = n8n
					.serverOutput()
					.split('\n')
					.filter((line) => /hispatec|clientify|community package|failed to load|unrecognized node/i.test(line));
				expect(suspicious).toEqual([]);
			});

			test('credential tests succeed, and fail with the expected message for a wrong password or API key', async () => {
				const test = async (id: string, name: string, type: string, data: Record<string, unknown>) => {
					const res = await n8n.rest<{ data?: { status: string; message: string }; status?: string; message?: string }>(
						'POST',
						'/credentials/test',
						{ credentials: { id, name, type, data } },
					);
					expect(res.status).toBe(200);
					const body = res.body.data ?? (res.body as { status: string; message: string });
					return { status: body.status, message: body.message };
				};
				const { hispatec, clientify } = emulators;

				// declarative credential tests (credentials/*.credentials.ts `test`): n8n's own success message
				const logins = hispatec.stats.logins;
				expect(await test(CREDENTIAL_IDS.hispatec, CREDENTIAL_NAMES.hispatec, 'hispatecApi', hispatecCredentialData(hispatec))).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
				expect(hispatec.stats.logins).toBe(logins + 1);

				expect(
					await test(CREDENTIAL_IDS.hispatec, CREDENTIAL_NAMES.hispatec, 'hispatecApi', hispatecCredentialData(hispatec, { password: 'wrong password' })),
				).toEqual({
					status: 'Error',
					// n8n 1.x loses the HTTP status before its credential tester reads it (its NodeApiError
					// drops the cause), so a declarative test's status rules never apply there
					message: version.startsWith('1.')
						? 'The service was not able to process your request'
						: 'Hispatec refused the login with a SOAP fault (HTTP 500): most often a wrong username or password; otherwise a Login Operation, Namespace or SOAP Action the service does not know. Check the username and password first.',
				});

				expect(
					await test(CREDENTIAL_IDS.clientify, CREDENTIAL_NAMES.clientify, 'clientifyTokenApi', clientifyCredentialData(clientify)),
				).toEqual({ status: 'OK', message: 'Connection successful!' });

				expect(
					await test(CREDENTIAL_IDS.clientify, CREDENTIAL_NAMES.clientify, 'clientifyTokenApi', clientifyCredentialData(clientify, { apiKey: 'not-the-key' })),
				).toEqual({
					status: 'Error',
					message: 'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
				});
			});

			test('headless Chromium signs into the editor and shows the template with its icons', async () => {
				const browser = await launchChromium();
				try {
					const page = await browser.newPage({ viewport: { width: 1680, height: 880 }, deviceScaleFactor: 2 });
					await signIn(page, n8n.baseUrl, OWNER.email, OWNER.password);
					const file = path.join(OUT_DIR, `screenshot-n8n-${version}.png`);
					const canvasNodes = readTemplate().nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
					const shot = await screenshotWorkflow(page, n8n.baseUrl, TEMPLATE_ID, canvasNodes, file);
					expect(fs.statSync(file).size).toBeGreaterThan(20000);
					const ours = [TEMPLATE_NODES.readCompanies, TEMPLATE_NODES.upsertCompanies, TEMPLATE_NODES.readContacts, TEMPLATE_NODES.upsertContacts];
					for (const name of ours) {
						const node = shot.nodes.find((n) => n.text.includes(name));
						expect({ name, found: Boolean(node), iconLoaded: node?.iconLoaded, fromPackage: node?.iconSrc?.includes(PACKAGE) }).toEqual({
							name,
							found: true,
							iconLoaded: true,
							fromPackage: true,
						});
					}
					const unknown = shot.nodes.filter((n) => /not installed|install this node|unrecognized/i.test(n.text));
					expect(unknown).toEqual([]);
				} finally {
					await browser.close();
				}
			});
		});

		describe('the template, run with n8n execute', () => {
			test('run 1 fills an empty Clientify with exactly the valid records', async () => {
				const { hispatec, clientify } = emulators;
				hispatec.stats.reset();
				clientify.log.reset();
				const run = await n8n.execute(TEMPLATE_ID);
				// companies first: the contacts branch starts once the company upserts are done
				expect(executionOrder(run)).toEqual([
					'Run manually',
					N.readCompanies,
					N.upsertCompanies,
					N.companiesDone,
					N.readContacts,
					N.upsertContacts,
					N.contactsDone,
					N.allDone,
					N.summary,
					'Any step failed?',
				]);
				const summary = summaryOf(run);
				expect(counts(summary)).toEqual({
					companies: { read: 42, created: 39, updated: 0, unchanged: 0, skipped: 3, failed: 0 },
					contacts: { read: 72, created: 68, updated: 0, unchanged: 0, skipped: 4, failed: 0 },
					skippedByReason: EXPECTED_SKIPS,
				});
				expect(summary.problems.map((p) => ({ entity: p.entity, sourceId: p.sourceId, reason: p.reason, taxId: p.taxId }))).toEqual([
					...SKIPPED.companies.map((s) => ({ entity: 'companies', ...s })),
					...SKIPPED.contacts.map((s) => ({ entity: 'contacts', ...s })),
				]);

				const snapshot = clientify.store.snapshot();
				expect({ companies: snapshot.companies.length, contacts: snapshot.contacts.length, customFields: snapshot.customFields.length }).toEqual(COUNTS);
				expect(snapshot.customFields.map((f) => `${f.entity} ${f.name}`).sort()).toEqual(CUSTOM_FIELD_DEFINITIONS);
				// every valid record exactly once, nothing else
				expect(snapshot.companies.map((r) => r.taxpayer_identification_number).sort()).toEqual(expectedTaxIds(emulators, 'company'));
				expect(snapshot.contacts.map((r) => r.taxpayer_identification_number).sort()).toEqual(expectedTaxIds(emulators, 'contact'));
				for (const records of [snapshot.companies, snapshot.contacts]) {
					expect([...byTaxId(records).values()].filter((list) => list.length > 1)).toEqual([]);
					expect(records.filter((r) => r.tags.join(',') !== 'hispatec').map((r) => r.taxpayer_identification_number)).toEqual([]);
				}
				const storedIds = new Set([...snapshot.companies, ...snapshot.contacts].map((r) => r.taxpayer_identification_number));
				for (const skipped of [...SKIPPED.companies, ...SKIPPED.contacts]) {
					if (skipped.taxId) expect({ taxId: skipped.taxId, stored: storedIds.has(skipped.taxId) }).toEqual({ taxId: skipped.taxId, stored: false });
				}
				const companies = byTaxId(snapshot.companies);
				for (const [taxId, expected] of Object.entries(COMPANIES)) {
					expect({ taxId, ...view(companies.get(taxId)?.[0] as StoredRecord) }).toMatchObject({ taxId, ...expected });
				}
				const contacts = byTaxId(snapshot.contacts);
				for (const [taxId, expected] of Object.entries(CONTACTS)) {
					expect({ taxId, ...view(contacts.get(taxId)?.[0] as StoredRecord) }).toMatchObject({ taxId, ...expected });
				}
				for (const [taxId, fields] of Object.entries(CONTACT_CUSTOM_FIELDS)) {
					expect(view(contacts.get(taxId)?.[0] as StoredRecord).customFields).toMatchObject(fields);
				}

				const calls = apiCalls(hispatec, clientify);
				expect(calls.hispatec.byOperation).toEqual({ Login: 2, ObtenerEmpresas: 1, ObtenerContactos: 1 });
				expect(calls.clientify.writes).toBe(COUNTS.companies + COUNTS.contacts + COUNTS.customFields);
			});

			test('run 2 on the same data makes zero writes and changes nothing', async () => {
				const { clientify } = emulators;
				const before = JSON.stringify(clientify.store.snapshot());
				clientify.log.reset();
				const summary = summaryOf(await n8n.execute(TEMPLATE_ID));
				expect(counts(summary)).toEqual({
					companies: { read: 42, created: 0, updated: 0, unchanged: 39, skipped: 3, failed: 0 },
					contacts: { read: 72, created: 0, updated: 0, unchanged: 68, skipped: 4, failed: 0 },
					skippedByReason: EXPECTED_SKIPS,
				});
				expect(clientify.log.writes).toBe(0);
				expect(JSON.stringify(clientify.store.snapshot())).toBe(before);
			});

			test('after records change in Hispatec, a run updates exactly those', async () => {
				const { hispatec, clientify } = emulators;
				hispatec.dataset.update('contact', 'C00001', { Email: 'nuevo.correo@example.es' });
				hispatec.dataset.update('contact', 'C00002', { Cultivo: 'Pistacho' });
				hispatec.dataset.update('company', 'E00003', { Telefono: '950000111' });
				const before = clientify.store.snapshot();
				const targets = {
					C00001: byCode(before.contacts, 'C00001').id,
					C00002: byCode(before.contacts, 'C00002').id,
					E00003: byCode(before.companies, 'E00003').id,
				};
				clientify.log.reset();

				const run = await n8n.execute(TEMPLATE_ID);
				const summary = summaryOf(run);
				expect(counts(summary)).toEqual({
					companies: { read: 42, created: 0, updated: 1, unchanged: 38, skipped: 3, failed: 0 },
					contacts: { read: 72, created: 0, updated: 2, unchanged: 66, skipped: 4, failed: 0 },
					skippedByReason: EXPECTED_SKIPS,
				});
				const updated = [...nodeItems(run, TEMPLATE_NODES.upsertCompanies), ...nodeItems(run, TEMPLATE_NODES.upsertContacts)]
					.filter((item) => item.action === 'updated')
					.map((item) => item.clientifyId)
					.sort();
				expect(updated).toEqual([targets.C00001, targets.C00002, targets.E00003].sort());

				// every write went to one of the three records
				const written = clientify.log
					.lines()
					.filter((line) => !line.startsWith('GET '))
					.map((line) => /^\w+ \/v\d+\/(contacts|companies)\/(\d+)\//.exec(line)?.slice(1, 3).join(' ') ?? line);
				expect(written.length).toBeGreaterThan(0);
				expect([...new Set(written)].sort()).toEqual(
					[`contacts ${targets.C00001}`, `contacts ${targets.C00002}`, `companies ${targets.E00003}`].sort(),
				);

				const after = clientify.store.snapshot();
				expect(byCode(after.contacts, 'C00001').emails.map((e) => e.email)).toContain('nuevo.correo@example.es');
				expect(view(byCode(after.contacts, 'C00002')).customFields).toMatchObject({ hispatec_Cultivo: 'Pistacho' });
				expect(byCode(after.companies, 'E00003').phones.map((p) => p.phone)).toContain('+34950000111');
				// untouched records are byte-for-byte the same
				const untouched = (s: typeof before) =>
					JSON.stringify([
						...s.contacts.filter((r) => r.id !== targets.C00001 && r.id !== targets.C00002),
						...s.companies.filter((r) => r.id !== targets.E00003),
					]);
				expect(untouched(after)).toBe(untouched(before));
			});
			test('with no company in Hispatec, contacts are still read and synced, and the summary counts zero companies', async () => {
				const { hispatec, clientify } = emulators;
				const companies = hispatec.dataset.list('company');
				hispatec.dataset.replace('company', []);
				try {
					hispatec.dataset.update('contact', 'C00003', { Telefono: '950000333' });
					const before = clientify.store.snapshot();
					const target = byCode(before.contacts, 'C00003').id;
					hispatec.stats.reset();
					clientify.log.reset();

					const run = await n8n.execute(TEMPLATE_ID);
					// the company branch ends at its Hispatec node (no item on either output)
					expect(executionOrder(run)).toEqual([
						'Run manually',
						N.readCompanies,
						N.readContacts,
						N.upsertContacts,
						N.contactsDone,
						N.allDone,
						N.summary,
						'Any step failed?',
					]);
					expect({ valid: nodeItems(run, N.readCompanies, 0), skipped: nodeItems(run, N.readCompanies, 1) }).toEqual({ valid: [], skipped: [] });
					const summary = summaryOf(run);
					expect(counts(summary)).toEqual({
						companies: NOTHING,
						contacts: { read: 72, created: 0, updated: 1, unchanged: 67, skipped: 4, failed: 0 },
						skippedByReason: { foreign_tax_id: 1, invalid_tax_id: 1, missing_name: 1, missing_tax_id: 1 },
					});
					expect(summary.actions).toEqual({ created: 0, updated: 1, unchanged: 67, skipped: 4, failed: 0 });
					expect(summary.problems.map((p) => ({ entity: p.entity, sourceId: p.sourceId, reason: p.reason, taxId: p.taxId }))).toEqual(
						SKIPPED.contacts.map((s) => ({ entity: 'contacts', ...s })),
					);

					const calls = apiCalls(hispatec, clientify);
					expect(calls.hispatec.byOperation).toEqual({ Login: 2, ObtenerEmpresas: 1, ObtenerContactos: 1 });
					const written = clientify.log
						.lines()
						.filter((line) => !line.startsWith('GET '))
						.map((line) => /^\w+ \/v\d+\/(contacts|companies)\/(\d+)\//.exec(line)?.slice(1, 3).join(' ') ?? line);
					expect(written.length).toBeGreaterThan(0);
					expect([...new Set(written)]).toEqual([`contacts ${target}`]);
					const after = clientify.store.snapshot();
					expect(byCode(after.contacts, 'C00003').phones.map((p) => p.phone)).toContain('+34950000333');
					// the companies already in Clientify are left alone
					expect(JSON.stringify(after.companies)).toBe(JSON.stringify(before.companies));
				} finally {
					hispatec.dataset.replace('company', companies);
				}
			});
		});

		describe('the Hispatec Trigger in an activated workflow', () => {
			afterAll(async () => {
				await n8n.stop();
			});

			test('polls and emits only new or changed records', async () => {
				const { hispatec, clientify } = emulators;
				await n8n.activate(TRIGGER_WORKFLOW_ID);
				hispatec.stats.reset();
				await n8n.start();
				await n8n.setupOwnerAndLogin();

				// first poll (on activation or at the next 15-second mark): every contact, all already in Clientify
				const first = await waitFor('the first trigger execution', 120000, async () => {
					const done = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter((e) => e.finished || e.status === 'success');
					return done.length >= 1 ? done[done.length - 1] : undefined;
				});
				const firstRun = await n8n.executionRun(first.id);
				const firstItems = nodeItems(firstRun, 'Clientify Upsert');
				expect({ emitted: nodeItems(firstRun, 'Hispatec Trigger').length, skipped: nodeItems(firstRun, 'Hispatec Trigger', 1).length }).toEqual({
					emitted: 68,
					skipped: 4,
				});
				expect(firstItems.filter((i) => i.action !== 'unchanged')).toEqual([]);

				// one change and one new contact
				const changedTaxId = String(hispatec.dataset.get('contact', 'C00004')?.IdentificacionFiscalCliente);
				hispatec.dataset.update('contact', 'C00004', { Email: 'cambio.trigger@example.es' });
				const newTaxId = dni(23456789);
				hispatec.dataset.add('contact', {
					Codigo: 'C09001',
					Nombre: 'Rocío',
					Apellidos: 'Nueva Socia',
					IdentificacionFiscalCliente: newTaxId,
					Email: 'rocio.nueva@example.es',
					Telefono: '950111222',
					Poblacion: 'El Ejido',
					Provincia: 'Almería',
					CodigoPostal: '04700',
					Pais: 'España',
				});
				clientify.log.reset();
				const knownIds = new Set((await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).map((e) => e.id));

				const second = await waitFor('a trigger execution with the changed and the new contact', 120000, async () => {
					const fresh = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter((e) => !knownIds.has(e.id) && (e.finished || e.status === 'success'));
					return fresh.length ? fresh[fresh.length - 1] : undefined;
				});
				const secondRun = await n8n.executionRun(second.id);
				const results = nodeItems(secondRun, 'Clientify Upsert')
					.map((i) => `${String(i.action)} ${String(i.taxId)}`)
					.sort();
				expect(results).toEqual([`created ${newTaxId}`, `updated ${changedTaxId}`].sort());
				expect(nodeItems(secondRun, 'Hispatec Trigger', 1)).toEqual([]);
				const created = clientify.store.findByTaxId('contact', newTaxId);
				expect(created.map((r) => view(r))).toMatchObject([
					{ firstName: 'Rocío', lastName: 'Nueva Socia', emails: ['rocio.nueva@example.es (1)'], tags: ['hispatec'] },
				]);

				// a later poll with nothing new emits nothing: no further execution
				const polls = hispatec.stats.calls.ObtenerContactos ?? 0;
				await waitFor('one more poll of Hispatec', 60000, async () => ((hispatec.stats.calls.ObtenerContactos ?? 0) > polls ? true : undefined));
				// an execution from that poll would be listed within seconds
				await new Promise((r) => setTimeout(r, 5000));
				const after = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter((e) => !knownIds.has(e.id));
				expect(after.map((e) => e.id)).toEqual([second.id]);
			});
		});
	});
}
