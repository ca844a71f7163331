/**
 * Shared setup for the Clientify Upsert tests: run the node over real HTTP against the emulator.
 */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { ClientifyTokenApi } from '../../../credentials/ClientifyTokenApi.credentials';
import { ClientifyIndex } from '../../../nodes/ClientifyIndex/ClientifyIndex.node';
import { DEFAULT_RETRY_DEPS, execute } from '../../../nodes/ClientifyUpsert/actions/execute';
import { DEFAULT_CUSTOM_FIELD_PREFIX } from '../../../nodes/shared/clientify/desired/source';
import { buildDesiredRecord } from '../../../nodes/shared/clientify/desired/desired';
import {
	buildSyncState,
	desiredKeys,
	encodeSyncState,
} from '../../../nodes/shared/clientify/syncState';
import { sourceFromNormalizedRecord } from '../../../nodes/shared/clientify/desired/source';
import { validCif, validDni } from '../../../harness/taxIds';
import { companyRecord } from '../../../harness/syncCost';
import type { NormalizedRecord } from '../../../nodes/shared/types';
import { ejidoAddress } from '../../helpers/clientify';
import { createExecuteContext, type HarnessOptions } from '../../../harness/nodeContext';
import {
	startClientifyEmulator,
	type ClientifyEmulator,
	type ClientifyEmulatorOptions,
	type SeedRecord,
} from '../../../emulators/clientify';

/** A valid DNI built from a number (20000000 + n). */
export function dni(n: number): string {
	return validDni(String(20000000 + n).padStart(8, '0'));
}

/** A valid B-type CIF built from a number. */
export function cif(n: number): string {
	return validCif(String(1000000 + n).padStart(7, '0'));
}

export function contact(n: number, overrides: Partial<NormalizedRecord> = {}): NormalizedRecord {
	return {
		recordType: 'contact',
		taxId: dni(n),
		taxIdType: 'DNI',
		taxIdField: 'IdentificacionFiscalCliente',
		kind: 'person',
		firstName: `Nombre${n}`,
		lastName: `Apellido${n}`,
		name: `Nombre${n} Apellido${n}`,
		email: `c${n}@agro.es`,
		emails: [`c${n}@agro.es`],
		phone: '+34950000000',
		phones: [{ number: `+3495${String(n).padStart(7, '0')}`, type: 'landline', field: 'Telefono' }],
		address: {
			street: `Calle ${n}`,
			city: 'El Ejido',
			province: 'Almería',
			postalCode: '04700',
			country: 'ES',
		},
		sourceId: `C${n}`,
		extra: {},
		warnings: [],
		...overrides,
	};
}

/** Overrides for `contact(n)` without e-mails, phones or address (only names and tax ID are synced). */
export const NO_LISTS: Partial<NormalizedRecord> = {
	emails: [],
	email: undefined,
	phones: [],
	phone: undefined,
	address: undefined,
};

/** The fields `contact(n)` is created with in Clientify (tag `hispatec`; custom fields aside). */
export function createdContactBody(n: number): IDataObject {
	return {
		taxpayer_identification_number: dni(n),
		first_name: `Nombre${n}`,
		last_name: `Apellido${n}`,
		emails: [{ email: `c${n}@agro.es`, type: 1 }],
		phones: [{ phone: `+3495${String(n).padStart(7, '0')}`, type: 3 }],
		addresses: [ejidoAddress(`Calle ${n}`)],
		tags: ['hispatec'],
	};
}

export function company(n: number, overrides: Partial<NormalizedRecord> = {}): NormalizedRecord {
	return { ...companyRecord(n, cif(n)), ...overrides };
}

export interface RunOptions {
	parameters?: IDataObject;
	itemParameters?: Array<IDataObject | undefined>;
	continueOnFail?: boolean;
	onError?: INode['onError'];
	credentials?: IDataObject;
	abortSignal?: AbortSignal;
	/** The node's version (default 1, as in workflows saved before version 2). */
	typeVersion?: number;
}

export interface RunResult {
	output: INodeExecutionData[][];
	json: IDataObject[];
}

/**
 * Retries without backoff (Retry-After still honoured) and without pacing (that is tested in
 * test/unit/shared/clientify/client/timing.test.ts): the node's `execute` with injected timing, as the node class calls it with the
 * defaults.
 */
export const FAST_RETRY: typeof DEFAULT_RETRY_DEPS = {
	timing: { ...DEFAULT_RETRY_DEPS.timing, baseDelayMs: 0, maxSpacingMs: 0 },
};

/** Runs Clientify Upsert once over `records` (item json) against the emulator. */
export async function runUpsert(
	emu: ClientifyEmulator,
	records: object[],
	opts: RunOptions = {},
): Promise<RunResult> {
	const { context } = createExecuteContext(
		records.map((json) => ({ json: json as IDataObject })),
		{
			parameters: {
				recordType: 'auto',
				fieldsSource: 'normalized',
				options: {},
				...opts.parameters,
			},
			itemParameters: opts.itemParameters,
			credentials: {
				clientifyTokenApi: {
					apiKey: emu.apiKey,
					baseUrl: emu.baseUrl,
					...(opts.credentials ?? {}),
				},
			},
			credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
			continueOnFail: opts.continueOnFail ?? false,
			nodeType: 'n8n-nodes-hispatec.clientifyUpsert',
			nodeName: 'Clientify Upsert',
			abortSignal: opts.abortSignal,
			typeVersion: opts.typeVersion,
		},
	);
	if (opts.onError) context.getNode().onError = opts.onError;
	// The sync's clock follows the emulator's (a test may let weeks pass with `emu.advanceClock`).
	const output = await execute.call(context, { ...FAST_RETRY, now: () => emu.store.clock() });
	return { output, json: output[0].map((i) => i.json) };
}

