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
import { REPO_ROOT } from '../../harness/n8n/config';
import { launchChromium, screenshotWorkflow, signIn } from '../../harness/n8n/browser';
import { nodeItems, OWNER, type N8nInstance, type RunOutput } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import { apiCalls, summaryOf, TEMPLATE_NODES, type SyncSummary } from '../../harness/n8n/report';
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
} from '../../harness/n8n/stack';
import {
	changeOneAndAddOne,
	changeThreeRecords,
	counts,
	expectExactlyTheExpectedState,
	expectOnlyTheThreeChanged,
	expectContactsLinkedToTheirCompanies,
	expectLinkSummary,
	expectSkippedProblems,
	FIRST_RUN,
	NO_COMPANY_RUN,
	SAME_DATA_RUN,
	templateExecutionOrder,
	THREE_CHANGED_RUN,
	waitFor,
	withNoCompanies,
} from './checks';
import { COUNTS, SKIPPED, view } from './expected';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from './workflows';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const PACKAGE = 'n8n-nodes-hispatec';

/** The nodes of a run in the order n8n executed them (by each task's executionIndex). */
function executionOrder(run: RunOutput): string[] {
	const tasks = Object.entries(run.data.resultData.runData).flatMap(([node, runs]) =>
		runs.map((task) => ({ node, index: (task as { executionIndex?: unknown }).executionIndex })),
	);
	const missing = tasks.filter((t) => typeof t.index !== 'number').map((t) => t.node);
	if (missing.length) throw new Error(`no executionIndex in the run data of ${missing.join(', ')}`);
	return tasks.sort((a, b) => Number(a.index) - Number(b.index)).map((t) => t.node);
}

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
				if (fs.existsSync(n8n.logFile))
					fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-${version}.log`));
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
					// version 2 (issue 20): Link Contacts to Companies on unless set
					`${PACKAGE}.clientifyUpsert v1,2`,
					// usableAsTool: n8n adds an AI-agent tool variant of the action nodes
					`${PACKAGE}.clientifyUpsertTool v1,2`,
					`${PACKAGE}.hispatec v1`,
					`${PACKAGE}.hispatecTool v1`,
					`${PACKAGE}.hispatecTrigger v1`,
				]);
				const credentials = (await (
					await n8n.fetchAsOwner('/types/credentials.json')
				).json()) as Array<{
					name: string;
					iconUrl?: string | { light: string; dark: string };
				}>;
				const ourCredentials = credentials.filter((c) =>
					['hispatecApi', 'clientifyTokenApi'].includes(c.name),
				);
				expect(ourCredentials.map((c) => c.name).sort()).toEqual([
					'clientifyTokenApi',
					'hispatecApi',
				]);

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
					expect({ url, status: res.status, svg: body.includes('<svg') }).toEqual({
						url,
						status: 200,
						svg: true,
					});
				}

				const suspicious = n8n
					.serverOutput()
					.split('\n')
					.filter((line) =>
						/hispatec|clientify|community package|failed to load|unrecognized node/i.test(line),
					);
				expect(suspicious).toEqual([]);
			});

			test('credential tests succeed, and fail with the expected message for a wrong password or API key', async () => {
				/** POST /credentials/test, as the editor's "Test" button sends it, for one of our credentials. */
				const testCredential = async (
					kind: 'hispatec' | 'clientify',
					data: Record<string, unknown>,
				) => {
					const type = kind === 'hispatec' ? 'hispatecApi' : 'clientifyTokenApi';
					const credentials = {
						id: CREDENTIAL_IDS[kind],
						name: CREDENTIAL_NAMES[kind],
						type,
						data,
					};
					const res = await n8n.rest<{
						data?: { status: string; message: string };
						status?: string;
						message?: string;
					}>('POST', '/credentials/test', { credentials });
					expect(res.status).toBe(200);
					const body = res.body.data ?? (res.body as { status: string; message: string });
					return { status: body.status, message: body.message };
				};
				const { hispatec, clientify } = emulators;

				// declarative credential tests (credentials/*.credentials.ts `test`): n8n's own success message
				const logins = hispatec.stats.logins;
				expect(await testCredential('hispatec', hispatecCredentialData(hispatec))).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
				expect(hispatec.stats.logins).toBe(logins + 1);

				expect(
					await testCredential(
						'hispatec',
						hispatecCredentialData(hispatec, { password: 'wrong password' }),
					),
				).toEqual({
					status: 'Error',
					// n8n 1.x loses the HTTP status before its credential tester reads it (its NodeApiError
					// drops the cause), so a declarative test's status rules never apply there
					message: version.startsWith('1.')
						? 'The service was not able to process your request'
						: 'Hispatec refused the login with a SOAP fault (HTTP 500): most often a wrong username or password; otherwise a Login Operation, Namespace or SOAP Action the service does not know. Check the username and password first.',
				});

				expect(await testCredential('clientify', clientifyCredentialData(clientify))).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});

				expect(
					await testCredential(
						'clientify',
						clientifyCredentialData(clientify, { apiKey: 'not-the-key' }),
					),
				).toEqual({
					status: 'Error',
					message:
						'Clientify rejected the API key (401 Invalid token.). Copy the key again from Clientify: Settings → Integrations → API.',
				});
			});

			test('headless Chromium signs into the editor and shows the template with its icons', async () => {
				const browser = await launchChromium();
				try {
					const page = await browser.newPage({
						viewport: { width: 1680, height: 880 },
						deviceScaleFactor: 2,
					});
					await signIn(page, n8n.baseUrl, OWNER.email, OWNER.password);
					const file = path.join(OUT_DIR, `screenshot-n8n-${version}.png`);
					const canvasNodes = readTemplate().nodes.filter(
						(n) => n.type !== 'n8n-nodes-base.stickyNote',
					).length;
					const shot = await screenshotWorkflow(page, n8n.baseUrl, TEMPLATE_ID, canvasNodes, file);
					expect(fs.statSync(file).size).toBeGreaterThan(20000);
					const ours = [
						TEMPLATE_NODES.readCompanies,
						TEMPLATE_NODES.upsertCompanies,
						TEMPLATE_NODES.readContacts,
						TEMPLATE_NODES.upsertContacts,
					];
					for (const name of ours) {
						const node = shot.nodes.find((n) => n.text.includes(name));
						expect({
							name,
							found: Boolean(node),
							iconLoaded: node?.iconLoaded,
							fromPackage: node?.iconSrc?.includes(PACKAGE),
						}).toEqual({
							name,
							found: true,
							iconLoaded: true,
							fromPackage: true,
						});
					}
					const unknown = shot.nodes.filter((n) =>
						/not installed|install this node|unrecognized/i.test(n.text),
					);
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
				expect(executionOrder(run)).toEqual(templateExecutionOrder(true));
				const summary = summaryOf(run);
				expect(counts(summary)).toEqual(FIRST_RUN);
				expectSkippedProblems(summary);
				// every valid record exactly once, nothing else, and no skipped record
				expectExactlyTheExpectedState(emulators);
				const snapshot = clientify.store.snapshot();
				const storedIds = new Set(
					[...snapshot.companies, ...snapshot.contacts].map(
						(r) => r.taxpayer_identification_number,
					),
				);
				for (const skipped of [...SKIPPED.companies, ...SKIPPED.contacts]) {
					if (skipped.taxId)
						expect({ taxId: skipped.taxId, stored: storedIds.has(skipped.taxId) }).toEqual({
							taxId: skipped.taxId,
							stored: false,
						});
				}

				const calls = apiCalls(hispatec, clientify);
				expect(calls.hispatec.byOperation).toEqual({
					Login: 2,
					ObtenerEmpresas: 1,
					ObtenerContactos: 1,
				});
				// every contact linked to the company its ERP record names: one link call each (issue 20)
				const links = expectContactsLinkedToTheirCompanies(emulators);
				expectLinkSummary(summary, links);
				expect(calls.clientify.writes).toBe(
					COUNTS.companies + COUNTS.contacts + COUNTS.customFields + links.linked,
				);
			});

			test('run 2 on the same data makes zero writes and changes nothing', async () => {
				const { clientify } = emulators;
				const before = JSON.stringify(clientify.store.snapshot());
				clientify.log.reset();
				const summary = summaryOf(await n8n.execute(TEMPLATE_ID));
				expect(counts(summary)).toEqual(SAME_DATA_RUN);
				expect(clientify.log.writes).toBe(0);
				expect(JSON.stringify(clientify.store.snapshot())).toBe(before);
			});

			test('after records change in Hispatec, a run updates exactly those', async () => {
				const changes = changeThreeRecords(emulators);
				const { targets } = changes;

				const run = await n8n.execute(TEMPLATE_ID);
				expect(counts(summaryOf(run))).toEqual(THREE_CHANGED_RUN);
				const updated = [
					...nodeItems(run, TEMPLATE_NODES.upsertCompanies),
					...nodeItems(run, TEMPLATE_NODES.upsertContacts),
				]
					.filter((item) => item.action === 'updated')
					.map((item) => item.clientifyId)
					.sort();
				expect(updated).toEqual([targets.C00001, targets.C00002, targets.E00003].sort());
				expectOnlyTheThreeChanged(emulators, changes);
			});
			test('with no company in Hispatec, contacts are still read and synced, and the summary counts zero companies', async () => {
				const { hispatec, clientify } = emulators;
				await withNoCompanies(emulators, async () => {
					const run = await n8n.execute(TEMPLATE_ID);
					// the company branch ends at its Hispatec node (no item on either output)
					expect(executionOrder(run)).toEqual(templateExecutionOrder(false));
					expect({
						valid: nodeItems(run, N.readCompanies, 0),
						skipped: nodeItems(run, N.readCompanies, 1),
					}).toEqual({ valid: [], skipped: [] });
					const summary = summaryOf(run);
					expect(counts(summary)).toEqual(NO_COMPANY_RUN);
					expect(summary.actions).toEqual({
						created: 0,
						updated: 1,
						unchanged: 67,
						skipped: 4,
						failed: 0,
					});
					expectSkippedProblems(summary, ['contacts']);
					expect(apiCalls(hispatec, clientify).hispatec.byOperation).toEqual({
						Login: 2,
						ObtenerEmpresas: 1,
						ObtenerContactos: 1,
					});
				});
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
					const done = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter(
						(e) => e.finished || e.status === 'success',
					);
					return done.length >= 1 ? done[done.length - 1] : undefined;
				});
				const firstRun = await n8n.executionRun(first.id);
				const firstItems = nodeItems(firstRun, 'Clientify Upsert');
				expect({
					emitted: nodeItems(firstRun, 'Hispatec Trigger').length,
					skipped: nodeItems(firstRun, 'Hispatec Trigger', 1).length,
				}).toEqual({
					emitted: 68,
					skipped: 4,
				});
				expect(firstItems.filter((i) => i.action !== 'unchanged')).toEqual([]);

				// one change and one new contact
				const { changedTaxId, newTaxId } = changeOneAndAddOne(
					emulators,
					'cambio.trigger@example.es',
					{
						code: 'C09001',
						dniNumber: 23456789,
						name: 'Rocío',
						surnames: 'Nueva Socia',
						email: 'rocio.nueva@example.es',
						phone: '950111222',
						town: 'El Ejido',
						postalCode: '04700',
					},
				);
				clientify.log.reset();
				const knownIds = new Set((await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).map((e) => e.id));

				const second = await waitFor(
					'a trigger execution with the changed and the new contact',
					120000,
					async () => {
						const fresh = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter(
							(e) => !knownIds.has(e.id) && (e.finished || e.status === 'success'),
						);
						return fresh.length ? fresh[fresh.length - 1] : undefined;
					},
				);
				const secondRun = await n8n.executionRun(second.id);
				const results = nodeItems(secondRun, 'Clientify Upsert')
					.map((i) => `${String(i.action)} ${String(i.taxId)}`)
					.sort();
				expect(results).toEqual([`created ${newTaxId}`, `updated ${changedTaxId}`].sort());
				expect(nodeItems(secondRun, 'Hispatec Trigger', 1)).toEqual([]);
				const created = clientify.store.findByTaxId('contact', newTaxId);
				expect(created.map((r) => view(r))).toMatchObject([
					{
						firstName: 'Rocío',
						lastName: 'Nueva Socia',
						emails: ['rocio.nueva@example.es (1)'],
						tags: ['hispatec'],
					},
				]);

				// a later poll with nothing new emits nothing: no further execution
				const polls = hispatec.stats.calls.ObtenerContactos ?? 0;
				await waitFor('one more poll of Hispatec', 60000, async () =>
					(hispatec.stats.calls.ObtenerContactos ?? 0) > polls ? true : undefined,
				);
				// an execution from that poll would be listed within seconds
				await new Promise((r) => setTimeout(r, 5000));
				const after = (await n8n.listExecutions(TRIGGER_WORKFLOW_ID)).filter(
					(e) => !knownIds.has(e.id),
				);
				expect(after.map((e) => e.id)).toEqual([second.id]);
			});
		});
	});
}
