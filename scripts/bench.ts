/**
 * `npm run bench`: runs the benchmarks and writes BENCHMARKS.md (machine, date, command per figure;
 * medians with min and max; side-by-side comparisons as ratios).
 *
 *   npx tsx scripts/bench.ts                    # everything (long: real n8n at 10k/50k/100k on both lines)
 *   npx tsx scripts/bench.ts --only soap,sync   # some parts (also sync-links: part 2b); earlier results of the other parts are kept
 *   npx tsx scripts/bench.ts --write            # only rewrite BENCHMARKS.md from the stored results
 *   npx tsx scripts/bench.ts --only n8n --n8n 1.123.81 --sizes 20000,100000 --runs 1
 *
 * Results are stored as JSON under bench/results/ (one file per figure, committed with BENCHMARKS.md)
 * and BENCHMARKS.md is regenerated from all of them, so big real-n8n runs can be made one at a time.
 * A part with no stored result keeps its text from the current BENCHMARKS.md (figures measured before
 * the results were kept in the repository).
 *
 *   npx tsx scripts/bench.ts --only n8n --n8n 2.41.1 --sizes 100000 --runs 1 --heap 384
 *                                               # part 4b: n8n with NODE_OPTIONS=--max-old-space-size=384
 *   npx tsx scripts/bench.ts --only incremental --contacts 100000
 *                                               # part 6: the incremental template under n8n start
 *   npx tsx scripts/bench.ts --only heap --n8n 1.123.81 --sizes 20000,100000
 *                                               # part 4c: the large template under a 512 MB heap (issue 18)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, N8N_VERSIONS } from '../harness/n8n/config';
import { benchN8n, type N8nBenchResult } from './bench-n8n';
import {
	benchHeap,
	heapSection,
	type HeapBenchResult,
	type HeapMode,
	type StoredHeap,
} from './bench-heap';
import { benchHistory, type HistoryResult } from './bench-history';
import { benchIncremental, type IncrementalResult } from './bench-incremental';
import { benchPeer } from './bench-peer';
import { benchSoap, type SoapBenchRow } from './bench-soap';
import { runScenarios, type ScenarioResult } from '../harness/syncCost';

const RESULTS = path.join(REPO_ROOT, 'bench', 'results');
const BENCHMARKS = path.join(REPO_ROOT, 'BENCHMARKS.md');

function arg(name: string): string | undefined {
	const at = process.argv.indexOf(`--${name}`);
	if (at < 0) return undefined;
	const value = process.argv[at + 1];
	return value === undefined || value.startsWith('--') ? 'true' : value;
}

interface Stored<T> {
	command: string;
	date: string;
	machine: string;
	load: string;
	data: T;
}

function machine(): string {
	const cpus = os.cpus();
	return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function save<T>(name: string, command: string, data: T): void {
	fs.mkdirSync(RESULTS, { recursive: true });
	const stored: Stored<T> = {
		command,
		date: new Date().toISOString(),
		machine: machine(),
		load: os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' '),
		data,
	};
	fs.writeFileSync(path.join(RESULTS, `${name}.json`), JSON.stringify(stored, null, 2));
}

function load<T>(name: string): Stored<T> | undefined {
	const file = path.join(RESULTS, `${name}.json`);
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Stored<T>) : undefined;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function fmt(
	stats: { median: number; min: number; max: number },
	digits: number,
	unit: string,
): string {
	return `${stats.median.toFixed(digits)} ${unit} (${stats.min.toFixed(digits)}–${stats.max.toFixed(digits)})`;
}

function statsOf(values: number[]): { median: number; min: number; max: number } {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

// ---- BENCHMARKS.md ------------------------------------------------------------------------------

function soapSection(): string[] {
	const stored = load<{ rows: SoapBenchRow[]; responseMb: number }>('soap');
	if (!stored) return ['_Not measured yet: `npx tsx scripts/bench.ts --only soap`._', ''];
	const lines = [
		`Command: \`${stored.command}\` · ${stored.date} · load average ${stored.load}`,
		'',
	];
	lines.push(
		'| Case | Client | Runs | Time, median (min–max) | Peak RSS, median (min–max) |',
		'| --- | --- | ---: | ---: | ---: |',
	);
	for (const r of stored.data.rows)
		lines.push(
			`| ${r.scenario} | ${r.label} | ${r.runs} | ${fmt(r.seconds, 2, 's')} | ${fmt(r.maxRssMb, 0, 'MB')} |`,
		);
	lines.push('');
	lines.push(
		'| Case | Time ours ÷ node-soap (target ≤ 0.35) | Peak RSS ours (target ≤ 250 MB) |',
		'| --- | ---: | ---: |',
	);
	for (const [ours, theirs] of [
		['ours', 'node-soap'],
		['ours-paged', 'node-soap-paged'],
	] as const) {
		const a = stored.data.rows.find((r) => r.client === ours);
		const b = stored.data.rows.find((r) => r.client === theirs);
		if (a && b)
			lines.push(
				`| ${a.scenario} | ${(a.seconds.median / b.seconds.median).toFixed(2)} | ${a.maxRssMb.median.toFixed(0)} MB |`,
			);
	}
	lines.push('');
	return lines;
}

/** Part 2 (`sync`), or 2b (`sync-links`: the same with every contact linked to its company, issue 20). */
function syncSection(key: 'sync' | 'sync-links' = 'sync'): string[] {
	const stored = load<{ options: Record<string, number>; runs: ScenarioResult[][] }>(key);
	if (!stored) return [`_Not measured yet: \`npx tsx scripts/bench.ts --only ${key}\`._`, ''];
	const { options, runs } = stored.data;
	const links = key === 'sync-links';
	const lines = [
		`Command: \`${stored.command}\` · ${stored.date} · load average ${stored.load}`,
		'',
		...(links
			? [
					`With links: every contact names its company (20 contacts per company, ${Math.ceil(options.records / 20).toLocaleString('en')} companies, synced first in the same pages), and Clientify Upsert (version 2) links each contact with one \`PUT /companies/{id}/employees/{contactId}/\` after its create. Records = contacts + companies. (d) is not run: it measures the listing of unrelated contacts, which links do not change.`,
					'',
				]
			: []),
		`${options.records.toLocaleString('en')} contacts; Clientify emulator with ${options.latencyMs} ms latency and ${options.limit} requests/s (429 + Retry-After beyond it); the large-ERP template's path (Clientify Index once, then Clientify Upsert with Known Records, pages of 500, concurrency 5). ${runs.length} run(s); calls are identical in every run, times are medians (min–max).`,
		'',
		'| Scenario | Reads/record | Writes/record | Calls/record | 429s received | Time | Bound (calls ÷ limit) | Time ÷ bound | Targets |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
	];
	for (let i = 0; i < runs[0].length; i++) {
		const first = runs[0][i];
		const times = runs.map((r) => r[i].seconds);
		// the bound counts the calls that got through: a 429 is not work the limit allows
		const bounds = runs.map((r) => r[i].calls / options.limit);
		const t = statsOf(times);
		const ratio = median(times.map((x, k) => x / bounds[k]));
		const linkCalls = links && i === 0 ? options.records : 0;
		const beside = (first.calls - linkCalls) / first.records;
		const target =
			links && i === 0
				? `≤ 1.1 calls/record beside the ${linkCalls.toLocaleString('en')} link calls (${beside.toFixed(3)}): ${beside <= 1.1 ? 'met' : 'missed'}`
				: i === 0 || i === 3
					? `≤ 1.1 calls/record: ${first.callsPerRecord <= 1.1 ? 'met' : 'missed'}`
					: i === 1
						? `0 writes, ≤ 0.02 calls/record: ${first.writes === 0 && first.callsPerRecord <= 0.02 ? 'met' : 'missed'}`
						: `writes = changed (${first.changed}): ${first.writes === first.changed ? 'met' : 'missed'}`;
		lines.push(
			`| ${first.scenario} | ${first.readsPerRecord.toFixed(3)} | ${first.writesPerRecord.toFixed(3)} | ${first.callsPerRecord.toFixed(3)} | ${median(runs.map((r) => r[i].tooMany))} | ${fmt(t, 1, 's')} | ${median(bounds).toFixed(1)} s | ${ratio.toFixed(2)} (target ≤ 1.2) | ${target} |`,
		);
	}
	lines.push('');
	// figures measured outside this script (the large template in real n8n, from the heap guard e2e):
	// kept as written in bench/results/, so that --write does not drop them
	const extra = path.join(RESULTS, `${key}-template.md`);
	if (fs.existsSync(extra)) lines.push(...fs.readFileSync(extra, 'utf8').trimEnd().split('\n'), '');
	return lines;
}

