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
