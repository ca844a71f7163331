/**
 * The incremental template in production: `n8n start` with it active (test copy: both triggers poll
 * every minute instead of hourly). Measures the n8n process's peak RSS (VmHWM) over the triggers'
 * first poll of a large ERP (every record read and fingerprinted, nothing emitted), then over the
 * poll after `--changed` contacts change, with the Hispatec and Clientify calls that poll made.
 *
 *   npx tsx scripts/bench-incremental.ts [--n8n 1.123.81] [--contacts 100000] [--changed 50] [--skip-build]
 *
 * For scale, the same `n8n start` with nothing active is measured first (its peak after 20 s).
 * The Clientify emulator starts empty (the initial sync is the large-ERP template's job, part 4), so
 * the changed records are created there: one search + one create per record, as an update costs one
 * search + one update.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/n8n/config';
import { PeakSampler } from '../harness/n8n/measure';
import { buildAndPack } from '../harness/n8n/pack';
import { arg, runScript, waitFor } from '../harness/n8n/cli';
import {
	INCREMENTAL_TEMPLATE_FILE,
	bindCredentials,
	prepareN8n,
	startEmulators,
	type WorkflowJson,
} from '../harness/n8n/stack';

const WORKFLOW_ID = 'hispatecIncrem01';
const IDLE_MS = 20_000;

export interface IncrementalPhase {
	/** Seconds: first poll, from `n8n start` until both states are stored; then until the execution is listed. */
	seconds: number;
	peakRssMb: number;
	peakChildRssMb: number;
	hispatecCalls: Record<string, number>;
	clientify: { reads: number; writes: number };
	executions: number;
}

export interface IncrementalResult {
	n8n: string;
	contacts: number;
	companies: number;
	changed: number;
	/** `--max-old-space-size` n8n ran with, when limited (`npx tsx scripts/bench.ts --heap`). */
	heapLimitMb?: number;
	/** Peak RSS of `n8n start` with nothing active, logged in, after IDLE_MS. */
	idlePeakRssMb: number;
	firstPoll: IncrementalPhase & { fingerprints: { contact: number; company: number } };
	changedPoll: IncrementalPhase & { results: Record<string, number> };
}