function n8nSection(prefix = 'n8n-', intro: string[] = []): string[] {
	const files = fs.existsSync(RESULTS)
		? fs.readdirSync(RESULTS).filter((f) => f.startsWith(prefix))
		: [];
	if (!files.length) return ['_Not measured yet: `npx tsx scripts/bench.ts --only n8n`._', ''];
	const all = files.map(
		(f) => JSON.parse(fs.readFileSync(path.join(RESULTS, f), 'utf8')) as Stored<N8nBenchResult[]>,
	);
	const lines = [
		...intro,
		'Peak RSS = VmHWM of the `n8n execute` process (sampled every 200 ms from /proc), the JavaScript task runner (a child process) reported separately; time = the whole `n8n execute`, start-up included. Hispatec and Clientify emulators at zero latency, in the benchmark process.',
		'',
		...(all.some((stored) => stored.data.length < 3)
			? [
					'**Runs**: rows with fewer than 3 runs are single measurements (a 100,000-record run takes minutes on the shared machine), not the median of 3 the other parts give; the default `npx tsx scripts/bench.ts --only n8n` makes 3.',
					'',
				]
			: []),
		'| n8n | Template | ERP records | Run | Runs | Time, median (min–max) | Peak RSS n8n, median (min–max) | Task runner | Clientify reads + writes | Calls/record | Date · load | Command |',
		'| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
	];
	const rows: Array<{
		version: string;
		template: string;
		records: number;
		label: string;
		seconds: number;
		rss: number;
	}> = [];
	for (const stored of all.sort(
		(a, b) => a.data[0].n8n.localeCompare(b.data[0].n8n) || a.data[0].contacts - b.data[0].contacts,
	)) {
		const results = stored.data;
		const first = results[0];
		for (let i = 0; i < first.runs.length; i++) {
			const runs = results.map((r) => r.runs[i]).filter(Boolean);
			const seconds = statsOf(runs.map((r) => r.seconds));
			const rss = statsOf(runs.map((r) => r.peakRssMb));
			const runner = Math.max(...runs.map((r) => r.peakChildRssMb));
			const total = first.contacts + first.companies;
			const c = runs[0].clientify;
			const ok = runs.every((r) => r.exitCode === 0);
			rows.push({
				version: first.n8n,
				template: first.template,
				records: total,
				label: runs[0].label,
				seconds: seconds.median,
				rss: rss.median,
			});
			lines.push(
				`| ${first.n8n} | ${first.template} | ${first.contacts.toLocaleString('en')} contacts + ${first.companies.toLocaleString('en')} companies | ${runs[0].label}${ok ? '' : ' (**failed**)'} | ${runs.length} | ${fmt(seconds, 0, 's')} | ${fmt(rss, 0, 'MB')} | ${runner} MB | ${c.reads.toLocaleString('en')} + ${c.writes.toLocaleString('en')} | ${(c.total / total).toFixed(3)} | ${stored.date.slice(0, 16)} · ${stored.load} | \`${stored.command}\` |`,
			);
		}
	}
	lines.push('');
	const pick = (v: string, n: number, label: string) =>
		rows.find(
			(r) => r.version === v && r.template === 'large' && r.records === n && r.label === label,
		);
	const checks: string[] = [];
	for (const v of [...new Set(rows.map((r) => r.version))]) {
		const r100 = pick(v, 105000, 'first sync');
		// the issue compares 20k with 100k; 10k is used when no 20k run is stored (a wider range)
		const r20 = pick(v, 21000, 'first sync') ?? pick(v, 10500, 'first sync');
		const r50 = pick(v, 52500, 'first sync');
		if (r100)
			checks.push(
				`| ${v} | peak RSS at 100k + 5k ≤ 600 MB | ${r100.rss} MB | ${r100.rss <= 600 ? 'met' : `**missed by ${r100.rss - 600} MB**`} |`,
			);
		if (r100 && r20) {
			const d = Math.abs(r100.rss - r20.rss) / r20.rss;
			checks.push(
				`| ${v} | ${r20.records === 21000 ? '20k' : '10k'} vs 100k peak RSS within 15 % | ${r20.rss} → ${r100.rss} MB (${(d * 100).toFixed(0)} %) | ${d <= 0.15 ? 'met' : `**missed by ${((d - 0.15) * 100).toFixed(0)} points**`} |`,
			);
		}
		if (r100 && r50) {
			const ratio = r100.seconds / r50.seconds;
			checks.push(
				`| ${v} | time 100k ≤ 2.2 × 50k | ${ratio.toFixed(2)} × | ${ratio <= 2.2 ? 'met' : '**missed**'} |`,
			);
		} else if (r100 && r20) {
			// no 50k run: the same linearity bound, scaled (2.2 × 50k ⇔ 5.5 × 20k)
			const ratio = r100.seconds / r20.seconds;
			checks.push(
				`| ${v} | time linear (no 50k run: 100k ≤ 5.5 × 20k, the 2.2 × 50k bound scaled) | ${r20.seconds.toFixed(0)} s → ${r100.seconds.toFixed(0)} s = ${ratio.toFixed(2)} × | ${ratio <= 5.5 ? 'met' : '**missed**'} (timings on a shared machine) |`,
			);
		}
	}
	if (checks.length)
		lines.push('| n8n | Target | Measured | |', '| --- | --- | --- | --- |', ...checks, '');
	return lines;
}

