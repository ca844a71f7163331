/**
 * Real-n8n runs of the templates for the benchmarks: peak RSS of the n8n process (VmHWM) and wall
 * time of `n8n execute`, Clientify calls per record, at a given ERP size.
 *
 *   npx tsx scripts/bench-n8n.ts --n8n 1.123.81 --template large --contacts 100000 --companies 5000 [--rerun] [--skip-build] [--json out.json]
 *
 * One configuration per call (big runs are slow on a shared machine: run them one at a time).
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/n8n/config';
import { executeMeasured, type MeasuredRun } from '../harness/n8n/measure';
import { nodeItems } from '../harness/n8n/instance';
import { buildAndPack } from '../harness/n8n/pack';
import { arg, runScript } from '../harness/n8n/cli';
import { LARGE_TEMPLATE_ID, prepareN8n, startEmulators, TEMPLATE_ID } from '../harness/n8n/stack';

export interface N8nBenchResult {
	n8n: string;
	template: 'large' | 'simple';
	contacts: number;
	companies: number;
	runs: Array<{
		label: string;
		seconds: number;
		peakRssMb: number;
		peakChildRssMb: number;
		exitCode: number | null;
		summary?: Record<string, unknown>;
		clientify: { reads: number; writes: number; total: number };
		hispatec: Record<string, number>;
		error?: string;
	}>;
}

function summaryItem(measured: MeasuredRun): Record<string, unknown> | undefined {
	if (!measured.run) return undefined;
	const items = nodeItems(measured.run, 'Sync summary');
	return items[0];
}

export async function benchN8n(options: {
	n8n: string;
	template: 'large' | 'simple';
	contacts: number;
	companies: number;
	rerun: boolean;
	skipBuild: boolean;
	/** NODE_OPTIONS for n8n (diagnostics, e.g. --max-old-space-size=300). */
	nodeOptions?: string;
	log?: (line: string) => void;
}): Promise<N8nBenchResult> {
	const log = options.log ?? ((line: string) => console.log(line));
	const out = path.join(REPO_ROOT, '.e2e', 'bench');
	fs.mkdirSync(out, { recursive: true });
	// one pack folder per n8n line, so that two lines can be measured at once
	const tarball = await buildAndPack(path.join(out, 'pack', options.n8n), {
		skipBuild: options.skipBuild,
	});
	const emulators = await startEmulators({
		hispatec: {
			dataset: { synthetic: { contacts: options.contacts, companies: options.companies } },
		},
	});
	const n8n = await prepareN8n(
		options.n8n,
		tarball,
		emulators,
		options.nodeOptions ? { extraEnv: { NODE_OPTIONS: options.nodeOptions } } : {},
	);
	const result: N8nBenchResult = {
		n8n: options.n8n,
		template: options.template,
		contacts: options.contacts,
		companies: options.companies,
		runs: [],
	};
	try {
		const labels = options.rerun ? ['first sync', 're-run, nothing changed'] : ['first sync'];
		for (const label of labels) {
			emulators.clientify.log.reset();
			emulators.hispatec.stats.reset();
			const measured = await executeMeasured(
				n8n,
				options.template === 'large' ? LARGE_TEMPLATE_ID : TEMPLATE_ID,
			);
			const summary = summaryItem(measured);
			const entry = {
				label,
				seconds: measured.seconds,
				peakRssMb: measured.peakRssMb,
				peakChildRssMb: measured.peakChildRssMb,
				exitCode: measured.exitCode,
				...(summary ? { summary } : {}),
				clientify: {
					reads: emulators.clientify.log.reads,
					writes: emulators.clientify.log.writes,
					total: emulators.clientify.log.requests.length,
				},
				hispatec: { ...emulators.hispatec.stats.calls },
				...(summary ? {} : { error: measured.output.split('\n').slice(-30).join('\n') }),
			};
			result.runs.push(entry);
			log(
				`${options.n8n} ${options.template} ${options.contacts}+${options.companies} ${label}: ${entry.seconds.toFixed(1)} s, peak RSS ${entry.peakRssMb} MB (runner ${entry.peakChildRssMb} MB), ` +
					`Clientify ${entry.clientify.reads} reads + ${entry.clientify.writes} writes, exit ${String(entry.exitCode)}` +
					(summary
						? `, summary ${JSON.stringify({ companies: summary.companies, contacts: summary.contacts, failedSteps: summary.failedSteps })}`
						: `\n${entry.error}`),
			);
			// one compaction pass per run, so runs do not pay for the previous one's memory of the store
			emulators.clientify.log.reset();
		}
	} finally {
		await n8n.dispose();
		await emulators.close();
	}
	return result;
}

if (require.main === module) {
	const template = arg('template', 'large') === 'simple' ? 'simple' : 'large';
	runScript(
		benchN8n({
			n8n: arg('n8n', '1.123.81'),
			template,
			contacts: Number(arg('contacts', '100')),
			companies: Number(arg('companies', '10')),
			rerun: arg('rerun') === 'true',
			skipBuild: arg('skip-build') === 'true',
			...(arg('node-options') ? { nodeOptions: arg('node-options') as string } : {}),
		}),
		(result) => {
			const file = arg('json');
			if (file) fs.writeFileSync(file, JSON.stringify(result, null, 2));
		},
	);
}
