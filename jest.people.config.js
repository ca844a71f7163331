/**
 * The sales-team simulation: `npm run test:people`. Clientify Upsert in-process against the Clientify
 * emulator while a seeded team of people edits the CRM (test/people/). Writes its section of
 * RELIABILITY.md. Runs in band (one emulator, deterministic request order).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/people'],
	testMatch: ['**/*.people.ts'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{ tsconfig: 'tsconfig.test.json', isolatedModules: false, diagnostics: true },
		],
	},
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