function peerSection(): string[] {
	const stored = load<{
		options: Record<string, number | string>;
		peer: ScenarioResult[];
		ours: ScenarioResult[];
	}>('peer');
	if (!stored) return ['_Not measured yet: `npx tsx scripts/bench.ts --only peer`._', ''];
	const { options, peer, ours } = stored.data;
	const lines = [
		`Command: \`${stored.command}\` · ${stored.date} · load average ${stored.load}`,
		'',
		`${Number(options.records).toLocaleString('en')} contacts (the peer needs ~3 calls per record at 10 requests/s, so this comparison runs at a smaller size than part 2), ${Number(options.unrelated).toLocaleString('en')} unrelated contacts in (d); same emulator settings (${options.latencyMs} ms, ${options.limit} requests/s). **Peer**: a workflow of n8n core nodes in real n8n ${options.n8n} (Code with the records → HTTP Request \`GET /contacts/?query=<NIF>\` → IF found → HTTP Request PUT or POST → HTTP Request POST tag; one request at a time, Retry On Fail), time = the whole \`n8n execute\`. **Ours**: the large-ERP path (Clientify Index + Upsert with Known Records) in process, measured right after it. One run each (call counts are deterministic).`,
		'',
		'| Scenario | Peer calls/record (reads + writes) | Ours calls/record | Calls peer ÷ ours | Peer writes | Ours writes | Peer 429s | Ours 429s | Peer time | Ours time | Time peer ÷ ours |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (let i = 0; i < peer.length; i++) {
		const p = peer[i];
		const o = ours[i];
		lines.push(
			`| ${p.scenario} | ${p.callsPerRecord.toFixed(3)} (${p.readsPerRecord.toFixed(2)} + ${p.writesPerRecord.toFixed(2)}) | ${o.callsPerRecord.toFixed(3)} | ${(p.callsPerRecord / o.callsPerRecord).toFixed(1)} × | ${p.writes} | ${o.writes} | ${p.tooMany} | ${o.tooMany} | ${p.seconds.toFixed(1)} s | ${o.seconds.toFixed(1)} s | ${(p.seconds / o.seconds).toFixed(1)} × |`,
		);
	}
	lines.push('');
	return lines;
}

