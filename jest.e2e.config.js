/**
 * End-to-end suite: real n8n (both pinned lines) against the Hispatec and Clientify emulators.
 * `npm run test:e2e`. Runs in band: each test file drives its own n8n processes.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/e2e/tsconfig.json', diagnostics: false }],
	},
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	reporters: ['default', '<rootDir>/test/e2e/summary-reporter.js'],
};
