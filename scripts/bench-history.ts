/**
 * Growth of the n8n database over scheduled production runs of the large-ERP template: `n8n start`
 * with the main workflow active and its schedule shortened (test copy only), N runs of an ERP of
 * `--contacts` + 5 % companies (the first sync done beforehand with `n8n execute`).
 *
 *   npx tsx scripts/bench-history.ts [--n8n 1.123.81] [--contacts 20000] [--runs 10] [--every 75]
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/n8n/config';
import { buildAndPack } from '../harness/n8n/pack';
import { arg, runScript } from '../harness/n8n/cli';
import {
	LARGE_TEMPLATE_FILES,
	LARGE_TEMPLATE_ID,
	bindCredentials,
	prepareN8n,
	startEmulators,
	type WorkflowJson,
} from '../harness/n8n/stack';

function dbBytes(userFolder: string): { db: number; wal: number } {
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
	return { db: size(file), wal: size(`${file}-wal`) };
}

export interface HistoryResult {
	n8n: string;
	contacts: number;
	companies: number;
	everySeconds: number;
	before: { db: number; wal: number };
	after: { db: number; wal: number };
	perRun: Array<{ id: string; status?: string; db: number; wal: number }>;
	executionsKept: { main: number; pages: number };
}

export async function benchHistory(options: {
	n8n: string;
	contacts: number;
	runs: number;
	every: number;
	skipBuild?: boolean;
}): Promise<HistoryResult> {
	const out = path.join(REPO_ROOT, '.e2e', 'bench');
	fs.mkdirSync(out, { recursive: true });
	const tarball = await buildAndPack(path.join(out, 'pack'), { skipBuild: options.skipBuild });
	const companies = Math.round(options.contacts / 20);
	const emulators = await startEmulators({
		hispatec: { dataset: { synthetic: { contacts: options.contacts, companies } } },
	});
	const n8n = await prepareN8n(options.n8n, tarball, emulators);
	try {
		// the initial sync, so the scheduled runs are the steady state (nothing changed)
		await n8n.execute(LARGE_TEMPLATE_ID, 3_600_000);
		const main = JSON.parse(fs.readFileSync(LARGE_TEMPLATE_FILES.main, 'utf8')) as WorkflowJson;
		const copy = bindCredentials(main);
		for (const node of copy.nodes) {
			if (node.name === 'Every hour')
				node.parameters = {
					rule: { interval: [{ field: 'seconds', secondsInterval: options.every }] },
				};
		}
		await n8n.importWorkflows([{ ...copy, active: false }]);
		await n8n.activate(LARGE_TEMPLATE_ID);
		const before = dbBytes(n8n.userFolder);
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		// the initial sync's execution (n8n execute, before the server) is not one of the scheduled runs
		const earlier = new Set((await n8n.listExecutions(LARGE_TEMPLATE_ID)).map((e) => e.id));
		const perRun: HistoryResult['perRun'] = [];
		const deadline = Date.now() + (options.runs + 3) * options.every * 1000 * 2;
		while (perRun.length < options.runs) {
			if (Date.now() > deadline)
				throw new Error(`only ${perRun.length} scheduled runs finished in time`);
			await new Promise((r) => setTimeout(r, 3000));
			const done = (await n8n.listExecutions(LARGE_TEMPLATE_ID))
				.filter((e) => e.stoppedAt && !earlier.has(e.id))
				.reverse();
			for (const e of done.slice(perRun.length)) {
				const size = dbBytes(n8n.userFolder);
				perRun.push({ id: e.id, status: e.status, ...size });
				console.log(
					`run ${perRun.length}: execution ${e.id} ${e.status ?? ''}, database ${(size.db / 1024).toFixed(0)} KB + WAL ${(size.wal / 1024).toFixed(0)} KB`,
				);
			}
		}
		const mainKept = (await n8n.listExecutions(LARGE_TEMPLATE_ID)).length;
		const pagesKept = (await n8n.listExecutions('hispatecLargePg1')).length;
		await n8n.stop();
		const after = dbBytes(n8n.userFolder);
		return {
			n8n: options.n8n,
			contacts: options.contacts,
			companies,
			everySeconds: options.every,
			before,
			after,
			perRun: perRun.slice(0, options.runs),
			executionsKept: { main: mainKept, pages: pagesKept },
		};
	} finally {
		await n8n.dispose();
		await emulators.close();
	}
}

if (require.main === module) {
	runScript(
		benchHistory({
			n8n: arg('n8n', '1.123.81'),
			contacts: Number(arg('contacts', '20000')),
			runs: Number(arg('runs', '10')),
			every: Number(arg('every', '75')),
			skipBuild: process.argv.includes('--skip-build'),
		}),
		(result) => console.log(JSON.stringify(result)),
	);
}