function historySection(): string[] {
	const stored = load<HistoryResult>('history');
	if (!stored) return ['_Not measured yet: `npx tsx scripts/bench.ts --only history`._', ''];
	const h = stored.data;
	const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
	const total = (x: { db: number; wal: number }) => x.db + x.wal;
	const growth = total(h.after) - total(h.before);
	const lines = [
		`Command: \`${stored.command}\` · ${stored.date} · load average ${stored.load}`,
		'',
		`n8n ${h.n8n}, \`n8n start\` with the large-ERP template active, its schedule shortened to every ${h.everySeconds} s (test copy only), ${h.contacts.toLocaleString('en')} contacts + ${h.companies.toLocaleString('en')} companies already synced (so each run is the hourly steady state), ${h.perRun.length} scheduled runs. SQLite database file + WAL:`,
		'',
		'| | Database | WAL | Total |',
		'| --- | ---: | ---: | ---: |',
		`| before the first run | ${kb(h.before.db)} | ${kb(h.before.wal)} | ${kb(total(h.before))} |`,
		...h.perRun.map(
			(r, i) =>
				`| after run ${i + 1} (execution ${r.id}, ${r.status ?? ''}) | ${kb(r.db)} | ${kb(r.wal)} | ${kb(r.db + r.wal)} |`,
		),
		`| after stopping n8n | ${kb(h.after.db)} | ${kb(h.after.wal)} | ${kb(total(h.after))} |`,
		'',
		`**Growth over ${h.perRun.length} runs: ${kb(growth)} (${kb(growth / h.perRun.length)} per run on average), ${kb(h.perRun.length > 2 ? h.perRun[h.perRun.length - 1].db + h.perRun[h.perRun.length - 1].wal - (h.perRun[1].db + h.perRun[1].wal) : 0)} from run 2 to run ${h.perRun.length}:** SQLite grows once to hold the page executions while they run (they are deleted when they succeed, and their pages are reused), then stays flat; each kept run is its trigger item and its summary. Executions listed at the end: ${h.executionsKept.main} of the main workflow (the initial sync by \`n8n execute\`, the scheduled runs, and possibly one still running), ${h.executionsKept.pages} of the pages workflow (successful ones are not saved; one may be the run in progress when the list was read).`,
		'',
	];
	return lines;
}

