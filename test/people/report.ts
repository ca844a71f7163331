/**
 * The sales-team section of RELIABILITY.md, written by `npm run test:people` from what it measured
 * (never edited by hand). The fault suite (test/faults/report.ts) writes the whole file; this
 * section replaces its own markers, or is appended after the fault suite's part when they are
 * absent (`.ci/run` runs the fault suite first). Nothing in it depends on timing, so the same seed
 * on the same code writes the same section.
 */
import fs from 'fs';
import path from 'path';
import { KINDS_BY_INVARIANT, type Invariant, type Violation, type ViolationKind } from './checks';
import type { EditCounts, EditKind } from './team';
import type { ErpChange } from './erp';

export const START = '<!-- section:people -->';
export const END = '<!-- /section:people -->';

export interface PeopleFigures {
	seed: number;
	runs: Record<string, number>;
	overlapsNotReached: number;
	outcomes: Record<string, number>;
	/** Contact → company link outcomes over all runs (issue 20). */
	links?: Record<string, number>;
	failedInLiveRuns: Record<string, number>;
	/** Output warnings by code, over all runs. */
	warnings: Record<string, number>;
	requests: number;
	deletes: number;
	edits: Record<EditKind, EditCounts>;
	erpChanges: Record<ErpChange, number>;
	records: {
		erp: number;
		contacts: number;
		companies: number;
		byPeople: number;
		bySync: number;
		tracked: number;
		deals: number;
		tasks: number;
		notes: number;
	};
	keptTwins: number;
	violations: Violation[];
}

