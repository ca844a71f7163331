/**
 * Regenerates the README screenshot (docs/screenshot-template.png): the template in the n8n editor, with the packed package installed.
 *
 *   npx tsx harness/n8n/screenshot.ts [out.png]     (default docs/screenshot-template.png)
 *
 * Uses the current 2.x line (N8N_VERSIONS.v2) and Debian's chromium (apt-get install chromium).
 */
import * as path from 'path';
import { launchChromium, screenshotWorkflow, signIn } from './browser';
import { N8N_VERSIONS, REPO_ROOT } from './config';
import { info } from './log';
import { OWNER } from './instance';
import { buildAndPack } from './pack';
import { shutdown } from './procs';
import { prepareN8n, startEmulators, TEMPLATE_ID } from './stack';

async function main(): Promise<void> {
	const out = path.resolve(
		process.argv[2] ?? path.join(REPO_ROOT, 'docs', 'screenshot-template.png'),
	);
	const emulators = await startEmulators();
	const tarball = await buildAndPack(path.join(REPO_ROOT, '.e2e', 'pack-screenshot'));
	const n8n = await prepareN8n(N8N_VERSIONS.v2, tarball, emulators);
	const browser = await launchChromium();
	try {
		await n8n.start();
		await n8n.setupOwnerAndLogin();
		const page = await browser.newPage({
			viewport: { width: 1680, height: 880 },
			deviceScaleFactor: 2,
		});
		await signIn(page, n8n.baseUrl, OWNER.email, OWNER.password);
		const shot = await screenshotWorkflow(page, n8n.baseUrl, TEMPLATE_ID, 9, out);
		info(`Saved ${out} (${shot.nodes.length} canvas nodes)`);
	} finally {
		await browser.close();
		await n8n.dispose();
		await emulators.close();
	}
}

main().then(
	() => shutdown(0),
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		void shutdown(1);
	},
);
