/**
 * Queue mode (`npm run test:queue`): n8n 2.41 with EXECUTIONS_MODE=queue, Redis, Postgres, one main and
 * two workers (concurrency 1 each), the packed package installed for every process, against the
 * Hispatec and Clientify emulators (in this process, over real HTTP on 127.0.0.1).
 *
 * Tests, in order (they share one cluster; each starts from an empty Clientify unless it says so):
 * 1. the template (webhook-started variant) runs on a worker, fills Clientify exactly, then writes nothing;
 * 3. two executions at the same moment, on the two workers: 0 duplicate tax IDs, no failed custom field;
 * 4. a worker killed (-9) mid-run: after n8n gives the execution up and the workflow runs again,
 *    Clientify converges to the expected state with 0 duplicates;
 * 2. the Hispatec Trigger: polls on the main, its executions run on workers, and its change tracking
 *    survives polls and a restart of the main.
 * Figures (executions, time, duplicates found and merged) are printed at the end and written to
 * .e2e/queue-figures.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import { nodeItems } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import { QueueCluster, type ExecutionRow } from '../../harness/n8n/queue';
import type { SyncSummary } from '../../harness/n8n/report';
import { startEmulators, type Emulators } from '../../harness/n8n/stack';
import { startGate, type StartGate } from '../e2e/start-gate';
import { TRIGGER_WORKFLOW_ID, triggerWorkflow } from '../e2e/workflows';
import {
	changeOneAndAddOne,
	counts,
	expectExactlyTheExpectedState,
	expectTwoRunsConverged,
	FIRST_RUN,
	SAME_DATA_RUN,
	waitFor,
} from '../e2e/checks';
import { clientifyFigures, failedRecords } from '../e2e/figures';
import { WEBHOOK_PATH, WEBHOOK_WORKFLOW_ID, webhookTemplate } from './workflows';

const VERSION = N8N_VERSIONS.v2;
const OUT_DIR = path.join(REPO_ROOT, '.e2e');
const FIGURES_FILE = path.join(OUT_DIR, 'queue-figures.json');

const figures: Record<string, Record<string, unknown>> = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

describe(`n8n ${VERSION} in queue mode (main + 2 workers, Redis, Postgres)`, () => {
	let emulators: Emulators;
	let cluster: QueueCluster;
	let gate: StartGate;
	const t0 = Date.now();

	/** POST to the template's production webhook; the answer is the run's "Sync summary" item. */
	async function runTemplate(): Promise<{ status: number; summary: SyncSummary; ms: number }> {
		const started = Date.now();
		const res = await fetch(`${cluster.main.baseUrl}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		const text = await res.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// keep the text for the message below
		}
		if (res.status !== 200 || typeof body !== 'object' || body === null || !('companies' in body)) {
			throw new Error(`The webhook answered ${res.status}: ${text.slice(0, 2000)}`);
		}
		return { status: res.status, summary: body as SyncSummary, ms: Date.now() - started };
	}

	async function newExecutions(workflowId: string, known: Set<string>): Promise<ExecutionRow[]> {
		return (await cluster.executionRows(workflowId)).filter((row) => !known.has(row.id));
	}

	async function knownIds(workflowId: string): Promise<Set<string>> {
		return new Set((await cluster.executionRows(workflowId)).map((row) => row.id));
	}

	beforeAll(
		async () => {
			fs.mkdirSync(OUT_DIR, { recursive: true });
			const tarball = await buildAndPack(path.join(OUT_DIR, 'pack-queue'));
			emulators = await startEmulators();
			// an open starting gate in front of Hispatec: test 3 closes it so both executions start together
			gate = await startGate(emulators.hispatec.url, 0);
			const started = Date.now();
			cluster = await QueueCluster.start(
				VERSION,
				tarball,
				{ ...emulators, hispatec: { ...emulators.hispatec, url: gate.url } },
				{
					workers: 2,
					concurrency: 1,
					workflows: [webhookTemplate(), triggerWorkflow()],
					activate: [WEBHOOK_WORKFLOW_ID],
				},
			);
			await cluster.waitForWebhook(WEBHOOK_PATH);
			figures.startup = { seconds: seconds(Date.now() - started) };
		},
		15 * 60 * 1000,
	);

	afterAll(
		async () => {
			figures.total = { seconds: seconds(Date.now() - t0) };
			fs.mkdirSync(OUT_DIR, { recursive: true });
			fs.writeFileSync(FIGURES_FILE, JSON.stringify(figures, null, 2));
			process.stdout.write(
				`\nQueue-mode figures (${FIGURES_FILE}):\n${JSON.stringify(figures, null, 2)}\n`,
			);
			await cluster?.dispose(OUT_DIR);
			await gate?.close();
			await emulators?.close();
		},
		5 * 60 * 1000,
	);

	test('1. the template runs on a worker: Clientify ends exactly as expected, and the next run writes nothing', async () => {
		const { clientify, hispatec } = emulators;
		clientify.reset();
		hispatec.stats.reset();
		const known = await knownIds(WEBHOOK_WORKFLOW_ID);

		const first = await runTemplate();
		expect(counts(first.summary)).toEqual(FIRST_RUN);
		const [execution] = await newExecutions(WEBHOOK_WORKFLOW_ID, known);
		expect({ mode: execution.mode, status: execution.status }).toEqual({
			mode: 'webhook',
			status: 'success',
		});
		// the main enqueued it, exactly one worker ran it, the main did not run it itself
		expect(QueueCluster.log(cluster.main)).toMatch(
			new RegExp(`Enqueued execution ${execution.id} \\(job`),
		);
		expect(QueueCluster.log(cluster.main)).not.toMatch(/Worker started execution/);
		const ranOn = cluster.workersThatStarted(execution.id);
		expect(ranOn).toHaveLength(1);
		expect(cluster.workersThatFinished(execution.id)).toEqual(ranOn);
		const afterFirst = clientifyFigures(clientify);
		expect(afterFirst.duplicateTaxIds).toBe(0);
		expectExactlyTheExpectedState(emulators);

		const before = JSON.stringify(clientify.store.snapshot());
		clientify.log.reset();
		const known2 = await knownIds(WEBHOOK_WORKFLOW_ID);
		const second = await runTemplate();
		expect(counts(second.summary)).toEqual(SAME_DATA_RUN);
		expect(clientify.log.writes).toBe(0);
		expect(JSON.stringify(clientify.store.snapshot())).toBe(before);
		const [execution2] = await newExecutions(WEBHOOK_WORKFLOW_ID, known2);
		expect(cluster.workersThatStarted(execution2.id)).toHaveLength(1);

		figures['1 template on a worker'] = {
			executions: 2,
			workers: [ranOn[0] + 1, cluster.workersThatStarted(execution2.id)[0] + 1].map(
				(w) => `worker-${w}`,
			),
			firstRunSeconds: seconds(first.ms),
			secondRunSeconds: seconds(second.ms),
			recordsCreated: afterFirst.recordsCreated,
			duplicateTaxIds: afterFirst.duplicateTaxIds,
			secondRunWrites: clientify.log.writes,
		};
	});

	test('3. two executions at the same moment, on the two workers: 0 duplicate tax IDs, no failed custom-field creation', async () => {
		const { clientify } = emulators;
		clientify.reset();
		// a little latency per Clientify call, so the two runs are still writing when the other looks up
		clientify.setOption('latencyMs', 25);
		const known = await knownIds(WEBHOOK_WORKFLOW_ID);
		const started = Date.now();
		// each execution's first Hispatec call waits at the gate until the other one is there too
		gate.arm(2);
		let runs: Array<{ summary: SyncSummary; ms: number }>;
		try {
			const settled = await Promise.allSettled([runTemplate(), runTemplate()]);
			const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
			if (rejected) throw rejected.reason;
			runs = settled.map(
				(r) => (r as PromiseFulfilledResult<{ summary: SyncSummary; ms: number }>).value,
			);
		} finally {
			clientify.setOption('latencyMs', 0);
		}
		const openedByArrival = gate.stats.openedByArrival;
		const ms = Date.now() - started;
		const executions = await newExecutions(WEBHOOK_WORKFLOW_ID, known);
		const result = clientifyFigures(clientify);
		const failed = runs.flatMap((r) => failedRecords(r.summary));
		const ranOn = executions.map((e) => cluster.workersThatStarted(e.id));
		figures['3 two executions at once'] = {
			executions: executions.length,
			workers: ranOn.map((w) => w.map((i) => `worker-${i + 1}`).join(',')),
			startedTogether: openedByArrival,
			overlapped: executions.length === 2 && overlap(executions[0], executions[1]),
			seconds: seconds(ms),
			actions: runs.map((r) => r.summary.actions),
			...result,
			failedRecords: failed.length,
			failedExamples: failed.slice(0, 5),
		};

		// the setting the test needs: two executions, one on each worker, running at the same time
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
		expect(ranOn.map((w) => w.length)).toEqual([1, 1]);
		expect(new Set(ranOn.flat()).size).toBe(2);
		expect(openedByArrival).toBe(true);
		expect(overlap(executions[0], executions[1])).toBe(true);

		// together: every record once, the custom fields once, nothing failed
		expectTwoRunsConverged(emulators, result, failed);
	});

	test('4. a worker killed mid-run: after the workflow runs again, Clientify converges with 0 duplicates', async () => {
		const { clientify } = emulators;
		clientify.reset();
		// slow enough that the run is still writing when the worker is killed
		clientify.setOption('latencyMs', 40);
		const known = await knownIds(WEBHOOK_WORKFLOW_ID);
		const started = Date.now();
		// the caller's request; its answer (an error, or none) is recorded, not relied on
		const pending = runTemplate().then(
			(r) => `answered: ${JSON.stringify(r.summary.actions)}`,
			(e: Error) => `failed: ${e.message.slice(0, 300)}`,
		);
		let killed: { id: string; worker: number; recordsAtKill: number };
		try {
			killed = await waitFor(
				'the run to be on a worker and half-way through the companies',
				180000,
				async () => {
					const [row] = await newExecutions(WEBHOOK_WORKFLOW_ID, known);
					if (!row) return undefined;
					const on = cluster.workersThatStarted(row.id);
					const snapshot = clientify.store.snapshot();
					const records = snapshot.companies.length + snapshot.contacts.length;
					return on.length === 1 && records >= 15
						? { id: row.id, worker: on[0], recordsAtKill: records }
						: undefined;
				},
				100,
			);
			await cluster.killWorker(killed.worker);
		} finally {
			clientify.setOption('latencyMs', 0);
		}
		const partial = clientifyFigures(clientify);
		// it really died mid-run
		expect(cluster.workersThatFinished(killed.id)).toEqual([]);
		expect(partial.companies + partial.contacts).toBeLessThan(39 + 68);

		// n8n notices the dead worker (the job's lock expires; a stalled job is failed, not re-run)
		const givenUp = await waitFor(
			'n8n to mark the killed execution as ended',
			180000,
			async () => {
				const row = (await cluster.executionRows(WEBHOOK_WORKFLOW_ID)).find(
					(r) => r.id === killed.id,
				);
				return row && !['new', 'running', 'waiting'].includes(row.status) ? row : undefined;
			},
			1000,
		);
		const detectedAfter = Date.now() - started;
		const callerSaw = await Promise.race([
			pending,
			sleep(30000).then(() => 'no answer within 30 s'),
		]);
		const reRunByN8n = cluster.workersThatStarted(killed.id).filter((w) => w !== killed.worker);

		// the workflow runs again (the next schedule, or the user), on the surviving worker
		const known2 = await knownIds(WEBHOOK_WORKFLOW_ID);
		const rerun = await runTemplate();
		const [rerunExecution] = await newExecutions(WEBHOOK_WORKFLOW_ID, known2);
		const result = clientifyFigures(clientify);
		figures['4 worker killed mid-run'] = {
			executions: (await newExecutions(WEBHOOK_WORKFLOW_ID, known)).length,
			killedWorker: `worker-${killed.worker + 1}`,
			recordsInClientifyAtKill: partial.companies + partial.contacts,
			killedExecutionStatus: givenUp.status,
			secondsUntilN8nEndedIt: seconds(detectedAfter),
			reRunByN8nOn: reRunByN8n.map((w) => `worker-${w + 1}`),
			callerSaw,
			rerunOn: cluster.workersThatStarted(rerunExecution.id).map((w) => `worker-${w + 1}`),
			rerunActions: rerun.summary.actions,
			seconds: seconds(Date.now() - started),
			...result,
		};
		expect(rerunExecution.status).toBe('success');
		expect(cluster.workersThatStarted(rerunExecution.id)).toEqual([1 - killed.worker]);
		expect(failedRecords(rerun.summary)).toEqual([]);
		expect({
			duplicateTaxIds: result.duplicateTaxIds,
			duplicateRecords: result.duplicateRecords,
		}).toEqual({ duplicateTaxIds: 0, duplicateRecords: 0 });
		expectExactlyTheExpectedState(emulators);
	});

	test('2. the Hispatec Trigger: polls on the main, runs on workers, and emits nothing twice, across polls and a restart of the main', async () => {
		const { hispatec, clientify } = emulators;
		const started = Date.now();
		// publish the trigger workflow (with the main stopped, as an import would), bring the killed worker back
		await cluster.main.stop();
		await cluster.main.activate(TRIGGER_WORKFLOW_ID);
		hispatec.stats.reset();
		await Promise.all([cluster.startMain(), cluster.restartKilledWorkers()]);

		const done = async (known: Set<string>) =>
			(await newExecutions(TRIGGER_WORKFLOW_ID, known)).filter(
				(e) => !['new', 'running', 'waiting'].includes(e.status),
			);
		const emitted = async (row: ExecutionRow) => {
			const run = await cluster.main.executionRun(row.id);
			return {
				emitted: nodeItems(run, 'Hispatec Trigger').length,
				skipped: nodeItems(run, 'Hispatec Trigger', 1).length,
				results: nodeItems(run, 'Clientify Upsert').map(
					(i) => `${String(i.action)} ${String(i.taxId)}`,
				),
			};
		};

		// first poll: every contact (all already in Clientify from test 4: unchanged)
		const none = new Set<string>();
		const [first] = await waitFor('the first trigger execution', 120000, async () => {
			const list = await done(none);
			return list.length ? list : undefined;
		});
		expect({ mode: first.mode, status: first.status }).toEqual({
			mode: 'trigger',
			status: 'success',
		});
		const firstRun = await emitted(first);
		expect({ emitted: firstRun.emitted, skipped: firstRun.skipped }).toEqual({
			emitted: 68,
			skipped: 4,
		});
		expect(firstRun.results.filter((r) => !r.startsWith('unchanged '))).toEqual([]);
		const onMain = (row: ExecutionRow) =>
			new RegExp(`Enqueued execution ${row.id} \\(job`).test(QueueCluster.log(cluster.main));
		expect({
			enqueuedByMain: onMain(first),
			ranOn: cluster.workersThatStarted(first.id).length,
		}).toEqual({ enqueuedByMain: true, ranOn: 1 });

		// a change and a new contact: the next poll emits exactly those two
		const { changedTaxId, newTaxId } = changeOneAndAddOne(emulators, 'cambio.cola@example.es', {
			code: 'C09101',
			dniNumber: 34567890,
			name: 'Lucía',
			surnames: 'Cola Nueva',
			email: 'lucia.cola@example.es',
			phone: '950222333',
			town: 'Níjar',
			postalCode: '04100',
		});
		let known = await knownIds(TRIGGER_WORKFLOW_ID);
		const [second] = await waitFor(
			'a trigger execution with the change and the new contact',
			120000,
			async () => {
				const list = await done(known);
				return list.length ? list : undefined;
			},
		);
		const secondRun = await emitted(second);
		expect(secondRun.results.sort()).toEqual(
			[`created ${newTaxId}`, `updated ${changedTaxId}`].sort(),
		);
		expect({
			enqueuedByMain: onMain(second),
			ranOn: cluster.workersThatStarted(second.id).length,
		}).toEqual({ enqueuedByMain: true, ranOn: 1 });

		// a later poll with nothing new emits nothing
		const pollsBefore = hispatec.stats.calls.ObtenerContactos ?? 0;
		known = await knownIds(TRIGGER_WORKFLOW_ID);
		await waitFor('one more poll of Hispatec', 60000, async () =>
			(hispatec.stats.calls.ObtenerContactos ?? 0) > pollsBefore ? true : undefined,
		);
		await sleep(5000);
		expect((await newExecutions(TRIGGER_WORKFLOW_ID, known)).map((e) => e.id)).toEqual([]);

		// restart the main: the change tracking (workflow static data, in Postgres) survives it
		await cluster.restartMain();
		const pollsAtRestart = hispatec.stats.calls.ObtenerContactos ?? 0;
		await waitFor('two polls after the restart', 90000, async () =>
			(hispatec.stats.calls.ObtenerContactos ?? 0) >= pollsAtRestart + 2 ? true : undefined,
		);
		await sleep(5000);
		const afterRestart = await newExecutions(TRIGGER_WORKFLOW_ID, known);
		expect(afterRestart.map((e) => e.id)).toEqual([]);

		// and it still tracks changes after the restart: one more change is emitted once, alone
		const changedAfterRestart = String(
			hispatec.dataset.get('contact', 'C00005')?.IdentificacionFiscalCliente,
		);
		hispatec.dataset.update('contact', 'C00005', { Telefono: '950444555' });
		const [third] = await waitFor(
			'a trigger execution with the change made after the restart',
			120000,
			async () => {
				const list = await done(known);
				return list.length ? list : undefined;
			},
		);
		const thirdRun = await emitted(third);
		expect(thirdRun.results).toEqual([`updated ${changedAfterRestart}`]);
		expect({
			enqueuedByMain: onMain(third),
			ranOn: cluster.workersThatStarted(third.id).length,
		}).toEqual({ enqueuedByMain: true, ranOn: 1 });
		expect(clientify.store.findByTaxId('contact', newTaxId)).toHaveLength(1);

		const all = await cluster.executionRows(TRIGGER_WORKFLOW_ID);
		figures['2 trigger in queue mode'] = {
			executions: all.length,
			statuses: all.map((e) => e.status),
			workers: all.map((e) =>
				cluster
					.workersThatStarted(e.id)
					.map((w) => `worker-${w + 1}`)
					.join(','),
			),
			emitted: [firstRun.emitted, secondRun.results.length, 0, thirdRun.results.length],
			pollsOfHispatec: hispatec.stats.calls.ObtenerContactos ?? 0,
			executionsAfterRestartWithNothingNew: afterRestart.length,
			seconds: seconds(Date.now() - started),
		};
	});
});

function overlap(a: ExecutionRow, b: ExecutionRow): boolean {
	if (a.startedAt === null || b.startedAt === null || a.stoppedAt === null || b.stoppedAt === null)
		return false;
	return a.startedAt < b.stoppedAt && b.startedAt < a.stoppedAt;
}
