/**
 * Queue-mode suite: real n8n 2.41 (main + 2 workers) with Redis and Postgres, against the Hispatec and
 * Clientify emulators. `npm run test:queue`. One test file, one cluster, tests in order.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/queue/tsconfig.json', diagnostics: false }],
	},
	testTimeout: 10 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
