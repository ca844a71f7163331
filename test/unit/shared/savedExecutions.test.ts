/**
 * When a successful execution is kept, as n8n decides it from the workflow settings (mode by mode).
 */
import { successfulExecutionSavedWarning } from '../../../nodes/shared/savedExecutions';

const saved = (settings: Parameters<typeof successfulExecutionSavedWarning>[0], mode: string) =>
	successfulExecutionSavedWarning(settings, mode, 'its data')?.message;

describe('successfulExecutionSavedWarning', () => {
	test.each([
		['integrated', {}],
		['integrated', undefined],
		['integrated', { saveDataSuccessExecution: 'DEFAULT' }],
		['integrated', { saveDataSuccessExecution: 'all' }],
		['trigger', { saveDataSuccessExecution: 'all', saveManualExecutions: false }],
	])(
		'%s execution with %j: kept, names "Save successful production executions"',
		(mode, settings) => {
			expect(saved(settings, mode)).toBe(
				'This workflow keeps its successful executions, each with its data. Open the workflow\'s Settings (⋯ → Settings) and set "Save successful production executions" to "Do not save", then save the workflow.',
			);
		},
	);

	test.each([
		['manual', {}],
		['manual', { saveManualExecutions: 'DEFAULT' }],
		['manual', { saveManualExecutions: true, saveDataSuccessExecution: 'none' }],
	])('%s execution with %j: kept, names "Save manual executions"', (mode, settings) => {
		expect(saved(settings, mode)).toMatch(
			/^This workflow keeps its successful manual executions, .*"Save manual executions" to "Do not save"/,
		);
	});

	test.each([
		['integrated', { saveDataSuccessExecution: 'none' }],
		['trigger', { saveDataSuccessExecution: 'none', saveManualExecutions: true }],
		['manual', { saveManualExecutions: false, saveDataSuccessExecution: 'all' }],
	])('%s execution with %j: not kept, no warning', (mode, settings) => {
		expect(saved(settings, mode)).toBeUndefined();
	});
});
