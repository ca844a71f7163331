/**
 * Tests mirror the code: every module under nodes/ and credentials/ that holds logic (some function in
 * it decides something: a branch, loop, catch or short circuit) has a unit test at its path below
 * test/unit/ (test/helpers/mirror.ts: the exact rule and the few kinds of file tested otherwise).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, emittingSources } from '../helpers/docs';
import { decisionsIn, hasMirroredTest, missingTests } from '../helpers/mirror';

const posix = (p: string) => p.split(path.sep).join('/');

function filesUnder(dir: string): string[] {
	return fs
		.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
		.flatMap((e) =>
			e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [posix(path.join(dir, e.name))],
		);
}

describe('the mirror rule', () => {
	it('counts decisions inside function bodies only', () => {
		expect(decisionsIn('a.ts', 'export const A = { x: 1 };\nexport type T = 1;')).toBe(0);
		expect(decisionsIn('a.ts', "export const d = x ?? 'y';\nexport const f = () => ({ d });")).toBe(
			0,
		);
		expect(decisionsIn('a.ts', 'export function f(x?: { y: 1 }) { return x?.y; }')).toBe(1);
		expect(
			decisionsIn(
				'a.ts',
				'export class C { get g() { for (const a of []) if (a || b) return 1; return 0; } }',
			),
		).toBe(3);
	});

	it('finds the test at the mirrored path, split by aspect, or named after an index folder', () => {
		const tests = new Set([
			'test/unit/shared/a.test.ts',
			'test/unit/shared/b.company.test.ts',
			'test/unit/X/transport.test.ts',
			'test/unit/credentials/helper.test.ts',
		]);
		expect(hasMirroredTest('nodes/shared/a.ts', tests)).toBe(true);
		expect(hasMirroredTest('nodes/shared/b.ts', tests)).toBe(true);
		expect(hasMirroredTest('nodes/X/transport/index.ts', tests)).toBe(true);
		expect(hasMirroredTest('credentials/helper.ts', tests)).toBe(true);
		expect(hasMirroredTest('nodes/shared/ab.ts', tests)).toBe(false);
		expect(hasMirroredTest('nodes/X/other/index.ts', tests)).toBe(false);
	});

	it('lists a module that decides without a test, and not an exempt kind, data or a tested one', () => {
		const logic = 'export function f(x: number) { return x > 0 ? 1 : 0; }';
		expect(
			missingTests(
				[
					{ file: 'nodes/a.ts', text: logic },
					{ file: 'nodes/b.ts', text: logic },
					{ file: 'nodes/data.ts', text: 'export const D = [1, 2];' },
					{ file: 'nodes/N/N.node.ts', text: logic },
					{ file: 'credentials/K.credentials.ts', text: logic },
				],
				new Set(['test/unit/a.test.ts']),
			),
		).toEqual(['nodes/b.ts']);
	});
});

describe('nodes/ and credentials/', () => {
	it('every module that holds logic has its unit test at its path below test/unit/', () => {
		const sources = emittingSources().map((file) => ({
			file: posix(file),
			text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
		}));
		const tests = new Set(filesUnder(path.join('test', 'unit')));
		expect(missingTests(sources, tests)).toEqual([]);
	});
});
