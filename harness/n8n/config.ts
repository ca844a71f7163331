/**
 * Pinned versions and cache locations for the real n8n installs used by `npm run demo`, `npm run dev`
 * and `npm run test:e2e`. Installs live outside the checkout (never committed) and are reused.
 */
import * as os from 'os';
import * as path from 'path';

/** The n8n lines the end-to-end suite runs against. Exact versions: see CONTRIBUTING.md, "End-to-end tests". */
export const N8N_VERSIONS = {
	/** Current 2.x line; needs Node >= 24 (2.41.3 cannot be installed: a dependency is missing upstream). */
	v2: '2.41.1',
	/** Newest 1.123.x; runs on Node 20 with the legacy expression engine. */
	v1: '1.123.81',
} as const;

/** The version `npm run demo` and `npm run dev` use: runs on the machine's Node 20, so it installs faster. */
export const DEMO_N8N_VERSION = N8N_VERSIONS.v1;

/** Node 24 for n8n 2.x, from the npm package `node` (ships a full build, headers included). */
export const NODE24_VERSION = '24.21.0';

/** The last xlsx release on the npm registry (n8n pins a CDN tarball that is unreachable here). */
export const XLSX_OVERRIDE = '0.18.5';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Cache root: `$N8N_HISPATEC_CACHE`, else `$XDG_CACHE_HOME/n8n-nodes-hispatec`, else `~/.cache/…`. */
export function cacheRoot(): string {
	if (process.env.N8N_HISPATEC_CACHE) return path.resolve(process.env.N8N_HISPATEC_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-hispatec');
}

export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

/** n8n 2.x declares Node >= 24. */
export function needsNode24(version: string): boolean {
	return majorOf(version) >= 2;
}
