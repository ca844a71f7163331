/**
 * Runs of the large-ERP template under a V8 heap limit (issue 18), shared by the benchmark part 4c
 * (scripts/bench-heap.ts) and the e2e heap guard: the ERP data of the issue, the live heap sampled
 * inside n8n (livelog.cjs), and the two ways production runs the template (`n8n execute`, and the
 * schedule of the activated main workflow under `n8n start`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { syntheticRecords, type EmulatorRecord } from '../../emulators/hispatec';
import { nodeItems, type N8nInstance, type RunOutput } from './instance';
import { executeMeasured, PeakSampler } from './measure';
import { REPO_ROOT } from './config';
import { tempDir } from './pack';
import { QueueCluster } from './queue';
import {
	bindCredentials,
	LARGE_TEMPLATE_FILES,
	LARGE_TEMPLATE_ID,
	type Emulators,
	type WorkflowJson,
} from './stack';

export const LIVELOG_PRELOAD = path.join(__dirname, 'livelog.cjs');

/**
 * The ERP of issue 18: the synthetic records (stack.ts's benchmark data) plus three more ERP fields on
 * every contact (`TipoCliente`, `Superficie`; `Cultivo` is already there), so each contact carries
 * custom fields, and a tenth of the contacts with the tax ID in the `NIF` alternative instead of
 * `IdentificacionFiscalCliente`. Contacts name their synthetic company (`CodigoEmpresa`, `CIFEmpresa`).
 */
export function erpFieldsDataset(
	contacts: number,
	companies: number,
): { contacts: EmulatorRecord[]; companies: EmulatorRecord[] } {
	const people = syntheticRecords('contact', contacts, undefined, { companies }).map(
		(record, i): EmulatorRecord => {
			const out: EmulatorRecord = {
				...record,
				TipoCliente: i % 5 === 0 ? 'Socio' : 'Agricultor',
				Superficie: `${1 + (i % 30)},${String(i % 100).padStart(2, '0')}`,
			};
			if (i % 10 === 0) {
				out.NIF = record.IdentificacionFiscalCliente;
				out.IdentificacionFiscalCliente = '';
			}
			return out;
		},
	);
	return { contacts: people, companies: syntheticRecords('company', companies) };
}

/** NODE_OPTIONS for an n8n under test: the heap limit (none = V8's default) and the live-heap sampler. */
export function heapNodeOptions(heapMb: number | undefined): string {
	return [heapMb ? `--max-old-space-size=${heapMb}` : '', `--require ${LIVELOG_PRELOAD}`]
		.filter(Boolean)
		.join(' ');
}

/** Environment for the sampler: where it writes and how often it collects. */
export function liveLogEnv(file: string, periodMs = 10000): Record<string, string> {
	return { N8N_HISPATEC_LIVELOG: file, N8N_HISPATEC_LIVELOG_MS: String(periodMs) };
}

export interface LiveSample {
	at: number;
	liveMb: number;
	rssMb: number;
}

export function readLiveLog(file: string): LiveSample[] {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [at, used, rss] = line.split(' ').map(Number);
			return { at, liveMb: used / 1048576, rssMb: rss / 1048576 };
		});
}

export interface HeapRun {
	mode: 'execute' | 'start' | 'queue';
	heapMb: number | null;
	/** 0 when the run completed; otherwise why not (exit code, OOM). */
	ok: boolean;
	error?: string;
	seconds: number;
	peakRssMb: number;
	peakChildRssMb: number;
	/** Live heap after forced full collections during the sync: highest, and the last one. */
	liveMaxMb: number;
	liveLastMb: number;
	liveSamples: number;
	summary?: Record<string, unknown>;
	clientify: { reads: number; writes: number };
}

function summaryOf(run: RunOutput | undefined): Record<string, unknown> | undefined {
	return run ? nodeItems(run, 'Sync summary')[0] : undefined;
}

/** Samples from `from` to `to` (+ `slackMs`: a sample soon after an execution that n8n reports ended). */
function liveFigures(samples: LiveSample[], from: number, to: number, slackMs = 0) {
	const during = samples.filter((s) => s.at >= from && s.at <= to + slackMs);
	const used = during.length ? during : samples;
	return {
		liveMaxMb: Math.round(Math.max(0, ...used.map((s) => s.liveMb))),
		liveLastMb: Math.round(used.length ? used[used.length - 1].liveMb : 0),
		liveSamples: during.length,
	};
}

