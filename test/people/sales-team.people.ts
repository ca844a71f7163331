/**
 * `npm run test:people`: a sales team works in Clientify while the ERP sync runs every hour (issue
 * 17, item 7). Seeded and deterministic: `PEOPLE_SEED` (default below, used by CI) picks every ERP
 * change, every edit, which runs overlap or die and at which request; `PEOPLE_RUNS` shortens the run
 * for debugging (the report is written by a default run only, or with `PEOPLE_REPORT=1`);
 * `PEOPLE_VERBOSE=1` prints every failure (the test's message shows the first of each kind).
 *
 * Determinism: one lane per execution (Concurrency 1), so a run's requests come in a fixed order;
 * everything that happens "during" a run is tied to the Nth request of that run's API key through
 * the emulator's `gate` (never to time). An overlap holds run A's Nth request until run B (another
 * key) has finished; a death aborts A at its Nth request, or drops every request from the Nth with
 * retries off. The clock (the process's, so the node's and the emulator's together: clock.ts) jumps
 * an hour (sometimes a weekend) before each run, after the team's edits, so nothing the team did
 * between runs falls into a run's re-check window by timing.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { startClientifyEmulator, type ClientifyEmulator } from '../../emulators/clientify';
import { Checker } from './checks';
import { processClock } from './clock';
import { Erp, type ErpChange } from './erp';
import { runNode, type NodeRunOptions, type NodeRunResult } from './node';
import { peopleSection, writePeopleSection, type PeopleFigures } from './report';
import { Rng } from './rng';
import { Team } from './team';

const DEFAULT_SEED = 20260517;
const DEFAULT_RUNS = 60;
const SEED = Number(process.env.PEOPLE_SEED ?? DEFAULT_SEED);
const RUNS = Number(process.env.PEOPLE_RUNS ?? DEFAULT_RUNS);
const WRITE_REPORT =
	process.env.PEOPLE_REPORT === '1' ||
	(process.env.PEOPLE_REPORT !== '0' && SEED === DEFAULT_SEED && RUNS === DEFAULT_RUNS);

const KEY_A = 'people-run-a';
const KEY_B = 'people-run-b';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

type RunKind = 'clean' | 'during' | 'overlap' | 'died-abort' | 'died-dropped';
const RUN_WEIGHTS: Record<RunKind, number> = {
	clean: 3,
	during: 4,
	overlap: 1.2,
	'died-abort': 0.8,
	'died-dropped': 0.8,
};
const RUN_LABELS: Record<RunKind, string> = {
	clean: 'clean (edits between runs only)',
	during: 'with edits during the run',
	overlap: 'overlapping (two executions, one held at its Nth request)',
	'died-abort': 'died: aborted at its Nth request',
	'died-dropped': 'died: every request dropped from the Nth, no retries',
};

jest.setTimeout(15 * 60 * 1000);

describe(`the sales team's work survives the sync (seed ${SEED})`, () => {
	let emu: ClientifyEmulator;

	beforeAll(async () => {
		processClock.install();
		emu = await startClientifyEmulator({ apiKey: KEY_A, apiKeys: [KEY_B] });
	});
	afterAll(async () => {
		await emu?.close();
		processClock.uninstall();
	});

	it(`${RUNS} runs, people editing between and during them`, async () => {
		const started = performance.now();
		const rng = new Rng(SEED);
		const erp = new Erp(rng.fork(1));
		const team = new Team(emu, rng.fork(2), erp);
		const plan = rng.fork(3);
		const checker = new Checker(emu, team, SEED);

		// companies first: each contact names one of them (issue 20's links)
		for (let i = 0; i < 30; i++) erp.add('company');
		for (let i = 0; i < 90; i++) erp.add('contact');
		team.seedBeforeFirstSync();

		const runs: Record<string, number> = {};
		const outcomes: Record<string, number> = {};
		/** Contact → company link outcomes (issue 20), by `link.action`. */
		const links: Record<string, number> = {};
		const failedInLiveRuns: Record<string, number> = {};
		const warnings: Record<string, number> = {};
		let overlapsNotReached = 0;
		let requests = 0;
		let deletes = 0;
		let previous: RunKind = 'clean';
		/** ERP code → the Clientify record the last run named for it (`contacts:12`). */
		const named = new Map<string, string>();

		for (let run = 1; run <= RUNS; run++) {
			const kind: RunKind =
				run === 1
					? 'overlap'
					: previous !== 'clean' && previous !== 'during'
						? 'clean'
						: plan.weighted(RUN_WEIGHTS);
			runs[RUN_LABELS[kind]] = (runs[RUN_LABELS[kind]] ?? 0) + 1;
			// Hourly runs; now and then a weekend, but never right after a run that overlapped or died.
			// The node's clock and Clientify's move together (clock.ts), as in production; the team's
			// edits are spread over the gap, the last one at least a minute before the run.
			const gap = previous === 'clean' && plan.chance(0.1) ? 60 * HOUR : HOUR;
			let elapsed = 0;
			const prefer = new Set<string>();
			if (run > 1) {
				const changes = plan.int(2, 8);
				for (let i = 0; i < changes; i++) {
					const changed = erp.change().record;
					const target = changed && named.get(changed.sourceId);
					if (target) prefer.add(target);
				}
				const edits = plan.int(26, 42);
				const times = Array.from({ length: edits }, () => plan.int(MINUTE, gap - MINUTE)).sort(
					(a, b) => a - b,
				);
				for (let done = 0, tries = 0; done < edits && tries < 3 * edits; tries++) {
					if (times[done] > elapsed) {
						processClock.advance(times[done] - elapsed);
						elapsed = times[done];
					}
					if (team.act('between', run)) done++;
				}
			}
			processClock.advance(gap - elapsed);

			const inputs = erp.normalized();
			const makePrimary = plan.chance(0.8);
			const base: Omit<NodeRunOptions, 'apiKey'> = {
				onValueChange: makePrimary ? 'makePrimary' : 'addOnly',
				lookupStrategy: plan.chance(0.75) ? 'auto' : 'searchEach',
				concurrency: 1,
				maxRetries: 5,
			};
			const only = team.liveKeys();
			const during = new Map<string, number>();
			if (kind === 'during' || kind === 'overlap') {
				for (const seq of plan.distinct(plan.int(5, 12), 1, 45))
					during.set(`${KEY_A}#${seq}`, (during.get(`${KEY_A}#${seq}`) ?? 0) + 1);
				if (kind === 'overlap')
					for (const seq of plan.distinct(plan.int(1, 4), 1, 30)) during.set(`${KEY_B}#${seq}`, 1);
			}
			const at = run === 1 ? plan.int(20, 80) : plan.int(2, 30);
			if (process.env.PEOPLE_VERBOSE === '1')
				process.stdout.write(
					`run ${run}: ${kind}${kind === 'clean' || kind === 'during' ? '' : ` at request ${at}`}, ${base.onValueChange}, ${base.lookupStrategy}, ${inputs.length} ERP records, step ${team.step}\n`,
				);
			const controller = new AbortController();
			let second: Promise<NodeRunResult> | undefined;
			const startSecond = () => (second ??= runNode(emu, inputs, { ...base, apiKey: KEY_B }));

			emu.log.reset();
			emu.setOption('gate', async (request) => {
				const edits = during.get(`${request.apiKey}#${request.keySeq}`) ?? 0;
				for (let i = 0; i < edits; i++) team.act('during', run, only, prefer);
				if (request.apiKey !== KEY_A || request.keySeq !== at) return;
				if (kind === 'died-abort') controller.abort();
				if (kind === 'overlap') await startSecond();
			});
			emu.setOption(
				'faultHook',
				kind === 'died-dropped'
					? (request) =>
							request.apiKey === KEY_A && request.keySeq >= at ? { drop: true } : undefined
					: null,
			);
			const first = await runNode(emu, inputs, {
				...base,
				apiKey: KEY_A,
				maxRetries: kind === 'died-dropped' ? 0 : 5,
				abortSignal: controller.signal,
			});
			if (kind === 'overlap' && !second) overlapsNotReached++;
			const other = kind === 'overlap' ? await startSecond() : undefined;
			emu.setOption('gate', null);
			emu.setOption('faultHook', null);
			requests += emu.log.requests.length;
			deletes += emu.log.requests.filter(
				(r) => r.method === 'DELETE' && /^\/v1\/(contacts|companies)\/\d+\/$/.test(r.path),
			).length;

			const died = kind === 'died-abort' || kind === 'died-dropped';
			for (const [label, result] of [
				['run', first],
				['overlapping run', other],
			] as const) {
				if (!result) continue;
				checker.checkRun(run, label, inputs, result.json, {
					makePrimary,
					died,
					thrown: result.thrown,
				});
				result.json.forEach((json, i) => {
					if (['created', 'updated', 'unchanged'].includes(String(json.action)))
						named.set(
							String(inputs[i].sourceId),
							`${inputs[i].recordType === 'company' ? 'companies' : 'contacts'}:${String(json.clientifyId)}`,
						);
				});
				for (const json of result.json) {
					for (const w of Array.isArray(json.warnings) ? (json.warnings as IDataObject[]) : [])
						warnings[String(w.code)] = (warnings[String(w.code)] ?? 0) + 1;
					const action = String(json.action);
					outcomes[action] = (outcomes[action] ?? 0) + 1;
					const link = (json.link as IDataObject | undefined)?.action;
					if (link) links[String(link)] = (links[String(link)] ?? 0) + 1;
					if (action === 'failed' && !died) {
						const error = String(json.error ?? '').replace(/\d+/g, 'N');
						failedInLiveRuns[error] = (failedInLiveRuns[error] ?? 0) + 1;
					}
				}
			}
			checker.checkPeople(run);
			if (kind === 'clean' || kind === 'during') checker.checkDuplicates(run);
			previous = kind;
		}

		const store = emu.store;
		const origins = (origin: string) =>
			(['contacts', 'companies'] as const).reduce(
				(n, entity) =>
					n +
					[...store.table(entity).keys()].filter(
						(id) => store.originOf(entity, id)?.origin === origin,
					).length,
				0,
			);
		const figures: PeopleFigures = {
			seed: SEED,
			runs,
			overlapsNotReached,
			outcomes,
			links,
			failedInLiveRuns,
			warnings,
			requests,
			deletes,
			edits: team.counts,
			erpChanges: erp.changes as Record<ErpChange, number>,
			records: {
				erp: erp.records.size,
				contacts: store.contacts.size,
				companies: store.companies.size,
				byPeople: origins('people'),
				bySync: origins('api'),
				tracked: team.tracked.size,
				deals: store.work.deal.size,
				tasks: store.work.task.size,
				notes: store.work.note.size,
			},
			keptTwins: checker.keptTwins,
			violations: checker.violations,
		};
		const section = peopleSection(figures);
		if (WRITE_REPORT) writePeopleSection(section);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		process.stdout.write(
			`\n[test:people] seed ${SEED}: ${RUNS} runs, ${team.totalEdits} edits, ${requests} requests, ` +
				`${checker.violations.length} failures, ${seconds} s; store digest ${digest(emu)}` +
				`${WRITE_REPORT ? '; RELIABILITY.md written' : ''}\n`,
		);

		if (process.env.PEOPLE_VERBOSE === '1')
			process.stdout.write(checker.violations.map((v) => `${v.message}\n`).join(''));

		expect(team.totalEdits).toBeGreaterThanOrEqual(RUNS === DEFAULT_RUNS ? 2000 : 0);
		if (checker.violations.length) {
			const byKind = new Map<string, string[]>();
			for (const v of checker.violations)
				byKind.set(v.kind, [...(byKind.get(v.kind) ?? []), v.message]);
			const text = [...byKind]
				.map(
					([kind, messages]) =>
						`${kind}: ${messages.length}\n${messages
							.slice(0, 4)
							.map((m) => `  - ${m}`)
							.join('\n')}`,
				)
				.join('\n');
			// The people's steps the first failures name, as the journal tells them.
			const steps = new Set<number>();
			for (const v of checker.violations.slice(0, 6))
				for (const m of v.message.matchAll(/step (\d+)/g)) steps.add(Number(m[1]));
			const told = [...steps]
				.sort((a, b) => a - b)
				.map((s) => team.journal.get(s))
				.filter(Boolean);
			throw new Error(
				`${checker.violations.length} invariant failures (replay: PEOPLE_SEED=${SEED} npm run test:people)\n${text}` +
					`\nSteps the first failures name:\n${told.map((s) => `  ${s}`).join('\n')}`,
			);
		}
	});
});

/** A digest of the store without stamps: the same seed on the same code gives the same digest. */
function digest(emu: ClientifyEmulator): string {
	const snap = emu.store.snapshot();
	const strip = (rows: Array<Record<string, unknown>>) =>
		rows.map(({ created: _c, modified: _m, ...rest }) => rest);
	// Stamps inside values (the sync state carries one: ISO or epoch ms) are the clock's, not the seed's.
	const text = JSON.stringify({
		contacts: strip(snap.contacts),
		companies: strip(snap.companies),
		work: strip(snap.work as unknown as Array<Record<string, unknown>>),
	})
		.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'T')
		.replace(/\b1\d{12}\b/g, 'T');
	return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