function incrementalSection(): string[] {
	const files = fs.existsSync(RESULTS)
		? fs.readdirSync(RESULTS).filter((f) => f.startsWith('incremental-'))
		: [];
	if (!files.length)
		return ['_Not measured yet: `npx tsx scripts/bench.ts --only incremental`._', ''];
	const rows: string[] = [];
	const commands: string[] = [];
	const checks: string[] = [];
	for (const file of files.sort()) {
		const stored = load<IncrementalResult>(
			file.replace(/\.json$/, ''),
		) as Stored<IncrementalResult>;
		const r = stored.data;
		const version = r.heapLimitMb ? `${r.n8n}, heap ${r.heapLimitMb} MB` : r.n8n;
		const records = `${r.contacts.toLocaleString('en')} contacts + ${r.companies.toLocaleString('en')} companies`;
		const calls = (c: Record<string, number>) =>
			Object.entries(c)
				.map(([op, n]) => `${op} ${n}`)
				.join(', ');
		rows.push(
			`| ${version} | \`n8n start\`, nothing active (20 s) | | ${r.idlePeakRssMb} MB | | | ${stored.date.slice(0, 16)} · ${stored.load} |`,
			`| ${version} | first poll of both triggers, ${records}: every record fingerprinted, nothing emitted | ${r.firstPoll.seconds.toFixed(0)} s | ${r.firstPoll.peakRssMb} MB | ${calls(r.firstPoll.hispatecCalls)} | ${r.firstPoll.clientify.reads} + ${r.firstPoll.clientify.writes} | ${stored.date.slice(0, 16)} · ${stored.load} |`,
			`| ${version} | next contacts poll, ${r.changed} contacts changed: ${r.changedPoll.results.created ?? 0} created, ${r.changedPoll.results.updated ?? 0} updated, ${r.changedPoll.results.failed ?? 0} failed | ${r.changedPoll.seconds.toFixed(0)} s | ${r.changedPoll.peakRssMb} MB | ${calls(r.changedPoll.hispatecCalls)} | ${r.changedPoll.clientify.reads} + ${r.changedPoll.clientify.writes} (${((r.changedPoll.clientify.reads + r.changedPoll.clientify.writes) / r.changed).toFixed(2)} per changed record) | ${stored.date.slice(0, 16)} · ${stored.load} |`,
		);
		commands.push(`\`${stored.command}\``);
		const over = r.firstPoll.peakRssMb - 600;
		checks.push(
			`| ${version} | first poll of a 100k ERP within 600 MB | ${r.firstPoll.peakRssMb} MB (n8n alone ${r.idlePeakRssMb} MB) | ${over <= 0 ? 'met' : `**missed by ${over} MB**`} |`,
			`| ${version} | an hour with ${r.changed} changes costs about ${r.changed} records' worth of calls (≤ 2 Clientify calls per change) | ${r.changedPoll.clientify.reads + r.changedPoll.clientify.writes} Clientify calls, ${Object.values(r.changedPoll.hispatecCalls).reduce((a, b) => a + b, 0)} Hispatec calls | ${r.changedPoll.clientify.reads + r.changedPoll.clientify.writes <= 2 * r.changed ? 'met' : '**missed**'} |`,
		);
	}
	return [
		`Commands: ${commands.join(', ')}`,
		'',
		"`n8n start` with the incremental template active (test copy: both triggers poll every minute instead of hourly); Hispatec and Clientify emulators at zero latency; Clientify empty (the initial sync is the large-ERP template's job), so the changed contacts are created: one search and one create each, as an update costs one search and one update. Peak RSS = VmHWM of the `n8n start` process, which includes its own start-up; the first row is that process with nothing active. Time of the first poll: from `n8n start` until both triggers' state is stored; of the next poll: from the change until its execution is listed (up to a minute of that is the wait for the next poll). One run each.",
		'',
		'| n8n | Run | Time | Peak RSS n8n | Hispatec calls | Clientify reads + writes | Date · load |',
		'| --- | --- | ---: | ---: | --- | --- | --- |',
		...rows,
		'',
		'| n8n | Target | Measured | |',
		'| --- | --- | --- | --- |',
		...checks,
		'',
	];
}

