/**
 * Static checks of the shipped template (no n8n needed): what n8n needs to import and run it, and what
 * the README and docs/templates.md promise about it. Running it in both n8n lines is suite.ts's job.
 */
import { declaredNodeTypes, expectConnectionsJoinNodes } from './checks';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/n8n/config';
import { TEMPLATE_NODES } from '../../harness/n8n/report';
import { readTemplate } from '../../harness/n8n/stack';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('workflows/hispatec-to-clientify.json', () => {
	const workflow = readTemplate();
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));

	test('every node has a unique UUID id and a unique name', () => {
		const ids = workflow.nodes.map((n) => n.id);
		expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(byName.keys()).size).toBe(workflow.nodes.length);
	});

	test("the package's node types are the published ones, at a version the node declares", () => {
		const declared = declaredNodeTypes();
		const ours = workflow.nodes.filter((n) => !n.type.startsWith('n8n-nodes-base.'));
		expect(ours.map((n) => `${n.type} v${n.typeVersion}`).sort()).toEqual([
			'n8n-nodes-hispatec.clientifyIndex v1',
			'n8n-nodes-hispatec.clientifyUpsert v2',
			'n8n-nodes-hispatec.clientifyUpsert v2',
			'n8n-nodes-hispatec.clientifyUpsert v2',
			'n8n-nodes-hispatec.hispatec v1',
			'n8n-nodes-hispatec.hispatec v1',
		]);
		for (const node of ours) expect(declared).toContain(`${node.type} v${node.typeVersion}`);
	});

	test('credentials are placeholders, no pinned data, inactive, execution order v1', () => {
		const refs = workflow.nodes.flatMap((n) =>
			Object.entries(n.credentials ?? {}).map(([type, ref]) => `${n.name}: ${type} ${ref.id}`),
		);
		expect(refs.sort()).toEqual([
			'Clientify: find removed records: clientifyTokenApi REPLACE_WITH_YOUR_CLIENTIFY_CREDENTIAL',
			'Clientify: mark removed records: clientifyTokenApi REPLACE_WITH_YOUR_CLIENTIFY_CREDENTIAL',
			'Clientify: upsert companies: clientifyTokenApi REPLACE_WITH_YOUR_CLIENTIFY_CREDENTIAL',
			'Clientify: upsert contacts: clientifyTokenApi REPLACE_WITH_YOUR_CLIENTIFY_CREDENTIAL',
			'Hispatec: read companies: hispatecApi REPLACE_WITH_YOUR_HISPATEC_CREDENTIAL',
			'Hispatec: read contacts: hispatecApi REPLACE_WITH_YOUR_HISPATEC_CREDENTIAL',
		]);
		expect(workflow.pinData).toEqual({});
		expect(workflow.active).toBe(false);
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
	});

	test('both triggers start both branches, companies above contacts, both gathered before the summary', () => {
		const next = (name: string, output = 0): string[] =>
			(
				((workflow.connections[name] as { main: Array<Array<{ node: string; index: number }>> })
					?.main ?? [])[output] ?? []
			).map((c) => `${c.node}#${c.index}`);
		for (const trigger of ['Run manually', 'Every hour']) {
			expect(next(trigger)).toEqual([
				`${TEMPLATE_NODES.readCompanies}#0`,
				`${TEMPLATE_NODES.readContacts}#0`,
			]);
		}
		expect(next(TEMPLATE_NODES.readCompanies, 0)).toEqual([`${TEMPLATE_NODES.upsertCompanies}#0`]);
		expect(next(TEMPLATE_NODES.readCompanies, 1)).toEqual([`${TEMPLATE_NODES.companiesDone}#1`]);
		expect(next(TEMPLATE_NODES.upsertCompanies)).toEqual([`${TEMPLATE_NODES.companiesDone}#0`]);
		expect(next(TEMPLATE_NODES.companiesDone)).toEqual([`${TEMPLATE_NODES.allDone}#0`]);
		expect(next(TEMPLATE_NODES.readContacts, 0)).toEqual([`${TEMPLATE_NODES.upsertContacts}#0`]);
		expect(next(TEMPLATE_NODES.readContacts, 1)).toEqual([`${TEMPLATE_NODES.contactsDone}#1`]);
		expect(next(TEMPLATE_NODES.upsertContacts)).toEqual([`${TEMPLATE_NODES.contactsDone}#0`]);
		expect(next(TEMPLATE_NODES.contactsDone)).toEqual([`${TEMPLATE_NODES.allDone}#1`]);
		// issue 20: records that left the ERP, found from this run's items, tagged, then the summary
		expect(next(TEMPLATE_NODES.allDone)).toEqual(['Clientify: find removed records#0']);
		expect(next('Clientify: find removed records', 0)).toEqual(['Removals done#0']);
		expect(next('Clientify: find removed records', 1)).toEqual([
			'Clientify: mark removed records#0',
		]);
		expect(next('Clientify: mark removed records', 0)).toEqual(['Removals done#1']);
		expect(next('Removals done')).toEqual([`${TEMPLATE_NODES.summary}#0`]);
		// a read that fails for good: its error output joins its branch like a skipped record
		expect(next(TEMPLATE_NODES.readCompanies, 2)).toEqual([`${TEMPLATE_NODES.companiesDone}#1`]);
		expect(next(TEMPLATE_NODES.readContacts, 2)).toEqual([`${TEMPLATE_NODES.contactsDone}#1`]);
		expect(next(TEMPLATE_NODES.summary)).toEqual(['Any step failed?#0']);
		expect(next('Any step failed?', 0)).toEqual(['Fail the execution#0']);
		expect(byName.get('Fail the execution')?.type).toBe('n8n-nodes-base.stopAndError');
		expect(Object.keys(workflow.connections).length).toBe(14);

		// executionOrder v1 runs a node's branches top to bottom (then left to right): companies first
		const y = (name: string) => byName.get(name)?.position[1] ?? NaN;
		expect(y(TEMPLATE_NODES.readCompanies)).toBeLessThan(y(TEMPLATE_NODES.readContacts));
		for (const name of [
			TEMPLATE_NODES.companiesDone,
			TEMPLATE_NODES.contactsDone,
			TEMPLATE_NODES.allDone,
			'Removals done',
		]) {
			expect({
				name,
				type: byName.get(name)?.type,
				parameters: byName.get(name)?.parameters,
			}).toEqual({
				name,
				type: 'n8n-nodes-base.merge',
				parameters: {},
			});
		}
	});

	test('each Hispatec node reads once per run and sends a failure to its error output; upserts continue on failure', () => {
		expect(byName.get(TEMPLATE_NODES.readCompanies)?.parameters).toMatchObject({
			resource: 'company',
			operation: 'getAll',
			returnAll: true,
		});
		expect(byName.get(TEMPLATE_NODES.readContacts)?.parameters).toMatchObject({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
		});
		expect(byName.get(TEMPLATE_NODES.readCompanies)?.executeOnce).toBe(true);
		expect(byName.get(TEMPLATE_NODES.readContacts)?.executeOnce).toBe(true);
		expect(byName.get(TEMPLATE_NODES.readCompanies)?.onError).toBe('continueErrorOutput');
		expect(byName.get(TEMPLATE_NODES.readContacts)?.onError).toBe('continueErrorOutput');
		for (const [name, recordType] of [
			[TEMPLATE_NODES.upsertCompanies, 'company'],
			[TEMPLATE_NODES.upsertContacts, 'contact'],
		] as const) {
			const node = byName.get(name);
			expect({
				name,
				typeVersion: node?.typeVersion, // 2: Link Contacts to Companies on by default
				onError: node?.onError,
				parameters: node?.parameters,
			}).toEqual({
				name,
				typeVersion: 2,
				onError: 'continueRegularOutput',
				parameters: {
					recordType,
					options: { tags: 'hispatec', customFieldPrefix: 'hispatec_', onRecordRemoved: 'tag' },
				},
			});
		}
		expect(byName.get('Clientify: find removed records')?.parameters).toMatchObject({
			operation: 'findRemoved',
			clientifyIndex: '{}',
			codesSeenFrom: 'inputItems',
		});
		expect(byName.get('Clientify: mark removed records')?.parameters).toMatchObject({
			recordType: 'auto',
			options: { onRecordRemoved: 'tag' },
		});
		expect(byName.get('Every hour')?.parameters).toEqual({
			rule: { interval: [{ field: 'hours', hoursInterval: 1 }] },
		});
	});

	test('every connection joins existing nodes, and every sticky note has text', () => {
		expectConnectionsJoinNodes(workflow);
		const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(notes.map((n) => n.name)).toEqual(['Setup', 'Companies', 'Contacts', 'Summary']);
		for (const note of notes) expect(String(note.parameters.content).length).toBeGreaterThan(200);
	});
});
