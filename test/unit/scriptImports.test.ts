/**
 * Tests import no script: no file under test/ loads a module of scripts/ (import, export … from,
 * require, import(), jest.mock). Code a test shares with a script lives in harness/ (or the test runs
 * the script through its command line). Read with the compiler's parser from the tree at test time.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/docs';

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function codeFiles(dir: string): string[] {
	return fs
		.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
		.flatMap((e) =>
			e.isDirectory()
				? codeFiles(path.join(dir, e.name))
				: CODE.test(e.name)
					? [path.join(dir, e.name)]
					: [],
		);
}

/** The module specifiers a file loads, each with its line. */
function specifiersOf(file: string, text: string): Array<{ line: number; spec: string }> {
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: Array<{ line: number; spec: string }> = [];
	const add = (node: ts.Node | undefined) => {
		if (node && ts.isStringLiteralLike(node))
			found.push({
				line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
				spec: node.text,
			});
	};
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
		else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		)
			add(node.moduleReference.expression);
		else if (ts.isCallExpression(node)) {
			const callee = node.expression.getText(sf);
			if (['require', 'require.resolve', 'jest.mock', 'jest.requireActual'].includes(callee))
				add(node.arguments[0]);
			else if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
			add(node.argument.literal);
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return found;
}

/** `file:line (specifier)` for each specifier of `file` that names a module under scripts/. */
function scriptImports(file: string, text: string): string[] {
	return specifiersOf(file, text)
		.filter(({ spec }) => spec.startsWith('.'))
		.filter(({ spec }) => {
			const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
			return target === 'scripts' || target.startsWith(`scripts${path.sep}`);
		})
		.map(({ line, spec }) => `${file.split(path.sep).join('/')}:${line} (${spec})`);
}

describe('the script-import finder', () => {
	it('finds every way of loading a module of scripts/, and nothing else', () => {
		const text = [
			"import { a } from '../../scripts/bench-sync';",
			"import type { B } from '../../harness/n8n/measure';",
			"export * from '../../scripts/x';",
			"const c = require('../../scripts/c');",
			"jest.mock('../../scripts/d');",
			"type E = import('../../scripts/e').E;",
			"void import('../../scripts/f');",
			"const g = 'scripts/bench.ts';",
			"import { h } from '../../emulators/scripts';",
		].join('\n');
		expect(scriptImports(path.join('test', 'bench', 'x.test.ts'), text)).toEqual([
			'test/bench/x.test.ts:1 (../../scripts/bench-sync)',
			'test/bench/x.test.ts:3 (../../scripts/x)',
			'test/bench/x.test.ts:4 (../../scripts/c)',
			'test/bench/x.test.ts:5 (../../scripts/d)',
			'test/bench/x.test.ts:6 (../../scripts/e)',
			'test/bench/x.test.ts:7 (../../scripts/f)',
		]);
	});
});

describe('test/', () => {
	it('imports no module of scripts/ (shared code lives in harness/)', () => {
		const offenders = codeFiles('test').flatMap((file) =>
			scriptImports(file, fs.readFileSync(path.join(ROOT, file), 'utf8')),
		);
		expect(offenders).toEqual([]);
	});
});
