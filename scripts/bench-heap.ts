/**
 * Benchmark part 4c (issue 18): the large-ERP template with the V8 heap limited to what a 1 GB
 * container gives Node (`NODE_OPTIONS=--max-old-space-size=512`), on the ERP data of the issue
 * (harness/n8n/heap.ts: custom fields on every contact, a tenth with the tax ID in `NIF`), with n8n's
 * own defaults (on 1.x: no task runner, so Code nodes run in-process). Per n8n line and size:
 *
 * - `n8n execute`, 512 MB heap: first sync into an empty Clientify (at 20k also the re-run);
 * - `n8n execute`, V8's default heap: the same first sync, for the time ratio;
 * - `n8n start` with the main workflow activated, 512 MB heap: the schedule fires once (first sync);
 * - queue mode (Redis, Postgres): the same schedule on an `n8n start` main at the default heap, the
 *   execution on ONE `n8n worker` with the 512 MB heap (measured: the worker process).
 *
 * Each reports peak RSS, the live heap after forced full collections (livelog.cjs, every 10 s, during
 * the sync), time, Clientify calls, and whether the CRM ends exact (every record once).
 * `--modes limited,default,start,queue` picks the runs (default: the first three).
 *
 *   npx tsx scripts/bench-heap.ts --n8n 1.123.81 --contacts 20000 [--heap 512] [--skip-build] [--json out.json]
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, majorOf } from '../harness/n8n/config';
import { arg, runScript } from '../harness/n8n/cli';
import {
	erpFieldsDataset,
	executeUnderHeap,
	heapNodeOptions,
	liveLogEnv,
	liveLogFile,
	queueUnderHeap,
	startUnderHeap,
	type HeapRun,
} from '../harness/n8n/heap';
import { buildAndPack } from '../harness/n8n/pack';
import { prepareN8n, startEmulators, type Emulators } from '../harness/n8n/stack';

export interface HeapRunResult extends HeapRun {
	label: string;
	/** The CRM after the run: records, distinct tax IDs (equal = no duplicate). */
	crm: { contacts: number; companies: number; distinctTaxIds: number };
	load: string;
	/** Queue mode: the jobs the worker took from the queue (1: the pages ran inside that job). */
	workerJobs?: number;
}

/** The runs part 4c knows; `queue` is opt-in (it needs Redis and Postgres). */
export type HeapMode = 'limited' | 'default' | 'start' | 'queue';

export interface HeapBenchResult {
	n8n: string;
	contacts: number;
	companies: number;
	heapMb: number;
	/** The n8n settings that differ from the line's defaults (none: as a new install runs). */
	settings: string;
	runs: HeapRunResult[];
}

function crmState(emulators: Emulators): HeapRunResult['crm'] {
	const { contacts, companies } = emulators.clientify.store.snapshot();
	const key = (r: { taxpayer_identification_number?: unknown }) =>
		String(r.taxpayer_identification_number ?? '')
			.replace(/[^0-9A-Za-z]/g, '')
			.toUpperCase();
	const ids = new Set([
		...contacts.map((r) => `contact ${key(r)}`),
		...companies.map((r) => `company ${key(r)}`),
	]);
	return { contacts: contacts.length, companies: companies.length, distinctTaxIds: ids.size };
}

