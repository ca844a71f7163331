/**
 * The counting command of `npm run trace:record` (harness/recordPath.ts): its structure, not its count,
 * which changes whenever the code is reorganized.
 */
import * as fs from 'fs';
import * as path from 'path';
import { recordPath, type RecordPath } from '../../../harness/recordPath';

const ROOT = path.resolve(__dirname, '../../..');

describe('the files one record crosses (trace:record)', () => {
	let first: RecordPath;
	let second: RecordPath;
	beforeAll(async () => {
		first = await recordPath();
		second = await recordPath();
	});

	it('ends with the contact created in Clientify', () => {
		expect(first.output.action).toBe('created');
		expect(first.output.recordType).toBe('contact');
	});

	it('goes through Get Many and the Upsert execute', () => {
		expect(first.files).toEqual(
			expect.arrayContaining([
				'nodes/Hispatec/Hispatec.node.ts',
				'nodes/Hispatec/actions/record/getAll.operation.ts',
				'nodes/ClientifyUpsert/ClientifyUpsert.node.ts',
			]),
		);
	});

	it('lists only existing source files under nodes/ and credentials/, sorted and once each', () => {
		for (const file of first.files) {
			expect(file).toMatch(/^(nodes|credentials)\/.+\.ts$/);
			expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
		}
		expect([...first.files].sort()).toEqual(first.files);
		expect(new Set(first.files).size).toBe(first.files.length);
		expect(first.folders).toEqual(
			[...new Set(first.files.map((f) => path.posix.dirname(f)))].sort(),
		);
	});

	it('is the same list on every run', () => {
		expect(second.files).toEqual(first.files);
	});
});
