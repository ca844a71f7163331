/**
 * Static checks of the large-ERP template's two workflows (no n8n needed); running them in both n8n
 * lines is large.ts's job.
 */
import { declaredNodeTypes, expectConnectionsJoinNodes } from './checks';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/n8n/config';
import {
	INCREMENTAL_TEMPLATE_FILE,
	LARGE_PAGES_ID,
	LARGE_TEMPLATE_FILES,
	LARGE_TEMPLATE_ID,
	type WorkflowJson,
} from '../../harness/n8n/stack';
import { triggerProperties } from '../../nodes/Hispatec/trigger/description';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Connections = Record<string, { main: Array<Array<{ node: string; index: number }>> }>;

const main = JSON.parse(fs.readFileSync(LARGE_TEMPLATE_FILES.main, 'utf8')) as WorkflowJson;
const pages = JSON.parse(fs.readFileSync(LARGE_TEMPLATE_FILES.pages, 'utf8')) as WorkflowJson;
const incremental = JSON.parse(fs.readFileSync(INCREMENTAL_TEMPLATE_FILE, 'utf8')) as WorkflowJson;

describe.each([
	['main', main, LARGE_TEMPLATE_ID],
	['pages', pages, LARGE_PAGES_ID],
	['incremental', incremental, 'hispatecIncrem01'],
])('large-ERP template, %s workflow', (_label, workflow, id) => {
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));

	test('fixed id, unique UUID node ids and names, inactive, no pinned data, execution order v1', () => {
		expect(workflow.id).toBe(id);
		const ids = workflow.nodes.map((n) => n.id);
		expect(ids.filter((x) => !UUID.test(x))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
		expect(byName.size).toBe(workflow.nodes.length);
		expect(workflow.active).toBe(false);
		expect(workflow.pinData).toEqual({});
		expect((workflow.settings as Record<string, unknown>).executionOrder).toBe('v1');
	});

	test("the package's node types exist at the declared version; credentials are placeholders", () => {
		const declared = declaredNodeTypes();
		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-hispatec.')))
			expect(declared).toContain(`${node.type} v${node.typeVersion}`);
		for (const node of workflow.nodes) {
			for (const ref of Object.values(node.credentials ?? {}))
				expect(ref.id).toMatch(/^REPLACE_WITH_YOUR_(HISPATEC|CLIENTIFY)_CREDENTIAL$/);
		}
	});

	test('every connection joins existing nodes; every sticky note has text', () => {
		expectConnectionsJoinNodes(workflow);
		const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(notes.length).toBeGreaterThan(0);
		for (const note of notes) expect(String(note.parameters.content).length).toBeGreaterThan(200);
	});
});

