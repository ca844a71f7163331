/**
 * `npm run test:faults`: the fault matrix (matrix.ts) and the bad-input corpus (corpus/), each case
 * asserted and written to RELIABILITY.md (by a full run only). `FAULTS_DEBUG=1` prints every corpus
 * record's outcome and stored values.
 */
const mockSleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	// Retry waits: recorded (so Retry-After can be checked), not waited for.
	return {
		...actual,
		sleep: async (ms: number) => {
			mockSleeps.push(ms);
			await new Promise((resolve) => setImmediate(resolve));
		},
	};
});

import { startClientifyEmulator, type ClientifyEmulator } from '../../emulators/clientify';
import { startHispatecEmulator, type HispatecEmulator } from '../../emulators/hispatec';
import { CASES, SEED, type FaultCase } from './matrix';
import { writeReliabilityReport, type CaseRow, type CorpusSummary } from './report';
import {
	checkOutcomes,
	crmState,
	duplicateTaxIds,
	findSecrets,
	loadTemplate,
	secretForms,
	runSync,
	stateDiff,
	type Outcome,
	type SyncEnv,
	type SyncRun,
} from './sync';
import { runCorpus } from './corpus/run';

/** Distinctive secrets: any of them in an output, error or log line is a leak. */
const HISPATEC_PASSWORD = `Hsp-PASS-9fQ2&"<ñ>'-2026`;
const CLIENTIFY_API_KEY = 'cfy-SECRET-KEY-5b1e0c9a7d3f';
/** Small pages, so a read has several pages to fail on. */
const HISPATEC_CREDENTIAL = { customizeAdvanced: true, pageSize: 10 };

const rows: CaseRow[] = [];
let corpusSummary: CorpusSummary | undefined;
const consoleLines: string[] = [];

let hispatec: HispatecEmulator;
/** The Clientify emulator of the current case: API v1 (api.clientify.net/v1) or v2 (api-plus …/v2). */
let clientify: ClientifyEmulator;
const emulators: Partial<Record<'v1' | 'v2', ClientifyEmulator>> = {};
const references: Partial<
	Record<'v1' | 'v2', { state: ReturnType<typeof crmState>; outcomes: Map<string, Outcome> }>
> = {};
const template = loadTemplate();
let reference: ReturnType<typeof crmState>;
let referenceOutcomes: Map<string, Outcome>;

function env(extra: Partial<SyncEnv> = {}): SyncEnv {
	return {
		hispatec,
		clientify,
		template,
		...extra,
		hispatecCredential: { ...HISPATEC_CREDENTIAL, ...(extra.hispatecCredential ?? {}) },
		clientifyApiKey: CLIENTIFY_API_KEY,
	};
}

const outcomeClass = (o: Outcome | undefined) =>
	!o
		? 'none'
		: o.action === 'skipped'
			? `skipped:${o.detail}`
			: o.action === 'failed'
				? 'failed'
				: 'synced';

beforeAll(async () => {
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
			consoleLines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
		});
	}
	hispatec = await startHispatecEmulator({ password: HISPATEC_PASSWORD });
	for (const apiVersion of ['v1', 'v2'] as const) {
		clientify = await startClientifyEmulator({ apiKey: CLIENTIFY_API_KEY, apiVersion });
		emulators[apiVersion] = clientify;
		// The reference: a clean run, then a second clean run that must change nothing.
		const clean = await runSync(env());
		const check = checkOutcomes(hispatec, clean);
		if (
			check.missing.length ||
			check.multiple.length ||
			clean.stepFailures.length ||
			check.counts.failed
		) {
			throw new Error(
				`The clean reference run (${apiVersion}) is not clean: ${JSON.stringify({ check, stepFailures: clean.stepFailures })}`,
			);
		}
		references[apiVersion] = {
			state: crmState(clientify),
			outcomes: new Map(clean.outcomes.map((o) => [`${o.entity}:${o.code}`, o])),
		};
		const again = await runSync(env());
		const changed = again.outcomes.filter(
			(o) => o.action !== 'unchanged' && o.action !== 'skipped',
		);
		if (changed.length)
			throw new Error(
				`A second clean run (${apiVersion}) changed ${changed.length} records: ${JSON.stringify(changed.slice(0, 3))}`,
			);
		hispatec.reset();
	}
	clientify = emulators.v1 as ClientifyEmulator;
}, 120000);

