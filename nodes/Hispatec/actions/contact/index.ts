import type { INodeProperties } from 'n8n-workflow';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Find Duplicate Tax IDs',
				value: 'findDuplicates',
				description:
					'Read every page once and return one item: the tax IDs several contacts share, and the code of the one to sync',
				action: 'Find duplicate tax numbers of contacts',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Read contacts (persons) with NIF/DNI/NIE, normalized',
				action: 'Get many contacts',
			},
			{
				name: 'Get Page',
				value: 'getPage',
				description: 'Read one page of contacts, normalized (for syncing a large ERP page by page)',
				action: 'Get a page of contacts',
			},
		],
		default: 'getAll',
	},
];
