#!/usr/bin/env node
/**
 * `npm run check:release [-- vX.Y.Z]`: refuses a release while the placeholders a maintainer must
 * replace are still there (CONTRIBUTING.md "Publishing"): `SET-ME` in package.json (repository, homepage,
 * author), in the credentials' and nodes' documentation links, or in LICENSE. With a tag argument
 * (the publish workflow passes the pushed tag), also checks that it equals `v` + package.json version.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

function walk(dir) {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const files = [
	'package.json',
	'LICENSE',
	...['credentials', 'nodes'].flatMap((d) =>
		walk(path.join(ROOT, d)).map((f) => path.relative(ROOT, f)),
	),
];
for (const file of files) {
	if (!/\.(json|ts)$|^LICENSE$/.test(file)) continue;
	const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
	lines.forEach((line, i) => {
		if (/SET-ME/i.test(line))
			problems.push(`${file}:${i + 1}: placeholder still set: ${line.trim()}`);
	});
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const tag = process.argv[2];
if (tag !== undefined && tag !== `v${pkg.version}`) {
	problems.push(
		`tag ${tag} does not match package.json version ${pkg.version} (expected v${pkg.version})`,
	);
}
if (!/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/.test(pkg.repository?.url ?? '')) {
	problems.push(
		`package.json repository.url must be the public GitHub repository the release is built from (npm provenance), got ${pkg.repository?.url}`,
	);
}

if (problems.length) {
	console.error(
		`✖ not ready to release:\n${problems.map((p) => `  ${p}`).join('\n')}\nSee CONTRIBUTING.md, "Publishing".`,
	);
	process.exit(1);
}
console.log(`✔ ready to release ${pkg.name}@${pkg.version}${tag ? ` (tag ${tag})` : ''}`);
