/**
 * The Hispatec node's error output in real n8n (both pinned lines): with "On Error → Continue (using
 * error output)", a read that fails for good (HTTP 500 on every call, after the retries; a wrong
 * password, never retried) arrives on the node's third output (Error) as `{error, message}`, nothing
 * reaches Valid or Skipped, and no secret is in the run data. A good read still goes to Valid.
 */
import * as fs from 'fs';
import * as path from 'path';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import { nodeItems, type N8nInstance, type RunOutput } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import {
	credentialIdsByType,
	prepareN8n,
	startEmulators,
	type Emulators,
	type WorkflowJson,
} from '../../harness/n8n/stack';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const WORKFLOW_ID = 'e2eHispErrorOut1';
const HISPATEC = 'Hispatec: read companies';

/** Manual trigger → Hispatec (companies, Return All, On Error: Continue using error output) → one No-Op per output. */
function errorOutputWorkflow(): WorkflowJson {
	const ids = credentialIdsByType();
	const noOp = (id: string, name: string, y: number) => ({
		id,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [480, y] as [number, number],
		parameters: {},
	});
	return {
		id: WORKFLOW_ID,
		name: 'E2E: Hispatec error output',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: '5f0a3c1e-7b2d-4e8f-9a61-2c3d4e5f6a01',
				name: 'Run manually',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '5f0a3c1e-7b2d-4e8f-9a61-2c3d4e5f6a02',
				name: HISPATEC,
				type: 'n8n-nodes-hispatec.hispatec',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'company', operation: 'getAll', returnAll: true, options: {} },
				credentials: { hispatecApi: { id: ids.hispatecApi, name: 'Hispatec account' } },
				onError: 'continueErrorOutput',
			},
			noOp('5f0a3c1e-7b2d-4e8f-9a61-2c3d4e5f6a03', 'Valid', -160),
			noOp('5f0a3c1e-7b2d-4e8f-9a61-2c3d4e5f6a04', 'Skipped', 0),
			noOp('5f0a3c1e-7b2d-4e8f-9a61-2c3d4e5f6a05', 'Errors', 160),
		],
		connections: {
			'Run manually': { main: [[{ node: HISPATEC, type: 'main', index: 0 }]] },
			[HISPATEC]: {
				main: [
					[{ node: 'Valid', type: 'main', index: 0 }],
					[{ node: 'Skipped', type: 'main', index: 0 }],
					[{ node: 'Errors', type: 'main', index: 0 }],
				],
			},
		},
	};
}

/** Items per output of the Hispatec node, and what each No-Op received (undefined: it did not run). */
function outputs(run: RunOutput) {
	const received = (name: string) =>
		run.data.resultData.runData[name] ? nodeItems(run, name) : undefined;
	return {
		outputCount: run.data.resultData.runData[HISPATEC]?.[0]?.data?.main.length,
		valid: nodeItems(run, HISPATEC, 0),
		skipped: nodeItems(run, HISPATEC, 1),
		errors: nodeItems(run, HISPATEC, 2),
		validNode: received('Valid'),
		skippedNode: received('Skipped'),
		errorsNode: received('Errors'),
	};
}

describe.each([N8N_VERSIONS.v1, N8N_VERSIONS.v2])(
	'n8n %s: the Hispatec node with On Error → Continue (using error output)',
	(version) => {
		let emulators: Emulators;
		let n8n: N8nInstance;
		let password: string;

		beforeAll(async () => {
			fs.mkdirSync(OUT_DIR, { recursive: true });
			const tarball = await buildAndPack(path.join(OUT_DIR, `pack-error-output-${version}`));
			emulators = await startEmulators();
			password = emulators.hispatec.password;
			n8n = await prepareN8n(version, tarball, emulators, { workflows: [errorOutputWorkflow()] });
		});

		afterAll(async () => {
			if (n8n) {
				if (fs.existsSync(n8n.logFile))
					fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-${version}-error-output.log`));
				await n8n.dispose();
			}
			await emulators?.close();
		});

		beforeEach(() => {
			emulators.hispatec.reset();
		});

		test('HTTP 500 on every call: retried, then one {error, message} item on the Error output, nothing on Valid or Skipped', async () => {
			emulators.hispatec.setOption('failure', { type: 'http500', times: Infinity });
			const run = await n8n.execute(WORKFLOW_ID);
			const out = outputs(run);
			expect(out.outputCount).toBe(3);
			expect(out.errors).toEqual([
				{
					error:
						'Hispatec answered HTTP 500 Internal Server Error to Login (an HTML page, not a SOAP envelope) (tried 4 times)',
					message:
						'The Hispatec server failed: try again later, or ask its administrator. The call failed 4 times in a row; raise "Retries" or "Retry Base Delay" in the credential if the server needs longer to recover.',
				},
			]);
			expect(out.valid).toEqual([]);
			expect(out.skipped).toEqual([]);
			expect(out.errorsNode).toEqual(out.errors);
			expect(out.validNode ?? []).toEqual([]);
			expect(out.skippedNode ?? []).toEqual([]);
			// the default 3 retries, in real n8n
			expect(emulators.hispatec.stats.calls).toEqual({ Login: 4 });
			expect(JSON.stringify(run)).not.toContain(password);
		});

		test('wrong password: never retried; the item on the Error output names it without the password', async () => {
			emulators.hispatec.setOption('password', 'changed in the ERP');
			const run = await n8n.execute(WORKFLOW_ID);
			const out = outputs(run);
			expect(out.errors).toEqual([
				{
					error: 'Hispatec rejected the username or password: Credenciales no validas',
					message: 'Check the Username and Password of the Hispatec credential.',
				},
			]);
			expect(out.errorsNode).toEqual(out.errors);
			expect(out.valid).toEqual([]);
			expect(out.validNode ?? []).toEqual([]);
			expect(emulators.hispatec.stats.calls).toEqual({ Login: 1 });
			expect(JSON.stringify(run)).not.toContain(password);
		});

		test('a good read still goes to Valid and Skipped; the Error output stays empty', async () => {
			const run = await n8n.execute(WORKFLOW_ID);
			const out = outputs(run);
			expect(out.valid).toHaveLength(39);
			expect(out.skipped.map((j) => j.reason)).toEqual([
				'missing_tax_id',
				'invalid_tax_id',
				'foreign_tax_id',
			]);
			expect(out.errors).toEqual([]);
			expect(out.validNode).toHaveLength(39);
			expect(out.errorsNode ?? []).toEqual([]);
		});
	},
);