/** Runs Clientify Index (both outputs): `parameters` over Index Records of both entities. */
export async function runIndex(
	emu: ClientifyEmulator,
	parameters: IDataObject = {},
	input: IDataObject[] = [{}],
	// how n8n runs it: by default a trigger's execution that n8n does not keep (no saved-execution warning)
	run: Pick<HarnessOptions, 'mode' | 'workflowSettings'> = {
		mode: 'integrated',
		workflowSettings: { saveDataSuccessExecution: 'none' },
	},
): Promise<{ result: IDataObject; removed: IDataObject[] }> {
	const { context } = createExecuteContext(
		input.map((json) => ({ json })),
		{
			...run,
			parameters: { recordTypes: ['company', 'contact'], options: {}, ...parameters },
			credentials: { clientifyTokenApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
			continueOnFail: false,
			nodeType: 'n8n-nodes-hispatec.clientifyIndex',
			nodeName: 'Clientify Index',
		},
	);
	const [[item], removed] = await new ClientifyIndex().execute.call(context);
	return { result: item.json, removed: removed.map((i) => i.json) };
}

/** Runs and expects a thrown n8n error. */
export async function runUpsertError(
	emu: ClientifyEmulator,
	records: object[],
	opts: RunOptions = {},
): Promise<NodeApiError | NodeOperationError> {
	let thrown: unknown;
	await runUpsert(emu, records, opts).then(
		() => undefined,
		(error: unknown) => {
			thrown = error;
		},
	);
	if (!thrown) throw new Error('expected the node to throw');
	return thrown as NodeApiError | NodeOperationError;
}

/**
 * n8n's routing of "On Error: Continue (using error output)" (handleNodeErrorOutput): an item with
 * `error`, or whose json is `{error}` / `{error, message}` (n8n 1.x; 2.x also allows `details`).
 */
export function routeErrorOutput(output: INodeExecutionData[][]): {
	success: INodeExecutionData[];
	errors: INodeExecutionData[];
} {
	const success: INodeExecutionData[] = [];
	const errors: INodeExecutionData[] = [];
	for (const item of output[0]) {
		const keys = Object.keys(item.json);
		const isError =
			!!item.error ||
			(item.json.error && keys.length === 1) ||
			(item.json.error && item.json.message && keys.length === 2);
		(isError ? errors : success).push(item);
	}
	return { success, errors };
}

/** The actions of a run, in item order. */
export function actions(result: RunResult): string[] {
	return result.json.map((j) => String(j.action));
}

/**
 * One emulator for the enclosing `describe`, reset (store, log, options) before each test.
 * Returns a getter: `const emu = useClientifyEmulator(); … emu().store`.
 */
export function useClientifyEmulator(
	options: ClientifyEmulatorOptions = {},
): () => ClientifyEmulator {
	let emu: ClientifyEmulator | undefined;
	beforeAll(async () => {
		emu = await startClientifyEmulator(options);
	});
	afterAll(async () => await emu?.close());
	beforeEach(() => emu?.reset());
	return () => {
		if (!emu)
			throw new Error('The Clientify emulator is not running (use inside a describe block)');
		return emu;
	};
}

/**
 * The same emulator as `useClientifyEmulator`, as a value: `const emu = withClientifyEmulator();`
 * at the top of a `describe`, then `emu.store`, `runUpsert(emu, …)` in its tests (each property is
 * read from the running emulator when used).
 */
export function withClientifyEmulator(options: ClientifyEmulatorOptions = {}): ClientifyEmulator {
	const current = useClientifyEmulator(options);
	return new Proxy({} as ClientifyEmulator, {
		get: (_target, property) => Reflect.get(current(), property),
	});
}

/** Another client creates `seed` in Clientify just before the node's next contact create (POST). */
export function seedBeforeCreate(emu: ClientifyEmulator, seed: SeedRecord): void {
	emu.setOption('faults', [
		{
			method: 'POST',
			path: '/contacts/',
			before: (store) => {
				store.seedContact(seed);
			},
		},
	]);
}

/** The request log's lines, with the re-check's window stamp (it depends on the clock) as `T`. */
export function logLines(emu: ClientifyEmulator): string[] {
	return emu.log.lines().map((line) => line.replace(/created%5Bgte%5D=[^&]+/, 'created[gte]=T'));
}

/** The re-check listing after a batch that created records (overlapping runs). */
export function recheckLine(
	entity: 'contacts' | 'companies' = 'contacts',
	version: 'v1' | 'v2' = 'v1',
	fields?: string,
): string {
	return `GET /${version}/${entity}/?created[gte]=T&ordering=id&page_size=100${fields ? `&fields=${encodeURIComponent(fields).replace(/%20/g, '+')}` : ''}`;
}

/**
 * The sync state the node writes for a normalized record (to seed a CRM synced before): every value
 * the sync's own, and `marker` as the creation marker (our clock at the create; 1 = an older
 * version's untied marker).
 */
export function syncStateFor(
	record: NormalizedRecord,
	options: { marker?: number; prefix?: string } = {},
): string {
	const source = sourceFromNormalizedRecord(
		record,
		record.recordType,
		options.prefix ?? DEFAULT_CUSTOM_FIELD_PREFIX,
	);
	const built = buildDesiredRecord(source, record.recordType, { tags: ['hispatec'] });
	if (!built.ok) throw new Error(built.message);
	return encodeSyncState(buildSyncState(built.desired, desiredKeys(built.desired), options.marker));
}
