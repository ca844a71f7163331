/**
 * `npm run demo`: the whole Hispatec → Clientify sync in a real n8n, twice, on the built-in emulators.
 *
 * 1. starts the Hispatec SOAP emulator and the Clientify emulator (sample data, free ports);
 * 2. installs the pinned n8n on first use (cached in ~/.cache/n8n-nodes-hispatec, outside git);
 * 3. builds and packs this package and installs the tarball into n8n's community-nodes folder;
 * 4. imports credentials pointing at the emulators, and the template workflow;
 * 5. runs the template with `n8n execute` and prints a report;
 * 6. runs it again and checks that nothing was duplicated or rewritten;
 * 7. deletes two records in Hispatec and marks one inactive (*Baja*), runs it a third time and checks
 *    that exactly those three are tagged `hispatec-baja` in Clientify (nothing deleted);
 * 8. stops everything it started.
 *
 * Environment: N8N_HISPATEC_N8N_VERSION picks another n8n version (e.g. 2.41.1);
 * N8N_HISPATEC_CACHE moves the cache; KEEP_DEMO=1 keeps the n8n user folder for inspection.
 */
import * as path from 'path';
import { DEMO_N8N_VERSION, REPO_ROOT } from '../harness/n8n/config';
import { info, warn } from '../harness/n8n/log';
import { buildAndPack } from '../harness/n8n/pack';
import { killAllNow, onShutdown } from '../harness/n8n/procs';
import {
	apiCalls,
	formatReport,
	REMOVAL_TAG,
	summaryOf,
	taggedRemoved,
	type SyncSummary,
} from '../harness/n8n/report';
import { prepareN8n, startEmulators, TEMPLATE_ID } from '../harness/n8n/stack';
import type { N8nInstance } from '../harness/n8n/instance';
import type { ClientifyEmulator } from '../emulators/clientify';

function duplicates(clientify: ClientifyEmulator): string[] {
	const snapshot = clientify.store.snapshot();
	const out: string[] = [];
	for (const [entity, records] of [
		['company', snapshot.companies],
		['contact', snapshot.contacts],
	] as const) {
		const seen = new Map<string, number>();
		for (const r of records) {
			const key = String(r.taxpayer_identification_number ?? '').toUpperCase();
			if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		for (const [taxId, n] of seen) if (n > 1) out.push(`${entity} ${taxId} ×${n}`);
	}
	return out;
}

async function runOnce(
	n8n: N8nInstance,
	emulators: Awaited<ReturnType<typeof startEmulators>>,
	title: string,
): Promise<{ summary: SyncSummary; writes: number }> {
	emulators.hispatec.stats.reset();
	emulators.clientify.log.reset();
	const t0 = Date.now();
	const run = await n8n.execute(TEMPLATE_ID);
	const seconds = (Date.now() - t0) / 1000;
	const summary = summaryOf(run);
	const calls = apiCalls(emulators.hispatec, emulators.clientify);
	process.stdout.write(`${formatReport(title, summary, calls, seconds)}\n`);
	return { summary, writes: calls.clientify.writes };
}

async function main(): Promise<number> {
	const version = process.env.N8N_HISPATEC_N8N_VERSION || DEMO_N8N_VERSION;
	const started = Date.now();
	info(`n8n-nodes-hispatec demo — real n8n ${version}, emulated Hispatec and Clientify`);

	const emulators = await startEmulators();
	onShutdown(() => emulators.close());
	const { hispatec, clientify } = emulators;
	info(
		`Hispatec SOAP emulator: ${hispatec.url}${hispatec.servicePath} ` +
			`(${hispatec.dataset.count('company')} companies, ${hispatec.dataset.count('contact')} contacts)`,
	);
	info(`Clientify emulator: ${clientify.baseUrl} (empty CRM)`);

	let n8n: N8nInstance | undefined;
	try {
		const packDir = path.join(REPO_ROOT, '.demo');
		const tarball = await buildAndPack(packDir);
		info(`Packed ${path.relative(REPO_ROOT, tarball)}`);
		n8n = await prepareN8n(version, tarball, emulators);
		onShutdown(() => n8n?.dispose());
		info(
			`n8n ${version} ready: package installed in ${n8n.userFolder}/.n8n/nodes, credentials and template imported`,
		);

		const first = await runOnce(n8n, emulators, 'Run 1: empty Clientify');
		const before = JSON.stringify(clientify.store.snapshot());
		const second = await runOnce(n8n, emulators, 'Run 2: same data again');
		const after = JSON.stringify(clientify.store.snapshot());

		// act 3: a company and a contact deleted in Hispatec, a contact marked inactive (baja)
		const leaving = { deleted: ['E00007', 'C00010'], inactive: ['C00012'] };
		hispatec.dataset.remove('company', 'E00007');
		hispatec.dataset.remove('contact', 'C00010');
		hispatec.dataset.update('contact', 'C00012', { Baja: 'S' });
		info(
			`In Hispatec: deleted ${leaving.deleted.join(' and ')}, marked ${leaving.inactive.join('')} inactive (Baja = S)`,
		);
		const third = await runOnce(n8n, emulators, 'Run 3: two records deleted, one inactive');
		const tagged = taggedRemoved(clientify);
		const expectedTagged = [...leaving.deleted, ...leaving.inactive].sort();

		const problems: string[] = [];
		if (tagged.join() !== expectedTagged.join())
			problems.push(
				`run 3 tagged ${tagged.join(', ') || 'nothing'} (expected ${expectedTagged.join(', ')})`,
			);
		if (third.summary.removals?.checked !== true) problems.push('run 3 did not check removals');
		const dupes = duplicates(clientify);
		if (dupes.length) problems.push(`duplicates in Clientify: ${dupes.join(', ')}`);
		if (second.writes !== 0) problems.push(`run 2 made ${second.writes} writes (expected 0)`);
		if (before !== after) problems.push('run 2 changed the Clientify data');
		if (second.summary.actions.created + second.summary.actions.updated !== 0) {
			problems.push('run 2 reported created or updated records');
		}
		if (first.summary.actions.failed !== 0)
			problems.push(`run 1 had ${first.summary.actions.failed} failed records`);

		const snapshot = clientify.store.snapshot();
		const linked = snapshot.contacts.filter((c) => typeof c.company === 'number').length;
		process.stdout.write('\n');
		if (problems.length) {
			for (const p of problems) warn(p);
			return 1;
		}
		info(
			`Clientify now holds ${snapshot.companies.length} companies and ${snapshot.contacts.length} contacts, ` +
				`no duplicate tax ID; run 2 made 0 writes and changed nothing.`,
		);
		info(
			`${linked} of ${snapshot.contacts.length} contacts are linked to their company; run 3 tagged ` +
				`${tagged.join(', ')} ${REMOVAL_TAG} (still tagged hispatec, nothing deleted).`,
		);
		info(
			`Done in ${Math.round((Date.now() - started) / 1000)} s. Next: \`npm run dev\` opens the same setup in the n8n editor.`,
		);
		return 0;
	} finally {
		if (n8n) {
			if (process.env.KEEP_DEMO) info(`Kept the n8n user folder: ${n8n.userFolder}`);
			else await n8n.dispose();
		}
		await emulators.close();
	}
}

main()
	.then((code) => {
		killAllNow();
		process.exit(code);
	})
	.catch((error) => {
		process.stderr.write(
			`\nDemo failed: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		killAllNow();
		process.exit(1);
	});
