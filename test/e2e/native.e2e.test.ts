/**
 * Editor-native features in a real n8n 2.41 (only that line: the AI-tool checks need n8n 2.x):
 * - the AI-agent `…Tool` variants of Hispatec and Clientify Upsert load, with the parameter schema an
 *   agent should fill (from `/types/nodes.json`, as the editor and the agent see it; no LLM needed);
 * - the custom-field pick-list of Clientify Upsert, through the REST endpoint the editor calls;
 * - Return Clientify Record in an `n8n execute` run, with the emulator's call log.
 */
import * as fs from 'fs';
import * as path from 'path';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import { nodeItems, type N8nInstance } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import {
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
	credentialIdsByType,
	prepareN8n,
	startEmulators,
	type Emulators,
	type WorkflowJson,
} from '../../harness/n8n/stack';
import { Hispatec } from '../../nodes/Hispatec/Hispatec.node';
import { ClientifyUpsert } from '../../nodes/ClientifyUpsert/ClientifyUpsert.node';

const VERSION = N8N_VERSIONS.v2;
const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const PACKAGE = 'n8n-nodes-hispatec';
const RETURN_WORKFLOW_ID = 'e2eReturnRecord1';
const TAX_ID = 'B58378431';

interface Property {
	name: string;
	displayName: string;
	type: string;
	default?: unknown;
	required?: boolean;
	description?: string;
	noDataExpression?: boolean;
	displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
	options?: Array<
		| Property
		| { name: string; value: unknown; description?: string }
		| { name: string; displayName: string; values: Property[] }
	>;
	modes?: Array<{ name: string; type: string; typeOptions?: { searchListMethod?: string } }>;
}

interface NodeTypeJson {
	name: string;
	displayName: string;
	description: string;
	version: number | number[];
	inputs: unknown;
	outputs: unknown;
	credentials?: Array<{ name: string; required?: boolean }>;
	properties: Property[];
	codex?: { categories?: string[]; subcategories?: Record<string, string[]> };
}

/** Manual Trigger → Clientify Upsert (Define Below, a picked and a new custom field, Return Clientify Record). */
function returnRecordWorkflow(): WorkflowJson {
	const ids = credentialIdsByType();
	return {
		id: RETURN_WORKFLOW_ID,
		name: 'E2E: Clientify Upsert, Return Clientify Record',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				name: 'Run manually',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000002',
				name: 'Clientify Upsert',
				type: `${PACKAGE}.clientifyUpsert`,
				typeVersion: 1,
				position: [300, 0],
				parameters: {
					recordType: 'company',
					fieldsSource: 'defineBelow',
					taxId: `es-${TAX_ID.toLowerCase()}`,
					fields: {
						companyName: 'Invernaderos del Sur',
						businessName: 'Invernaderos del Sur S.L.',
						email: 'info@invernaderos.es',
					},
					customFields: {
						field: [
							{
								name: {
									__rl: true,
									mode: 'list',
									value: 'Sector Agrícola',
									cachedResultName: 'Sector Agrícola',
								},
								value: 'Hortícola',
							},
							{ name: { __rl: true, mode: 'name', value: 'Certificación' }, value: 'GlobalG.A.P.' },
						],
					},
					options: { returnRecord: true, tags: 'hispatec' },
				},
				credentials: {
					clientifyTokenApi: { id: ids.clientifyTokenApi, name: CREDENTIAL_NAMES.clientify },
				},
			},
		],
		connections: {
			'Run manually': { main: [[{ node: 'Clientify Upsert', type: 'main', index: 0 }]] },
		},
	};
}

/** Our node description as n8n serves it (JSON), for comparison with the tool variant. */
function served(node: { description: object }): NodeTypeJson {
	return JSON.parse(JSON.stringify(node.description)) as NodeTypeJson;
}

function visible(property: Property, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	const hide = property.displayOptions?.hide ?? {};
	return (
		Object.entries(show).every(([k, v]) => v.includes(parameters[k])) &&
		!Object.entries(hide).some(([k, v]) => v.includes(parameters[k]))
	);
}

