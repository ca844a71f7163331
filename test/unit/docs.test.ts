/**
 * The user guide stays whole: (a) every relative link and #anchor of README.md, CONTRIBUTING.md and
 * docs/*.md resolves inside the repository; (b) every skip reason, warning code and error message the
 * nodes and credentials emit, read from the code (test/helpers/docs.ts), is on docs/troubleshooting.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	ROOT,
	anchorsOf,
	brokenLink,
	errorMessages,
	guidePages,
	linksOf,
	searchableText,
	skipReasonLiterals,
	skipReasons,
	slug,
	warningCodes,
	type Emitted,
} from '../helpers/docs';

const read = (page: string) => fs.readFileSync(path.join(ROOT, page), 'utf8');

describe('links and anchors of the guide', () => {
	it('slugs headings as GitHub does', () => {
		expect(slug('Install in n8n')).toBe('install-in-n8n');
		expect(slug("Adapting to a customer's WSDL")).toBe('adapting-to-a-customers-wsdl');
		expect(slug('Try it without an ERP or a CRM: `npm run demo`')).toBe(
			'try-it-without-an-erp-or-a-crm-npm-run-demo',
		);
		expect(slug('End-to-end tests: `npm run test:e2e`')).toBe('end-to-end-tests-npm-run-teste2e');
		expect(slug('Batches, errors and retries')).toBe('batches-errors-and-retries');
		expect(slug('Page mode (large ERPs)')).toBe('page-mode-large-erps');
		expect([...anchorsOf('# A\n## B\n## B\n```\n# not a heading\n```\n')]).toEqual([
			'a',
			'b',
			'b-1',
		]);
	});

	it('finds the links outside code and reports what is broken', () => {
		const links = linksOf(
			'docs/x.md',
			'[a](templates.md#x) `[b](nope.md)` [c](https://example.com)\n```\n[d](gone.md)\n```\n[e]: ../README.md\n',
		);
		expect(links.map((l) => l.target)).toEqual(['templates.md#x', '../README.md']);
		expect(brokenLink({ page: 'docs/x.md', line: 1, target: 'nope.md' })).toMatch(/no file/);
		expect(brokenLink({ page: 'docs/x.md', line: 1, target: 'templates.md#no-such' })).toMatch(
			/no heading/,
		);
		expect(brokenLink({ page: 'README.md', line: 1, target: '../shared/x.md' })).toMatch(
			/outside the repository/,
		);
		expect(brokenLink({ page: 'docs/x.md', line: 1, target: '../README.md#install-in-n8n' })).toBe(
			undefined,
		);
	});

	it('README.md, CONTRIBUTING.md and docs/ exist', () => {
		const pages = guidePages();
		for (const page of [
			'README.md',
			'CONTRIBUTING.md',
			'docs/templates.md',
			'docs/hispatec.md',
			'docs/clientify-upsert.md',
			'docs/clientify-index.md',
			'docs/normalized-record.md',
			'docs/troubleshooting.md',
			'docs/queue-mode.md',
		])
			expect(pages).toContain(page);
	});

	it.each(guidePages())('%s: every relative link and anchor resolves', (page) => {
		const broken = linksOf(page, read(page)).flatMap((link) => {
			const why = brokenLink(link);
			return why ? [`${page}:${link.line} (${link.target}): ${why}`] : [];
		});
		expect(broken).toEqual([]);
	});

	it('the README stays a front page (about 200 lines at most) with the two commands first', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThanOrEqual(210);
		const firstBlock = readme.slice(0, readme.indexOf('\n## '));
		expect(firstBlock).toContain('npm install && npm run demo');
		expect(firstBlock).toContain('npm install && npm test');
	});
});

describe('docs/troubleshooting.md covers what the code emits', () => {
	const page = read('docs/troubleshooting.md');
	const text = searchableText(page);
	const codeSpans = new Set([...page.matchAll(/`([a-z][a-z0-9_]*)`/g)].map((m) => m[1]));
	const missing = (emitted: Emitted[]) =>
		[...new Map(emitted.map((e) => [e.value, e.where])).entries()]
			.filter(([value]) => !codeSpans.has(value))
			.map(([value, where]) => `${value} (${where})`);

	it('collects them from the code (not from a hand list)', () => {
		const skips = new Set(skipReasons().map((s) => s.value));
		for (const reason of ['missing_tax_id', 'duplicate_tax_id', 'normalization_failed'])
			expect(skips).toContain(reason);
		const codes = new Set(warningCodes().map((w) => w.value));
		for (const code of [
			'tax_id_conflict',
			'duplicate_in_crm',
			'opt_out_restored',
			'record_not_returned',
		])
			expect(codes).toContain(code);
		expect(codes.size).toBeGreaterThan(30);
		expect(errorMessages().length).toBeGreaterThan(50);
	});

	it('every skip reason, as `code`', () => {
		expect(missing(skipReasons())).toEqual([]);
	});

	it('every skip reason the code writes is one of SKIP_REASONS (nodes/shared/types.ts)', () => {
		const known = new Set(skipReasons().map((s) => s.value));
		const literals = skipReasonLiterals();
		expect(literals.map((l) => l.value)).toEqual(
			expect.arrayContaining(['missing_tax_id', 'normalization_failed', 'removal_ignored']),
		);
		expect(literals.filter((l) => !known.has(l.value))).toEqual([]);
	});

	it('every warning code, as `code`', () => {
		expect(missing(warningCodes())).toEqual([]);
	});

	it('every error message (interpolated parts as anything)', () => {
		const absent = errorMessages()
			.filter((m) => !m.regex.test(text))
			.map((m) => `${m.text}  (${m.where})`);
		expect([...new Set(absent)]).toEqual([]);
	});

	it('a message or code the page lacks fails the check', () => {
		const [pattern] = errorMessages();
		expect(pattern.regex.test(text)).toBe(true);
		expect(pattern.regex.test(searchableText('nothing here'))).toBe(false);
		expect(missing([{ value: 'a_code_nobody_documented', where: 'nodes/x.ts:1' }])).toEqual([
			'a_code_nobody_documented (nodes/x.ts:1)',
		]);
	});
});
