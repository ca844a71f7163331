/**
 * The fault suite: `npm run test:faults`. The template's pipeline in-process against the emulators,
 * with faults injected (test/faults/). Writes RELIABILITY.md. Runs in band (one emulator pair).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/faults'],
	testMatch: ['**/*.faults.ts'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{ tsconfig: 'tsconfig.test.json', isolatedModules: false, diagnostics: true },
		],
	},
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
