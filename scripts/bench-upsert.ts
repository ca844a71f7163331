/**
 * Benchmark of Clientify Upsert against the emulator: API calls and time for a first sync and for a
 * re-sync with no changes, with "Search Each" and with "Index All" (what "Auto" picks here); then two
 * first syncs started together (overlapping runs: duplicates created, merged, left).
 *
 *   npx tsx scripts/bench-upsert.ts [--records 2000] [--latency 2] [--concurrency 5] [--v2]
 *
 * `--latency` is added by the emulator to every answer (ms), to make call counts visible in time.
 */
import type { IDataObject } from 'n8n-workflow';
import { ClientifyTokenApi } from '../credentials/ClientifyTokenApi.credentials';
import { benchRecord as record } from '../harness/syncCost';
import type { NormalizedRecord } from '../nodes/shared/types';
import { createExecuteContext } from '../harness/nodeContext';
import { DEFAULT_RETRY_TIMING } from '../nodes/shared/clientify/client/timing';
import { execute as executeUpsert } from '../nodes/ClientifyUpsert/actions/execute';
import { startClientifyEmulator, type ClientifyEmulator } from '../emulators/clientify';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RECORDS = arg('records', 2000);
const LATENCY = arg('latency', 2);
const CONCURRENCY = arg('concurrency', 5);
const V2 = process.argv.includes('--v2');

async function run(
	emu: ClientifyEmulator,
	records: NormalizedRecord[],
	lookupStrategy: string,
): Promise<{ ms: number; actions: Record<string, number> }> {
	const { context } = createExecuteContext(
		records.map((json) => ({ json: json as unknown as IDataObject })),
		{
			parameters: {
				recordType: 'auto',
				fieldsSource: 'normalized',
				options: { concurrency: CONCURRENCY, lookupStrategy },
			},
			credentials: { clientifyTokenApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
		},
	);
	const started = process.hrtime.bigint();
	// What the node runs, with a shorter first backoff step (100 ms) than the node's 1 s.
	const output = await executeUpsert.call(context, {
		timing: { ...DEFAULT_RETRY_TIMING, baseDelayMs: 100 },
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const actions: Record<string, number> = {};
	for (const item of output[0])
		actions[String(item.json.action)] = (actions[String(item.json.action)] ?? 0) + 1;
	return { ms, actions };
}

async function main(): Promise<void> {
	const emu = await startClientifyEmulator({ apiVersion: V2 ? 'v2' : 'v1', latencyMs: LATENCY });
	const records = Array.from({ length: RECORDS }, (_, i) => record(i + 1));
	console.log(
		`Clientify Upsert benchmark: ${RECORDS} contacts, emulator ${V2 ? 'v2' : 'v1'} latency ${LATENCY} ms, concurrency ${CONCURRENCY}\n`,
	);
	console.log('| Strategy | Run | Reads | Writes | Calls | Calls/record | Time | Actions |');
	console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
	for (const strategy of ['searchEach', 'indexAll', 'auto']) {
		emu.store.reset();
		for (const [label] of [['first sync'], ['re-sync, no changes']]) {
			emu.log.reset();
			const { ms, actions } = await run(emu, records, strategy);
			const calls = emu.log.requests.length;
			console.log(
				`| ${strategy} | ${label} | ${emu.log.reads} | ${emu.log.writes} | ${calls} | ${(calls / RECORDS).toFixed(3)} | ${(ms / 1000).toFixed(2)} s | ${Object.entries(
					actions,
				)
					.map(([a, n]) => `${a} ${n}`)
					.join(', ')} |`,
			);
		}
	}
	// Two executions started together on an empty CRM (overlapping runs): both create, the re-check
	// merges the newer twins away.
	emu.store.reset();
	emu.log.reset();
	const [a, b] = await Promise.all([run(emu, records, 'auto'), run(emu, records, 'auto')]);
	const calls = emu.log.requests.length;
	const taxIds = emu.store.snapshot().contacts.map((c) => c.taxpayer_identification_number);
	const left = taxIds.length - new Set(taxIds).size;
	console.log(
		`| auto ×2 overlapping | first sync, both at once | ${emu.log.reads} | ${emu.log.writes} (${emu.log.count('DELETE')} DELETE) | ${calls} | ${(calls / RECORDS).toFixed(3)} | ${(Math.max(a.ms, b.ms) / 1000).toFixed(2)} s | ${[
			a,
			b,
		]
			.map((r) =>
				Object.entries(r.actions)
					.map(([k, n]) => `${k} ${n}`)
					.join(', '),
			)
			.join(' / ')}; duplicates left ${left} |`,
	);
	const rss = process.memoryUsage().rss / 1024 / 1024;
	console.log(`\nMax RSS so far: ${rss.toFixed(0)} MB (whole process: emulator, harness and node)`);
	await emu.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
