/**
 * Guard for issue 18: the large-ERP template must not keep memory per record. A first sync of 5,000
 * contacts + 250 companies (the ERP data: custom fields on every contact, a tenth with the tax
 * ID in `NIF`) with each line's own defaults (1.123: no task runner, Code nodes would run in-process),
 * the heap limited to 384 MB and the live heap sampled after a forced full collection every 2 s
 * (harness/n8n/livelog.cjs). The run must be exact, and the live heap must not grow with the records
 * written: when every page's execution was kept (Code output holding its vm2 sandbox) it grew by about
 * 8 KB per record; the bound is 2 KB.
 */
import * as fs from 'fs';
import * as path from 'path';
import { majorOf, N8N_VERSIONS, REPO_ROOT } from '../../harness/n8n/config';
import {
	erpFieldsDataset,
	executeUnderHeap,
	heapNodeOptions,
	liveGrowthKbPerRecord,
	liveLogEnv,
	liveLogFile,
	readLiveLog,
} from '../../harness/n8n/heap';
import type { N8nInstance } from '../../harness/n8n/instance';
import { buildAndPack } from '../../harness/n8n/pack';
import { prepareN8n, startEmulators, type Emulators } from '../../harness/n8n/stack';

const CONTACTS = 5000;
const COMPANIES = 250;
const HEAP_MB = 384;
const OUT_DIR = path.join(REPO_ROOT, '.e2e');

describe.each([N8N_VERSIONS.v1, N8N_VERSIONS.v2])(
	'n8n %s: the large-ERP template keeps no memory per record (issue 18)',
	(version) => {
		let emulators: Emulators;
		let n8n: N8nInstance;
		let logFile: string;

		beforeAll(async () => {
			fs.mkdirSync(OUT_DIR, { recursive: true });
			const tarball = await buildAndPack(path.join(OUT_DIR, `pack-heap-${version}`));
			emulators = await startEmulators({
				hispatec: { dataset: erpFieldsDataset(CONTACTS, COMPANIES) },
			});
			logFile = liveLogFile(`guard-${version}`);
			n8n = await prepareN8n(version, tarball, emulators, {
				extraEnv: majorOf(version) < 2 ? { N8N_RUNNERS_ENABLED: 'false' } : {},
			});
		});

		afterAll(async () => {
			await n8n?.dispose();
			await emulators?.close();
			if (logFile) fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
		});

		test(`first sync of ${CONTACTS.toLocaleString('en')} + ${COMPANIES} under a ${HEAP_MB} MB heap: exact, live heap flat`, async () => {
			const { clientify } = emulators;
			const progress: Array<{ at: number; records: number }> = [];
			const timer = setInterval(
				() => progress.push({ at: Date.now(), records: clientify.log.writes }),
				250,
			);
			let run;
			try {
				run = await executeUnderHeap(n8n, HEAP_MB, logFile, clientify.log, 2000);
			} finally {
				clearInterval(timer);
			}
			expect(run.error).toBeUndefined();
			const summary = run.summary as {
				companies: Record<string, number>;
				contacts: Record<string, number>;
			};
			expect(summary.companies).toMatchObject({ read: COMPANIES, created: COMPANIES, failed: 0 });
			expect(summary.contacts).toMatchObject({ read: CONTACTS, created: CONTACTS, failed: 0 });
			const store = clientify.store.snapshot();
			expect([store.contacts.length, store.companies.length]).toEqual([CONTACTS, COMPANIES]);
			expect(
				new Set(store.contacts.map((r) => String(r.taxpayer_identification_number))).size,
			).toBe(CONTACTS);
			const growth = liveGrowthKbPerRecord(readLiveLog(logFile), progress);
			console.log(
				`n8n ${version}: live heap ${growth.kbPerRecord.toFixed(2)} KB per record over ${growth.points} samples, max ${run.liveMaxMb} MB, peak RSS ${run.peakRssMb} MB, ${run.seconds.toFixed(0)} s`,
			);
			// issue 20: every contact linked with one call beside its create, no search per contact
			// (the contact pages get the company index listed again after the company pages)
			const lines = clientify.log.lines();
			const links = lines.filter((l) => /^PUT \/v\d+\/companies\/\d+\/employees\/\d+\//.test(l));
			const records = CONTACTS + COMPANIES;
			const besideLinks = (clientify.log.reads + clientify.log.writes - links.length) / records;
			console.log(
				`n8n ${version}: Clientify ${clientify.log.reads} reads + ${clientify.log.writes} writes, ${links.length} of them links: ${besideLinks.toFixed(3)} calls per record beside the link calls`,
			);
			expect(links.length).toBe(store.contacts.filter((r) => typeof r.company === 'number').length);
			expect(links.length).toBeGreaterThan(CONTACTS / 2);
			expect(besideLinks).toBeLessThanOrEqual(1.1);
			expect(growth.points).toBeGreaterThanOrEqual(5);
			expect(growth.kbPerRecord).toBeLessThan(2);
		});
	},
);