/** The text under a `## ` heading of the current BENCHMARKS.md (up to the next `## `), if any. */
function earlierText(heading: string): string[] | undefined {
	if (!fs.existsSync(BENCHMARKS)) return undefined;
	const lines = fs.readFileSync(BENCHMARKS, 'utf8').split('\n');
	const start = lines.indexOf(heading);
	if (start < 0) return undefined;
	const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
	const body = lines.slice(start + 2, end < 0 ? undefined : end);
	return body.some((line) => line.startsWith('_Not measured yet')) ? undefined : body;
}

/** A part: freshly rendered from stored results, or, with none stored, its earlier text. */
function part(heading: string, rendered: string[]): string[] {
	const fresh = !rendered[0]?.startsWith('_Not measured yet');
	return [heading, '', ...(fresh ? rendered : (earlierText(heading) ?? rendered))];
}

const HEAP_INTRO = [
	'The same runs with the V8 heap limited: `NODE_OPTIONS=--max-old-space-size=<MB>` for n8n, as a deployment with a memory limit sets it. With the default limit (about 4 GB here), V8 lets the heap grow to 3–4 × the live data between full collections (part 4). Measured with `harness/n8n/memlog.cjs` on n8n 2.41.1 at 20,000 contacts + 1,000 companies (2026-12-02): with the default limit, heap used climbs to 620–660 MB before each full collection and falls to 180–220 MB after it (RSS peak 1,036 MB); with `--max-old-space-size=320` it stays at 150–220 MB and the RSS peak is 527 MB, at the same calls and results.',
	'',
	'**The limit costs time**: V8 then collects far more often. At 384 MB the 100k first sync took 430 s instead of 266 s on 1.123 (1.6 ×) and 691 s instead of 287 s on 2.41 (2.4 ×), the re-run 2.0 × and 2.4 × as long (part 4, measured the day before at a higher load, so the true ratios are if anything larger). A larger limit trades less time for more memory; only 384 MB was measured.',
	'',
];

function writeBenchmarks(): void {
	const lines = [
		'# Benchmarks',
		'',
		'Written by `npm run bench` (`scripts/bench.ts`); every figure gives the command that produced it. Regenerate one part with `npx tsx scripts/bench.ts --only soap|sync|n8n`, or rewrite this file from the stored results with `--write`.',
		'',
		`Machine: ${machine()}. **Shared machine**: six engineers ran builds, tests and real n8n on these 2 cores at the same time; the load average is given with each figure. Times are therefore pessimistic and noisy; memory (peak RSS) is the acceptance figure where the machine was contended.`,
		'',
		...part('## 1. Reading Hispatec: ours vs node-soap', soapSection()),
		...part('## 2. Sync cost against the rate-limit bound', syncSection()),
		...part('## 2b. Sync cost with contacts linked to companies', syncSection('sync-links')),
		...part(
			'## 3. The peer: n8n core nodes (HTTP Request search by NIF → IF → create/update → tag)',
			peerSection(),
		),
		...part('## 4. Memory and time in real n8n', n8nSection()),
		...part(
			'## 4b. Memory and time in real n8n with a heap limit',
			n8nSection('n8nheap-', HEAP_INTRO),
		),
		...part(
			'## 4c. The large-ERP template under a 512 MB heap, n8n defaults (issue 18)',
			heapSection(
				(fs.existsSync(RESULTS) ? fs.readdirSync(RESULTS) : [])
					.filter((f) => /^heap\d+-/.test(f))
					.map((f) => load<StoredHeap['data']>(f.replace(/\.json$/, '')) as StoredHeap),
			),
		),
		...part('## 5. History: database growth over scheduled runs', historySection()),
		...part('## 6. The incremental template in production', incrementalSection()),
		'## Why targets are missed, where they are',
		'',
		"- **Reading, 0.35 × node-soap**: the figure compares our read *plus normalization* of 50,000 records (what the Hispatec node does) with node-soap's read alone; the reader by itself measured 0.32 × node-soap earlier (README, Benchmarks). Reading ERP stamps with an offset without luxon took it from 0.70 to 0.55 ×. **250 MB** on one 55 MB response: all 50,000 normalized records are held at once; in pages of 500 the peak is under the target.",
		"- **(d) 1.1 calls per record**: the run lists the whole CRM once (100 per call, the API's largest page), so 20,000 unrelated contacts add 0.10 calls per record to a 2,000-record ERP. 2,000 creates + 200 listing calls is already 1.100 per record, before the few calls every run makes (custom fields, the tag, the companies listing). So no client that avoids duplicates by listing can meet 1.1 here; searching each record instead costs 2 calls per record. The listing is amortized as the ERP grows relative to the CRM.",
		'- **Time within 1.2 × the bound, 429s**: after the first 429, Clientify Upsert paces itself (`Pacer` in `nodes/shared/clientify/client/timing.ts`): one shared `Retry-After` pause for every lane, then requests spaced to the rate the server let through, + 5 %. Each new client starts unpaced, so each page execution (500 records) and the Clientify Index run meet the limit once in a burst: about 5 refused calls (the lanes in flight) and one `Retry-After` (1 s here). A 429 is refused before anything is applied, so they cost time, not repeated work. In (b) and (c) that fixed cost and the sequential CRM listing weigh most, as the runs are short.',
		'- **Time linear (100k ≤ 2.2 × 50k)**: the medians of part 4 give 2.77 × (1.123) and 2.53 × (2.41), but its 100k runs overlapped with a CI run on the same 2 cores (load 4.5–4.8, against 3.6 at 50k), so they do not measure linearity. Measured again side by side on 2026-12-02 (`npx tsx scripts/bench-n8n.ts --n8n <line> --template large --contacts 50000` then `--contacts 100000`, both lines at once, first sync, one run each): 204.8 s → 469.5 s = 2.29 × on 1.123 (missed by 0.09) and 265.2 s → 506.0 s = 1.91 × on 2.41 (met).',
		'- **600 MB at 100,000 records**: the peak barely depends on the ERP size (the flatness check of part 4), but n8n itself starts `n8n execute` at about 300 MB (1.123) and 440 MB (2.41), and V8 lets the heap grow well past the live data before collecting (the default old-space limit here is about 4 GB). A re-run also lists 105,000 Clientify records once (1,050 answers parsed and reduced to the index). Part 4b shows what this is: with the heap limited to 384 MB the same 100k first sync peaks under 600 MB on both lines, at 1.6–2.4 × the time; the default settings miss the target by the V8 headroom, not by data the sync holds.',
		"- **The incremental template's first poll at 100,000 records** (part 6): `n8n start` alone already peaks above 600 MB here on 2.41 and near it on 1.123 (first row of each line). The poll keeps only the fingerprints and tax IDs (about 3 MB: 31 bytes a record since issue 20 added the tax ID for removed records), yet reading and normalizing 105,000 records leaves garbage that V8 collects late: on 2.41 heap used climbs from about 300 MB to 1,050 MB during the poll and falls to about 200 MB right after it (`harness/n8n/memlog.cjs`). The increase is headroom, as in part 4, not data the poll holds.",
		'- **The peer** is measured at 200 records (about 3 calls per record at 10 requests/s); its calls per record do not depend on the size, so the ratios carry over.',
		'',
	];
	fs.writeFileSync(BENCHMARKS, lines.join('\n'));
	console.log(`wrote ${BENCHMARKS}`);
}

