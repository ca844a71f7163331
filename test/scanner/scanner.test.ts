/**
 * `npm run lint:scanner` is only worth something if it fails where n8n's scanner fails: on a
 * fixture package, the deprecated `this.helpers.request` is an error even behind an
 * `eslint-disable` comment (inline configuration off), and the same package without it passes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'lint-scanner.mjs');

const REPO = path.join(__dirname, '..', '..');

/** A copy of what the scanner lints in this repository (package.json, nodes/, credentials/). */
function copyOfSource(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanner-fixture-'));
	fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
	for (const folder of ['nodes', 'credentials'])
		fs.cpSync(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
	return dir;
}

const LEGACY_CALL = `
import type { IExecuteFunctions as LegacyContext } from 'n8n-workflow';

export async function legacyCall(this: LegacyContext): Promise<unknown> {
	// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
	return await this.helpers.request({ uri: 'https://example.com' });
}
`;

function scan(dir: string): { status: number | null; output: string } {
	const res = spawnSync(process.execPath, [SCRIPT, '--source-only', dir], { encoding: 'utf8' });
	return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('lint:scanner (n8n scanner rules, inline configuration off)', () => {
	const dirs: string[] = [];
	afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

	it("passes this repository's source", () => {
		const dir = copyOfSource();
		dirs.push(dir);
		const { status, output } = scan(dir);
		expect({ status, output }).toEqual({
			status: 0,
			output: expect.stringMatching(/0 problems \(0 errors, 0 warnings\); scanner verdict: passed/),
		});
	}, 120_000);

	it('fails on this.helpers.request even behind an eslint-disable comment', () => {
		const dir = copyOfSource();
		dirs.push(dir);
		fs.appendFileSync(path.join(dir, 'nodes', 'Clientify', 'transport.ts'), LEGACY_CALL);
		const { status, output } = scan(dir);
		expect(status).toBe(1);
		expect(output).toMatch(
			/Clientify\/transport\.ts\n\s+\d+:\d+\s+error\s+'request' is deprecated.*@n8n\/community-nodes\/no-deprecated-workflow-functions/,
		);
		expect(output).toMatch(/1 problems \(1 errors, 0 warnings\); scanner verdict: failed/);
	}, 120_000);
});
