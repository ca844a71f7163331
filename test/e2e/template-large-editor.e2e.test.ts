/**
 * The large-ERP template as a user sets it up, in Chromium, on n8n 2.41.1 under `n8n start`: both files
 * imported through the editor's **⋯ → Import › From file** (which drops the files' workflow settings),
 * the credentials picked in each node, the pages workflow published and picked **From list** in "Run the
 * sync" (which empties its Workflow Inputs), then **Execute workflow**. Checked: the exact result in the
 * Clientify emulator, the summary's warning about saved page executions while the settings are n8n's
 * defaults, and, once the documented settings are set in the Workflow settings dialog, no warning and
 * no page execution kept.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import {
	executeWorkflowFrom,
	importWorkflowFromFile,
	launchChromium,
	openEditor,
	pickSubWorkflowFromList,
	publishWorkflow,
	selectNodeCredential,
	setWorkflowSettings,
	waitUntil,
} from '../../harness/n8n/browser';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import { nodeItems, OWNER, type N8nInstance } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import {
	emulatorCredentials,
	LARGE_TEMPLATE_FILES,
	prepareN8n,
	startEmulators,
	type CredentialImport,
	type Emulators,
	type WorkflowJson,
} from '../../harness/n8n/stack';
import type { SyncSummary } from '../../harness/n8n/report';
import { counts, expectExactlyTheExpectedState, FIRST_RUN, SAME_DATA_RUN } from './checks';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const VERSION = N8N_VERSIONS.v2;

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
const PAGES = read(LARGE_TEMPLATE_FILES.pages);
const MAIN = read(LARGE_TEMPLATE_FILES.main);
const nodesOnCanvas = (wf: WorkflowJson) =>
	wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;

/**
 * The user's credentials, named unlike the files' placeholders, and a second credential of each type
 * that would fail: the editor cannot guess them, each node's credential has to be picked.
 */
function userCredentials(emulators: Emulators): CredentialImport[] {
	const [hispatec, clientify] = emulatorCredentials(emulators);
	return [
		{ ...hispatec, id: 'hispatecUser0001', name: 'Hispatec ERPagro (emulator)' },
		{ ...clientify, id: 'clientifyUser001', name: 'Clientify (emulator)' },
		{
			...hispatec,
			id: 'hispatecOther001',
			name: 'Hispatec ERPagro (other)',
			data: { ...hispatec.data, password: 'wrong' },
		},
		{
			...clientify,
			id: 'clientifyOther01',
			name: 'Clientify (other)',
			data: { ...clientify.data, apiKey: 'wrong' },
		},
	];
}

interface LargeSummary extends SyncSummary {
	failedSteps: unknown[];
	warnings: string[];
	pages: number;
}

