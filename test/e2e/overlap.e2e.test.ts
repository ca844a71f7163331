/**
 * Two overlapping runs on one n8n (sqlite, no queue): two `n8n execute` processes of the template,
 * started at the same moment against an empty Clientify, must leave every record once: 0 duplicate tax
 * IDs, no failed record (custom-field creation included), exactly the state one run leaves.
 *
 * The processes boot at different speeds; a starting gate in front of the Hispatec emulator holds their
 * first Hispatec call until both are there, so both runs read, look up and create at the same time.
 * Figures are printed and written to .e2e/overlap-<version>.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import type { N8nInstance } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import { freePort } from '../../harness/n8n/ports';
import { summaryOf } from '../../harness/n8n/report';
import { prepareN8n, startEmulators, TEMPLATE_ID, type Emulators } from '../../harness/n8n/stack';
import { expectExactlyTheExpectedState, expectTwoRunsConverged } from './checks';
import { clientifyFigures, failedRecords } from './figures';
import { startGate, type StartGate } from './start-gate';

const OUT_DIR = path.join(REPO_ROOT, '.e2e');
let packed: Promise<string> | undefined;
/** Built and packed once for both versions. */
const tarball = () => (packed ??= buildAndPack(path.join(OUT_DIR, 'pack-overlap')));

describe.each([N8N_VERSIONS.v1, N8N_VERSIONS.v2])(
	'n8n %s: two n8n execute processes of the template at the same moment',
	(version) => {
		let emulators: Emulators;
		let gate: StartGate;
		let n8n: N8nInstance;

		beforeAll(
			async () => {
				fs.mkdirSync(OUT_DIR, { recursive: true });
				emulators = await startEmulators();
				gate = await startGate(emulators.hispatec.url, 2);
				// the credentials point at the gate, which forwards to the Hispatec emulator
				n8n = await prepareN8n(version, await tarball(), {
					...emulators,
					hispatec: { ...emulators.hispatec, url: gate.url },
				});
			},
			15 * 60 * 1000,
		);

		afterAll(async () => {
			if (n8n) {
				if (fs.existsSync(n8n.logFile))
					fs.copyFileSync(n8n.logFile, path.join(OUT_DIR, `n8n-overlap-${version}.log`));
				await n8n.dispose();
			}
			await gate?.close();
			await emulators?.close();
		});

		test('0 duplicate tax IDs, no failed record, Clientify exactly as after one run', async () => {
			const { clientify } = emulators;
			clientify.reset();
			// a little latency per Clientify call: each run is still writing while the other looks up
			clientify.setOption('latencyMs', 25);
			const started = Date.now();
			// each process starts its own task broker (for the Code node): the second one on another port
			const brokerPort = String(await freePort());
			// both settle before anything is judged (a failed one must not leave the other running into cleanup)
			const settled = await Promise.allSettled([
				n8n.execute(TEMPLATE_ID),
				n8n.execute(TEMPLATE_ID, 300000, { N8N_RUNNERS_BROKER_PORT: brokerPort }),
			]);
			const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
			if (rejected) throw rejected.reason;
			const runs = settled.map(
				(r) => (r as PromiseFulfilledResult<Awaited<ReturnType<N8nInstance['execute']>>>).value,
			);
			clientify.setOption('latencyMs', 0);
			const seconds = Math.round((Date.now() - started) / 100) / 10;
			const summaries = runs.map((run) => summaryOf(run));
			const failed = summaries.flatMap((s) => failedRecords(s));
			const result = clientifyFigures(clientify);
			const figures = {
				version,
				processes: 2,
				gate: gate.stats,
				seconds,
				actions: summaries.map((s) => s.actions),
				...result,
				failedRecords: failed.length,
				failedExamples: failed.slice(0, 5),
			};
			fs.writeFileSync(
				path.join(OUT_DIR, `overlap-${version}.json`),
				JSON.stringify(figures, null, 2),
			);
			process.stdout.write(
				`\nTwo n8n execute processes at once, n8n ${version}:\n${JSON.stringify(figures, null, 2)}\n`,
			);

			// the setting: both processes were at the gate together, so their runs started at the same moment
			expect(gate.stats.openedByArrival).toBe(true);

			expectTwoRunsConverged(emulators, result, failed);
		});
	},
);
