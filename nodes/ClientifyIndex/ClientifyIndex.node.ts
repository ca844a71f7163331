import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { CLIENTIFY_NODE_BASE } from '../Clientify/transport';
import { properties, router } from './actions';

/**
 * *Index Records*: lists every Clientify contact and/or company once (100 per call) and returns ONE
 * item with a compact index per entity: a text of lines "<tax ID>\t<id>:<fingerprint>[;extras]" (the
 * Hispatec code, and for contacts their company links; see shared/clientify/plan/fingerprint.ts), and
 * the records the sync owns by Hispatec code (shared/clientify/removed.ts). Pages are reduced as they
 * arrive, so only the index stays in memory. Feed `known` to Clientify Upsert's option "Known
 * Records" in every chunk of a large sync.
 *
 * *Find Removed Records*: from that index and the run's complete ERP reads, the records that left
 * the ERP, as `RemovedRecord` items for Clientify Upsert (docs/clientify-index.md).
 */
export class ClientifyIndex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clientify Index',
		name: 'clientifyIndex',
		icon: { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' },
		...CLIENTIFY_NODE_BASE,
		usableAsTool: true,
		group: ['input'],
		subtitle:
			'={{ $parameter["operation"] === "findRemoved" ? "Find records that left the ERP" : "Index records by tax ID" }}',
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Result', 'Removed'],
		description:
			'List Clientify contacts and companies once into a compact tax-ID index for Clientify Upsert (large syncs)',
		defaults: {
			name: 'Clientify Index',
		},
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
