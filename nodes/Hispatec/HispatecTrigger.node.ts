import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { createHispatecClient, toNodeError } from './transport';
import { triggerProperties } from './trigger/description';
import { pollRecords } from './trigger/poll';

/**
 * Polls Hispatec ERPagro and emits contacts or companies that are new or changed since the last poll
 * (content fingerprints in workflow static data; works when the server ignores ModificadoDesde).
 * Outputs: Valid (normalized records) and Skipped (records that cannot be synced, with their reason).
 */
export class HispatecTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hispatec Trigger',
		name: 'hispatecTrigger',
		icon: { light: 'file:hispatec.svg', dark: 'file:hispatec.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{"New or changed " + ({company: "companies", contact: "contacts"}[$parameter["resource"]] || $parameter["resource"])}}',
		description:
			'Starts the workflow when contacts or companies are created or changed in Hispatec ERPagro',
		defaults: {
			name: 'Hispatec Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Skipped'],
		credentials: [
			{
				name: 'hispatecApi',
				required: true,
			},
		],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			const client = await createHispatecClient(this);
			return await pollRecords.call(this, client);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
