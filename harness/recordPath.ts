/**
 * The files one record crosses: one contact read by the Hispatec node's *Get Many* (limit 1) from the
 * Hispatec emulator, its output item through Clientify Upsert into the Clientify emulator (a create).
 *
 * Both emulators are started, then the node and credential types are constructed (as n8n does when it
 * loads the package, before any execution). V8's precise coverage (call counts) is taken around the
 * two executions only, so module loading does not count: a file counts when one of its functions ran
 * (a module's top-level code, which ran at load time, does not). Only files under `nodes/` and
 * `credentials/` are kept. The record must end created in the emulator, or this throws.
 */
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IDataObject } from 'n8n-workflow';
import { HispatecApi } from '../credentials/HispatecApi.credentials';
import { ClientifyTokenApi } from '../credentials/ClientifyTokenApi.credentials';
import { emulatorCredentials, startHispatecEmulator } from '../emulators/hispatec';
import { startClientifyEmulator } from '../emulators/clientify';
import { createExecuteContext } from './nodeContext';

// tsx resolves "X.node" to the codex X.node.json: load the .ts explicitly.
/* eslint-disable @typescript-eslint/no-require-imports */
const { Hispatec } = require(
	path.join(__dirname, '../nodes/Hispatec/Hispatec.node.ts'),
) as typeof import('../nodes/Hispatec/Hispatec.node');
const { ClientifyUpsert } = require(
	path.join(__dirname, '../nodes/ClientifyUpsert/ClientifyUpsert.node.ts'),
) as typeof import('../nodes/ClientifyUpsert/ClientifyUpsert.node');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..');
const COUNTED = /^(nodes|credentials)\//;

/** The V8 coverage of one function: its first range covers the whole function. */
interface FunctionCoverage {
	functionName: string;
	ranges: Array<{ startOffset: number; count: number }>;
}

export interface RecordPath {
	/** Repository-relative paths of the files in which a function ran, sorted. */
	files: string[];
	/** The folders those files are in, sorted. */
	folders: string[];
	/** The Clientify Upsert output item of the record (`action: 'created'`). */
	output: IDataObject;
}

/** A script's repository-relative path: `file://` URLs (tsx) and plain paths (compiled in a vm). */
function repositoryPath(url: string): string | undefined {
	if (url.startsWith('file://')) return path.relative(ROOT, fileURLToPath(url));
	if (path.isAbsolute(url)) return path.relative(ROOT, url);
	return undefined;
}

/** A function other than the module's top level ran (the top level runs once, at load time). */
function ranAfterLoad(functions: FunctionCoverage[]): boolean {
	return functions.some(
		(f) => f.ranges[0].count > 0 && (f.functionName !== '' || f.ranges[0].startOffset > 0),
	);
}

/** Runs one contact from Hispatec *Get Many* to a Clientify create and returns the files it crossed. */
export async function recordPath(): Promise<RecordPath> {
	const erp = await startHispatecEmulator({ dataset: 'seed' });
	const crm = await startClientifyEmulator();
	const session = new Session();
	try {
		const hispatec = new Hispatec();
		const upsert = new ClientifyUpsert();
		const hispatecApi = new HispatecApi();
		const clientifyApi = new ClientifyTokenApi();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
		await session.post('Profiler.takePreciseCoverage'); // resets the counts
		const read = createExecuteContext([{ json: {} }], {
			parameters: {
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				options: {},
			},
			credentials: { hispatecApi: emulatorCredentials(erp) as never },
			credentialTypes: { hispatecApi },
		});
		const [items] = await hispatec.execute.call(read.context);
		if (items?.length !== 1)
			throw new Error(`Get Many returned ${items?.length ?? 0} items, not 1`);
		const write = createExecuteContext([items[0]], {
			parameters: { recordType: 'auto', fieldsSource: 'normalized', options: {} },
			credentials: { clientifyTokenApi: { apiKey: crm.apiKey, baseUrl: crm.baseUrl } },
			credentialTypes: { clientifyTokenApi: clientifyApi },
			nodeType: 'n8n-nodes-hispatec.clientifyUpsert',
			nodeName: 'Clientify Upsert',
		});
		const [written] = await upsert.execute.call(write.context);
		const { result } = (await session.post('Profiler.takePreciseCoverage')) as {
			result: Array<{ url: string; functions: FunctionCoverage[] }>;
		};
		await session.post('Profiler.stopPreciseCoverage');

		const output = written?.[0]?.json ?? {};
		const taxId = String(items[0].json.taxId ?? '');
		const stored = crm.store.findByTaxId('contact', taxId);
		if (output.action !== 'created' || stored.length !== 1) {
			throw new Error(
				`The record was not created in Clientify (output ${JSON.stringify(output).slice(0, 300)}, ` +
					`${stored.length} contacts with tax ID ${taxId || '(none)'})`,
			);
		}
		const files = new Set<string>();
		for (const script of result) {
			const file = repositoryPath(script.url);
			if (file !== undefined && COUNTED.test(file) && ranAfterLoad(script.functions))
				files.add(file.split(path.sep).join('/'));
		}
		const sorted = [...files].sort();
		const folders = [...new Set(sorted.map((file) => path.posix.dirname(file)))].sort();
		return { files: sorted, folders, output };
	} finally {
		session.disconnect();
		await erp.close();
		await crm.close();
	}
}
