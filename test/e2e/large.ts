/**
 * End-to-end suite of the large-ERP template (two workflows: the main one and its pages workflow) in
 * one real n8n, and of "one entity never blocks the other" on both templates:
 * - the same exactness as the one-workflow template: an empty Clientify filled exactly, nothing
 *   written on a re-run, exactly the changed records updated, contacts synced with no company;
 * - the Clientify calls the known-records index allows (0 lookups for new records, 0 calls for
 *   unchanged ones);
 * - ObtenerEmpresas failing for good: contacts still synced, the summary names the failed step, the
 *   execution ends as failed (so an error workflow fires).
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/n8n/config';
import { executeMeasured, type MeasuredRun } from '../../harness/n8n/measure';
import { nodeItems, type N8nInstance } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import type { SyncSummary } from '../../harness/n8n/report';
import {
	LARGE_TEMPLATE_ID,
	prepareN8n,
	startEmulators,
	TEMPLATE_ID,
	type Emulators,
} from '../../harness/n8n/stack';
import {
	byCode,
	changeThreeRecords,
	counts,
	expectExactlyTheExpectedState,
	expectOnlyTheThreeChanged,
	expectContactsLinkedToTheirCompanies,
	expectLinkSummary,
	expectSkippedProblems,
	FIRST_RUN,
	removeSomeRecords,
	REMOVED_CODES,
	taggedRemoved,
	NO_COMPANY_RUN,
	NOTHING,
	SAME_DATA_RUN,
	THREE_CHANGED_RUN,
	withNoCompanies,
	writtenRecords,
} from './checks';
import { COUNTS } from './expected';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');

interface LargeSummary extends SyncSummary {
	failedSteps: Array<{ step: string; entity: string; error: string }>;
	warnings: string[];
	pages: number;
}

function summaryOf(measured: MeasuredRun): LargeSummary {
	const items = measured.run ? nodeItems(measured.run, 'Sync summary') : [];
	if (items.length !== 1)
		throw new Error(
			`no Sync summary item (exit ${String(measured.exitCode)}):\n${measured.output.slice(-3000)}`,
		);
	return items[0] as unknown as LargeSummary;
}

export function defineLargeSuite(version: string): void {
	describe(`n8n ${version}: the large-ERP template`, () => {
		let emulators: Emulators;
		let n8n: N8nInstance;

		beforeAll(async () => {
			fs.mkdirSync(OUT_DIR, { recursive: true });
			const tarball = await buildAndPack(path.join(OUT_DIR, `pack-large-${version}`));
			emulators = await startEmulators();
			n8n = await prepareN8n(version, tarball, emulators);
		});

		afterAll(async () => {
			if (n8n) {
				if (fs.existsSync(n8n.logFile))
					fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-large-${version}.log`));
				await n8n.dispose();
			}
			await emulators?.close();
		});

		test('run 1 fills an empty Clientify with exactly the valid records, without one lookup per record', async () => {
			const { hispatec, clientify } = emulators;
			hispatec.stats.reset();
			clientify.log.reset();
			const measured = await executeMeasured(n8n, LARGE_TEMPLATE_ID, 600000);
			expect(measured.exitCode).toBe(0);
			const summary = summaryOf(measured);
			expect(counts(summary)).toEqual(FIRST_RUN);
			expect({
				failedSteps: summary.failedSteps,
				warnings: summary.warnings,
				pages: summary.pages,
			}).toEqual({ failedSteps: [], warnings: [], pages: 2 });
			expectSkippedProblems(summary);
			expectExactlyTheExpectedState(emulators);
			// every contact linked to the company its ERP record names (issue 20)
			const links = expectContactsLinkedToTheirCompanies(emulators);
			expectLinkSummary(summary, links);
			// one create per record, the custom-field definitions and one link per linked contact;
			// reads: the two listings, the company listing again before the contact pages (so the
			// contact pages find the companies this run created without a search), the definitions
			// once per page execution, one overlap re-check per page that created, and one search for
			// the one missing company whose reference has a valid CIF (C00008) — no lookup per record
			expect(clientify.log.writes).toBe(
				COUNTS.companies + COUNTS.contacts + COUNTS.customFields + links.linked,
			);
			expect(clientify.log.reads).toBe(8);
			expect(clientify.log.lines().filter((l) => l.startsWith('GET /v1/contacts/?'))).toHaveLength(
				2,
			);
			expect(clientify.log.lines().filter((l) => l.includes('created%5Bgte%5D'))).toHaveLength(2);
			// a duplicate scan and one page per entity (each its own execution, hence its own login)
			expect(hispatec.stats.calls).toEqual({ Login: 4, ObtenerEmpresas: 2, ObtenerContactos: 2 });
		});

		test('run 2 on the same data: zero writes, nothing changed, no call for any unchanged record', async () => {
			const { clientify } = emulators;
			const before = JSON.stringify(clientify.store.snapshot());
			clientify.log.reset();
			const measured = await executeMeasured(n8n, LARGE_TEMPLATE_ID, 600000);
			const summary = summaryOf(measured);
			expect(counts(summary)).toEqual(SAME_DATA_RUN);
			expect(clientify.log.writes).toBe(0);
			// the two listings (one page each here), the company listing again before the contact pages,
			// the one search for C00008's missing company (a link still to make is retried every run) and
			// the custom-field definitions once per page execution: no lookup of any synced record
			const reads = clientify.log.lines().map((l) => l.split('?')[0]);
			expect(reads.filter((l) => !l.startsWith('GET /v1/custom-fields/')).sort()).toEqual([
				'GET /v1/companies/',
				'GET /v1/companies/',
				'GET /v1/companies/',
				'GET /v1/contacts/',
			]);
			expect(reads.filter((l) => l.startsWith('GET /v1/custom-fields/'))).toHaveLength(4);
			expect(JSON.stringify(clientify.store.snapshot())).toBe(before);
		});

		test('after records change in Hispatec, a run updates exactly those', async () => {
			const changes = changeThreeRecords(emulators);
			const summary = summaryOf(await executeMeasured(n8n, LARGE_TEMPLATE_ID, 600000));
			expect(counts(summary)).toEqual(THREE_CHANGED_RUN);
			expectOnlyTheThreeChanged(emulators, changes);
		});

		test('with no company in Hispatec, contacts are still read and synced, and the summary counts zero companies', async () => {
			await withNoCompanies(emulators, async () => {
				const measured = await executeMeasured(n8n, LARGE_TEMPLATE_ID, 600000);
				expect(measured.exitCode).toBe(0);
				expect(counts(summaryOf(measured))).toEqual(NO_COMPANY_RUN);
			});
		});

		test.each([
			['large-ERP', LARGE_TEMPLATE_ID, 'Hispatec: company duplicates'],
			['one-workflow', TEMPLATE_ID, 'Hispatec: read companies'],
		])(
			'%s template: ObtenerEmpresas failing for good → contacts still synced, the summary names the step, the execution fails',
			async (_label, id, step) => {
				const { hispatec, clientify } = emulators;
				hispatec.dataset.update('contact', 'C00005', {
					Telefono: id === TEMPLATE_ID ? '950000555' : '950000556',
				});
				const target = byCode(clientify.store.snapshot().contacts, 'C00005').id;
				const beforeCompanies = JSON.stringify(clientify.store.snapshot().companies);
				hispatec.setOption('failure', {
					type: 'soapFault',
					operation: 'ObtenerEmpresas',
					times: Infinity,
					faultString: 'Error interno: base de datos no disponible',
				});
				clientify.log.reset();
				try {
					const measured = await executeMeasured(n8n, id, 600000);
					expect(measured.exitCode).not.toBe(0);
					expect(measured.run?.data.resultData.error?.message).toMatch(
						new RegExp(`^Sync incomplete: ${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed: `),
					);
					expect(measured.run?.data.resultData.lastNodeExecuted).toBe('Fail the execution');
					const summary = summaryOf(measured);
					expect(summary.failedSteps).toHaveLength(1);
					expect(summary.failedSteps[0]).toMatchObject({ step, entity: 'companies' });
					expect(summary.failedSteps[0].error).toMatch(/ObtenerEmpresas/);
					expect(summary.companies).toEqual(NOTHING);
					expect(summary.contacts).toEqual({
						read: 72,
						created: 0,
						updated: 1,
						unchanged: 67,
						skipped: 4,
						failed: 0,
					});
					expect([...new Set(writtenRecords(emulators.clientify))]).toEqual([`contacts ${target}`]);
					expect(JSON.stringify(clientify.store.snapshot().companies)).toBe(beforeCompanies);
				} finally {
					hispatec.setOption('failure', null);
				}
			},
		);

		test.each([
			['large-ERP', LARGE_TEMPLATE_ID],
			['one-workflow', TEMPLATE_ID],
		])(
			'%s template: records deleted or marked inactive in Hispatec are tagged, and nothing else; a failed ERP read marks nothing; records that come back lose the tag',
			async (_label, id) => {
				const { hispatec } = emulators;
				expect(taggedRemoved(emulators)).toEqual([]);
				const restore = removeSomeRecords(emulators);
				try {
					const measured = await executeMeasured(n8n, id, 600000);
					expect(measured.exitCode).toBe(0);
					const summary = summaryOf(measured);
					expect(summary.removals).toMatchObject({
						checked: true,
						removed: 3,
						marked: 4, // the 3 deleted (mark step) and the inactive one (its upsert)
						alreadyMarked: 0,
						returned: 0,
						failed: 0,
					});
					expect(taggedRemoved(emulators)).toEqual(REMOVED_CODES);
					// the sync tag stays, so filters on it keep working
					const snapshot = emulators.clientify.store.snapshot();
					for (const code of REMOVED_CODES) {
						const records = code.startsWith('E') ? snapshot.companies : snapshot.contacts;
						expect(byCode(records, code).tags).toContain('hispatec');
					}

					// one more company deleted, and the contacts read fails for good: nothing is marked
					expect(hispatec.dataset.remove('company', 'E00008')).toBe(true);
					hispatec.setOption('failure', {
						type: 'soapFault',
						operation: 'ObtenerContactos',
						times: Infinity,
						faultString: 'Error interno: base de datos no disponible',
					});
					try {
						const failed = await executeMeasured(n8n, id, 600000);
						expect(failed.exitCode).not.toBe(0);
						expect(summaryOf(failed).removals).toMatchObject({ checked: false, removed: 0 });
						expect(taggedRemoved(emulators)).toEqual(REMOVED_CODES);
					} finally {
						hispatec.setOption('failure', null);
					}
				} finally {
					restore();
				}
				// back in the ERP: the sync's removal tag goes, nothing else is tagged
				const back = summaryOf(await executeMeasured(n8n, id, 600000));
				expect(back.removals).toMatchObject({ checked: true, removed: 0, returned: 4 });
				expect(taggedRemoved(emulators)).toEqual([]);
			},
		);
	});
}
