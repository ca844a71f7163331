/**
 * The peer: how users sync without this package, in real n8n with core nodes only —
 * Records (Code) → HTTP Request search by NIF (`GET /contacts/?query=`) → IF found → HTTP Request
 * update (PUT) or create (POST) → HTTP Request tag. One request at a time (HTTP Request batching 1,
 * Retry On Fail on a 429), as a careful user configures it. Scenarios (a)–(d) as in harness/syncCost.ts,
 * Clientify emulator at the same latency and rate limit.
 *
 *   npx tsx scripts/bench-peer.ts [--n8n 1.123.81] [--records 200] [--unrelated 20000]
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../harness/n8n/config';
import { executeMeasured } from '../harness/n8n/measure';
import { buildAndPack } from '../harness/n8n/pack';
import { arg, runScript } from '../harness/n8n/cli';
import { prepareN8n, startEmulators, type WorkflowJson } from '../harness/n8n/stack';
import { benchRecord, seedUnrelatedContacts, type ScenarioResult } from '../harness/syncCost';
import type { ClientifyEmulator } from '../emulators/clientify';

const PEER_ID = 'benchPeerCore001';

function peerWorkflow(emu: ClientifyEmulator, records: object[]): WorkflowJson {
	const auth = {
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Token ${emu.apiKey}` }] },
	};
	// one request at a time, 110 ms apart: under the 10 requests/s limit, as a careful user sets it
	const oneAtATime = { options: { batching: { batch: { batchSize: 1, batchInterval: 110 } } } };
	const retry = { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 };
	const body =
		"={{ JSON.stringify({ first_name: $('Records').item.json.firstName, last_name: $('Records').item.json.lastName, taxpayer_identification_number: $('Records').item.json.taxId, emails: $('Records').item.json.emails.map(e => ({ email: e, type: 1 })), phones: $('Records').item.json.phones.map(p => ({ phone: p.number, type: 2 })) }) }}";
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	) => ({
		id: `0b5e7c3a-1d2f-4a6b-8c9d-${String(x).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [x, 0] as [number, number],
		parameters,
		...extra,
	});
	/** An HTTP Request node to the Clientify emulator: token auth, one request at a time, retry on 429. */
	const http = (name: string, x: number, parameters: Record<string, unknown>) =>
		node(
			name,
			'n8n-nodes-base.httpRequest',
			4.2,
			x,
			{ ...parameters, ...auth, ...oneAtATime },
			retry,
		);
	/** Its JSON-body form (POST/PUT). */
	const httpJson = (name: string, x: number, method: string, url: string, jsonBody: string) =>
		http(name, x, { method, url, sendBody: true, specifyBody: 'json', jsonBody });
	return {
		id: PEER_ID,
		name: 'Bench: peer with core nodes',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			node('Run', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
			node('Records', 'n8n-nodes-base.code', 2, 200, {
				jsCode: `return ${JSON.stringify(records.map((json) => ({ json })))};`,
			}),
			http('Search by NIF', 400, {
				method: 'GET',
				url: `${emu.baseUrl}/contacts/`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'query', value: '={{ $json.taxId }}' }] },
			}),
			node('Found?', 'n8n-nodes-base.if', 2.2, 600, {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: '0b5e7c3a-1d2f-4a6b-8c9d-0000000000f1',
							leftValue: '={{ $json.count }}',
							rightValue: 0,
							operator: { type: 'number', operation: 'gt' },
						},
					],
					combinator: 'and',
				},
				looseTypeValidation: true,
				options: {},
			}),
			httpJson('Update', 800, 'PUT', `=${emu.baseUrl}/contacts/{{ $json.results[0].id }}/`, body),
			httpJson('Create', 801, 'POST', `${emu.baseUrl}/contacts/`, body),
			httpJson(
				'Tag',
				1000,
				'POST',
				`=${emu.baseUrl}/contacts/{{ $json.id }}/tags/`,
				'{"name": "hispatec"}',
			),
		],
		connections: {
			Run: { main: [[{ node: 'Records', type: 'main', index: 0 }]] },
			Records: { main: [[{ node: 'Search by NIF', type: 'main', index: 0 }]] },
			'Search by NIF': { main: [[{ node: 'Found?', type: 'main', index: 0 }]] },
			'Found?': {
				main: [
					[{ node: 'Update', type: 'main', index: 0 }],
					[{ node: 'Create', type: 'main', index: 0 }],
				],
			},
			Update: { main: [[{ node: 'Tag', type: 'main', index: 0 }]] },
			Create: { main: [[{ node: 'Tag', type: 'main', index: 0 }]] },
		},
	};
}

