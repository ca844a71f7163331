#!/usr/bin/env node
/**
 * `npm run lint:scanner`: n8n's verification scanner (@n8n/scan-community-package, pinned in
 * devDependencies), run the way it runs on a published version, but on this checkout and on the
 * tarball `npm pack` makes from it (the scanner itself only downloads packages from the registry).
 *
 * The scanner lints two things, each with ESLint's inline configuration off (`allowInlineConfig:
 * false`, so an `eslint-disable` comment counts for nothing) and with its own flat config
 * (`overrideConfigFile: true` + its `buildScanConfig()`, never this repository's eslint.config.mjs):
 *   1. the source: `package.json` and `{nodes,credentials}/**\/*.{js,ts,json}` (SOURCE_FILE_PATTERNS);
 *   2. the unpacked tarball: `**\/*.js` and `package.json`.
 * Both legs go through the scanner's own `analyzePackage()` (its pass/fail verdict). The scanner only
 * fails on errors; this script is stricter and also fails on warnings, so each leg is linted once more
 * with the same config, options and file list to count every problem.
 *
 * Needs the build output (`npm run build`) for the tarball leg. Exit code 1 on any problem.
 * `--source-only <dir>`: only the source leg, on another directory (test/scanner uses it on fixtures).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// eslint-plugin-n8n-nodes-base treats every file as a node, trigger and credential file when
// NODE_ENV is "test" (its own test mode). The scanner never runs that way; neither do we (jest sets it).
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const require = createRequire(import.meta.url);
const SCANNER_DIR = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scanner = await import(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs'));
// ESLint and fast-glob as the scanner resolves them (its own dependencies), not this repository's.
const fromScanner = createRequire(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs'));
const { ESLint } = fromScanner('eslint');
const glob = fromScanner('fast-glob');

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** The lint `analyzePackage()` does, returning every result (same options, same file list). */
async function lintLikeScanner(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const formatter = await eslint.loadFormatter('stylish');
	return {
		files: files.length,
		errors: results.reduce((n, r) => n + r.errorCount, 0),
		warnings: results.reduce((n, r) => n + r.warningCount, 0),
		text: await formatter.format(results),
	};
}

async function leg(label, dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const counted = await lintLikeScanner(dir, patterns);
	const problems = counted.errors + counted.warnings;
	console.log(
		`${problems === 0 && verdict.passed ? '✔' : '✖'} scanner lint, ${label}: ${counted.files} files, ` +
			`${problems} problems (${counted.errors} errors, ${counted.warnings} warnings); scanner verdict: ${verdict.passed ? 'passed' : `failed (${verdict.message})`}`,
	);
	if (counted.text.trim()) console.log(counted.text);
	if (!verdict.passed && verdict.details && problems === 0) console.log(verdict.details);
	if (counted.files === 0) {
		console.log(`✖ no files matched ${patterns.join(', ')} in ${dir}`);
		return false;
	}
	return verdict.passed && problems === 0;
}

function run(cmd, args, cwd) {
	const res = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
	if (res.status !== 0)
		throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr || res.stdout}`);
	return res.stdout;
}

async function main() {
	const only = process.argv.indexOf('--source-only');
	if (only !== -1) {
		const dir = process.argv[only + 1];
		if (!dir) throw new Error('--source-only needs a directory');
		return await leg(`source ${dir}`, path.resolve(dir), scanner.SOURCE_FILE_PATTERNS);
	}
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const missing = (packageJson.n8n?.nodes ?? [])
		.concat(packageJson.n8n?.credentials ?? [])
		.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
	if (missing.length) {
		console.error(`✖ build output missing (${missing.join(', ')}): run npm run build first`);
		return false;
	}

	const sourceOk = await leg('source', REPO_ROOT, scanner.SOURCE_FILE_PATTERNS);

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-hispatec-scan-'));
	try {
		// npm pack as a publish would make it; the scanner unpacks with --strip-components=1 the same way
		const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], REPO_ROOT));
		const tarball = path.join(tmp, packed[0].filename);
		const packageDir = path.join(tmp, 'package');
		fs.mkdirSync(packageDir);
		run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], tmp);
		const tarballOk = await leg(
			`tarball ${packed[0].filename} (${packed[0].entryCount} entries)`,
			packageDir,
			TARBALL_PATTERNS,
		);
		return sourceOk && tarballOk;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
