/**
 * No dead exports: every name a module under nodes/ or credentials/ exports is imported by another
 * module there, or is a node or credential class n8n loads (package.json's `n8n` section). Types count
 * like values. A helper only the tests use belongs in the tests. The modules are read from the tree at
 * test time (test/helpers/exports.ts says what "imported" means).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, emittingSources } from '../helpers/docs';
import { deadExports, describeDead, n8nEntries, type Source } from '../helpers/exports';

const tree = (): Source[] =>
	emittingSources().map((file) => ({
		file: file.split(path.sep).join('/'),
		text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
	}));

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the dead-export finder', () => {
	const dead = (files: Record<string, string>, entries: Array<[string, string]> = []) =>
		deadExports(
			Object.entries(files).map(([file, text]) => ({ file, text })),
			entries,
		).map(describeDead);

	it('finds a value or a type nobody imports, and not one that is imported', () => {
		expect(
			dead({
				'nodes/a.ts': 'export const used = 1;\nexport function unused() {}\nexport interface T {}',
				'nodes/b.ts': "import { used } from './a';\nexport const b = used;",
			}),
		).toEqual(['nodes/a.ts: T', 'nodes/a.ts: unused', 'nodes/b.ts: b']);
	});

	it('counts type imports, default and namespace imports, and import() types', () => {
		expect(
			dead({
				'nodes/a.ts':
					'export type T = 1;\nexport default 2;\nexport const x = 1;\nexport interface I {}',
				'nodes/n.ts': 'export const read = 1;\nexport const unread = 2;',
				'nodes/all.ts': 'export const one = 1;\nexport const two = 2;',
				'nodes/b.ts': [
					"import type { T } from './a';",
					"import two from './a';",
					"import * as n from './n';",
					"import * as all from './all';",
					"let t: T | import('./a').I;",
					'const k = Object.keys(all);',
					'console.log(t, two, n.read, k);',
				].join('\n'),
			}),
		).toEqual(['nodes/a.ts: x', 'nodes/n.ts: unread']);
	});

	it('follows re-exports, and a re-export nobody imports is dead with what it forwards', () => {
		expect(
			dead({
				'nodes/x/deep.ts': 'export const viaStar = 1;\nexport const starUnused = 2;',
				'nodes/x/named.ts': 'export const viaName = 1;\nexport const forwardedUnused = 2;',
				'nodes/x/index.ts': [
					"export * from './deep';",
					"export { viaName, forwardedUnused } from './named';",
				].join('\n'),
				'nodes/use.ts': "import { viaStar, viaName } from './x';\nconsole.log(viaStar, viaName);",
			}),
		).toEqual([
			'nodes/x/deep.ts: starUnused',
			'nodes/x/index.ts: forwardedUnused',
			'nodes/x/named.ts: forwardedUnused',
		]);
	});

	it('an import only passed on by `export { name }` counts only when the re-export is used', () => {
		expect(
			dead({
				'nodes/a.ts': 'export const a = 1;',
				'nodes/b.ts': "import { a } from './a';\nexport { a };",
			}),
		).toEqual(['nodes/a.ts: a', 'nodes/b.ts: a']);
	});

	it("keeps the classes package.json's n8n section names, and names re-exported for them", () => {
		const entries = n8nEntries({
			n8n: {
				nodes: ['dist/nodes/A/A.node.js'],
				credentials: ['dist/credentials/K.credentials.js'],
			},
		});
		expect(entries).toEqual([
			['nodes/A/A.node.ts', 'A'],
			['credentials/K.credentials.ts', 'K'],
		]);
		expect(
			dead(
				{
					'nodes/A/A.node.ts': "export { A } from './impl';\nexport const helper = 1;",
					'nodes/A/impl.ts': 'export class A {}',
					'credentials/K.credentials.ts': 'export class K {}',
				},
				entries,
			),
		).toEqual(['nodes/A/A.node.ts: helper']);
	});
});

describe('nodes/ and credentials/', () => {
	it('export only what another module imports (file: name of each dead export)', () => {
		const dead = deadExports(tree(), n8nEntries(pkg)).map(describeDead);
		expect(dead).toEqual([]);
	});
});
