/**
 * RELIABILITY.md, written by the fault suite from what it measured (never edited by hand).
 */
import fs from 'fs';
import path from 'path';
import type { Action } from './sync';

export interface CaseRow {
	id: string;
	side: 'Hispatec' | 'Clientify';
	fault: string;
	records: number;
	counts: Record<Action, number>;
	withoutOutcome: number;
	multipleOutcomes: number;
	duplicates: number;
	rerunConverged: boolean;
	secretsFound: string[];
	stepFailures: string[];
	passed: boolean;
	problems: string[];
}

export interface CorpusSummary {
	records: number;
	counts: Record<Action, number>;
	byCategory: Array<{
		category: string;
		records: number;
		synced: number;
		skipped: number;
		failed: number;
		reasons: string[];
	}>;
	withoutOutcome: number;
	crashes: number;
	passedRecords: number;
	duplicates: number;
	secretsFound: string[];
	problems: string[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function writeReliabilityReport(
	rows: CaseRow[],
	corpus: CorpusSummary | undefined,
	meta: { seed: number; file?: string },
): string {
	const file = meta.file ?? path.join(__dirname, '../../RELIABILITY.md');
	const lines: string[] = [];
	lines.push('# Reliability: the fault suite', '');
	lines.push(
		"Written by `npm run test:faults` (test/faults/); do not edit by hand. Each case runs the template's pipeline " +
			'(Hispatec read → Clientify Upsert, companies then contacts) in-process through the n8n test harness, over real HTTP ' +
			'against the Hispatec and Clientify emulators on 127.0.0.1, with one fault switched on; then reruns it with the fault off.',
		'',
	);
	lines.push(
		'- **Records**: ERP records in the Hispatec dataset (companies + contacts); each must end with exactly one outcome.',
		'- **Outcomes** of the faulty run: created / updated / unchanged / skipped (with a reason) / failed (with an error; a step that failed for good fails its records).',
		'- **Duplicates**: tax IDs held by more than one Clientify record of the same entity, after the faulty run and after the rerun.',
		'- **Rerun converged**: after a rerun with the fault off, the CRM equals the state of a clean run (records, values, sub-item order, tags, custom fields).',
		'- **Secrets found**: the Hispatec password, every Hispatec session token issued and the Clientify API key, searched (as is, XML-, JSON- and URL-escaped) in every output item, thrown error (message, description, cause), node log line and console line.',
		`- Seeded randomness (seed ${meta.seed}); retry waits are recorded and shortened, never timed.`,
		'',
	);
	lines.push('## Fault matrix', '');
	lines.push(
		'| Case | Fault | Records | Created | Updated | Unchanged | Skipped | Failed | Without outcome | Duplicates | Rerun converged | Secrets found | Result |',
	);
	lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|');
	for (const r of rows) {
		const result = r.passed ? 'pass' : `**FAIL**: ${r.problems.slice(0, 3).join('; ')}`;
		lines.push(
			`| ${cell(r.id)} | ${cell(r.fault)} | ${r.records} | ${r.counts.created} | ${r.counts.updated} | ${r.counts.unchanged} | ${r.counts.skipped} | ${r.counts.failed} | ` +
				`${r.withoutOutcome + r.multipleOutcomes} | ${r.duplicates} | ${r.rerunConverged ? 'yes' : '**no**'} | ${r.secretsFound.length ? cell(r.secretsFound.join(', ')) : '0'} | ${cell(result)} |`,
		);
	}
	const stepNotes = rows.filter((r) => r.stepFailures.length);
	if (stepNotes.length) {
		lines.push(
			'',
			'Steps that failed for good in the faulty run (their records count as failed with this error):',
			'',
		);
		for (const r of stepNotes) lines.push(`- ${r.id}: ${r.stepFailures.map(cell).join('; ')}`);
	}
	if (corpus) {
		lines.push('', '## Bad-input corpus', '');
		lines.push(
			`${corpus.records} raw ERP records (built by test/faults/corpus/build.ts) served by the Hispatec emulator as hand-written pages ` +
				'and synced through the same pipeline. Each must be synced with the expected values or leave with the expected reason; no node may throw, ' +
				'Object.prototype must stay untouched, and a second run must write nothing.',
			'',
		);
		lines.push('| Category | Records | Synced | Skipped | Failed | Reasons |');
		lines.push('|---|---:|---:|---:|---:|---|');
		for (const c of corpus.byCategory)
			lines.push(
				`| ${cell(c.category)} | ${c.records} | ${c.synced} | ${c.skipped} | ${c.failed} | ${cell(c.reasons.join(', ') || '—')} |`,
			);
		lines.push(
			'',
			`Records meeting their expectation: ${corpus.passedRecords} of ${corpus.records}; without an outcome: ${corpus.withoutOutcome}; node crashes: ${corpus.crashes}; ` +
				`duplicates: ${corpus.duplicates}; secrets found: ${corpus.secretsFound.length}.`,
		);
		if (corpus.problems.length) {
			lines.push('', 'Corpus problems:', '');
			for (const p of corpus.problems.slice(0, 30)) lines.push(`- ${cell(p)}`);
		}
	}
	const total = {
		cases: rows.length,
		passed: rows.filter((r) => r.passed).length,
		duplicates: rows.reduce((n, r) => n + r.duplicates, 0) + (corpus?.duplicates ?? 0),
		withoutOutcome:
			rows.reduce((n, r) => n + r.withoutOutcome + r.multipleOutcomes, 0) +
			(corpus?.withoutOutcome ?? 0),
		converged: rows.filter((r) => r.rerunConverged).length,
		secrets:
			rows.reduce((n, r) => n + r.secretsFound.length, 0) + (corpus?.secretsFound.length ?? 0),
	};
	lines.push('', '## Totals', '');
	lines.push(`- Cases passed: ${total.passed} of ${total.cases}`);
	lines.push(`- Duplicates: ${total.duplicates}`);
	lines.push(`- Records without exactly one outcome: ${total.withoutOutcome}`);
	lines.push(
		`- Reruns converged: ${total.converged} of ${total.cases}${total.converged === total.cases ? ' (every rerun converged)' : ''}`,
	);
	lines.push(`- Secrets found: ${total.secrets}`);
	lines.push('');
	// The sales-team section (test/people/report.ts) is the people suite's: kept as it is.
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const people = current.indexOf('<!-- section:people -->');
	const kept = people >= 0 ? `\n${current.slice(people)}` : '';
	fs.writeFileSync(file, lines.join('\n') + kept);
	return file;
}