function toRecord(n: number, changed = false) {
	const r = benchRecord(n, changed);
	return {
		firstName: r.firstName,
		lastName: r.lastName,
		taxId: r.taxId,
		emails: r.emails,
		phones: r.phones,
	};
}

export async function benchPeer(options: {
	n8n: string;
	records: number;
	unrelated: number;
	latencyMs: number;
	limit: number;
	skipBuild?: boolean;
}): Promise<ScenarioResult[]> {
	const out = path.join(REPO_ROOT, '.e2e', 'bench');
	fs.mkdirSync(out, { recursive: true });
	const tarball = await buildAndPack(path.join(out, 'pack'), { skipBuild: options.skipBuild });
	const emulators = await startEmulators({
		clientify: {
			latencyMs: options.latencyMs,
			rateLimit: { limit: options.limit, windowMs: 1000, retryAfterSeconds: 1 },
		},
	});
	const n8n = await prepareN8n(options.n8n, tarball, emulators);
	const results: ScenarioResult[] = [];
	try {
		const emu = emulators.clientify;
		const base = Array.from({ length: options.records }, (_, i) => toRecord(i + 1));
		const changed = base.map((r, i) => (i % 20 === 0 ? toRecord(i + 1, true) : r));
		const scenarios: Array<[string, object[], (() => void)?, number?]> = [
			['(a) first sync, empty CRM', base],
			['(b) re-sync, nothing changed', base],
			['(c) re-sync, 5 % changed', changed, undefined, Math.ceil(options.records / 20)],
			[
				`(d) first sync, CRM with ${options.unrelated.toLocaleString('en')} unrelated contacts`,
				base,
				() => {
					emu.store.reset();
					seedUnrelatedContacts(emu, options.unrelated);
				},
			],
		];
		for (const [scenario, records, prepare, changedCount] of scenarios) {
			prepare?.();
			await n8n.importWorkflows([peerWorkflow(emu, records)]);
			emu.log.reset();
			const measured = await executeMeasured(n8n, PEER_ID, 3_600_000);
			const ok = emu.log.requests.filter((r) => r.status !== 429);
			const reads = ok.filter((r) => r.method === 'GET').length;
			const n = records.length;
			results.push({
				scenario,
				records: n,
				reads,
				writes: ok.length - reads,
				calls: ok.length,
				tooMany: emu.log.requests.length - ok.length,
				readsPerRecord: reads / n,
				writesPerRecord: (ok.length - reads) / n,
				callsPerRecord: ok.length / n,
				seconds: measured.seconds,
				boundSeconds: ok.length / options.limit,
				actions: { exitCode: measured.exitCode ?? -1 },
				...(changedCount !== undefined ? { changed: changedCount } : {}),
			});
			console.log(
				`peer ${scenario}: ${ok.length} calls (${reads} reads), ${results[results.length - 1].tooMany} 429s, ${measured.seconds.toFixed(1)} s, exit ${String(measured.exitCode)}`,
			);
		}
	} finally {
		await n8n.dispose();
		await emulators.close();
	}
	return results;
}

if (require.main === module) {
	runScript(
		benchPeer({
			n8n: arg('n8n', '1.123.81'),
			records: Number(arg('records', '200')),
			unrelated: Number(arg('unrelated', '20000')),
			latencyMs: 50,
			limit: 10,
			skipBuild: process.argv.includes('--skip-build'),
		}),
	);
}
