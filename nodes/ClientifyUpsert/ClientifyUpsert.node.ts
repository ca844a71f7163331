import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { upsertProperties } from './actions/description';
import { CLIENTIFY_NODE_BASE } from '../Clientify/transport';
import { DEFAULT_RETRY_DEPS, execute } from './actions/execute';
import { listSearch } from './methods';

/**
 * Creates or updates Clientify contacts and companies, matched by NIF/CIF: one lookup or less and at
 * most one write per changed record, none for unchanged ones. Thin adapter: the domain logic lives
 * in nodes/shared/clientify, the writes in ./actions/write, HTTP in ./transport.
 */
export class ClientifyUpsert implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clientify Upsert',
		name: 'clientifyUpsert',
		icon: { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' },
		...CLIENTIFY_NODE_BASE,
		// 2: *Link Contacts to Companies* is on unless set (version 1, saved before links: off).
		version: [1, 2],
		defaultVersion: 2,
		usableAsTool: true,
		group: ['output'],
		subtitle:
			'={{"Upsert " + ({auto: "records", contact: "contacts", company: "companies"}[$parameter["recordType"]] || "records") + " by tax ID"}}',
		description: 'Create or update Clientify contacts and companies by NIF/CIF, without duplicates',
		defaults: {
			name: 'Clientify Upsert',
		},
		properties: upsertProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this, DEFAULT_RETRY_DEPS);
	}
}