type AgentParam = [
	name: string,
	type: string,
	required: boolean,
	defaultValue: unknown,
	subOptions?: string[],
];

/**
 * The parameters an agent sees for the values a workflow author picked: each visible parameter that
 * takes a value (not hidden, not a notice), with its type, whether it is required, its default and,
 * for collections, the names of what can go in them.
 */
function agentSchema(node: NodeTypeJson, parameters: Record<string, unknown>): AgentParam[] {
	return node.properties
		.filter((p) => p.type !== 'hidden' && p.type !== 'notice' && visible(p, parameters))
		.map((p): AgentParam => {
			const entry: AgentParam = [p.name, p.type, p.required === true, p.default];
			if (p.type === 'collection' || p.type === 'fixedCollection')
				entry.push(((p.options ?? []) as Array<{ name: string }>).map((o) => o.name));
			return entry;
		});
}

/**
 * Parameters an agent may fill (not fixed by the author: noDataExpression) that do not say what they
 * are: no description, and for options / collections not every choice or sub-field described.
 */
function undescribed(node: NodeTypeJson, parameters: Record<string, unknown>): string[] {
	const missing: string[] = [];
	const described = (p: { description?: string }) => Boolean(p.description?.trim());
	for (const p of node.properties.filter(
		(x) =>
			x.type !== 'hidden' && x.type !== 'notice' && !x.noDataExpression && visible(x, parameters),
	)) {
		if (p.type === 'collection') {
			for (const o of (p.options ?? []) as Property[])
				if (!described(o)) missing.push(`${p.name}.${o.name}`);
		} else if (p.type === 'fixedCollection') {
			for (const group of (p.options ?? []) as Array<{ name: string; values: Property[] }>) {
				for (const v of group.values)
					if (!described(v)) missing.push(`${p.name}.${group.name}.${v.name}`);
			}
		} else if (p.type === 'options') {
			if (!described(p) && !((p.options ?? []) as Property[]).every(described))
				missing.push(p.name);
		} else if (!described(p)) {
			missing.push(p.name);
		}
	}
	return missing;
}

