import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './actions/properties';
import { router } from './actions/router';

/**
 * Reads contacts and companies from Hispatec ERPagro over SOAP and normalizes them (NIF/CIF validated).
 * Outputs: Valid (normalized records) and Skipped (raw record + reason); nothing is dropped.
 */
export class Hispatec implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hispatec',
		name: 'hispatec',
		icon: { light: 'file:hispatec.svg', dark: 'file:hispatec.dark.svg' },
		group: ['input'],
		version: 1,
		// The operation's own action text ("Get many companies"), as n8n's nodes show it.
		subtitle:
			'={{({getAll: "Get many ", getPage: "Get a page of ", findDuplicates: "Find duplicate tax IDs of "}[$parameter["operation"]] || "") + ({company: "companies", contact: "contacts"}[$parameter["resource"]] || $parameter["resource"])}}',
		description: 'Read contacts and companies from Hispatec ERPagro (SOAP), with validated NIF/CIF',
		defaults: {
			name: 'Hispatec',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Skipped'],
		credentials: [
			{
				name: 'hispatecApi',
				required: true,
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