const INVARIANT_TEXT: Record<Invariant, string> = {
	a: 'Nothing a person added, set or attached is lost or undone',
	b: "No record with people's work is deleted, no deal, task or note loses its record",
	c: "The ERP's current e-mails, phones and address are on the record each item names (first, with Make the New Value Primary)",
	d: 'The sync created no duplicate (checked after runs that neither overlapped nor died)',
	e: 'Every input item ends with exactly one outcome',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function peopleSection(f: PeopleFigures): string {
	const count = (kind: ViolationKind) => f.violations.filter((v) => v.kind === kind).length;
	const total = (inv: Invariant) => f.violations.filter((v) => v.invariant === inv).length;
	const edits = Object.values(f.edits).reduce((n, c) => n + c.between + c.during, 0);
	const runs = Object.values(f.runs).reduce((n, c) => n + c, 0);
	const lines: string[] = [START, '', '# Reliability: the sales team', ''];
	lines.push(
		'Written by `npm run test:people` (test/people/); do not edit by hand. A seeded simulation: an ERP whose ' +
			'customers change, come and go, synced by Clientify Upsert (in-process, real HTTP to the Clientify emulator) ' +
			"while a sales team works in Clientify between the runs and during them (the emulator's `people` hook, acting " +
			"when a run's Nth request arrives). Some runs overlap (one held at its Nth request while the other runs), some die " +
			'mid-batch (aborted, or every request dropped from the Nth with retries off). What people did is tracked by ' +
			'the simulation itself, never read back from the sync state.',
		'',
		`Seed ${f.seed} (\`PEOPLE_SEED=${f.seed} npm run test:people\` replays it; every failure names its run and step). ` +
			`${runs} runs, ${edits} edits by people, ${f.requests} requests to Clientify.`,
		'',
	);
	lines.push('## Invariants', '', '| | Invariant | Failures |', '|---|---|---:|');
	for (const inv of ['a', 'b', 'c', 'd', 'e'] as const)
		lines.push(`| ${inv} | ${INVARIANT_TEXT[inv]} | ${total(inv) ? `**${total(inv)}**` : '0'} |`);
	lines.push('', '## Losses', '', '| Invariant | What | Count |', '|---|---|---:|');
	for (const inv of ['a', 'b', 'c', 'd', 'e'] as const)
		for (const kind of KINDS_BY_INVARIANT[inv])
			lines.push(`| ${inv} | ${kind} | ${count(kind) ? `**${count(kind)}**` : '0'} |`);
	lines.push(
		'',
		`Values lost: ${count('value lost') + count('value changed') + count('unsubscribed item removed')}; consent flags undone: ${count('flag undone') + count('unsubscribed item removed')}; ` +
			`records with people's work deleted: ${count("record with people's work deleted")}. ` +
			`Twins the sync created and people then worked on, kept on purpose: ${f.keptTwins}.`,
	);
	lines.push('', '## Runs', '', '| Kind | Runs |', '|---|---:|');
	for (const [kind, n] of Object.entries(f.runs)) lines.push(`| ${cell(kind)} | ${n} |`);
	if (f.overlapsNotReached)
		lines.push(
			'',
			`Overlaps whose held request never came (the second run then ran after): ${f.overlapsNotReached}.`,
		);
	lines.push(
		'',
		`Outcomes over all runs: ${Object.entries(f.outcomes)
			.map(([k, n]) => `${k} ${n}`)
			.join(', ')}; \`DELETE\`s sent by the sync: ${f.deletes}.`,
	);
	if (f.links && Object.keys(f.links).length)
		lines.push(
			'',
			`Contact → company links (*Link Contacts to Companies*): ${Object.entries(f.links)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([k, n]) => `${k} ${n}`)
				.join(', ')}; every link a person set (\`link-company\`) checked after every run.`,
		);
	const warned = Object.entries(f.warnings).sort(([a], [b]) => a.localeCompare(b));
	if (warned.length)
		lines.push('', `Warnings: ${warned.map(([code, n]) => `\`${code}\` ${n}`).join(', ')}.`);
	const failed = Object.entries(f.failedInLiveRuns);
	if (failed.length) {
		lines.push('', 'Items failed in runs that did not die:', '');
		for (const [error, n] of failed) lines.push(`- ${n} × ${cell(error)}`);
	}
	lines.push(
		'',
		'## Edits by the team',
		'',
		'| Edit | Between runs | During runs |',
		'|---|---:|---:|',
	);
	for (const [kind, c] of Object.entries(f.edits))
		lines.push(`| ${kind} | ${c.between} | ${c.during} |`);
	lines.push(
		'',
		`ERP changes: ${Object.entries(f.erpChanges)
			.map(([k, n]) => `${k} ${n}`)
			.join(', ')}.`,
		'',
		'## Records at the end',
		'',
		`ERP records ${f.records.erp}; Clientify contacts ${f.records.contacts}, companies ${f.records.companies} ` +
			`(created by people ${f.records.byPeople}, by the sync ${f.records.bySync}); records people worked on ${f.records.tracked}; ` +
			`deals ${f.records.deals}, tasks ${f.records.tasks}, notes ${f.records.notes}.`,
	);
	if (f.violations.length) {
		lines.push('', '## First failures', '');
		const shown = new Map<ViolationKind, number>();
		for (const v of f.violations) {
			const n = shown.get(v.kind) ?? 0;
			if (n >= 3) continue;
			shown.set(v.kind, n + 1);
			lines.push(`- ${cell(v.message)}`);
		}
	}
	lines.push('', END, '');
	return lines.join('\n');
}

/** Replaces (or appends) the section in RELIABILITY.md; returns the file's path. */
export function writePeopleSection(section: string, file?: string): string {
	const target = file ?? path.join(__dirname, '../../RELIABILITY.md');
	const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	let next: string;
	if (start >= 0 && end > start) {
		next = current.slice(0, start) + section.trimEnd() + current.slice(end + END.length);
	} else {
		next = `${current.trimEnd()}${current.trim() ? '\n\n' : ''}${section}`;
	}
	if (!next.endsWith('\n')) next += '\n';
	if (next !== current) fs.writeFileSync(target, next);
	return target;
}
