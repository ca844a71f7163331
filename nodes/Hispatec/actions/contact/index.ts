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
				name: 'Get Many',
				value: 'getAll',
				description: 'Read contacts (persons) with NIF/DNI/NIE, normalized',
				action: 'Get many contacts',
			},
		],
		default: 'getAll',
	},
];
