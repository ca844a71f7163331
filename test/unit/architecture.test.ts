/**
 * The architecture drawn from the code: every folder and file the "Architecture" section of
 * CONTRIBUTING.md names (its drawings, its folder table, its inline code) exists in the repository
 * (test/helpers/architecture.ts: what counts as a path and how a short one resolves).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/docs';
import { missingPaths, pathsNamed, sectionOf } from '../helpers/architecture';

describe('the path reader', () => {
	const section = [
		'## Architecture',
		'Prose names nodes/gone/ without code: not read. `nodes/a/x.ts` is.',
		'```',
		'Step   nodes/a/  x.ts → sub/y.ts, {p,q}.ts · POST /contacts/{id}/ · …/tags/{tagId}/',
		'  │ test/{unit,e2e}/ and nodes/a/*.ts; gone.ts; no/invalid/foreign; DOCTYPE/ENTITY',
		'```',
		'| `nodes/b/` | text |',
		'## Next',
		'`nodes/not-in-section/`',
	].join('\n');

	it('reads the paths of code blocks and inline code in the section only', () => {
		expect(pathsNamed(sectionOf(section, 'Architecture')!)).toEqual([
			'nodes/a/',
			'x.ts',
			'sub/y.ts',
			'p.ts',
			'q.ts',
			'test/unit/',
			'test/e2e/',
			'nodes/a/*.ts',
			'gone.ts',
			'nodes/a/x.ts',
			'nodes/b/',
		]);
	});

	it('names each path that does not exist; short ones resolve below the folders named in full', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'architecture-'));
		try {
			for (const f of ['nodes/a/x.ts', 'nodes/a/sub/y.ts', 'nodes/a/p.ts', 'test/unit/u.ts'])
				(fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true }),
					fs.writeFileSync(path.join(root, f), ''));
			expect(missingPaths(root, pathsNamed(sectionOf(section, 'Architecture')!))).toEqual([
				'q.ts',
				'test/e2e/',
				'gone.ts',
				'nodes/b/',
			]);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});

describe('CONTRIBUTING.md, Architecture', () => {
	const section = sectionOf(
		fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8'),
		'Architecture',
	);

	it('has the section, with its drawing and its folder list', () => {
		expect(section).toBeDefined();
		expect(section).toMatch(/^### Folders$/m);
		expect(pathsNamed(section!).length).toBeGreaterThan(0);
	});

	it('names only folders and files that exist', () => {
		expect(missingPaths(ROOT, pathsNamed(section!))).toEqual([]);
	});
});

/** Every `import … from '…'` / `export … from '…'` specifier of a TypeScript file. */
function importsOf(source: string): string[] {
	return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
}

function tsFilesBelow(dir: string): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) =>
			e.isDirectory()
				? tsFilesBelow(path.join(dir, e.name))
				: e.name.endsWith('.ts')
					? [path.join(dir, e.name)]
					: [],
		);
}

describe('the layering the drawing states', () => {
	const importsBelow = (folder: string) =>
		tsFilesBelow(path.join(ROOT, folder)).flatMap((file) =>
			importsOf(fs.readFileSync(file, 'utf8')).map((spec) => ({
				file: path.relative(ROOT, file),
				target: spec.startsWith('.')
					? path.relative(ROOT, path.resolve(path.dirname(file), spec))
					: spec,
			})),
		);

	it('reads imports', () => {
		expect(
			importsOf(
				"import { a } from './a';\nimport type {\n\tB,\n} from '../b';\nexport * from 'c';",
			),
		).toEqual(['./a', '../b', 'c']);
	});

	it('nodes/shared/ imports neither n8n nor anything outside nodes/shared/', () => {
		const offenders = importsBelow('nodes/shared').filter(
			({ target }) =>
				target.startsWith('n8n-') ||
				(target.startsWith('nodes/') && !target.startsWith('nodes/shared/')),
		);
		expect(offenders).toEqual([]);
	});

	it('Clientify Index and Clientify Upsert import nothing of each other', () => {
		const across = [
			...importsBelow('nodes/ClientifyIndex').filter(({ target }) =>
				target.startsWith('nodes/ClientifyUpsert/'),
			),
			...importsBelow('nodes/ClientifyUpsert').filter(({ target }) =>
				target.startsWith('nodes/ClientifyIndex/'),
			),
		];
		expect(across).toEqual([]);
	});
});