describe(`n8n ${VERSION}: AI tools, custom-field pick-list, Return Clientify Record`, () => {
	let emulators: Emulators;
	let n8n: N8nInstance;

	beforeAll(async () => {
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const tarball = await buildAndPack(path.join(OUT_DIR, `pack-native-${VERSION}`));
		emulators = await startEmulators();
		n8n = await prepareN8n(VERSION, tarball, emulators, { workflows: [returnRecordWorkflow()] });
	});

	afterAll(async () => {
		if (n8n) {
			await n8n.stop();
			if (fs.existsSync(n8n.logFile))
				fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-native-${VERSION}.log`));
			await n8n.dispose();
		}
		await emulators?.close();
	});

	beforeEach(() => {
		const { clientify } = emulators;
		clientify.reset();
		clientify.store.seedCustomField('company', 'Sector Agrícola');
		clientify.store.seedCustomField('company', 'Superficie (ha)');
		clientify.store.seedCustomField('contact', 'Cultivo');
	});

	describe('in a running n8n (n8n start)', () => {
		let nodes: NodeTypeJson[];
		beforeAll(async () => {
			await n8n.start();
			await n8n.setupOwnerAndLogin();
			nodes = (await (await n8n.fetchAsOwner('/types/nodes.json')).json()) as NodeTypeJson[];
			fs.writeFileSync(
				path.join(OUT_DIR, `tool-types-${VERSION}.json`),
				JSON.stringify(
					nodes.filter((n) => n.name.startsWith(`${PACKAGE}.`)),
					null,
					2,
				),
			);
		});
		afterAll(async () => {
			await n8n.stop();
		});

		const tool = (name: string) => {
			const found = nodes.find((n) => n.name === `${PACKAGE}.${name}`);
			if (!found) throw new Error(`${PACKAGE}.${name} is not in /types/nodes.json`);
			return found;
		};

		test('both tool variants load as AI tools: no inputs, one ai_tool output, same credentials', () => {
			for (const [name, base] of [
				['hispatecTool', new Hispatec()],
				['clientifyUpsertTool', new ClientifyUpsert()],
			] as const) {
				const t = tool(name);
				const original = served(base);
				expect({
					name: t.name,
					displayName: t.displayName,
					inputs: t.inputs,
					outputs: t.outputs,
					credentials: t.credentials,
				}).toEqual({
					name: `${PACKAGE}.${name}`,
					displayName: `${original.displayName} Tool`,
					inputs: [],
					outputs: ['ai_tool'],
					credentials: original.credentials,
				});
				expect(t.codex?.categories).toContain('AI');
			}
		});

		test('Hispatec Tool: resource, operation and read options, plus the tool description', () => {
			const t = tool('hispatecTool');
			const original = served(new Hispatec());
			// n8n adds "Tool Description" (auto from resource/operation, or manual) and keeps every parameter
			expect(t.properties.map((p) => p.name)).toEqual([
				'descriptionType',
				'toolDescription',
				...original.properties.map((p) => p.name),
			]);
			expect(t.properties.slice(2)).toEqual(original.properties);
			const authored = {
				descriptionType: 'auto',
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
			};
			expect(agentSchema(t, authored)).toEqual([
				['descriptionType', 'options', false, 'auto'],
				['resource', 'options', false, 'contact'],
				['operation', 'options', false, 'getAll'],
				['returnAll', 'boolean', false, false],
				['limit', 'number', false, 50],
				[
					'options',
					'collection',
					false,
					{},
					[
						'allowForeignTaxIds',
						'alternativeTaxIdFields',
						'inactiveField',
						'inactiveValues',
						'includeRawRecord',
						'modifiedSince',
					],
				],
			]);
			// the workflow author picks what to read; the agent only how much and how
			expect(t.properties.filter((p) => p.noDataExpression).map((p) => p.name)).toEqual([
				'descriptionType',
				'resource',
				'operation',
				'operation',
			]);
			expect(undescribed(t, authored)).toEqual([]);
			expect(undescribed(t, { ...authored, resource: 'company' })).toEqual([]);
		});

		test('Clientify Upsert Tool: with Define Below an agent fills the tax ID, field values and custom fields', () => {
			const t = tool('clientifyUpsertTool');
			const original = served(new ClientifyUpsert());
			expect(t.properties.map((p) => p.name)).toEqual([
				'toolDescription',
				...original.properties.map((p) => p.name),
			]);
			expect(t.properties.slice(1)).toEqual(original.properties);
			const authored = { recordType: 'company', fieldsSource: 'defineBelow' };
			const toolDescription = t.properties[0];
			expect(toolDescription).toMatchObject({
				type: 'string',
				required: true,
				default: original.description,
			});
			expect(agentSchema(t, authored)).toEqual([
				['toolDescription', 'string', true, original.description],
				['recordType', 'options', false, 'auto'],
				['fieldsSource', 'options', false, 'normalized'],
				['taxId', 'string', true, ''],
				[
					'fields',
					'collection',
					false,
					{},
					[
						'businessName',
						'city',
						'companyName',
						'country',
						'email',
						'firstName',
						'lastName',
						'mobilePhone',
						'phone',
						'postalCode',
						'state',
						'street',
						'website',
					],
				],
				['customFields', 'fixedCollection', false, {}, ['field']],
				[
					'options',
					'collection',
					false,
					{},
					[
						'concurrency',
						'createCustomFields',
						'customFieldPrefix',
						'dryRun',
						'linkCompanies',
						'lookupStrategy',
						'onMultipleMatches',
						'removalTag',
						'returnRecord',
						'duplicateTag',
						'tags',
						'twinMaxAgeHours',
						'onRecordRemoved',
						'onValueChange',
					],
				],
			]);
			expect(undescribed(t, authored)).toEqual([]);
			// a custom field's name: picked from the account, or any name the agent gives ("By Name")
			const row = (
				t.properties.find((p) => p.name === 'customFields')!.options as Array<{
					values: Property[];
				}>
			)[0].values.find((v) => v.name === 'name')!;
			expect(row.type).toBe('resourceLocator');
			expect(row.modes?.map((m) => [m.name, m.type, m.typeOptions?.searchListMethod])).toEqual([
				['list', 'list', 'searchCustomFields'],
				['name', 'string', undefined],
			]);
			// no hidden knobs (waits are shortened in tests by injection, not by a node parameter)
			expect(t.properties.filter((p) => p.type === 'hidden').map((p) => p.name)).toEqual([]);
		});

		test("the Custom Fields pick-list lists the account's fields for the Record Type (editor REST call)", async () => {
			const search = async (recordType: string, filter = '') => {
				const res = await n8n.rest<{ data?: { results: Array<{ name: string; value: string }> } }>(
					'POST',
					'/dynamic-node-parameters/resource-locator-results',
					{
						path: 'parameters.customFields.field[0].name',
						methodName: 'searchCustomFields',
						filter,
						nodeTypeAndVersion: { name: `${PACKAGE}.clientifyUpsert`, version: 1 },
						currentNodeParameters: {
							recordType,
							fieldsSource: 'defineBelow',
							customFields: {
								field: [{ name: { __rl: true, mode: 'list', value: '' }, value: '' }],
							},
						},
						credentials: {
							clientifyTokenApi: { id: CREDENTIAL_IDS.clientify, name: CREDENTIAL_NAMES.clientify },
						},
					},
				);
				expect(res.status).toBe(200);
				return res.body.data?.results;
			};
			expect(await search('company')).toEqual([
				{ name: 'Sector Agrícola', value: 'Sector Agrícola' },
				{ name: 'Superficie (ha)', value: 'Superficie (ha)' },
			]);
			expect(await search('contact')).toEqual([{ name: 'Cultivo', value: 'Cultivo' }]);
			expect(await search('auto', 'sup')).toEqual([
				{ name: 'Superficie (ha) (company)', value: 'Superficie (ha)' },
			]);
		});
	});

	describe('n8n execute', () => {
		test('Return Clientify Record: created from the POST answer, unchanged from the lookup, no extra call', async () => {
			const { clientify } = emulators;
			clientify.log.reset();
			const first = await n8n.execute(RETURN_WORKFLOW_ID);
			const [created] = nodeItems(first, 'Clientify Upsert');
			expect(created).toMatchObject({
				action: 'created',
				recordType: 'company',
				taxId: TAX_ID,
				customFieldsCreated: ['Certificación', 'hispatec_SyncState'],
			});
			const id = created.clientifyId as number;
			const stored = clientify.store.getCompany(id);
			expect(created.clientifyRecord).toMatchObject({
				id,
				name: 'Invernaderos del Sur',
				business_name: 'Invernaderos del Sur S.L.',
				taxpayer_identification_number: TAX_ID,
				tags: ['hispatec'],
			});
			expect((created.clientifyRecord as { custom_fields: unknown[] }).custom_fields).toEqual(
				stored?.custom_fields,
			);
			// the lookup, the definitions, two new definitions (the field and the sync state), the create,
			// then the overlap re-check (its window start is a clock reading, blanked here)
			expect(
				clientify.log
					.lines()
					.map((l) => l.replace(/created%5Bgte%5D=[^&]*/, 'created%5Bgte%5D=<stamp>')),
			).toEqual([
				`GET /v1/companies/?taxpayer_identification_number=${TAX_ID}&page_size=100`,
				'GET /v1/custom-fields/',
				'POST /v1/custom-fields/',
				'POST /v1/custom-fields/',
				'POST /v1/companies/',
				'GET /v1/companies/?created%5Bgte%5D=<stamp>&ordering=id&page_size=100',
			]);

			clientify.log.reset();
			const second = await n8n.execute(RETURN_WORKFLOW_ID);
			const [unchanged] = nodeItems(second, 'Clientify Upsert');
			expect(unchanged).toMatchObject({ action: 'unchanged', clientifyId: id });
			expect(unchanged.clientifyRecord).toEqual(created.clientifyRecord);
			expect(clientify.log.lines()).toEqual([
				`GET /v1/companies/?taxpayer_identification_number=${TAX_ID}&page_size=100`,
				'GET /v1/custom-fields/',
			]);
		});
	});
});
