/**
 * Builds and packs this package exactly as it would be published (`npm run build`, `npm pack`), and
 * installs the tarball into an n8n user folder's community-nodes folder, so node types are those of a
 * user's install: `n8n-nodes-hispatec.<name>`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from './config';
import { withTicker } from './log';
import { cleanNpmEnv } from './install';
import { runOk } from './procs';

export const PACKAGE_NAME = 'n8n-nodes-hispatec';

/** `npm run build` then `npm pack` into `destDir`; returns the tarball's absolute path. */
export async function buildAndPack(
	destDir: string,
	options: { skipBuild?: boolean } = {},
): Promise<string> {
	fs.mkdirSync(destDir, { recursive: true });
	if (!options.skipBuild) {
		await withTicker('Building the package (npm run build)', () =>
			runOk('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT }),
		);
	}
	for (const entry of [
		'dist/nodes/Hispatec/Hispatec.node.js',
		'dist/nodes/Hispatec/HispatecTrigger.node.js',
		'dist/nodes/ClientifyUpsert/ClientifyUpsert.node.js',
	]) {
		if (!fs.existsSync(path.join(REPO_ROOT, entry))) {
			throw new Error(`The build did not produce ${entry}: is that node in the checkout yet?`);
		}
	}
	const result = await runOk('npm', ['pack', '--json', '--pack-destination', destDir], {
		cwd: REPO_ROOT,
		// npm pack must not run `prepublishOnly`/`prepare` lint+build a second time
		env: { ...process.env, npm_config_ignore_scripts: 'true' },
	});
	const parsed = JSON.parse(result.stdout) as Array<{ filename: string }>;
	const tarball = path.join(destDir, path.basename(parsed[0].filename));
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
	return tarball;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n's community-package install does:
 * `npm install --legacy-peer-deps <tarball>` (without --legacy-peer-deps npm would also install the
 * n8n-workflow peer and its native dependencies there).
 */
export async function installIntoUserFolder(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(
			pkgFile,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const env = cleanNpmEnv();
	await runOk(
		'npm',
		[
			'install',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			tarball,
		],
		{ cwd: nodesDir, env },
	);
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!fs.existsSync(path.join(installed, 'package.json')))
		throw new Error(`${PACKAGE_NAME} is not in ${nodesDir}`);
	return installed;
}

/** A temporary folder removed by the caller (`fs.rmSync(dir, {recursive: true, force: true})`). */
export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
