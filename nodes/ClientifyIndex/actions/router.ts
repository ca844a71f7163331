import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { ClientifyClient } from '../../shared/clientify/client/client';
import { DEFAULT_RETRY_TIMING } from '../../shared/clientify/client/timing';
import type { Entity } from '../../shared/clientify/types';
import { clientConfigFromCredentials } from '../../Clientify/transport';
import * as findRemoved from './findRemoved.operation';
import * as indexRecords from './indexRecords.operation';

/** Each operation's module, by the value of the Operation parameter. */
const OPERATIONS = { index: indexRecords, findRemoved } as const;

type ClientifyIndexOperation = keyof typeof OPERATIONS;

/** One run over all input items (the operations read item 0's parameters); one client per run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const config = await clientConfigFromCredentials(this, { timing: DEFAULT_RETRY_TIMING });
	const recordTypes = this.getNodeParameter('recordTypes', 0, ['company', 'contact']) as Entity[];
	const operation = this.getNodeParameter('operation', 0, 'index') as ClientifyIndexOperation;
	if (!Object.prototype.hasOwnProperty.call(OPERATIONS, operation))
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	return await OPERATIONS[operation].execute.call(this, new ClientifyClient(config), recordTypes);
}
