/**
 * Will n8n keep this execution once it succeeds? Read from the workflow's settings, as n8n decides it
 * (`toSaveSettings` and the save hook in packages/cli/src/execution-lifecycle, the same on 1.123 and
 * 2.41): a manual execution is kept unless *Save manual executions* is off; any other one (a trigger,
 * a sub-workflow execution: mode `integrated`) unless *Save successful production executions* is
 * *Do not save*. A setting left at *Default* (or absent: an import through the editor drops the file's
 * settings) follows the instance's `EXECUTIONS_DATA_SAVE_ON_SUCCESS` / `EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS`,
 * which a node cannot see and whose n8n default is to save: it counts as saved.
 *
 * The one place that knows this; Clientify Index reports it (docs/troubleshooting.md,
 * `successful_executions_saved`). Plain TypeScript, no n8n imports.
 */
import type { NormalizationWarning } from './types';

/** The workflow settings that decide it (n8n's `IWorkflowSettings`, as far as it matters here). */
interface SaveSettings {
	saveDataSuccessExecution?: string;
	saveManualExecutions?: boolean | string;
}

/** The labels of n8n's *Workflow settings* dialog (the same on 1.x and 2.x). */
const SAVE_SETTING_LABELS = {
	success: 'Save successful production executions',
	manual: 'Save manual executions',
	doNotSave: 'Do not save',
} as const;

/**
 * A warning when a successful execution of this workflow, in this mode, will be saved; `undefined`
 * when it will not. `holding` says what a saved execution would carry.
 */
export function successfulExecutionSavedWarning(
	settings: SaveSettings | undefined,
	mode: string,
	holding: string,
): NormalizationWarning | undefined {
	const manual = mode === 'manual';
	const saved = manual
		? settings?.saveManualExecutions !== false
		: settings?.saveDataSuccessExecution !== 'none';
	if (!saved) return undefined;
	const label = manual ? SAVE_SETTING_LABELS.manual : SAVE_SETTING_LABELS.success;
	return {
		code: 'successful_executions_saved',
		message:
			`This workflow keeps its successful ${manual ? 'manual ' : ''}executions, each with ${holding}. ` +
			`Open the workflow's Settings (⋯ → Settings) and set "${label}" to "${SAVE_SETTING_LABELS.doNotSave}", then save the workflow.`,
	};
}
