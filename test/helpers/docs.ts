/**
 * What test/unit/docs.test.ts checks the user guide against: the headings and links of the Markdown
 * pages, and the skip reasons (the code's own table, `SKIP_REASONS`), warning codes and error messages
 * the code emits (read from the TypeScript sources with the compiler's parser, never from a hand-kept
 * list).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { SKIP_REASONS } from '../../nodes/shared/types';

export const ROOT = path.join(__dirname, '..', '..');

/** The pages whose links must resolve: the front page, the contributors' page, every docs/ page. */
export function guidePages(): string[] {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => path.join('docs', f));
	return ['README.md', 'CONTRIBUTING.md', ...docs.sort()];
}

/** Markdown without fenced code blocks and inline code spans (links inside them are not links). */
function withoutCode(markdown: string): string {
	return markdown
		.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '')
		.replace(/`+[^`\n]*`+/g, '');
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading: string): string {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their text
		.replace(/<[^>]+>/g, '') // inline HTML
		.replace(/[*_~`]/g, (c) => (c === '_' ? '_' : '')); // emphasis and code marks
	return text
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a Markdown page: each heading's slug, repeats numbered as GitHub does. */
export function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	const noFences = markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
	for (const line of noFences.split('\n')) {
		const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m) continue;
		const base = slug(m[1]);
		const n = seen.get(base) ?? 0;
		anchors.add(n ? `${base}-${n}` : base);
		seen.set(base, n + 1);
	}
	for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
	return anchors;
}

export interface Link {
	page: string;
	line: number;
	target: string;
}

/** Every relative link and image of a page (`[text](target)`, `[id]: target`), with its line. */
export function linksOf(page: string, markdown: string): Link[] {
	const links: Link[] = [];
	const lines = withoutCode(markdown).split('\n');
	lines.forEach((text, i) => {
		for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
			links.push({ page, line: i + 1, target: m[1] });
		const ref = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
		if (ref) links.push({ page, line: i + 1, target: ref[1] });
	});
	return links.filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target));
}

/** What is wrong with one link, or undefined when it resolves. */
export function brokenLink(link: Link): string | undefined {
	const [rawPath, anchor] = link.target.split('#', 2) as [string, string | undefined];
	const file = rawPath
		? path.resolve(path.join(ROOT, path.dirname(link.page)), decodeURIComponent(rawPath))
		: path.join(ROOT, link.page);
	const relative = path.relative(ROOT, file);
	if (relative.startsWith('..') || path.isAbsolute(relative))
		return `points outside the repository (${relative})`;
	if (!fs.existsSync(file)) return `no file ${relative}`;
	if (anchor === undefined) return undefined;
	if (!file.endsWith('.md')) return `an anchor (#${anchor}) on a file that is not Markdown`;
	const anchors = anchorsOf(fs.readFileSync(file, 'utf8'));
	return anchors.has(decodeURIComponent(anchor))
		? undefined
		: `no heading "#${anchor}" in ${relative}`;
}

// ---------------------------------------------------------------------------------------------
// What the code emits

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
		const rel = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...sourceFiles(rel));
		else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
	}
	return out;
}

/** The node and credential sources the user can meet at run time. */
export function emittingSources(): string[] {
	return [...sourceFiles('nodes'), ...sourceFiles('credentials')].sort();
}

