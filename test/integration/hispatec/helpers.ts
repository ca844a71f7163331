/**
 * Shared helpers for the Hispatec tests: a client over real HTTP (the node's transport on the test
 * harness), credential data for an emulator, and the raw records a correct reader must produce from the
 * emulator's dataset (computed independently of our reader).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { HispatecApi } from '../../../credentials/HispatecApi.credentials';
import { createHispatecClient } from '../../../nodes/Hispatec/transport';
import type { ClientOptions, HispatecSoapClient } from '../../../nodes/shared/hispatec/soap/client';
import { HispatecSoapError } from '../../../nodes/shared/hispatec/soap/errors';
import type { RawRecord, RecordType } from '../../../nodes/shared/types';
import {
	emulatorCredentials,
	startHispatecEmulator,
	type EmulatorRecord,
	type HispatecEmulator,
	type HispatecEmulatorOptions,
} from '../../../emulators/hispatec';
import { createExecuteContext, type HarnessOptions } from '../../../harness/nodeContext';

export function credentialsFor(
	emulator: HispatecEmulator,
	extra: IDataObject = {},
): ICredentialDataDecryptedObject {
	return emulatorCredentials(emulator, extra) as ICredentialDataDecryptedObject;
}

export function harnessOptions(
	emulator: HispatecEmulator,
	extra: IDataObject = {},
	options: HarnessOptions = {},
): HarnessOptions {
	return {
		...options,
		credentials: { hispatecApi: credentialsFor(emulator, extra) },
		credentialTypes: { hispatecApi: new HispatecApi() },
	};
}

/**
 * A client on the node's transport. Retry waits go to `clientOptions.sleep` when given, else to a
 * no-op (tests never wait for real; retry.test.ts records the delays).
 */
export async function clientFor(
	emulator: HispatecEmulator,
	extra: IDataObject = {},
	options: HarnessOptions = {},
	clientOptions: ClientOptions = {},
): Promise<HispatecSoapClient> {
	const { context } = createExecuteContext(
		[{ json: {} }],
		harnessOptions(emulator, extra, options),
	);
	return await createHispatecClient(context, { sleep: async () => {}, ...clientOptions });
}

/** A sleep that records the requested delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
	const delays: number[] = [];
	return {
		delays,
		sleep: async (ms: number) => {
			delays.push(ms);
		},
	};
}

/** Decodes the raw XML values the seed uses (CDATA and numeric character references). */
function decodeRawXml(xml: string): string {
	const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(xml);
	if (cdata) return cdata[1];
	return xml
		.replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&amp;/g, '&');
}

/** The raw record a correct SOAP reader yields for an emulator record (values trimmed, nil = null). */
export function expectedRaw(record: EmulatorRecord): RawRecord {
	const out: RawRecord = {};
	for (const [key, value] of Object.entries(record)) {
		if (value === null) out[key] = null;
		else if (typeof value === 'object') out[key] = decodeRawXml(value.$xml).trim();
		else out[key] = value.trim();
	}
	return out;
}

/** Codes of the seed records the normalizer skips, with the reason. */
export const SEED_SKIPPED = {
	contact: [
		['C00065', 'invalid_tax_id'],
		['C00066', 'missing_tax_id'],
		['C00067', 'foreign_tax_id'],
		['C00072', 'missing_name'],
	],
	company: [
		['E00038', 'missing_tax_id'],
		['E00039', 'invalid_tax_id'],
		['E00040', 'foreign_tax_id'],
	],
} as const;

export function codes(count: number, prefix: 'C' | 'E', from = 1): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(5, '0')}`);
}

/**
 * One emulator for the enclosing `describe`, reset (dataset, switches, tokens, stats) before each test.
 * Returns a getter for use inside tests and hooks.
 */
export function useHispatecEmulator(options: HispatecEmulatorOptions = {}): () => HispatecEmulator {
	let emu: HispatecEmulator | undefined;
	beforeAll(async () => {
		emu = await startHispatecEmulator(options);
	});
	afterAll(async () => await emu?.close());
	beforeEach(() => emu?.reset());
	return () => {
		if (!emu) throw new Error('The Hispatec emulator is not running (use inside a describe block)');
		return emu;
	};
}

/**
 * n8n's "On Error: Continue (using error output)" routing (WorkflowExecute.handleNodeErrorOutput),
 * for a node with several main outputs: items of every output but the added last one move to it
 * when they carry `item.error` or their json is an error object. n8n 1.x: exactly `{error}` or
 * `{error, message}` (both truthy); 2.x: `error` plus only `message` / `details` keys. Returns the
 * node's outputs with the error output appended.
 */
export function routeToErrorOutput(
	outputs: INodeExecutionData[][],
	line: '1.x' | '2.x',
): INodeExecutionData[][] {
	const isError = (item: INodeExecutionData): boolean => {
		if (item.error) return true;
		const keys = Object.keys(item.json);
		if (!item.json.error) return false;
		if (line === '2.x') return keys.every((k) => ['error', 'message', 'details'].includes(k));
		return keys.length === 1 || (keys.length === 2 && !!item.json.message);
	};
	const errors: INodeExecutionData[] = [];
	const routed = outputs.map((items) => {
		const kept: INodeExecutionData[] = [];
		for (const item of items) (isError(item) ? errors : kept).push(item);
		return kept;
	});
	return [...routed, errors];
}

/** The HispatecSoapError a promise rejects with (any other outcome fails the test). */
export async function caught(promise: Promise<unknown>): Promise<HispatecSoapError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof HispatecSoapError) return error;
		throw error;
	}
	throw new Error('expected a HispatecSoapError');
}

/**
 * The HispatecSoapError that reading `recordType` fails with, on a client made by `clientFor` with
 * these credential settings, harness options and client options.
 */
export async function fetchFailure(
	emulator: HispatecEmulator,
	extra: IDataObject,
	recordType: RecordType = 'contact',
	options: HarnessOptions = {},
	clientOptions: ClientOptions = {},
): Promise<HispatecSoapError> {
	const client = await clientFor(emulator, extra, options, clientOptions);
	return await caught(client.fetchRecords(recordType));
}

/** Hispatec node parameters: Get Many, every record of `resource`. */
export const getAllParameters = (resource: string, options: IDataObject = {}): IDataObject => ({
	resource,
	operation: 'getAll',
	returnAll: true,
	options,
});

/** Hispatec node parameters: Get Page number `page` (from 0) of `pageSize` records of `resource`. */
export const getPageParameters = (
	resource: string,
	page: number,
	pageSize: number,
	options: IDataObject = {},
): IDataObject => ({ resource, operation: 'getPage', page, pageSize, options });
