import type { INodeProperties } from 'n8n-workflow';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'Find Duplicate Tax IDs',
				value: 'findDuplicates',
				description:
					'Read every page once and return one item: the tax IDs several companies share, and the code of the one to sync',
				action: 'Find duplicate tax numbers of companies',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Read companies (cooperatives, SATs, companies, public bodies) with CIF, normalized',
				action: 'Get many companies',
			},
			{
				name: 'Get Page',
				value: 'getPage',
				description:
					'Read one page of companies, normalized (for syncing a large ERP page by page)',
				action: 'Get a page of companies',
			},
		],
		default: 'getAll',
	},
];