async function main(): Promise<void> {
	const only = (arg('only') ?? 'soap,sync,sync-links,peer,n8n,heap,history,incremental').split(',');
	const runs = Number(arg('runs') ?? 3);
	if (arg('write') !== 'true') {
		if (only.includes('soap')) {
			const data = await benchSoap(runs);
			save('soap', `npx tsx scripts/bench.ts --only soap --runs ${runs}`, data);
		}
		if (only.includes('sync')) {
			const options = {
				records: Number(arg('records') ?? 2000),
				unrelated: Number(arg('unrelated') ?? 20000),
				latencyMs: 50,
				limit: 10,
			};
			const all: ScenarioResult[][] = [];
			for (let i = 0; i < runs; i++) {
				all.push(await runScenarios(options));
				console.log(
					`sync run ${i + 1}: ${all[i].map((r) => `${r.scenario} ${r.calls} calls ${r.seconds.toFixed(1)} s`).join('; ')}`,
				);
			}
			save('sync', `npx tsx scripts/bench.ts --only sync --runs ${runs}`, { options, runs: all });
		}
		if (only.includes('sync-links')) {
			const options = {
				records: Number(arg('records') ?? 2000),
				unrelated: 0,
				latencyMs: 50,
				limit: 10,
			};
			const all: ScenarioResult[][] = [];
			for (let i = 0; i < runs; i++) {
				all.push(await runScenarios({ ...options, links: true }));
				console.log(
					`sync-links run ${i + 1}: ${all[i].map((r) => `${r.scenario} ${r.calls} calls ${r.seconds.toFixed(1)} s`).join('; ')}`,
				);
			}
			save('sync-links', `npx tsx scripts/bench.ts --only sync-links --runs ${runs}`, {
				options,
				runs: all,
			});
		}
		if (only.includes('peer')) {
			const records = Number(arg('peer-records') ?? 200);
			// the same proportion as part 2 (2,000 records into 20,000 unrelated)
			const options = {
				n8n: arg('n8n')?.split(',')[0] ?? N8N_VERSIONS.v1,
				records,
				unrelated: records * 10,
				latencyMs: 50,
				limit: 10,
			};
			const peer = await benchPeer(options);
			const ours = await runScenarios(options);
			save('peer', `npx tsx scripts/bench.ts --only peer --peer-records ${options.records}`, {
				options,
				peer,
				ours,
			});
		}
		if (only.includes('n8n')) {
			const versions = (arg('n8n') ?? `${N8N_VERSIONS.v1},${N8N_VERSIONS.v2}`).split(',');
			const sizes = (arg('sizes') ?? '10000,50000,100000').split(',').map(Number);
			const template = arg('template') === 'simple' ? 'simple' : 'large';
			const heap = arg('heap');
			// --skip-build: dist/ is already built (e.g. for two lines measured at once)
			let built = arg('skip-build') === 'true';
			for (const version of versions) {
				for (const contacts of sizes) {
					const companies = Math.round(contacts / 20);
					const results: N8nBenchResult[] = [];
					for (let i = 0; i < runs; i++) {
						results.push(
							await benchN8n({
								n8n: version,
								template,
								contacts,
								companies,
								rerun: true,
								skipBuild: built,
								...(heap ? { nodeOptions: `--max-old-space-size=${heap}` } : {}),
							}),
						);
						built = true;
					}
					save(
						heap
							? `n8nheap-${version}-${template}-${contacts}-${heap}`
							: `n8n-${version}-${template}-${contacts}`,
						`npx tsx scripts/bench.ts --only n8n --n8n ${version} --sizes ${contacts} --runs ${runs}${template === 'simple' ? ' --template simple' : ''}${heap ? ` --heap ${heap}` : ''}`,
						results,
					);
				}
			}
		}
		if (only.includes('heap')) {
			const heap = Number(arg('heap') ?? 512);
			let built = arg('skip-build') === 'true';
			for (const version of (arg('n8n') ?? `${N8N_VERSIONS.v1},${N8N_VERSIONS.v2}`).split(',')) {
				for (const contacts of (arg('sizes') ?? '20000,100000').split(',').map(Number)) {
					const data = await benchHeap({
						n8n: version,
						contacts,
						companies: Math.round(contacts / 20),
						heapMb: heap,
						rerun: contacts <= 20000,
						skipBuild: built,
						...(arg('modes') ? { modes: arg('modes')?.split(',') as HeapMode[] } : {}),
					});
					built = true;
					const name = `heap${heap}-${version}-${contacts}`;
					const command = `npx tsx scripts/bench.ts --only heap --n8n ${version} --sizes ${contacts}${heap === 512 ? '' : ` --heap ${heap}`}${arg('modes') ? ` --modes ${arg('modes')}` : ''}`;
					// a run of some modes replaces those rows and keeps the stored rows of the other modes
					const before = arg('modes') ? load<HeapBenchResult>(name) : undefined;
					const kept = (before?.data.runs ?? []).filter(
						(old) => !data.runs.some((run) => run.label === old.label),
					);
					save(
						name,
						kept.length && before ? `${before.command}; ${command}` : command,
						kept.length ? { ...data, runs: [...kept, ...data.runs] } : data,
					);
				}
			}
		}
		if (only.includes('incremental')) {
			const contacts = Number(arg('contacts') ?? 100000);
			const heap = arg('heap');
			let built = arg('skip-build') === 'true';
			for (const version of (arg('n8n') ?? `${N8N_VERSIONS.v1},${N8N_VERSIONS.v2}`).split(',')) {
				const data = await benchIncremental({
					n8n: version,
					contacts,
					changed: 50,
					skipBuild: built,
					...(heap ? { nodeOptions: `--max-old-space-size=${heap}` } : {}),
				});
				built = true;
				save(
					`incremental-${version}-${contacts}${heap ? `-heap${heap}` : ''}`,
					`npx tsx scripts/bench.ts --only incremental --n8n ${version} --contacts ${contacts}${heap ? ` --heap ${heap}` : ''}`,
					{ ...data, ...(heap ? { heapLimitMb: Number(heap) } : {}) },
				);
			}
		}
		if (only.includes('history')) {
			const contacts = Number(arg('contacts') ?? 20000);
			const data = await benchHistory({
				n8n: arg('n8n')?.split(',')[0] ?? N8N_VERSIONS.v1,
				contacts,
				runs: 10,
				every: Number(arg('every') ?? 75),
			});
			save('history', `npx tsx scripts/bench.ts --only history --contacts ${contacts}`, data);
		}
	}
	writeBenchmarks();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
