/**
 * `npm run dev`: the demo's setup, then the n8n editor on http://localhost:5678 with the template and
 * credentials ready and both emulators running. Edits under nodes/, credentials/ (or package.json)
 * rebuild and re-pack the package, reinstall it into n8n's community-nodes folder and restart n8n, so
 * node types stay exactly those of a user's install (`n8n-nodes-hispatec.*`). Ctrl-C stops everything.
 *
 * Environment: N8N_DEV_PORT (default 5678); N8N_HISPATEC_N8N_VERSION (default: the demo's version).
 * The n8n data folder is kept in .demo/dev-n8n (git-ignored); credentials and the template are
 * re-imported on every start (the template's id is fixed: save your own changes as a copy).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_N8N_VERSION, REPO_ROOT } from '../harness/n8n/config';
import { info, warn } from '../harness/n8n/log';
import { buildAndPack, installIntoUserFolder } from '../harness/n8n/pack';
import { onShutdown, shutdown } from '../harness/n8n/procs';
import { OWNER } from '../harness/n8n/instance';
import { prepareN8n, startEmulators, TEMPLATE_ID } from '../harness/n8n/stack';

const WATCHED = ['nodes', 'credentials', 'package.json'];

async function main(): Promise<void> {
	const version = process.env.N8N_HISPATEC_N8N_VERSION || DEMO_N8N_VERSION;
	const port = Number(process.env.N8N_DEV_PORT || 5678);
	const packDir = path.join(REPO_ROOT, '.demo');
	const userFolder = path.join(packDir, 'dev-n8n');

	const emulators = await startEmulators();
	onShutdown(() => emulators.close());
	info(`Hispatec SOAP emulator: ${emulators.hispatec.url}${emulators.hispatec.servicePath}`);
	info(`Clientify emulator:     ${emulators.clientify.baseUrl}`);

	let tarball = await buildAndPack(packDir);
	const n8n = await prepareN8n(version, tarball, emulators, { userFolder, port });
	onShutdown(() => n8n.stop());
	await n8n.start({ inherit: true });
	await n8n.setupOwnerAndLogin();
	const banner = (): void =>
		info(
			`n8n ${version} editor: ${n8n.baseUrl}/workflow/${TEMPLATE_ID}\n` +
				`    sign in as ${OWNER.email} / ${OWNER.password}\n` +
				`    watching ${WATCHED.join(', ')}: a change rebuilds, reinstalls the package and restarts n8n. Ctrl-C stops.`,
		);
	banner();

	let timer: NodeJS.Timeout | undefined;
	let busy = false;
	let again = false;
	const rebuild = async (): Promise<void> => {
		if (busy) {
			again = true;
			return;
		}
		busy = true;
		try {
			do {
				again = false;
				try {
					tarball = await buildAndPack(packDir);
				} catch (error) {
					warn(`Build failed; n8n keeps running the previous build.\n${(error as Error).message}`);
					continue;
				}
				info('Reinstalling the package and restarting n8n…');
				await n8n.stop();
				await installIntoUserFolder(n8n.userFolder, tarball);
				await n8n.start({ inherit: true });
				await n8n.setupOwnerAndLogin();
				banner();
			} while (again);
		} finally {
			busy = false;
		}
	};
	for (const entry of WATCHED) {
		const target = path.join(REPO_ROOT, entry);
		fs.watch(target, { recursive: fs.statSync(target).isDirectory() }, (_event, file) => {
			if (file && /\.(test|spec)\.ts$/.test(String(file))) return;
			clearTimeout(timer);
			timer = setTimeout(
				() => void rebuild().catch((error) => warn((error as Error).message)),
				800,
			);
		});
	}
	// runs until Ctrl-C (procs.ts stops n8n and the emulators on SIGINT/SIGTERM)
}

main().catch((error) => {
	const message = error instanceof Error ? error.message : String(error);
	const hint = /already in use/.test(message)
		? '\nSet N8N_DEV_PORT to run the editor on another port.'
		: '';
	process.stderr.write(`\nDev setup failed: ${message}${hint}\n`);
	void shutdown(1);
});