/**
 * `n8n execute` of the main workflow, as measure.ts's executeMeasured, with this run's heap limit and
 * live-heap log (the instance's other settings unchanged).
 */
export async function executeUnderHeap(
	n8n: N8nInstance,
	heapMb: number | null,
	logFile: string,
	clientify: { reads: number; writes: number },
	samplePeriodMs = 10000,
): Promise<HeapRun> {
	const started = Date.now();
	const measured = await executeMeasured(n8n, LARGE_TEMPLATE_ID, undefined, {
		NODE_OPTIONS: heapNodeOptions(heapMb ?? undefined),
		...liveLogEnv(logFile, samplePeriodMs),
	});
	const { exitCode, output, seconds, run, ...peaks } = measured;
	const summary = summaryOf(run);
	const ok = exitCode === 0 && summary !== undefined;
	return {
		mode: 'execute',
		heapMb,
		ok,
		...(ok ? {} : { error: failure(exitCode, output) }),
		seconds,
		...peaks,
		...liveFigures(readLiveLog(logFile), started, Date.now()),
		...(summary ? { summary } : {}),
		clientify: { reads: clientify.reads, writes: clientify.writes },
	};
}

function failure(exitCode: number | null, output: string): string {
	if (/heap out of memory/.test(output)) return 'JavaScript heap out of memory';
	return `exit ${String(exitCode)}: ${output.split('\n').slice(-5).join(' ').slice(0, 500)}`;
}

/**
 * The main workflow as production runs it, activated: a test copy whose schedule fires once, at `at`
 * (a daily cron at that second, UTC), instead of every hour.
 */
function scheduledMainCopy(at: Date): WorkflowJson {
	const copy = bindCredentials(
		JSON.parse(fs.readFileSync(LARGE_TEMPLATE_FILES.main, 'utf8')) as WorkflowJson,
	);
	for (const node of copy.nodes) {
		if (node.name === 'Every hour')
			node.parameters = {
				rule: {
					interval: [
						{
							field: 'cronExpression',
							expression: `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`,
						},
					],
				},
			};
	}
	return { ...copy, active: false, settings: { ...(copy.settings as object), timezone: 'UTC' } };
}

/**
 * Waits for the execution the schedule started at `at` to finish (read through `main`'s REST API,
 * logged in) while sampling the process `runner` that runs it (the `n8n start` itself, or a queue
 * worker), and reads its summary. Time = the execution's own start to stop.
 */
async function measureScheduledRun(
	mode: HeapRun['mode'],
	main: N8nInstance,
	runner: N8nInstance,
	at: Date,
	heapMb: number | null,
	logFile: string,
	clientify: { reads: number; writes: number },
): Promise<HeapRun> {
	const pid = runner.serverPid as number;
	const sampler = new PeakSampler(pid).start();
	if (Date.now() > at.getTime() - 5000)
		throw new Error(
			`n8n was ready too late for the schedule (${at.toISOString()}): raise the delay`,
		);
	let execution: { id: string; startedAt: number; stoppedAt: number; status?: string } | undefined;
	let error: string | undefined;
	const deadline = at.getTime() + 3_600_000;
	while (!execution && !error) {
		await new Promise((r) => setTimeout(r, 3000));
		if (!alive(pid)) error = failure(null, runner.serverOutput());
		else if (Date.now() > deadline) error = 'no finished execution within an hour';
		else {
			const done = (await main.listExecutions(LARGE_TEMPLATE_ID)).find(
				(e) => e.stoppedAt && e.startedAt && Date.parse(e.startedAt) >= at.getTime() - 2000,
			);
			if (done)
				execution = {
					id: done.id,
					status: done.status,
					startedAt: Date.parse(done.startedAt as string),
					stoppedAt: Date.parse(done.stoppedAt as string),
				};
		}
	}
	const peaks = sampler.stop();
	let summary: Record<string, unknown> | undefined;
	if (execution) {
		let message: string | undefined;
		try {
			const run = await main.executionRun(execution.id);
			summary = summaryOf(run);
			message = run.data.resultData.error?.message;
		} catch (e) {
			error = String(e);
		}
		if (!summary && !error)
			error = `execution ${execution.id} ${execution.status ?? ''} has no summary${message ? `: ${message}` : ''}`;
	}
	return {
		mode,
		heapMb,
		ok: !error && summary !== undefined,
		...(error ? { error } : {}),
		seconds: execution ? (execution.stoppedAt - execution.startedAt) / 1000 : 0,
		...peaks,
		...liveFigures(
			readLiveLog(logFile),
			execution?.startedAt ?? at.getTime(),
			execution?.stoppedAt ?? Date.now(),
			15000,
		),
		...(summary ? { summary } : {}),
		clientify: { reads: clientify.reads, writes: clientify.writes },
	};
}

