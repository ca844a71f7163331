/**
 * Sync cost against the Clientify rate limit, scenarios (a)–(d) of harness/syncCost.ts, against the
 * Clientify emulator with latency and a rate limit; one JSON line per scenario.
 *
 *   npx tsx scripts/bench-sync.ts [--records 2000] [--unrelated 20000] [--latency 50] [--limit 10] [--links]
 *
 * `--links` (issue 20): every contact names its company (20 contacts per company); the companies are
 * synced first and each contact is linked to its company ((a)–(c) only).
 */
import { runScenarios } from '../harness/syncCost';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

runScenarios({
	records: arg('records', 2000),
	unrelated: arg('unrelated', 20000),
	latencyMs: arg('latency', 50),
	limit: arg('limit', 10),
	links: process.argv.includes('--links'),
})
	.then((results) => {
		for (const r of results) console.log(JSON.stringify(r));
	})
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
