/**
 * What test/unit/exports.test.ts checks: which exported names of the modules under nodes/ and
 * credentials/ nothing imports. Read with the compiler's parser (syntax only, no type check), so the
 * answer is the same on every machine and follows the tree as it is at test time.
 *
 * A name (file, name) is live when a module of the tree imports it (`import { name }`, `import type`,
 * a default import, `X.name` through `import * as X`, `import('…').name` in a type), or re-exports it
 * under a live name (`export { name } from`, `export *`, `export { imported }`), or when it is an entry
 * n8n loads (the node and credential classes package.json's `n8n` section names). A namespace used
 * other than as `X.name` (passed on, indexed by a key) makes every name of its module live.
 */
import * as path from 'path';
import * as ts from 'typescript';

/** One source file: its path relative to the repository (posix separators) and its text. */
export interface Source {
	file: string;
	text: string;
}

/** An exported name nothing imports: the file that spells it and the name. */
export interface DeadExport {
	file: string;
	name: string;
}

/** `file: name`, how the test lists a dead export. */
export const describeDead = (d: DeadExport) => `${d.file}: ${d.name}`;

/** Every name of a module: used for a namespace import that is not only read as `X.name`. */
const ALL = '*';

interface ModuleShape {
	/** Names declared here and exported (`export const a`, `export { local as a }`, `export default`). */
	local: Set<string>;
	/** Names exported from another module: exported name → [module, its name there (or ALL)]. */
	forwarded: Map<string, [string, string]>;
	/** Modules whose names this one exports as they are (`export * from`). */
	stars: string[];
	/** What this module imports: [module, name (or ALL)]. */
	uses: Array<[string, string]>;
}

/** The module a relative specifier names among `files`, or undefined (a package, or not a .ts file). */
function resolve(from: string, specifier: string, files: Set<string>): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.posix.join(path.posix.dirname(from), specifier);
	return [`${base}.ts`, `${base}/index.ts`, base].find((f) => files.has(f) && f.endsWith('.ts'));
}

