/**
 * What test/unit/architecture.test.ts checks: the repository paths the "Architecture" section of
 * CONTRIBUTING.md names, read from the page at test time.
 *
 * A path is a word of the section's code blocks, or of its inline code, that is a folder, written
 * with its closing `/` (`nodes/shared/`), or a file with a source or document extension
 * (`write/engine.ts`, `record.ts`); words starting with `/` (HTTP paths) and words like `a/b` (a
 * choice, not a path) are not read. Braces expand (`test/{unit,e2e}/`), `*` matches within
 * one folder. A path whose first folder is a top-level folder of the repository must exist as written;
 * a shorter one (`plan/guard.ts`, `engine.ts`) must exist below a folder the section names in full (or
 * a parent of one), as the drawing writes a folder once and then its files.
 */
import * as fs from 'fs';
import * as path from 'path';

const EXTENSION = /\.(ts|js|mjs|cjs|json|md)$/;
const WORD = /^[\w.*{},-]+(\/[\w.*{},-]+)*\/?$/;

/** The text of a level-2 section (heading to the next level-2 heading), or undefined. */
export function sectionOf(markdown: string, heading: string): string | undefined {
	const lines = markdown.split('\n');
	const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
	if (start < 0) return undefined;
	const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
	return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The text of a section's fenced code blocks and inline code spans. */
function codeOf(section: string): string[] {
	const blocks: string[] = [];
	const prose = section.replace(
		/^ {0,3}(```|~~~)[^\n]*\n([\s\S]*?)^ {0,3}\1[^\n]*$/gm,
		(_, _f, body) => {
			blocks.push(body);
			return '';
		},
	);
	for (const m of prose.matchAll(/(`+)([^`\n]+?)\1/g)) blocks.push(m[2]);
	return blocks;
}

function expand(word: string): string[] {
	const m = /\{([^{}]*,[^{}]*)\}/.exec(word);
	if (!m) return [word];
	return m[1]
		.split(',')
		.flatMap((alt) => expand(word.slice(0, m.index) + alt + word.slice(m.index + m[0].length)));
}

/** The repository paths a section names, as written (braces expanded), without repeats. */
export function pathsNamed(section: string): string[] {
	const words = codeOf(section)
		.flatMap((text) => text.split(/[\s()\[\];:·→←↓▼│├└┬─|"'`<>…+=!?]+/))
		.map((w) => w.replace(/[.,]+$/, ''))
		.filter((w) => !!w && WORD.test(w))
		.filter((w) => w.endsWith('/') || EXTENSION.test(w))
		.filter((w) => !/\{\w*\}/.test(w)); // placeholders of an HTTP path: `{id}`
	return [...new Set(words.flatMap(expand).filter((w) => !w.startsWith('/')))];
}

/** Whether a path (maybe with `*` in its last part) exists below the repository root. */
function exists(root: string, p: string): boolean {
	const clean = p.replace(/\/$/, '');
	if (!clean.includes('*')) return fs.existsSync(path.join(root, clean));
	const dir = path.join(root, path.posix.dirname(clean));
	const pattern = new RegExp(
		`^${path.posix
			.basename(clean)
			.replace(/[.+^${}()|[\]\\]/g, '\\$&')
			.replace(/\*/g, '[^/]*')}$`,
	);
	return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => pattern.test(f));
}

/** The paths of `named` that do not exist in the repository at `root`, by the rules above. */
export function missingPaths(root: string, named: string[]): string[] {
	const topLevel = new Set(
		fs
			.readdirSync(root, { withFileTypes: true })
			.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
			.map((e) => e.name),
	);
	const isFull = (p: string) =>
		topLevel.has(p.split('/')[0]) || (!p.includes('/') && topLevel.has(p));
	const bases = new Set<string>();
	for (const p of named.filter(isFull)) {
		let dir = p.endsWith('/') ? p.replace(/\/$/, '') : path.posix.dirname(p);
		while (dir && dir !== '.') {
			bases.add(dir);
			dir = path.posix.dirname(dir);
		}
	}
	return named.filter((p) =>
		isFull(p) ? !exists(root, p) : ![...bases].some((b) => exists(root, `${b}/${p}`)),
	);
}
