/** Extra workflows the end-to-end suite imports next to the template. */
import { credentialIdsByType, type WorkflowJson } from '../../harness/n8n/stack';

export const TRIGGER_WORKFLOW_ID = 'e2eHispTrigger01';

/**
 * Hispatec Trigger (contacts) → Clientify Upsert. Polls at seconds 0, 15, 30 and 45 of every minute:
 * four plain cron entries, because n8n refuses a sub-minute step (`*\/15` in the seconds field) for
 * polling nodes, but accepts several poll times.
 */
export function triggerWorkflow(): WorkflowJson {
	const ids = credentialIdsByType();
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'E2E: Hispatec Trigger → Clientify Upsert',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		pinData: {},
		nodes: [
			{
				id: '8d7c2b61-3f4e-4a5b-9c6d-7e8f9a0b1c01',
				name: 'Hispatec Trigger',
				type: 'n8n-nodes-hispatec.hispatecTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: {
						item: [0, 15, 30, 45].map((second) => ({
							mode: 'custom',
							cronExpression: `${second} * * * * *`,
						})),
					},
					resource: 'contact',
					options: {},
				},
				credentials: { hispatecApi: { id: ids.hispatecApi, name: 'Hispatec account' } },
			},
			{
				id: '8d7c2b61-3f4e-4a5b-9c6d-7e8f9a0b1c02',
				name: 'Clientify Upsert',
				type: 'n8n-nodes-hispatec.clientifyUpsert',
				typeVersion: 1,
				position: [300, 0],
				parameters: { recordType: 'auto', options: {} },
				credentials: {
					clientifyTokenApi: { id: ids.clientifyTokenApi, name: 'Clientify account' },
				},
				onError: 'continueRegularOutput',
			},
		],
		connections: {
			'Hispatec Trigger': { main: [[{ node: 'Clientify Upsert', type: 'main', index: 0 }], []] },
		},
	};
}