afterAll(async () => {
	await hispatec?.close();
	await emulators.v1?.close();
	await emulators.v2?.close();
	jest.restoreAllMocks();
	// Only a full run writes the report (a `-t` filtered run would leave a partial matrix behind).
	if (rows.length === CASES.length && corpusSummary)
		writeReliabilityReport(rows, corpusSummary, { seed: SEED });
	else
		process.stdout.write(
			`RELIABILITY.md not written: ${rows.length} of ${CASES.length} cases${corpusSummary ? '' : ', no corpus'} ran\n`,
		);
});

describe('fault matrix', () => {
	it.each(CASES.map((c) => [c.id, c] as [string, FaultCase]))('%s', async (_id, c) => {
		const apiVersion = c.clientifyApi ?? 'v1';
		clientify = emulators[apiVersion] as ClientifyEmulator;
		reference = references[apiVersion]?.state as ReturnType<typeof crmState>;
		referenceOutcomes = references[apiVersion]?.outcomes as Map<string, Outcome>;
		hispatec.reset();
		clientify.reset();
		consoleLines.length = 0;
		mockSleeps.length = 0;
		const problems: string[] = [];
		const texts: string[] = [];
		const tokens: string[] = [];

		c.arm({ hispatec, clientify, apiKey: CLIENTIFY_API_KEY });
		const faulty: SyncRun = await runSync(
			env({
				hispatecCredential: c.hispatecCredential ?? {},
				clientifyTimeoutCapMs: c.clientifyTimeoutCapMs,
			}),
		);
		tokens.push(...hispatec.stats.tokens);
		const hispatecCalls = { ...hispatec.stats.calls };
		texts.push(...faulty.texts);
		const check = checkOutcomes(hispatec, faulty);
		const dupesFaulty = duplicateTaxIds(clientify);

		// Faults off, then the rerun.
		hispatec.setOption('failure', null);
		hispatec.setOption('tokenMaxCalls', null);
		clientify.setOption('faultHook', null);
		clientify.setOption('apiKey', CLIENTIFY_API_KEY);
		hispatec.stats.reset();
		const rerun = await runSync(env());
		tokens.push(...hispatec.stats.tokens);
		texts.push(...rerun.texts);
		const recheck = checkOutcomes(hispatec, rerun);
		const dupesRerun = duplicateTaxIds(clientify);
		const diff = stateDiff(crmState(clientify), reference);
		texts.push(...consoleLines);

		// ---- the rules every case obeys ----
		if (check.missing.length)
			problems.push(
				`${check.missing.length} records without an outcome (${check.missing.slice(0, 5).join(', ')})`,
			);
		if (check.multiple.length)
			problems.push(
				`${check.multiple.length} records with several outcomes (${check.multiple.slice(0, 5).join(', ')})`,
			);
		if (check.unknown.length)
			problems.push(`outcomes for records not in the ERP: ${check.unknown.slice(0, 5).join(', ')}`);
		if (faulty.strayItems.length)
			problems.push(
				`${faulty.strayItems.length} output items that are no ERP record: ${JSON.stringify(faulty.strayItems[0]).slice(0, 200)}`,
			);
		problems.push(...faulty.shapeProblems.slice(0, 5));
		if (dupesFaulty.length)
			problems.push(
				`duplicate tax IDs after the faulty run: ${dupesFaulty.slice(0, 5).join(', ')}`,
			);
		if (dupesRerun.length)
			problems.push(`duplicate tax IDs after the rerun: ${dupesRerun.slice(0, 5).join(', ')}`);
		if (
			recheck.missing.length ||
			recheck.multiple.length ||
			recheck.counts.failed ||
			rerun.stepFailures.length
		) {
			problems.push(
				`the rerun is not clean: ${recheck.counts.failed} failed, ${rerun.stepFailures.map((f) => `${f.step}: ${f.message}`).join('; ')}`,
			);
		}
		if (diff.length) problems.push(`the rerun did not converge: ${diff.join(' | ')}`);
		const secrets = findSecrets(texts, {
			'Hispatec password': [HISPATEC_PASSWORD],
			'Hispatec session token': tokens,
			'Clientify API key': [CLIENTIFY_API_KEY],
		});
		if (secrets.length) problems.push(`secrets found: ${secrets.join(', ')}`);
		if (secrets.length && process.env.FAULTS_DEBUG) {
			// Where each secret was found (FAULTS_DEBUG=1).
			for (const value of [HISPATEC_PASSWORD, CLIENTIFY_API_KEY, ...tokens]) {
				for (const form of secretForms(value)) {
					for (const t of texts) {
						const at = t.indexOf(form);
						if (at >= 0)
							process.stdout.write(
								`${c.id}: secret found: …${t.slice(Math.max(0, at - 400), at + form.length + 40)}…\n`,
							);
					}
				}
			}
		}
		// The scan must have seen what it claims to: the outputs, and every step error.
		const seen = texts.join('\n');
		const sample = faulty.outcomes.find((o) => o.by !== 'stepFailed');
		if (sample && !seen.includes(sample.code))
			problems.push('the secret scan did not see the output items');
		for (const f of faulty.stepFailures)
			if (!seen.includes(f.message))
				problems.push(`the secret scan did not see the error of ${f.step}`);
		if (
			c.side === 'Hispatec' &&
			!texts.some(
				(t) => t.startsWith('[debug]') || t.startsWith('[warn]') || t.startsWith('[info]'),
			)
		) {
			problems.push('the secret scan saw no log line of the Hispatec node');
		}

		// ---- what this fault must do ----
		const failedOutcomes = faulty.outcomes.filter((o) => o.action === 'failed');
		if (c.expect.kind === 'transient') {
			if (faulty.stepFailures.length)
				problems.push(
					`a step failed: ${faulty.stepFailures.map((f) => `${f.step}: ${f.message}`).join('; ')}`,
				);
			else if (failedOutcomes.length)
				problems.push(
					`${failedOutcomes.length} records failed (${failedOutcomes
						.slice(0, 2)
						.map((o) => `${o.code}: ${o.detail}`)
						.join('; ')})`,
				);
			const differing = faulty.outcomes.filter(
				(o) => outcomeClass(o) !== outcomeClass(referenceOutcomes.get(`${o.entity}:${o.code}`)),
			);
			if (differing.length && !faulty.stepFailures.length && !failedOutcomes.length) {
				problems.push(
					`${differing.length} records ended unlike the clean run (${differing
						.slice(0, 3)
						.map((o) => `${o.code}: ${outcomeClass(o)}`)
						.join(', ')})`,
				);
			}
		} else if (c.expect.kind === 'refused' || c.expect.kind === 'stepFails') {
			const { entity, operation, message } = c.expect;
			const expectedCalls = c.expect.kind === 'refused' ? c.expect.onCall : c.expect.calls;
			const readStep = template.find((s) => s.entity === entity)?.read.name;
			const own = faulty.stepFailures.filter((f) => f.step === readStep);
			const others = faulty.stepFailures.filter((f) => f.step !== readStep);
			if (own.length !== 1)
				problems.push(`expected the ${entity} read to fail once, got ${own.length} failures`);
			else {
				if (!message.test(`${own[0].message} ${own[0].description ?? ''}`))
					problems.push(`the refusal does not say why: ${own[0].message}`);
				if (!`${own[0].message} ${own[0].description ?? ''}`.includes(operation))
					problems.push(`the refusal does not name the call ${operation}: ${own[0].message}`);
			}
			if ((hispatecCalls[operation] ?? 0) !== expectedCalls) {
				problems.push(
					`${operation} was called ${hispatecCalls[operation] ?? 0} times, expected ${expectedCalls}${c.expect.kind === 'refused' ? ' (a refused answer must not be retried)' : ' (1 + the default 3 retries)'}`,
				);
			}
			const ownRecords = faulty.outcomes.filter((o) => o.entity === entity);
			if (ownRecords.some((o) => o.action !== 'failed' || !o.detail))
				problems.push(`records of the failed ${entity} read did not all fail with its error`);
			if (others.length)
				problems.push(
					`another step failed too: ${others.map((f) => `${f.step}: ${f.message}`).join('; ')}`,
				);
			const otherEntity = faulty.outcomes.filter((o) => o.entity !== entity);
			const unlike = otherEntity.filter(
				(o) => outcomeClass(o) !== outcomeClass(referenceOutcomes.get(`${o.entity}:${o.code}`)),
			);
			if (unlike.length)
				problems.push(
					`${unlike.length} ${entity === 'company' ? 'contacts' : 'companies'} ended unlike the clean run`,
				);
		} else {
			if (c.expect.atLeastOneFailed && !failedOutcomes.length)
				problems.push('expected records to fail');
			const matches = c.expect.errorMatches;
			const unclear = matches ? failedOutcomes.filter((o) => !matches.test(o.detail)) : [];
			if (unclear.length)
				problems.push(`${unclear.length} failures without a clear error (${unclear[0].detail})`);
		}
		if (c.id === 'clientify-429-storm' && !mockSleeps.includes(2000))
			problems.push(
				`Retry-After: 2 was not honoured (waits: ${[...new Set(mockSleeps)].slice(0, 8).join(', ')})`,
			);

		rows.push({
			id: c.id,
			side: c.side,
			fault: c.fault,
			records: check.records,
			counts: check.counts,
			withoutOutcome: check.missing.length,
			multipleOutcomes: check.multiple.length,
			duplicates: dupesFaulty.length + dupesRerun.length,
			rerunConverged: diff.length === 0 && !recheck.counts.failed,
			secretsFound: secrets,
			stepFailures: faulty.stepFailures.map((f) => `${f.step}: ${f.message}`),
			passed: problems.length === 0,
			problems,
		});
		expect(problems).toEqual([]);
	});
});

