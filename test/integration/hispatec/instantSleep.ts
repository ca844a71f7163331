/**
 * n8n-workflow with a `sleep` that returns at once (a jest.fn, so tests can count the waits). The
 * Hispatec nodes build their client themselves with n8n's `sleep`; a test file makes retry waits
 * instant with
 *   jest.mock('n8n-workflow', () => jest.requireActual('./instantSleep').n8nWorkflowWithInstantSleep());
 * This module imports nothing, so it can be loaded while n8n-workflow is being mocked.
 */
export function n8nWorkflowWithInstantSleep(): typeof import('n8n-workflow') {
	return {
		...jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow'),
		sleep: jest.fn(async () => undefined),
	};
}