/**
 * The main workflow activated under `n8n start` (scheduledMainCopy: its schedule fires once,
 * `delaySeconds` after this call). The instance must have been created with heapNodeOptions() and
 * liveLogEnv() in its extraEnv. Peak RSS = the `n8n start` process (start-up included).
 */
export async function startUnderHeap(
	n8n: N8nInstance,
	heapMb: number | null,
	logFile: string,
	clientify: { reads: number; writes: number },
	delaySeconds = 150,
): Promise<HeapRun> {
	const at = new Date(Date.now() + delaySeconds * 1000);
	await n8n.importWorkflows([scheduledMainCopy(at)]);
	await n8n.activate(LARGE_TEMPLATE_ID);
	await n8n.start();
	try {
		await n8n.setupOwnerAndLogin();
		return await measureScheduledRun('start', n8n, n8n, at, heapMb, logFile, clientify);
	} finally {
		await n8n.stop();
	}
}

/**
 * The same schedule-started run in queue mode (QueueCluster: Redis, Postgres): one `n8n start` main
 * at V8's default heap, where the main workflow is activated and the schedule fires, and ONE
 * `n8n worker` with `heapMb` and the live-heap sampler, which runs the execution. The pages
 * (Execute Workflow sub-executions) are not queued: n8n runs them inside the worker that runs the
 * parent (docs/queue-mode.md), so one job slot is enough. Peak RSS = the worker process.
 * `env`: settings for every process (the line's defaults).
 */
export async function queueUnderHeap(
	version: string,
	tarball: string,
	emulators: Emulators,
	heapMb: number | null,
	logFile: string,
	env: Record<string, string> = {},
	delaySeconds = 200,
): Promise<HeapRun & { workerJobs: number }> {
	const at = new Date(Date.now() + delaySeconds * 1000);
	const cluster = await QueueCluster.start(version, tarball, emulators, {
		workers: 1,
		concurrency: 1,
		workflows: [scheduledMainCopy(at)],
		activate: [LARGE_TEMPLATE_ID],
		extraEnv: env,
		workerEnv: { NODE_OPTIONS: heapNodeOptions(heapMb ?? undefined), ...liveLogEnv(logFile) },
	});
	let failed = true;
	try {
		const [worker] = cluster.workers;
		const run = await measureScheduledRun(
			'queue',
			cluster.main,
			worker,
			at,
			heapMb,
			logFile,
			emulators.clientify.log,
		);
		// jobs the worker took from the queue: the main execution only, when the pages run inline
		const workerJobs = (QueueCluster.log(worker).match(/Worker started execution \d+/g) ?? [])
			.length;
		failed = !run.ok;
		return { ...run, workerJobs };
	} finally {
		// the processes' logs of a failed run are kept for a look
		await cluster.dispose(failed ? path.join(REPO_ROOT, '.e2e', 'bench', 'queue-logs') : undefined);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A fresh live-log file for one n8n process (in a temp folder, never in the checkout). */
export function liveLogFile(label: string): string {
	return path.join(tempDir('n8n-livelog-'), `${label}.log`);
}

/**
 * Growth of the live heap per record written, KB: the least-squares slope of the live-heap samples
 * taken while records were being written against the number written by then (`progress`, sampled by
 * the caller from the Clientify emulator). A sync that holds nothing per record gives about 0; issue
 * 18's retention gave about 8 KB per record.
 */
export function liveGrowthKbPerRecord(
	samples: LiveSample[],
	progress: Array<{ at: number; records: number }>,
): { kbPerRecord: number; points: number } {
	const last = progress[progress.length - 1]?.records ?? 0;
	const points: Array<[number, number]> = [];
	for (const s of samples) {
		const before = [...progress].reverse().find((p) => p.at <= s.at);
		// while writing: after the first write (the scans and the index are done), before the last
		if (!before || before.records === 0 || before.records >= last) continue;
		points.push([before.records, s.liveMb]);
	}
	if (points.length < 3) return { kbPerRecord: NaN, points: points.length };
	const n = points.length;
	const mx = points.reduce((a, [x]) => a + x, 0) / n;
	const my = points.reduce((a, [, y]) => a + y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (const [x, y] of points) {
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
	}
	return { kbPerRecord: sxx > 0 ? (sxy / sxx) * 1024 : NaN, points: n };
}
