/**
 * `npm run screenshots`: regenerates every editor screenshot in docs/ from a real n8n (the current 2.x
 * line, N8N_VERSIONS.v2) with the packed package installed, in headless Debian chromium:
 *
 * - docs/screenshot-template.png: the template on the canvas (README);
 * - docs/panel-<node>.png: each node's panel (NDV) as the template sets the node up, at the node's
 *   current version, with every option of its Options collection added at its default (or a value
 *   that shows what the others mean), so each one shows (docs/hispatec.md, docs/clientify-upsert.md,
 *   docs/clientify-index.md, which also shows Find Removed Records). A new option appears on the
 *   next run.
 *
 * Runs the emulators for the credentials and stops everything it started. About 2 minutes once n8n is
 * installed (the first run installs it, see CONTRIBUTING.md).
 */
import * as path from 'path';
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import {
	launchChromium,
	screenshotPanel,
	screenshotWorkflow,
	signIn,
} from '../harness/n8n/browser';
import { N8N_VERSIONS, REPO_ROOT } from '../harness/n8n/config';
import { info } from '../harness/n8n/log';
import { OWNER } from '../harness/n8n/instance';
import { buildAndPack, PACKAGE_NAME } from '../harness/n8n/pack';
import { shutdown } from '../harness/n8n/procs';
import {
	bindCredentials,
	prepareN8n,
	startEmulators,
	TEMPLATE_ID,
	type WorkflowJson,
} from '../harness/n8n/stack';

// tsx resolves "X.node" to the codex X.node.json: load the .ts files explicitly.
const load = <T>(file: string): T =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(path.join(__dirname, '..', 'nodes', file)) as T;
const { Hispatec } = load<typeof import('../nodes/Hispatec/Hispatec.node')>(
	'Hispatec/Hispatec.node.ts',
);
const { HispatecTrigger } = load<typeof import('../nodes/Hispatec/HispatecTrigger.node')>(
	'Hispatec/HispatecTrigger.node.ts',
);
const { ClientifyUpsert } = load<typeof import('../nodes/ClientifyUpsert/ClientifyUpsert.node')>(
	'ClientifyUpsert/ClientifyUpsert.node.ts',
);
const { ClientifyIndex } = load<typeof import('../nodes/ClientifyIndex/ClientifyIndex.node')>(
	'ClientifyIndex/ClientifyIndex.node.ts',
);

const DOCS = path.join(REPO_ROOT, 'docs');
export const PANELS_WORKFLOW_ID = 'panelShots000001';

/** One panel to photograph: the node (in the panels workflow) and the PNG it goes to. */
interface PanelSpec {
	node: WorkflowJson['nodes'][number];
	description: INodeTypeDescription;
	file: string;
}

/**
 * Whether a parameter shows for these parameter values (`displayOptions.show` / `hide`, one level); a
 * parameter not given counts at its default (`description`).
 */
