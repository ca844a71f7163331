/** The workflows the queue-mode suite imports next to the template. */
import { bindCredentials, readTemplate, type WorkflowJson } from '../../harness/n8n/stack';

export const WEBHOOK_WORKFLOW_ID = 'queueTemplateWh1';
export const WEBHOOK_PATH = 'hispatec-to-clientify';

/**
 * workflows/hispatec-to-clientify.json started by a Webhook instead of its manual and hourly triggers
 * (same nodes and connections otherwise). The webhook answers with the last node's item, the template's
 * "Sync summary", once the execution is done, so a test can start runs at an exact moment and read
 * their results.
 */
export function webhookTemplate(): WorkflowJson {
	const template = bindCredentials(readTemplate());
	const triggers = ['Run manually', 'Every hour'];
	// The template ends "Sync summary" → "Any step failed?" → "Fail the execution" (the failure path the
	// e2e suite covers). Here the summary is the last node, so the webhook answers with it.
	const failurePath = ['Any step failed?', 'Fail the execution'];
	const connections = { ...template.connections };
	const start = connections['Run manually'];
	for (const name of [...triggers, ...failurePath, 'Sync summary']) delete connections[name];
	connections.Webhook = start;
	return {
		...template,
		id: WEBHOOK_WORKFLOW_ID,
		name: 'Queue mode: Hispatec → Clientify (webhook)',
		active: false,
		settings: {
			...(template.settings as object),
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		nodes: [
			...template.nodes.filter(
				(n) =>
					!triggers.includes(n.name) &&
					!failurePath.includes(n.name) &&
					n.type !== 'n8n-nodes-base.stickyNote',
			),
			{
				id: '3b1f6c2e-9d4a-4e7b-8c5f-1a2b3c4d5e01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [-20, 480],
				webhookId: '3b1f6c2e-9d4a-4e7b-8c5f-1a2b3c4d5e02',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					options: {},
				},
			},
		],
		connections,
	};
}