function parse(file: string): ts.SourceFile {
	return ts.createSourceFile(
		file,
		fs.readFileSync(path.join(ROOT, file), 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
	visit(node);
	node.forEachChild((child) => walk(child, visit));
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
	if (!p.name) return undefined;
	if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
	return undefined;
}

function stringValue(e: ts.Expression | undefined): string | undefined {
	if (!e) return undefined;
	if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
	return undefined;
}

function literalsIn(e: ts.Expression): string[] {
	if (ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) || ts.isAsExpression(e))
		return literalsIn(e.expression);
	if (ts.isConditionalExpression(e)) return [...literalsIn(e.whenTrue), ...literalsIn(e.whenFalse)];
	const s = stringValue(e);
	return s === undefined ? [] : [s];
}

export interface Emitted {
	value: string;
	where: string;
}

function at(file: string, source: ts.SourceFile, node: ts.Node): string {
	return `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
}

/**
 * Warning codes: every `code: '<literal>'` property of an object literal that also has a `message`
 * (the `{code, field?, message}` warnings of the normalizer and of Clientify Upsert).
 */
export function warningCodes(): Emitted[] {
	const out: Emitted[] = [];
	for (const file of emittingSources()) {
		const source = parse(file);
		walk(source, (n) => {
			if (!ts.isObjectLiteralExpression(n)) return;
			const names = n.properties.map(propertyName);
			if (!names.includes('message')) return;
			for (const p of n.properties) {
				if (propertyName(p) !== 'code' || !ts.isPropertyAssignment(p)) continue;
				for (const value of literalsIn(p.initializer))
					out.push({ value, where: at(file, source, p) });
			}
		});
	}
	return out;
}

/** Skip reasons: the keys of `SKIP_REASONS` (nodes/shared/types.ts), the one list of them. */
export function skipReasons(): Emitted[] {
	return Object.keys(SKIP_REASONS).map((value) => ({
		value,
		where: 'nodes/shared/types.ts (SKIP_REASONS)',
	}));
}

/**
 * The skip reasons the code writes as literals: every `reason: '<literal>'` of an object that also
 * has a `message` (a skip), the literals assigned to a variable `reason` that such an object takes by
 * shorthand, and the literal first argument of `skip(…)` calls. Each must be a key of `SKIP_REASONS`.
 */
export function skipReasonLiterals(): Emitted[] {
	const out: Emitted[] = [];
	for (const file of emittingSources()) {
		const source = parse(file);
		walk(source, (n) => {
			if (ts.isObjectLiteralExpression(n)) {
				const names = n.properties.map(propertyName);
				if (!names.includes('message')) return;
				for (const p of n.properties) {
					if (propertyName(p) === 'reason' && ts.isPropertyAssignment(p))
						for (const value of literalsIn(p.initializer))
							out.push({ value, where: at(file, source, p) });
				}
			}
			if (
				ts.isVariableDeclaration(n) &&
				ts.isIdentifier(n.name) &&
				n.name.text === 'reason' &&
				n.initializer
			) {
				for (const value of literalsIn(n.initializer))
					out.push({ value, where: at(file, source, n) });
			}
			if (
				ts.isCallExpression(n) &&
				ts.isIdentifier(n.expression) &&
				n.expression.text === 'skip' &&
				n.arguments.length
			) {
				for (const value of literalsIn(n.arguments[0]))
					out.push({ value, where: at(file, source, n) });
			}
		});
	}
	return out;
}

/** A message as a pattern: its text with each interpolated part as "anything". */
export interface MessagePattern {
	/** The message with `…` where it interpolates, for the failure report. */
	text: string;
	regex: RegExp;
	where: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Literal text and holes of a message expression; undefined when it has no literal text at all. */
function pieces(e: ts.Expression): Array<string | null> | undefined {
	if (ts.isParenthesizedExpression(e)) return pieces(e.expression);
	const s = stringValue(e);
	if (s !== undefined) return [s];
	if (ts.isTemplateExpression(e)) {
		const out: Array<string | null> = [e.head.text];
		for (const span of e.templateSpans) out.push(null, span.literal.text);
		return out;
	}
	// `\`…\`.trim()`: the text it is called on
	if (
		ts.isCallExpression(e) &&
		ts.isPropertyAccessExpression(e.expression) &&
		e.expression.name.text === 'trim'
	)
		return pieces(e.expression.expression);
	if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
		const left = pieces(e.left) ?? [null];
		const right = pieces(e.right) ?? [null];
		return [...left, ...right];
	}
	return undefined;
}

