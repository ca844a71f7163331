import type { INodeProperties } from 'n8n-workflow';
import { resourceProperty } from '../descriptions/common';
import type { HispatecResource } from './node.type';
import { operations } from './router';

/** A resource's Operation parameter: each operation's entry for it, in alphabetical order. */
function operationProperty(resource: HispatecResource): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.values(operations)
			.map((operation) => operation.option[resource])
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'getAll',
	};
}

/**
 * Every parameter of the Hispatec node (the part of n8n's Airtable v2 `versionDescription` that is
 * built from the operation files): the resource, each resource's Operation list, then every
 * operation's parameters in the order of `operations` (actions/router.ts).
 */
export const properties: INodeProperties[] = [
	resourceProperty(),
	operationProperty('contact'),
	operationProperty('company'),
	...Object.values(operations).flatMap((operation) => operation.description),
];
