import type { INodeProperties } from 'n8n-workflow';
import * as company from './company';
import * as contact from './contact';
import * as getAll from './record/getAll.operation';

export { router } from './router';

/** Every parameter of the Hispatec node, resource first. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
		],
		default: 'contact',
	},
	...contact.description,
	...company.description,
	...getAll.description,
];
