/**
 * Runs Clientify Upsert in-process, as test/integration/clientify/helpers.ts does (`execute` with the
 * n8n harness context, real HTTP to the emulator), with the simulation's knobs: which API key (so
 * the emulator's hooks tell two overlapping runs apart), options, retries, and an abort signal.
 */
import type { IDataObject } from 'n8n-workflow';
import { ClientifyTokenApi } from '../../credentials/ClientifyTokenApi.credentials';
import { execute } from '../../nodes/ClientifyUpsert/actions/execute';
import { DEFAULT_RETRY_TIMING } from '../../nodes/shared/clientify/client/timing';
import { createExecuteContext } from '../../harness/nodeContext';
import type { ClientifyEmulator } from '../../emulators/clientify';
import type { NormalizedRecord } from '../../nodes/shared/types';

export type OnValueChange = 'makePrimary' | 'addOnly';
export type LookupStrategy = 'auto' | 'searchEach' | 'indexAll';

export interface NodeRunOptions {
	apiKey: string;
	onValueChange: OnValueChange;
	lookupStrategy: LookupStrategy;
	concurrency: number;
	/** 0 = no retries (a run whose requests are dropped dies at once). */
	maxRetries: number;
	abortSignal?: AbortSignal;
}

export interface NodeRunResult {
	/** One json per output item (empty when the execution threw). */
	json: IDataObject[];
	/** The execution's own error, when it threw instead of answering per item. */
	thrown?: Error;
}

export async function runNode(
	emu: ClientifyEmulator,
	records: NormalizedRecord[],
	options: NodeRunOptions,
): Promise<NodeRunResult> {
	const { context } = createExecuteContext(
		records.map((json) => ({ json: json as unknown as IDataObject })),
		{
			parameters: {
				recordType: 'auto',
				fieldsSource: 'normalized',
				options: {
					onValueChange: options.onValueChange,
					lookupStrategy: options.lookupStrategy,
					concurrency: options.concurrency,
					// issue 20: each contact linked to the company its ERP record names
					linkCompanies: true,
				},
			},
			credentials: { clientifyTokenApi: { apiKey: options.apiKey, baseUrl: emu.baseUrl } },
			credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
			continueOnFail: true,
			nodeType: 'n8n-nodes-hispatec.clientifyUpsert',
			nodeName: 'Clientify Upsert',
			abortSignal: options.abortSignal,
		},
	);
	try {
		// Retries without backoff or pacing (no timing in the simulation), like helpers.ts FAST_RETRY.
		const output = await execute.call(context, {
			timing: {
				...DEFAULT_RETRY_TIMING,
				baseDelayMs: 0,
				maxSpacingMs: 0,
				maxRetries: options.maxRetries,
			},
		});
		return { json: output[0].map((item) => item.json) };
	} catch (error) {
		return { json: [], thrown: error as Error };
	}
}
