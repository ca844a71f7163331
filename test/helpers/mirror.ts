/**
 * What test/unit/mirror.test.ts checks: which modules under nodes/ and credentials/ hold logic, and
 * where their unit test must be. Read with the compiler's parser from the tree at test time.
 */
import * as path from 'path';
import * as ts from 'typescript';

const K = ts.SyntaxKind;
const SHORT_CIRCUITS = new Set([
	K.AmpersandAmpersandToken,
	K.BarBarToken,
	K.QuestionQuestionToken,
	K.AmpersandAmpersandEqualsToken,
	K.BarBarEqualsToken,
	K.QuestionQuestionEqualsToken,
]);

/** A point where code decides: a branch, a loop, a catch, a short circuit, an optional chain. */
function isDecision(node: ts.Node): boolean {
	return (
		ts.isIfStatement(node) ||
		ts.isConditionalExpression(node) ||
		ts.isCaseClause(node) ||
		ts.isForStatement(node) ||
		ts.isForInStatement(node) ||
		ts.isForOfStatement(node) ||
		ts.isWhileStatement(node) ||
		ts.isDoStatement(node) ||
		ts.isCatchClause(node) ||
		(ts.isBinaryExpression(node) && SHORT_CIRCUITS.has(node.operatorToken.kind)) ||
		((ts.isPropertyAccessExpression(node) ||
			ts.isElementAccessExpression(node) ||
			ts.isCallExpression(node)) &&
			node.questionDotToken !== undefined)
	);
}

/**
 * The decisions a module's code takes: the decision points inside the bodies of its functions,
 * methods, accessors and constructors (arrow functions and function expressions included). A module
 * of types, constants, n8n descriptions, re-exports or straight-line wrappers has none.
 */
export function decisionsIn(file: string, text: string): number {
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	let count = 0;
	const visit = (node: ts.Node, inBody: boolean): void => {
		if (inBody && isDecision(node)) count++;
		const body = ts.isFunctionLike(node) && (node as { body?: ts.Node }).body !== undefined;
		ts.forEachChild(node, (child) => visit(child, inBody || body));
	};
	visit(sf, false);
	return count;
}

/**
 * Kinds of module whose test is not a unit test, by file name; each runs only inside n8n's contract.
 * Never a single file: a module of another kind that holds logic has its unit test.
 */
export const EXEMPT_KINDS: Array<{ kind: RegExp; why: string }> = [
	{
		kind: /\.node\.ts$/,
		why: 'a node class n8n loads: run through n8n by test/integration/ (harness/nodeContext.ts) and in real n8n by test/e2e/',
	},
	{
		kind: /\.credentials\.ts$/,
		why: 'a credential class: its declarative test runs in test/integration/*/credential.test.ts and test/e2e/',
	},
];

/**
 * Where a module's unit test may be, relative to the repository: `nodes/<p>.ts` → `test/unit/<p>.test.ts`
 * (`credentials/<p>.ts` → `test/unit/credentials/<p>.test.ts`); tests of one module split by aspect as
 * `<p>.<aspect>.test.ts`; for `<dir>/index.ts`, also `<dir>.test.ts` (it is imported as `<dir>`).
 */
export function mirrorOf(file: string): { exact: string[]; aspectPrefix: string } {
	const below = file.replace(/^nodes\//, '').replace(/\.ts$/, '');
	const base = path.posix.join('test', 'unit', below);
	const exact = [`${base}.test.ts`];
	if (path.posix.basename(below) === 'index') exact.push(`${path.posix.dirname(base)}.test.ts`);
	return { exact, aspectPrefix: `${base}.` };
}

/** Whether one of `testFiles` (repository paths) is `file`'s mirrored unit test. */
export function hasMirroredTest(file: string, testFiles: Set<string>): boolean {
	const { exact, aspectPrefix } = mirrorOf(file);
	if (exact.some((t) => testFiles.has(t))) return true;
	return [...testFiles].some((t) => t.startsWith(aspectPrefix) && t.endsWith('.test.ts'));
}

/** The modules of `sources` that hold logic, are of no exempt kind, and have no mirrored test. */
export function missingTests(
	sources: Array<{ file: string; text: string }>,
	testFiles: Set<string>,
): string[] {
	return sources
		.filter(({ file }) => !EXEMPT_KINDS.some((e) => e.kind.test(file)))
		.filter(({ file, text }) => decisionsIn(file, text) > 0)
		.filter(({ file }) => !hasMirroredTest(file, testFiles))
		.map(({ file }) => file)
		.sort();
}