describe('bad-input corpus', () => {
	it('every corpus record is synced correctly or leaves with a clear reason; no node crashes', async () => {
		clientify = emulators.v1 as ClientifyEmulator;
		hispatec.reset();
		clientify.reset();
		consoleLines.length = 0;
		const result = await runCorpus({
			hispatec,
			clientify,
			template,
			hispatecCredential: HISPATEC_CREDENTIAL,
			clientifyApiKey: CLIENTIFY_API_KEY,
			consoleLines,
		});
		const summary: CorpusSummary = result.summary;
		corpusSummary = summary;
		const secrets = findSecrets([...result.texts, ...consoleLines], {
			'Hispatec password': [HISPATEC_PASSWORD],
			'Hispatec session token': result.tokens,
			'Clientify API key': [CLIENTIFY_API_KEY],
		});
		summary.secretsFound = secrets;
		expect(result.summary.records).toBeGreaterThanOrEqual(200);
		expect(secrets).toEqual([]);
		expect(result.summary.problems).toEqual([]);
	});
});

describe('the secret scan', () => {
	it('finds a secret as is and XML-, JSON- or URL-escaped, and nothing else', () => {
		const secret = `a&"<ñ>'b`;
		expect(findSecrets([`x a&amp;&quot;&lt;ñ&gt;&apos;b y`], { s: [secret] })).toEqual(['s']);
		expect(findSecrets([JSON.stringify({ m: secret })], { s: [secret] })).toEqual(['s']);
		expect(findSecrets([`?p=${encodeURIComponent(secret)}`], { s: [secret] })).toEqual(['s']);
		expect(findSecrets(['a&b "ñ"'], { s: [secret] })).toEqual([]);
	});
});