describe(`n8n ${VERSION}: the large-ERP template set up through the editor`, () => {
	let emulators: Emulators;
	let n8n: N8nInstance;
	let browser: Browser;
	let page: Page;
	let pagesId = '';
	let mainId = '';

	/** The workflow as stored (REST API); undefined while the editor has not saved it yet. */
	const workflow = async (id: string) =>
		(
			await n8n.rest<{
				data?: WorkflowJson & {
					settings?: Record<string, unknown>;
					activeVersionId?: string | null;
				};
			}>('GET', `/workflows/${id}`)
		).body.data;

	/** Execute workflow (from "Run manually") on the main workflow; its Sync summary once it ended. */
	async function runFromEditor(): Promise<LargeSummary> {
		const before = Number((await n8n.listExecutions(mainId))[0]?.id ?? 0);
		await page.goto(`${n8n.baseUrl}/workflow/${mainId}`, { waitUntil: 'domcontentloaded' });
		await executeWorkflowFrom(page, 'Run manually');
		const execution = await n8n.waitForFinishedExecution(mainId, before);
		const summary = nodeItems(await n8n.executionRun(execution.id), 'Sync summary');
		expect(summary).toHaveLength(1);
		return summary[0] as unknown as LargeSummary;
	}

	beforeAll(async () => {
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const tarball = await buildAndPack(path.join(OUT_DIR, `pack-editor-${VERSION}`));
		emulators = await startEmulators();
		n8n = await prepareN8n(VERSION, tarball, emulators, {
			templates: false,
			credentials: userCredentials(emulators),
		});
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		browser = await launchChromium();
		page = await openEditor(browser, n8n.baseUrl, OWNER.email, OWNER.password);
	});

	afterAll(async () => {
		if (page)
			await page
				.screenshot({ path: path.join(OUT_DIR, `editor-large-${VERSION}.png`) })
				.catch(() => undefined);
		await browser?.close();
		if (n8n) {
			if (fs.existsSync(n8n.logFile))
				fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-editor-large-${VERSION}.log`));
			await n8n.dispose();
		}
		await emulators?.close();
	});

	test('import both files, pick the credentials and the pages workflow, run: Clientify exact, and a warning that names the setting', async () => {
		// 1. the pages workflow: import, credentials in its nine nodes, publish
		pagesId = await importWorkflowFromFile(
			page,
			n8n.baseUrl,
			LARGE_TEMPLATE_FILES.pages,
			nodesOnCanvas(PAGES),
		);
		const withCredentials = PAGES.nodes.filter((n) => n.credentials);
		expect(withCredentials).toHaveLength(9);
		for (const node of withCredentials) {
			const hispatec = Boolean(node.credentials?.hispatecApi);
			await selectNodeCredential(
				page,
				node.name,
				hispatec ? 'Hispatec ERPagro (emulator)' : 'Clientify (emulator)',
			);
		}
		await publishWorkflow(page);
		await waitUntil(
			async () => {
				const stored = await workflow(pagesId);
				return (
					stored !== undefined &&
					Boolean(stored.activeVersionId) &&
					stored.nodes
						.filter((n) => n.credentials)
						.every((n) =>
							['hispatecUser0001', 'clientifyUser001'].includes(
								Object.values(n.credentials ?? {})[0]?.id,
							),
						)
				);
			},
			() => 'the pages workflow to be published with the chosen credentials',
		);
		// what users hit: the editor's import keeps none of the file's save settings
		const imported = (await workflow(pagesId))?.settings ?? {};
		expect(imported.saveDataSuccessExecution).toBeUndefined();

		// 2. the main workflow: import, Run the sync → Workflow → From list → the pages workflow
		mainId = await importWorkflowFromFile(
			page,
			n8n.baseUrl,
			LARGE_TEMPLATE_FILES.main,
			nodesOnCanvas(MAIN),
		);
		await pickSubWorkflowFromList(page, 'Run the sync', PAGES.name);
		await waitUntil(
			async () =>
				(
					(await workflow(mainId))?.nodes.find((n) => n.name === 'Run the sync')?.parameters
						.workflowId as { value?: string } | undefined
				)?.value === pagesId,
			() => '"Run the sync" to be saved with the pages workflow',
		);

		// 3. Execute workflow
		const summary = await runFromEditor();
		expect(counts(summary)).toEqual(FIRST_RUN);
		expect(summary.failedSteps).toEqual([]);
		expectExactlyTheExpectedState(emulators);
		expect(summary.warnings).toEqual([
			`successful_executions_saved (workflow "${PAGES.name}"): This workflow keeps its successful executions, each with this index of every Clientify record listed; in the large-ERP template, every page execution of this workflow is kept too, with its records. Open the workflow's Settings (⋯ → Settings) and set "Save successful production executions" to "Do not save", then save the workflow.`,
		]);
		// n8n's default kept them: the run and its two pages (each with its records)
		expect(await n8n.listExecutions(pagesId)).toHaveLength(1 + summary.pages);
	});

	test('with the documented settings set in Workflow settings, the next run warns of nothing and keeps no page execution', async () => {
		await page.goto(`${n8n.baseUrl}/workflow/${pagesId}`, { waitUntil: 'domcontentloaded' });
		await setWorkflowSettings(page, {
			'workflow-settings-save-failed-executions': 'Save',
			'workflow-settings-save-success-executions': 'Do not save',
			'workflow-settings-save-manual-executions': 'Do not save',
		});
		await waitUntil(
			async () => (await workflow(pagesId))?.settings?.saveDataSuccessExecution === 'none',
			() => 'the pages workflow to be saved with "Do not save"',
		);
		expect((await workflow(pagesId))?.settings).toMatchObject({
			saveDataErrorExecution: 'all',
			saveDataSuccessExecution: 'none',
			saveManualExecutions: false,
		});
		const kept = (await n8n.listExecutions(pagesId)).length;
		const summary = await runFromEditor();
		expect(counts(summary)).toEqual(SAME_DATA_RUN);
		expect(summary.warnings).toEqual([]);
		expect(summary.pages).toBe(2);
		expect(await n8n.listExecutions(pagesId)).toHaveLength(kept);
	});
});