function loadAverage(): string {
	return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export async function benchHeap(options: {
	n8n: string;
	contacts: number;
	companies: number;
	heapMb: number;
	rerun: boolean;
	skipBuild: boolean;
	/**
	 * Which runs (default the first three): `limited` (execute, limited heap), `default` (execute),
	 * `start`, `queue` (one worker with the limited heap).
	 */
	modes?: HeapMode[];
	log?: (line: string) => void;
}): Promise<HeapBenchResult> {
	const modes = options.modes ?? ['limited', 'default', 'start'];
	const log = options.log ?? ((line: string) => console.log(line));
	const out = path.join(REPO_ROOT, '.e2e', 'bench');
	const tarball = await buildAndPack(path.join(out, 'pack', `heap-${options.n8n}`), {
		skipBuild: options.skipBuild,
	});
	const emulators = await startEmulators({
		hispatec: { dataset: erpFieldsDataset(options.contacts, options.companies) },
	});
	const logFile = liveLogFile(`${options.n8n}-${options.contacts}`);
	// the line's own defaults: the harness runs 1.x with task runners for comparability with 2.x; a new
	// 1.123 install has none (Code nodes in-process), which is how issue 18 ran it
	const defaults: Record<string, string> =
		majorOf(options.n8n) < 2 ? { N8N_RUNNERS_ENABLED: 'false' } : {};
	const n8n = await prepareN8n(options.n8n, tarball, emulators, {
		extraEnv: {
			...defaults,
			NODE_OPTIONS: heapNodeOptions(options.heapMb),
			...liveLogEnv(logFile),
		},
	});
	const result: HeapBenchResult = {
		n8n: options.n8n,
		contacts: options.contacts,
		companies: options.companies,
		heapMb: options.heapMb,
		settings:
			majorOf(options.n8n) < 2
				? 'n8n 1.x defaults: no task runner (Code in-process); legacy expression engine (isolated-vm does not build on this machine)'
				: 'n8n 2.x defaults',
		runs: [],
	};
	const record = (label: string, run: HeapRun & { workerJobs?: number }) => {
		const entry: HeapRunResult = { ...run, label, crm: crmState(emulators), load: loadAverage() };
		result.runs.push(entry);
		log(
			`${options.n8n} ${options.contacts}+${options.companies} ${label}: ${entry.ok ? 'ok' : `FAILED (${entry.error ?? ''})`}, ${entry.seconds.toFixed(0)} s, peak RSS ${entry.peakRssMb} MB, live heap max ${entry.liveMaxMb} MB (last ${entry.liveLastMb}, ${entry.liveSamples} samples), Clientify ${entry.clientify.reads} + ${entry.clientify.writes}, CRM ${entry.crm.contacts} + ${entry.crm.companies} (${entry.crm.distinctTaxIds} tax IDs)${entry.workerJobs === undefined ? '' : `, ${entry.workerJobs} job(s) taken by the worker`}, load ${entry.load}`,
		);
	};
	const fresh = () => {
		emulators.clientify.reset();
		emulators.hispatec.stats.reset();
	};
	try {
		if (modes.includes('limited')) {
			fresh();
			record(
				`n8n execute, ${options.heapMb} MB heap, first sync`,
				await executeUnderHeap(n8n, options.heapMb, logFile, emulators.clientify.log),
			);
		}
		if (options.rerun && modes.includes('limited')) {
			emulators.clientify.log.reset();
			record(
				`n8n execute, ${options.heapMb} MB heap, re-run`,
				await executeUnderHeap(n8n, options.heapMb, logFile, emulators.clientify.log),
			);
		}
		if (modes.includes('default')) {
			fresh();
			record(
				'n8n execute, default heap, first sync',
				await executeUnderHeap(n8n, null, logFile, emulators.clientify.log),
			);
		}
		if (modes.includes('start')) {
			fresh();
			record(
				`n8n start (schedule), ${options.heapMb} MB heap, first sync`,
				await startUnderHeap(n8n, options.heapMb, logFile, emulators.clientify.log),
			);
		}
		if (modes.includes('queue')) {
			fresh();
			record(
				`queue mode (schedule), 1 worker, ${options.heapMb} MB heap, first sync`,
				await queueUnderHeap(
					options.n8n,
					tarball,
					emulators,
					options.heapMb,
					path.join(path.dirname(logFile), 'worker.log'),
					defaults,
				),
			);
		}
	} finally {
		await n8n.dispose();
		await emulators.close();
		fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
	}
	return result;
}

if (require.main === module) {
	const contacts = Number(arg('contacts', '20000'));
	runScript(
		benchHeap({
			n8n: arg('n8n', '1.123.81'),
			contacts,
			companies: Number(arg('companies', String(Math.round(contacts / 20)))),
			heapMb: Number(arg('heap', '512')),
			rerun: arg('rerun', contacts <= 20000 ? 'true' : 'false') === 'true',
			skipBuild: arg('skip-build') === 'true',
			...(arg('modes') ? { modes: arg('modes')?.split(',') as HeapMode[] } : {}),
		}),
		(result) => {
			const file = arg('json');
			if (file) fs.writeFileSync(file, JSON.stringify(result, null, 2));
		},
	);
}

/** A stored result file of this part (bench.ts's format). */
export interface StoredHeap {
	command: string;
	date: string;
	load: string;
	data: HeapBenchResult;
}

/** BENCHMARKS.md part 4c from the stored results (`heap<MB>-<version>-<contacts>.json`). */
export function heapSection(stored: StoredHeap[]): string[] {
	if (!stored.length) return ['_Not measured yet: `npx tsx scripts/bench.ts --only heap`._', ''];
	const lines = [
		`Commands: ${[...new Set(stored.map((s) => `\`${s.command}\``))].join(', ')}`,
		'',
		"The large-ERP template (main + pages, as shipped) with `NODE_OPTIONS=--max-old-space-size=512` for n8n, what Node gives itself in a 1 GB container, and with each line's **own defaults**: on 1.123 that means no task runner, so a Code node runs in-process (issue 18 ran it that way; the other parts run 1.x with task runners, like 2.x). ERP data of issue 18: the benchmark records plus `TipoCliente` and `Superficie` on every contact (custom fields on every record), a tenth of the contacts with the tax ID in `NIF` (`harness/n8n/heap.ts`). Empty Clientify before each first sync; emulators at zero latency. **Live heap** = heap used right after a full collection, forced every 10 s inside n8n (`harness/n8n/livelog.cjs`), during the sync: the highest sample and the last one. **Exact** = the summary counts every record created and the CRM holds each tax ID once. `n8n start`: the main workflow activated, its schedule (a test copy) firing once; time = that execution, peak RSS = the `n8n start` process. **Queue mode** (`EXECUTIONS_MODE=queue`, Redis and Postgres, `harness/n8n/queue.ts`): the same schedule on an `n8n start` main at the default heap, which enqueues the execution; ONE `n8n worker` (`--concurrency=1`) with the 512 MB heap runs it; peak RSS and live heap = the worker process. The pages need no second job slot: n8n runs an Execute Workflow sub-execution inside the process that runs the parent, not through the queue (`packages/cli/src/workflow-execute-additional-data.ts`, `executeWorkflow` → `startExecution` → `new WorkflowExecute(…).processRunExecutionData()`; the worker's job processor, `packages/cli/src/scaling/job-processor.ts`, builds the execution's additional data with `getBase()`, whose `executeWorkflow` is that function); the Result column gives the jobs the worker's log shows it started. The time pair at 100k (`limited`, then `default`) ran back to back in one command. One run each.",
		'',
		"**Before the fix** (template of commit 38c4152, 1.123.81 without task runner, heap snapshots of `n8n execute` with a 1,024 MB limit, `--heapsnapshot-signal`, on 2026-12-07): 218 MB at 10,000 records written, 375 MB at 30,000, 534 MB at 50,000, i.e. 7.9 KB per record; live `NodeVM` objects 41 → 122 → 201 and `Workflow` objects 23 → 63 → 103, two sandboxes and one page execution per page of 500. Retainer chain: `ActiveExecutions` → the run execution → `resultData.runData['Sync one page'][n].data.main[0][0]` (the page's *Page counts* output, returned by reference as the sub-workflow's last node data) → a vm2 proxy → vm2's bridge (`mappingOtherToThis` WeakMap) → the page's `NodeVM` and its sandbox → `$getNodeParameter` bound to the page's `ExecuteContext` → its `Workflow` and run data (the page's 500 records, read and upserted). Under a 512 MB limit that run died at 52,000 contacts (issue 18); the e2e heap guard measured 8.5 KB per record for it at 5,000 records, 0.7 KB with the fix.",
		'',
		'| n8n | ERP records | Run | Result | Time | Peak RSS | Live heap max (last) | Clientify reads + writes | Calls/record | Load |',
		'| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
	];
	const sorted = [...stored].sort(
		(a, b) => a.data.n8n.localeCompare(b.data.n8n) || a.data.contacts - b.data.contacts,
	);
	for (const s of sorted) {
		const r = s.data;
		const total = r.contacts + r.companies;
		// the order of the runs in benchHeap, whatever order they were stored in
		const order = ['n8n execute, ', 're-run', 'default heap', 'n8n start', 'queue mode'];
		const rank = (label: string) => Math.max(...order.map((p, i) => (label.includes(p) ? i : -1)));
		for (const run of [...r.runs].sort((a, b) => rank(a.label) - rank(b.label))) {
			const summary = run.summary as
				{ contacts?: Record<string, number>; companies?: Record<string, number> } | undefined;
			const created = (summary?.contacts?.created ?? 0) + (summary?.companies?.created ?? 0);
			const unchanged = (summary?.contacts?.unchanged ?? 0) + (summary?.companies?.unchanged ?? 0);
			const rerun = run.label.includes('re-run');
			const exact =
				run.ok &&
				(rerun ? unchanged === total && run.clientify.writes === 0 : created === total) &&
				run.crm.contacts === r.contacts &&
				run.crm.companies === r.companies &&
				run.crm.distinctTaxIds === total;
			const jobs =
				run.workerJobs === undefined
					? ''
					: `; the worker started ${run.workerJobs} job${run.workerJobs === 1 ? '' : 's'}`;
			const result = `${
				!run.ok
					? `**failed**: ${run.error ?? ''}`
					: exact
						? rerun
							? 'exact: all unchanged, 0 writes'
							: 'exact'
						: '**not exact**'
			}${jobs}`;
			lines.push(
				`| ${r.n8n} | ${r.contacts.toLocaleString('en')} + ${r.companies.toLocaleString('en')} | ${run.label} | ${result} | ${run.seconds.toFixed(0)} s | ${run.peakRssMb} MB | ${run.liveMaxMb} MB (${run.liveLastMb}) | ${run.clientify.reads.toLocaleString('en')} + ${run.clientify.writes.toLocaleString('en')} | ${((run.clientify.reads + run.clientify.writes) / total).toFixed(3)} | ${run.load} |`,
			);
		}
	}
	lines.push('');
	const checks: string[] = [];
	for (const version of [...new Set(sorted.map((s) => s.data.n8n))]) {
		const at = (contacts: number) =>
			sorted.find((s) => s.data.n8n === version && s.data.contacts === contacts)?.data;
		const r100 = at(100000);
		const r20 = at(20000);
		const find = (r: HeapBenchResult | undefined, prefix: string) =>
			r?.runs.find((x) => x.label.startsWith(prefix) && !x.label.includes('re-run'));
		if (r100) {
			for (const [prefix, where] of [
				[`n8n execute, ${r100.heapMb} MB`, 'n8n execute'],
				['n8n start', 'n8n start'],
				['queue mode', 'one queue-mode worker'],
			]) {
				const run = find(r100, prefix);
				if (run)
					checks.push(
						`| ${version} | 100,000 + 5,000 completes exactly under ${r100.heapMb} MB (${where}) | ${run.ok ? `completed, ${run.peakRssMb} MB peak RSS${prefix === 'queue mode' ? ' (the worker)' : ''}` : `**${run.error ?? 'failed'}**`} | ${run.ok && run.crm.distinctTaxIds === r100.contacts + r100.companies ? 'met' : '**missed**'} |`,
					);
			}
		}
		for (const r of sorted.filter((x) => x.data.n8n === version).map((x) => x.data)) {
			const limited = find(r, `n8n execute, ${r.heapMb} MB`);
			const free = find(r, 'n8n execute, default heap');
			if (limited?.ok && free?.ok) {
				const ratio = limited.seconds / free.seconds;
				checks.push(
					`| ${version} | time at ${r.heapMb} MB ≤ 1.3 × default heap (${r.contacts.toLocaleString('en')} contacts, n8n execute) | ${limited.seconds.toFixed(0)} s ÷ ${free.seconds.toFixed(0)} s = ${ratio.toFixed(2)} × | ${ratio <= 1.3 ? 'met' : '**missed**'} |`,
				);
			} else if (limited?.ok)
				checks.push(
					`| ${version} | time at ${r.heapMb} MB ≤ 1.3 × default heap (${r.contacts.toLocaleString('en')} contacts, n8n execute) | no default-heap run at this size | **not measured** |`,
				);
		}
		if (r100 && r20) {
			for (const prefix of [`n8n execute, ${r20.heapMb} MB`, 'n8n start']) {
				const a = find(r20, prefix);
				const b = find(r100, prefix);
				if (a?.ok && b?.ok) {
					const d = (b.liveMaxMb - a.liveMaxMb) / a.liveMaxMb;
					checks.push(
						`| ${version} | live heap at 100k within 15 % of 20k (highest sample, ${prefix.replace(/,.*/, '')}) | ${a.liveMaxMb} → ${b.liveMaxMb} MB (${d >= 0 ? '+' : ''}${(d * 100).toFixed(0)} %) | ${Math.abs(d) <= 0.15 ? 'met' : '**missed**'} |`,
					);
				}
			}
		}
	}
	if (checks.length)
		lines.push('| n8n | Target | Measured | |', '| --- | --- | --- | --- |', ...checks, '');
	return lines;
}