export async function benchIncremental(options: {
	n8n: string;
	contacts: number;
	changed: number;
	skipBuild?: boolean;
	/** NODE_OPTIONS for n8n (e.g. `--require …/memlog.cjs` for a diagnosis). */
	nodeOptions?: string;
}): Promise<IncrementalResult> {
	const out = path.join(REPO_ROOT, '.e2e', 'bench');
	fs.mkdirSync(out, { recursive: true });
	const tarball = await buildAndPack(path.join(out, 'pack'), { skipBuild: options.skipBuild });
	const companies = Math.round(options.contacts / 20);
	const emulators = await startEmulators({
		hispatec: { dataset: { synthetic: { contacts: options.contacts, companies } } },
	});
	const { hispatec, clientify } = emulators;
	const n8n = await prepareN8n(
		options.n8n,
		tarball,
		emulators,
		options.nodeOptions ? { extraEnv: { NODE_OPTIONS: options.nodeOptions } } : {},
	);
	try {
		const template = JSON.parse(fs.readFileSync(INCREMENTAL_TEMPLATE_FILE, 'utf8')) as WorkflowJson;
		const copy = bindCredentials(template);
		for (const node of copy.nodes) {
			if (node.type === 'n8n-nodes-hispatec.hispatecTrigger')
				node.parameters = { ...node.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } };
		}
		await n8n.importWorkflows([{ ...copy, id: WORKFLOW_ID, active: false }]);

		// n8n start with nothing active: the process's own floor.
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		await new Promise((r) => setTimeout(r, IDLE_MS));
		const idle = new PeakSampler(n8n.serverPid as number).stop();
		await n8n.stop();

		await n8n.activate(WORKFLOW_ID);
		hispatec.stats.reset();
		clientify.log.reset();
		// The triggers poll when the workflow is activated, at start-up: the peak (VmHWM) covers it.
		const firstStart = Date.now();
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		const pid = n8n.serverPid as number;

		const staticData = async () => {
			const res = await n8n.rest<{ data?: { staticData?: unknown } }>(
				'GET',
				`/workflows/${WORKFLOW_ID}`,
			);
			const data = res.body.data?.staticData;
			return (typeof data === 'string' ? JSON.parse(data) : (data ?? {})) as Record<
				string,
				{ fingerprints?: string[]; scan?: unknown; recordType?: string }
			>;
		};
		const fingerprintsOf = (state: Awaited<ReturnType<typeof staticData>>) => {
			const count = { contact: 0, company: 0 };
			for (const node of Object.values(state)) {
				if (node?.scan === undefined && Array.isArray(node?.fingerprints))
					count[node.recordType === 'company' ? 'company' : 'contact'] = node.fingerprints.length;
			}
			return count;
		};
		const calls = () => ({ ...(hispatec.stats.calls as Record<string, number>) });
		const clientifyCalls = () => ({ reads: clientify.log.reads, writes: clientify.log.writes });

		// First poll of each trigger: every record read and fingerprinted, nothing emitted.
		const first = new PeakSampler(pid).start();
		const fingerprints = await waitFor('both first polls', 3_600_000, async () => {
			const count = fingerprintsOf(await staticData());
			return count.contact >= options.contacts && count.company >= companies ? count : undefined;
		});
		const firstPeaks = first.stop();
		const firstPoll = {
			seconds: (Date.now() - firstStart) / 1000,
			...firstPeaks,
			hispatecCalls: calls(),
			clientify: clientifyCalls(),
			executions: (await n8n.listExecutions(WORKFLOW_ID)).length,
			fingerprints,
		};
		console.log(`first poll: ${JSON.stringify(firstPoll)}`);

		// `changed` contacts change (new e-mail, FechaModificacion now); the next contacts poll.
		hispatec.stats.reset();
		clientify.log.reset();
		const before = new Set((await n8n.listExecutions(WORKFLOW_ID)).map((e) => e.id));
		const step = Math.floor(options.contacts / options.changed);
		for (let i = 0; i < options.changed; i++) {
			const code = `C${String(1 + i * step).padStart(7, '0')}`;
			hispatec.dataset.update('contact', code, { Email: `cambio${i}@agro.example.es` });
		}
		const changedStart = Date.now();
		const second = new PeakSampler(pid).start();
		const execution = await waitFor('the poll with the changed contacts', 600_000, async () => {
			const done = (await n8n.listExecutions(WORKFLOW_ID)).filter(
				(e) => !before.has(e.id) && e.stoppedAt,
			);
			return done[0];
		});
		const secondPeaks = second.stop();
		const run = await n8n.executionRun(execution.id);
		const summary = run.data?.resultData?.runData?.['Contacts summary']?.[0]?.data?.main?.[0]?.[0]
			?.json as Record<string, number> | undefined;
		const changedPoll = {
			seconds: (Date.now() - changedStart) / 1000,
			...secondPeaks,
			hispatecCalls: calls(),
			clientify: clientifyCalls(),
			executions: 1,
			results: summary ?? {},
		};
		console.log(`changed poll: ${JSON.stringify(changedPoll)}`);
		await n8n.stop();
		return {
			n8n: options.n8n,
			contacts: options.contacts,
			companies,
			changed: options.changed,
			idlePeakRssMb: idle.peakRssMb,
			firstPoll,
			changedPoll,
		};
	} finally {
		await n8n.dispose();
		await emulators.close();
	}
}

if (require.main === module) {
	runScript(
		benchIncremental({
			n8n: arg('n8n', '1.123.81'),
			contacts: Number(arg('contacts', '100000')),
			changed: Number(arg('changed', '50')),
			skipBuild: process.argv.includes('--skip-build'),
			...(process.argv.includes('--node-options') ? { nodeOptions: arg('node-options', '') } : {}),
		}),
		(result) => console.log(JSON.stringify(result)),
	);
}