function hasExport(node: ts.Node): boolean {
	return (
		ts.canHaveModifiers(node) &&
		(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
	);
}

function hasDefault(node: ts.Node): boolean {
	return (
		ts.canHaveModifiers(node) &&
		(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
	);
}

function bindingNames(name: ts.BindingName): string[] {
	if (ts.isIdentifier(name)) return [name.text];
	return name.elements.flatMap((e) => (ts.isBindingElement(e) ? bindingNames(e.name) : []));
}

function shapeOf(source: Source, files: Set<string>): ModuleShape {
	const sf = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
	const shape: ModuleShape = { local: new Set(), forwarded: new Map(), stars: [], uses: [] };
	/** Local binding → what it was imported as: [module, name or ALL]. */
	const imported = new Map<string, [string, string]>();
	const namespaces = new Map<string, string>();
	/** The identifiers the module's own code mentions (not its import and re-export lines). */
	const mentioned = new Set<string>();
	const collect = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) || ts.isExportSpecifier(node)) return;
		if (ts.isIdentifier(node)) mentioned.add(node.text);
		ts.forEachChild(node, collect);
	};
	collect(sf);
	const target = (spec: ts.Expression | undefined) =>
		spec && ts.isStringLiteral(spec) ? resolve(source.file, spec.text, files) : undefined;

	for (const st of sf.statements) {
		if (ts.isImportDeclaration(st)) {
			const from = target(st.moduleSpecifier);
			const clause = st.importClause;
			if (!from || !clause) continue;
			if (clause.name) {
				imported.set(clause.name.text, [from, 'default']);
				if (mentioned.has(clause.name.text)) shape.uses.push([from, 'default']);
			}
			const bindings = clause.namedBindings;
			if (bindings && ts.isNamespaceImport(bindings)) {
				imported.set(bindings.name.text, [from, ALL]);
				namespaces.set(bindings.name.text, from);
			} else if (bindings)
				for (const el of bindings.elements) {
					const name = (el.propertyName ?? el.name).text;
					imported.set(el.name.text, [from, name]);
					if (mentioned.has(el.name.text)) shape.uses.push([from, name]);
				}
		} else if (ts.isExportDeclaration(st)) {
			const from = target(st.moduleSpecifier);
			if (st.moduleSpecifier && !from) continue;
			const clause = st.exportClause;
			if (!clause) {
				if (from) shape.stars.push(from);
			} else if (ts.isNamespaceExport(clause)) {
				if (from) shape.forwarded.set(clause.name.text, [from, ALL]);
			} else
				for (const el of clause.elements) {
					const inner = (el.propertyName ?? el.name).text;
					const origin = from ? [from, inner] : imported.get(inner);
					if (origin) shape.forwarded.set(el.name.text, origin as [string, string]);
					else shape.local.add(el.name.text);
				}
		} else if (ts.isExportAssignment(st)) {
			shape.local.add('default');
		} else if (hasExport(st)) {
			if (hasDefault(st)) shape.local.add('default');
			else if (ts.isVariableStatement(st))
				for (const d of st.declarationList.declarations)
					for (const n of bindingNames(d.name)) shape.local.add(n);
			else {
				const name = (st as ts.DeclarationStatement).name;
				if (name && ts.isIdentifier(name)) shape.local.add(name.text);
			}
		}
	}

	// What the namespace imports read, and `import('…').Name` in types.
	const visit = (node: ts.Node): void => {
		if (ts.isIdentifier(node) && namespaces.has(node.text)) {
			const parent = node.parent;
			const from = namespaces.get(node.text)!;
			const isImportItself = ts.isNamespaceImport(parent);
			if (isImportItself) return;
			if (ts.isPropertyAccessExpression(parent) && parent.expression === node)
				shape.uses.push([from, parent.name.text]);
			else if (ts.isQualifiedName(parent) && parent.left === node)
				shape.uses.push([from, parent.right.text]);
			else if (ts.isExportSpecifier(parent))
				return; // forwarded above
			else shape.uses.push([from, ALL]);
		} else if (ts.isImportTypeNode(node)) {
			const arg = node.argument;
			const from =
				ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)
					? resolve(source.file, arg.literal.text, files)
					: undefined;
			if (from) {
				let q = node.qualifier;
				while (q && ts.isQualifiedName(q)) q = q.left;
				shape.uses.push([from, q ? q.text : ALL]);
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return shape;
}

/**
 * The exported names of `sources` that no module of `sources` imports, directly or through live
 * re-exports; `entries` are the names n8n itself imports ([file, name]). Sorted by file, then name.
 */
export function deadExports(sources: Source[], entries: Array<[string, string]>): DeadExport[] {
	const files = new Set(sources.map((s) => s.file));
	const shapes = new Map(sources.map((s) => [s.file, shapeOf(s, files)]));
	const live = new Set<string>();
	const key = (file: string, name: string) => `${file}\0${name}`;

	/** Does `file` export `name` at all (itself, forwarded, or through a star)? */
	const exports = (file: string, name: string, seen = new Set<string>()): boolean => {
		const shape = shapes.get(file);
		if (!shape || seen.has(file)) return false;
		seen.add(file);
		return (
			shape.local.has(name) ||
			shape.forwarded.has(name) ||
			shape.stars.some((s) => exports(s, name, seen))
		);
	};
	const namesOf = (file: string, seen = new Set<string>()): string[] => {
		const shape = shapes.get(file);
		if (!shape || seen.has(file)) return [];
		seen.add(file);
		return [
			...shape.local,
			...shape.forwarded.keys(),
			...shape.stars.flatMap((s) => namesOf(s, seen).filter((n) => n !== 'default')),
		];
	};

	const work: Array<[string, string]> = [...entries];
	for (const shape of shapes.values()) work.push(...shape.uses);
	while (work.length) {
		const [file, name] = work.pop()!;
		const shape = shapes.get(file);
		if (!shape) continue;
		if (name === ALL) {
			for (const n of namesOf(file)) work.push([file, n]);
			continue;
		}
		if (live.has(key(file, name))) continue;
		live.add(key(file, name));
		const forward = shape.forwarded.get(name);
		if (forward) work.push(forward);
		else if (!shape.local.has(name))
			for (const star of shape.stars) if (exports(star, name)) work.push([star, name]);
	}

	const dead: DeadExport[] = [];
	for (const [file, shape] of shapes)
		for (const name of [...shape.local, ...shape.forwarded.keys()])
			if (!live.has(key(file, name))) dead.push({ file, name });
	return dead.sort((a, b) =>
		a.file === b.file ? a.name.localeCompare(b.name) : a.file.localeCompare(b.file),
	);
}

/**
 * The names n8n loads, from package.json's `n8n` section: for `dist/nodes/X/Name.node.js`, the class
 * `Name` of `nodes/X/Name.node.ts` (n8n takes the class named as the file).
 */
export function n8nEntries(pkg: { n8n?: { nodes?: string[]; credentials?: string[] } }) {
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	return listed.map((dist): [string, string] => {
		const file = dist.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		return [file, path.posix.basename(file).split('.')[0]];
	});
}
