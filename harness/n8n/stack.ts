/**
 * What the demo, the dev loop and the end-to-end suite share: the two emulators, the credentials that
 * point at them, the template prepared for import, and a real n8n with the packed package installed.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	startClientifyEmulator,
	type ClientifyEmulator,
	type ClientifyEmulatorOptions,
} from '../../emulators/clientify';
import {
	emulatorCredentials as hispatecEmulatorCredentials,
	startHispatecEmulator,
	type HispatecEmulator,
	type HispatecEmulatorOptions,
} from '../../emulators/hispatec';
import { REPO_ROOT } from './config';
import { ensureN8n } from './install';
import { N8nInstance, type InstanceOptions } from './instance';
import { installIntoUserFolder } from './pack';

export const TEMPLATE_FILE = path.join(REPO_ROOT, 'workflows', 'hispatec-to-clientify.json');
/** Workflow ids must be at most 16 characters for `n8n execute --id`. */
export const TEMPLATE_ID = 'hispatec2clntfy1';

/** The large-ERP template: the main workflow and the pages workflow it calls (ids fixed in the files). */
export const LARGE_TEMPLATE_FILES = {
	main: path.join(REPO_ROOT, 'workflows', 'hispatec-to-clientify-large.json'),
	pages: path.join(REPO_ROOT, 'workflows', 'hispatec-to-clientify-large-pages.json'),
};
export const LARGE_TEMPLATE_ID = 'hispatecLarge001';
/** The incremental template (Hispatec Trigger → Clientify Upsert), imported inactive. */
export const INCREMENTAL_TEMPLATE_FILE = path.join(
	REPO_ROOT,
	'workflows',
	'hispatec-to-clientify-incremental.json',
);
export const LARGE_PAGES_ID = 'hispatecLargePg1';

export const CREDENTIAL_IDS = { hispatec: 'hispatecEmulat01', clientify: 'clientifyEmula01' };
export const CREDENTIAL_NAMES = { hispatec: 'Hispatec account', clientify: 'Clientify account' };

export interface Emulators {
	hispatec: HispatecEmulator;
	clientify: ClientifyEmulator;
	close(): Promise<void>;
}

export async function startEmulators(
	options: { hispatec?: HispatecEmulatorOptions; clientify?: ClientifyEmulatorOptions } = {},
): Promise<Emulators> {
	const hispatec = await startHispatecEmulator(options.hispatec);
	let clientify: ClientifyEmulator;
	try {
		clientify = await startClientifyEmulator(options.clientify);
	} catch (error) {
		await hispatec.close();
		throw error;
	}
	return {
		hispatec,
		clientify,
		close: async () => {
			await Promise.allSettled([hispatec.close(), clientify.close()]);
		},
	};
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** hispatecApi data pointing at the Hispatec emulator. */
export const hispatecCredentialData = hispatecEmulatorCredentials;

/** clientifyTokenApi data pointing at the Clientify emulator. */
export function clientifyCredentialData(
	emulator: ClientifyEmulator,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, ...overrides };
}

export function emulatorCredentials(emulators: Emulators): CredentialImport[] {
	return [
		{
			id: CREDENTIAL_IDS.hispatec,
			name: CREDENTIAL_NAMES.hispatec,
			type: 'hispatecApi',
			data: hispatecCredentialData(emulators.hispatec),
		},
		{
			id: CREDENTIAL_IDS.clientify,
			name: CREDENTIAL_NAMES.clientify,
			type: 'clientifyTokenApi',
			data: clientifyCredentialData(emulators.clientify),
		},
	];
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{
		id: string;
		name: string;
		type: string;
		typeVersion: number;
		position: [number, number];
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function readTemplate(): WorkflowJson {
	return JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8')) as WorkflowJson;
}

/** Points every credential reference of a workflow at the given credential ids (by credential type). */
export function bindCredentials(
	workflow: WorkflowJson,
	ids: Record<string, string> = credentialIdsByType(),
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			if (ids[type]) ref.id = ids[type];
		}
	}
	return copy;
}

export function credentialIdsByType(): Record<string, string> {
	return { hispatecApi: CREDENTIAL_IDS.hispatec, clientifyTokenApi: CREDENTIAL_IDS.clientify };
}

/** The template with a fixed id and credentials bound to the emulator credentials, ready to import. */
export function templateForImport(): WorkflowJson {
	return { ...bindCredentials(readTemplate()), id: TEMPLATE_ID, active: false };
}

/** Both workflows of the large-ERP template and the incremental template, credentials bound to the emulator credentials. */
export function largeTemplatesForImport(): WorkflowJson[] {
	return [LARGE_TEMPLATE_FILES.pages, LARGE_TEMPLATE_FILES.main, INCREMENTAL_TEMPLATE_FILE].map(
		(file) => ({
			...bindCredentials(JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson),
			active: false,
		}),
	);
}

/**
 * A real n8n of `version` (installed into the cache on first use) with the packed package installed in
 * its community-nodes folder, the emulator credentials and the template imported.
 */
/**
 * n8n 2.41 runs a published sub-workflow from its publication table, which only a running server
 * fills (CLI `publish:workflow` sets the active version): without the publication service, n8n reads
 * the active version directly. Every process that runs the large template needs it (`n8n execute`,
 * and a queue-mode worker, which runs the pages). Unknown to 1.x.
 */
export const PUBLISHED_SUBWORKFLOW_ENV = { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' };

export async function prepareN8n(
	version: string,
	tarball: string,
	emulators: Emulators,
	options: InstanceOptions & {
		workflows?: WorkflowJson[];
		/** Import the templates with `n8n import:workflow` (default); false leaves them to the test (the editor's import). */
		templates?: boolean;
		/** Credentials to import instead of `emulatorCredentials(emulators)`. */
		credentials?: CredentialImport[];
	} = {},
): Promise<N8nInstance> {
	const instance = await N8nInstance.create(await ensureN8n(version), {
		...options,
		extraEnv: { ...PUBLISHED_SUBWORKFLOW_ENV, ...(options.extraEnv ?? {}) },
	});
	try {
		await installIntoUserFolder(instance.userFolder, tarball);
		await instance.importCredentials(options.credentials ?? emulatorCredentials(emulators));
		const templates = options.templates !== false;
		const workflows = [
			...(templates ? [templateForImport(), ...largeTemplatesForImport()] : []),
			...(options.workflows ?? []),
		];
		if (workflows.length) await instance.importWorkflows(workflows);
		// n8n 2 runs a sub-workflow's published version only: publish the large template's pages
		// workflow (it has no trigger of its own, so publishing starts nothing)
		if (templates && instance.major >= 2) await instance.activate(LARGE_PAGES_ID);
		return instance;
	} catch (error) {
		await instance.dispose();
		throw error;
	}
}
