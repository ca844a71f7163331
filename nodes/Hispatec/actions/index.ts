import type { INodeProperties } from 'n8n-workflow';
import { resourceProperty } from '../descriptions/common';
import * as company from './company';
import * as contact from './contact';
import * as getAll from './record/getAll.operation';
import * as getPage from './record/getPage.operation';

export { router } from './router';

/** Every parameter of the Hispatec node, resource first. */
export const properties: INodeProperties[] = [
	resourceProperty(),
	...contact.description,
	...company.description,
	...getAll.description,
	...getPage.description,
];
