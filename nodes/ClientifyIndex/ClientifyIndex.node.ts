import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	DEFAULT_CUSTOM_FIELD_PREFIX,
	DEFAULT_RETRY_TIMING,
	MAX_PAGE_SIZE,
	splitList,
	type ClientifyRecord,
	type Entity,
} from '../shared/clientify';
import { addToIndex, indexToText } from '../shared/clientify/plan/fingerprint';
import { successfulExecutionSavedWarning } from '../shared/savedExecutions';
import { ENTITY_PATH } from '../ClientifyUpsert/actions/write/lookup';
import { CLIENTIFY_NODE_BASE } from '../ClientifyUpsert/nodeBase';
import { ClientifyClient } from '../ClientifyUpsert/transport';
import { clientConfigFromCredentials } from '../ClientifyUpsert/transport/credentials';

/**
 * Lists every Clientify contact and/or company once (100 per call) and returns ONE item with a
 * compact index per entity: a text of lines "<tax ID>\t<id>:<fingerprint>" (see
 * shared/clientify/plan/fingerprint.ts). Pages are
 * reduced as they arrive, so only the index stays in memory (about 30 bytes per record). Feed it to
 * Clientify Upsert's option "Known Records" in every chunk of a large sync.
 */
export class ClientifyIndex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Clientify Index',
		name: 'clientifyIndex',
		icon: { light: 'file:clientify.svg', dark: 'file:clientify.dark.svg' },
		...CLIENTIFY_NODE_BASE,
		usableAsTool: true,
		group: ['input'],
		subtitle: 'Index records by tax ID',
		description:
			'List Clientify contacts and companies once into a compact tax-ID index for Clientify Upsert (large syncs)',
		defaults: {
			name: 'Clientify Index',
		},
		properties: [
			{
				displayName: 'Record Types',
				name: 'recordTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
				],
				default: ['company', 'contact'],
				description: 'Which Clientify records to index',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Custom Field Prefix',
						name: 'customFieldPrefix',
						type: 'string',
						default: DEFAULT_CUSTOM_FIELD_PREFIX,
						description: 'The same prefix as the Clientify Upsert that uses the index',
					},
					{
						displayName: 'Tags',
						name: 'tags',
						type: 'string',
						default: 'hispatec',
						description:
							'The same comma-separated tags as the Clientify Upsert that uses the index',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const config = await clientConfigFromCredentials(this, { timing: DEFAULT_RETRY_TIMING });
		const recordTypes = this.getNodeParameter('recordTypes', 0, ['company', 'contact']) as Entity[];
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const scope = {
			tags: splitList(typeof options.tags === 'string' ? options.tags : 'hispatec'),
			customFieldPrefix:
				typeof options.customFieldPrefix === 'string'
					? options.customFieldPrefix
					: DEFAULT_CUSTOM_FIELD_PREFIX,
		};
		const client = new ClientifyClient(this, config);
		const known: IDataObject = {};
		const counts: IDataObject = {};
		let calls = 0;
		for (const entity of ['company', 'contact'] as const) {
			if (!recordTypes.includes(entity)) continue;
			const index = new Map<string, string>();
			let listed = 0;
			let next: string | null = ENTITY_PATH[entity];
			let first = true;
			while (next) {
				const page: { next: string | null; results: ClientifyRecord[] } =
					await client.listPage<ClientifyRecord>(
						next,
						first ? { page_size: MAX_PAGE_SIZE } : undefined,
					);
				calls++;
				first = false;
				for (const record of page.results) {
					listed++;
					addToIndex(index, record, entity, scope);
				}
				next = page.next;
				if (calls > 1_000_000)
					throw new NodeOperationError(this.getNode(), 'Clientify pagination did not end');
			}
			// one text, not an object of 100,000 keys: n8n hands it to every page execution
			known[entity] = indexToText(index);
			counts[entity] = { listed, indexed: index.size };
		}
		// the index is the largest item of a paged sync: say so when the execution that holds it (and the
		// page executions of the same workflow) will be kept in the history
		const saved = successfulExecutionSavedWarning(
			this.getWorkflowSettings(),
			this.getMode(),
			'this index of every Clientify record listed; in the large-ERP template, every page execution of this workflow is kept too, with its records',
		);
		const json: IDataObject = { known, counts, calls };
		if (saved) json.warnings = [saved] as unknown as IDataObject[];
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}