describe('large-ERP template wiring', () => {
	const node = (wf: WorkflowJson, name: string) =>
		wf.nodes.find((n) => n.name === name) as WorkflowJson['nodes'][number];
	const next = (wf: WorkflowJson, name: string, output = 0) =>
		((wf.connections as Connections)[name]?.main[output] ?? []).map((c) => `${c.node}#${c.index}`);

	test('the main workflow calls the pages workflow by id and fails the execution when a step failed', () => {
		expect((node(main, 'Run the sync').parameters.workflowId as { value: string }).value).toBe(
			LARGE_PAGES_ID,
		);
		for (const trigger of ['Run manually', 'Every hour'])
			expect(next(main, trigger)).toEqual(['Sync settings#0']);
		expect(next(main, 'Sync settings')).toEqual(['Run the sync#0']);
		expect(next(main, 'Run the sync')).toEqual(['Sync summary#0']);
		expect(next(main, 'Any step failed?', 0)).toEqual(['Fail the execution#0']);
		expect(node(main, 'Fail the execution').type).toBe('n8n-nodes-base.stopAndError');
		expect(main.settings).toMatchObject({
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		});
	});

	test('the role and page size travel as the items, set by a visible Edit Fields node, not as Workflow Inputs (which picking the workflow From list empties)', () => {
		// the Execute Workflow node (1.2) sends each input item with workflowInputs.value spread over it
		// (getWorkflowInputValues, n8n-nodes-base utils/workflowInputsResourceMapping, the same on 1.123
		// and 2.41): with no mapping, the items go as they are, and the pages trigger passes them through
		const settings = node(main, 'Sync settings');
		expect(settings).toMatchObject({ type: 'n8n-nodes-base.set', typeVersion: 3.4 });
		expect(
			(
				settings.parameters.assignments as {
					assignments: Array<{ name: string; value: unknown; type: string }>;
				}
			).assignments.map(({ name, value, type }) => ({ name, value, type })),
		).toEqual([
			{ name: 'role', value: 'run', type: 'string' },
			{ name: 'pageSize', value: 500, type: 'number' },
		]);
		expect(settings.parameters.options).toEqual({});
		const run = node(main, 'Run the sync');
		expect(run).toMatchObject({ type: 'n8n-nodes-base.executeWorkflow', typeVersion: 1.2 });
		expect(run.parameters).not.toHaveProperty('workflowInputs');
		expect(run.parameters).toMatchObject({ mode: 'once', options: { waitForSubWorkflow: true } });
		expect(node(pages, 'When called by the large-ERP sync').parameters).toEqual({
			inputSource: 'passthrough',
		});
	});

	test("the save-settings warning of Clientify Index reaches the summary's warnings", () => {
		const start = node(pages, 'Start the loop').parameters.assignments as {
			assignments: Array<{ name: string; value: string; type: string }>;
		};
		expect(start.assignments.find((a) => a.name === 'indexWarnings')).toMatchObject({
			type: 'array',
			value: expect.stringContaining(
				"$('Clientify: list existing records').first().json.warnings",
			) as unknown,
		});
		expect(String(node(pages, 'Plan next page').parameters.jsonOutput)).toContain(
			'for (const warning of input.indexWarnings || []) state.warnings.push(warning);',
		);
	});

	test('pages: successful executions are not saved; the page loop calls this same workflow; failures come back into the loop', () => {
		expect(pages.settings).toMatchObject({
			saveDataSuccessExecution: 'none',
			saveDataErrorExecution: 'all',
			saveManualExecutions: false,
		});
		expect((node(pages, 'Sync one page').parameters.workflowId as { value: string }).value).toBe(
			'={{ $workflow.id }}',
		);
		expect(node(pages, 'Sync one page').onError).toBe('continueErrorOutput');
		expect(next(pages, 'Sync one page', 0)).toEqual(['Plan next page#0']);
		expect(next(pages, 'Sync one page', 1)).toEqual(['Plan next page#0']);
		for (const scan of ['Hispatec: company duplicates', 'Hispatec: contact duplicates']) {
			expect(node(pages, scan)).toMatchObject({
				onError: 'continueRegularOutput',
				executeOnce: true,
				parameters: { operation: 'findDuplicates' },
			});
		}
		for (const page of ['Hispatec: company page', 'Hispatec: contact page']) {
			expect(node(pages, page).parameters).toMatchObject({
				operation: 'getPage',
				page: '={{ $json.page }}',
				pageSize: '={{ $json.pageSize }}',
			});
		}
		const upsert = node(pages, 'Clientify: upsert page');
		expect(upsert.parameters.knownRecords).toBe(
			"={{ $('When called by the large-ERP sync').first().json.known }}",
		);
		expect(upsert.typeVersion).toBe(2); // Link Contacts to Companies on by default (issue 20)
		expect(upsert.parameters.options).toEqual({
			tags: 'hispatec',
			customFieldPrefix: 'hispatec_',
			onRecordRemoved: 'tag',
		});
		expect(node(pages, 'Clientify: list existing records').parameters.options).toEqual({
			tags: 'hispatec',
			customFieldPrefix: 'hispatec_',
		});
	});

	test('removals: Find Removed Records after both ERP scans, its Removed output tagged, the loop started once (issue 20)', () => {
		expect(next(pages, 'Hispatec: contact duplicates', 0)).toEqual([
			'Clientify: find removed records#0',
		]);
		expect(node(pages, 'Clientify: find removed records')).toMatchObject({
			onError: 'continueRegularOutput',
			parameters: {
				operation: 'findRemoved',
				codesSeenFrom: 'erpReads',
				clientifyIndex: "={{ $('Clientify: list existing records').first().json }}",
			},
		});
		expect(next(pages, 'Clientify: find removed records', 0)).toEqual(['Removals done#0']);
		expect(next(pages, 'Clientify: find removed records', 1)).toEqual([
			'Clientify: mark removed records#0',
		]);
		expect(node(pages, 'Clientify: mark removed records').parameters.options).toMatchObject({
			onRecordRemoved: 'tag',
		});
		expect(next(pages, 'Clientify: mark removed records', 0)).toEqual(['Removals done#1']);
		expect(next(pages, 'Removals done', 0)).toEqual(['Start the loop#0']);
		expect(node(pages, 'Start the loop').executeOnce).toBe(true);
	});

	test('links: the contact pages get a company index listed after the company pages (no search per contact, issue 20)', () => {
		expect(next(pages, 'Pages left?', 0)).toEqual(['First contact page?#0']);
		expect(next(pages, 'First contact page?', 0)).toEqual(['Clientify: list companies again#0']);
		expect(next(pages, 'First contact page?', 1)).toEqual(['Sync one page#0']);
		expect(node(pages, 'Clientify: list companies again').parameters.recordTypes).toEqual([
			'company',
		]);
		expect(next(pages, 'Back to the page', 0)).toEqual(['Sync one page#0']);
		const inputs = node(pages, 'Sync one page').parameters.workflowInputs as {
			value: { known: string };
		};
		expect(inputs.value.known).toContain("$('Clientify: list companies again').last().json.known");
	});

	test('no Code node in either workflow: the counts, the loop state and the summary are Edit Fields expressions run once (issue 18)', () => {
		// On n8n 1.x without task runners (its default) a Code node runs in a vm2 sandbox and its output
		// items are the sandbox's objects: whoever keeps them (the run's run data, the caller's Execute
		// Sub-workflow output) keeps the sandbox and, through it, the whole execution that ran the node.
		// Per page that was the page's 500 records (about 8 KB per record until the run ended).
		for (const wf of [main, pages])
			expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.code').map((n) => n.name)).toEqual(
				[],
			);
		for (const name of ['Page counts', 'Plan next page', 'Sync summary']) {
			const set = node(pages, name);
			expect(set).toMatchObject({
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				executeOnce: true,
				parameters: { mode: 'raw' },
			});
			// one expression: n8n's Edit Fields resolves each {{ … }} of the JSON separately
			const json = String(set.parameters.jsonOutput);
			expect(json.startsWith('={{ ')).toBe(true);
			expect(json.endsWith(' }}')).toBe(true);
			expect(json.slice(3, -3)).not.toMatch(/\{\{|\}\}/);
		}
	});
});