function shows(
	property: INodeProperties,
	parameters: Record<string, unknown>,
	description?: INodeTypeDescription,
): boolean {
	const value = (key: string) => {
		const name = key.replace(/^\//, '');
		return name in parameters
			? parameters[name]
			: description?.properties.find((p) => p.name === name)?.default;
	};
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return (
		Object.entries(show).every(([key, values]) => (values ?? []).includes(value(key) as never)) &&
		!Object.entries(hide).some(([key, values]) => (values ?? []).includes(value(key) as never))
	);
}

/** The node's "Options" collection for these parameters, every option added with its default. */
function everyOption(
	description: INodeTypeDescription,
	parameters: Record<string, unknown>,
): Record<string, unknown> {
	const options = description.properties.find(
		(p) => p.name === 'options' && p.type === 'collection' && shows(p, parameters, description),
	);
	return Object.fromEntries(
		((options?.options ?? []) as INodeProperties[])
			.filter((o) => shows(o, parameters, description))
			.map((o) => [o.name, o.default]),
	);
}

/** The version a node gets when a user adds it now (`defaultVersion`, else the newest). */
function currentVersion(description: INodeTypeDescription): number {
	const { version, defaultVersion } = description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/**
 * A node as a user first sets it up (the template's choices), with its Options expanded: every option
 * added with its default, so the picture shows each one (a new option appears on the next run).
 * `choices`: options set to another value than their default, so the options they govern make sense
 * (e.g. *Removal Tag* beside *When a Record Leaves the ERP*: Tag It); `name`: when the node's default
 * name is taken by another panel of the same node.
 */
function panel(
	nodeType: { new (): INodeType },
	position: [number, number],
	parameters: Record<string, unknown>,
	file: string,
	{ choices = {}, name }: { choices?: Record<string, unknown>; name?: string } = {},
): PanelSpec {
	const { description } = new nodeType();
	const credential = description.credentials?.[0]?.name as string;
	return {
		description,
		file,
		node: {
			id: path.basename(file, '.png'),
			name: name ?? (description.defaults.name as string),
			type: `${PACKAGE_NAME}.${description.name}`,
			typeVersion: currentVersion(description),
			position,
			parameters: {
				...parameters,
				options: { ...everyOption(description, parameters), ...choices },
			},
			// rebound to the emulator credentials by bindCredentials (by credential type)
			credentials: { [credential]: { id: credential, name: credential } },
		},
	};
}

export const PANELS: PanelSpec[] = [
	panel(
		Hispatec,
		[0, 0],
		{ resource: 'company', operation: 'getAll', returnAll: true },
		'panel-hispatec.png',
	),
	panel(HispatecTrigger, [0, 300], { resource: 'contact' }, 'panel-hispatec-trigger.png'),
	panel(ClientifyUpsert, [300, 0], {}, 'panel-clientify-upsert.png', {
		choices: { onRecordRemoved: 'tag' },
	}),
	panel(ClientifyIndex, [300, 300], {}, 'panel-clientify-index.png'),
	panel(
		ClientifyIndex,
		[600, 300],
		{ operation: 'findRemoved' },
		'panel-clientify-index-removed.png',
		{ name: 'Clientify Index (Find Removed Records)' },
	),
];

export function panelsWorkflow(): WorkflowJson {
	return {
		...bindCredentials({
			name: 'Node panels (screenshots)',
			nodes: PANELS.map((p) => p.node),
			connections: {
				Hispatec: { main: [[{ node: 'Clientify Upsert', type: 'main', index: 0 }], []] },
			},
			settings: { executionOrder: 'v1' },
		}),
		id: PANELS_WORKFLOW_ID,
		active: false,
	};
}

async function main(): Promise<void> {
	const emulators = await startEmulators();
	const tarball = await buildAndPack(path.join(REPO_ROOT, '.e2e', 'pack-screenshot'));
	const n8n = await prepareN8n(N8N_VERSIONS.v2, tarball, emulators, {
		workflows: [panelsWorkflow()],
	});
	const browser = await launchChromium();
	try {
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		// one signed-in browser context for every page: n8n rate-limits sign-ins
		const context = await browser.newContext({ deviceScaleFactor: 2 });
		const canvas = await context.newPage();
		await canvas.setViewportSize({ width: 1680, height: 880 });
		await signIn(canvas, n8n.baseUrl, OWNER.email, OWNER.password);
		const template = path.join(DOCS, 'screenshot-template.png');
		const shot = await screenshotWorkflow(canvas, n8n.baseUrl, TEMPLATE_ID, 9, template);
		info(`Saved ${path.relative(REPO_ROOT, template)} (${shot.nodes.length} canvas nodes)`);
		await canvas.close();

		for (const panel of PANELS) {
			// a fresh page per panel: the editor opens the workflow as a user would, nothing left open
			const page = await context.newPage();
			await page.setViewportSize({ width: 1100, height: 760 });
			const out = path.join(DOCS, panel.file);
			const shot = await screenshotPanel(
				page,
				n8n.baseUrl,
				PANELS_WORKFLOW_ID,
				panel.node.name,
				out,
			);
			// the picture must show every option and no parameter in error
			const options = Object.keys(panel.node.parameters.options as object).map(
				(name) =>
					(
						panel.description.properties
							.flatMap((p) => (p.name === 'options' ? (p.options as INodeProperties[]) : []))
							.find((o) => o.name === name) as INodeProperties
					).displayName,
			);
			const missing = options.filter((label) => !shot.text.includes(label));
			if (missing.length > 0 || shot.issues.length > 0) {
				throw new Error(
					`${panel.node.name} panel: ${[
						missing.length ? `does not show ${missing.join(', ')}` : '',
						shot.issues.length ? `marks ${shot.issues.join(', ')} in error` : '',
					]
						.filter(Boolean)
						.join('; ')}`,
				);
			}
			info(`Saved ${path.relative(REPO_ROOT, out)} (options: ${options.join(', ')})`);
			await page.close();
		}
	} finally {
		await browser.close();
		await n8n.dispose();
		await emulators.close();
	}
}

if (require.main === module) {
	main().then(
		() => shutdown(0),
		(error) => {
			process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
			void shutdown(1);
		},
	);
}