function toPattern(parts: Array<string | null>, where: string): MessagePattern | undefined {
	const literal = parts.filter((p): p is string => p !== null).join('');
	if (literal.replace(/[^A-Za-z]/g, '').length < 4) return undefined; // all interpolation
	const words = (s: string) => s.replace(/\s+/g, ' ');
	const regex = parts.map((p) => (p === null ? '.+?' : escape(words(p)))).join('');
	const text = parts.map((p) => (p === null ? '…' : words(p))).join('');
	return { text, regex: new RegExp(regex.replace(/(\.\+\?)+/g, '.+?')), where };
}

/** Which argument of an error class holds the message. */
const MESSAGE_ARGUMENT: Record<string, number> = {
	NodeOperationError: 1,
	HispatecSoapError: 1,
	XmlReadError: 1,
	SettingsError: 0,
	EnvelopeError: 0,
	Error: 0,
	TypeError: 0,
};

/**
 * Error messages: the message of every error the nodes and credentials construct
 * (`new NodeOperationError(node, '…')`, `new NodeApiError(node, response, { message: '…' })`, the SOAP
 * client's and reader's errors, plain `Error`s, the Clientify client's `io.refused`), the `message` of
 * what `describeFailure` returns for a failed Clientify request, and the credential tests' `message`
 * rules. A message passed on from
 * another error (`error.message`) is that error's, collected where it is made.
 */
export function errorMessages(): MessagePattern[] {
	const out: MessagePattern[] = [];
	const add = (e: ts.Expression | undefined, file: string, source: ts.SourceFile) => {
		if (!e) return;
		const parts = pieces(e);
		if (!parts) return;
		const pattern = toPattern(parts, at(file, source, e));
		if (pattern) out.push(pattern);
	};
	const objectMessage = (o: ts.Expression | undefined, file: string, source: ts.SourceFile) => {
		if (!o || !ts.isObjectLiteralExpression(o)) return;
		for (const p of o.properties)
			if (propertyName(p) === 'message' && ts.isPropertyAssignment(p))
				add(p.initializer, file, source);
	};
	for (const file of emittingSources()) {
		const source = parse(file);
		const credential = file.startsWith('credentials');
		walk(source, (n) => {
			if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) {
				const name = n.expression.text;
				if (name === 'NodeApiError') objectMessage(n.arguments?.[2], file, source);
				const index = MESSAGE_ARGUMENT[name];
				if (index !== undefined) add(n.arguments?.[index], file, source);
			}
			// the Clientify client's refusals: `io.refused('…')`, an n8n error made by the nodes' transport
			if (
				ts.isCallExpression(n) &&
				ts.isPropertyAccessExpression(n.expression) &&
				n.expression.name.text === 'refused'
			)
				add(n.arguments[0], file, source);
			// `describeFailure` (a failed Clientify request) and the `…Problem` helpers whose text an
			// error then carries (`elementNameProblem` → SettingsError / EnvelopeError)
			if (ts.isFunctionDeclaration(n) && n.name && /Problem$/.test(n.name.text) && n.body) {
				walk(n.body, (r) => {
					if (ts.isReturnStatement(r)) add(r.expression, file, source);
				});
			}
			if (
				ts.isFunctionDeclaration(n) &&
				n.name?.text === 'describeFailure' &&
				n.body !== undefined
			) {
				walk(n.body, (r) => {
					if (ts.isReturnStatement(r)) objectMessage(r.expression, file, source);
				});
			}
			// credential tests: `{ type: 'responseCode' | 'responseSuccessBody', properties: { message } }`
			if (credential && ts.isObjectLiteralExpression(n)) {
				const names = n.properties.map(propertyName);
				if (names.includes('message') && !names.includes('code')) objectMessage(n, file, source);
			}
		});
	}
	return out;
}

/** The page's text as the patterns read it: Markdown escapes and line breaks undone. */
export function searchableText(markdown: string): string {
	return markdown
		.replace(/\\([|*_`<>[\]#])/g, '$1')
		.replace(/`/g, '')
		.replace(/\s+/g, ' ');
}