describe('incremental template', () => {
	test('two Hispatec Triggers (ModificadoDesde, fingerprints, only changes from now on), each into its own upsert and summary', () => {
		const triggers = incremental.nodes.filter(
			(n) => n.type === 'n8n-nodes-hispatec.hispatecTrigger',
		);
		expect(triggers.map((t) => t.parameters.resource).sort()).toEqual(['company', 'contact']);
		const known = new Set(
			(triggerProperties.find((p) => p.name === 'options')?.options ?? []).map(
				(o) => (o as { name: string }).name,
			),
		);
		for (const trigger of triggers) {
			expect(trigger.parameters.options).toMatchObject({
				useModifiedSince: true,
				onlyChangesFromNow: true,
				emitRemovedRecords: true, // issue 20: the full scan's removed records reach the upsert
			});
			for (const option of Object.keys(trigger.parameters.options as object))
				expect(known.has(option)).toBe(true);
		}
		const connections = incremental.connections as Connections;
		for (const trigger of triggers) {
			const upsert = connections[trigger.name].main[0][0].node;
			expect(incremental.nodes.find((n) => n.name === upsert)?.type).toBe(
				'n8n-nodes-hispatec.clientifyUpsert',
			);
			expect(connections[upsert].main[0][0].node).toBe(connections[trigger.name].main[1][0].node);
			// links on (version 2) and removed or inactive records tagged
			expect(incremental.nodes.find((n) => n.name === upsert)).toMatchObject({
				typeVersion: 2,
				parameters: { options: { onRecordRemoved: 'tag' } },
			});
		}
	});
});
