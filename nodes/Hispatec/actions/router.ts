import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../shared/hispatec/soap/client';
import { HispatecSoapError } from '../../shared/hispatec/soap/errors';
import { createHispatecClient, toNodeError } from '../transport';
import type { HispatecOperation, HispatecOperationModule, HispatecResource } from './node.type';
import * as findDuplicates from './record/findDuplicates.operation';
import * as getAll from './record/getAll.operation';
import * as getPage from './record/getPage.operation';

const RESOURCES: readonly HispatecResource[] = ['contact', 'company'];

/**
 * The operations by their value (the Operation parameter), in the order of their parameters on the
 * panel. Both resources have every operation: a contact and a company are read the same way.
 */
export const operations: Readonly<Record<HispatecOperation, HispatecOperationModule>> = {
	getAll,
	getPage,
	findDuplicates,
};

/**
 * The item of a failed input item under "Continue On Fail" / "On Error: Continue": exactly
 * `{error, message}` (the error's message, and what to do about it), paired with that item. n8n moves
 * items whose json is only `{error}` or `{error, message}` (1.x; 2.x also allows `details`) to the
 * error output when "On Error" is "Continue (using error output)", merged with the input item; with
 * "Continue (regular output)" it stays on Valid. The texts come from the client's errors, which never
 * carry the password or the token.
 */
function errorItem(
	error: { message: string; description?: string | null },
	itemIndex: number,
): INodeExecutionData {
	const message = error.description
		? error.description
		: 'The Hispatec read for this item failed; see error.';
	return { json: { error: error.message, message }, pairedItem: { item: itemIndex } };
}

/**
 * Runs once per input item (parameters may be expressions), dispatching by the operation's value to
 * its module (`operations`). One client, hence one login, per execution. Outputs: [Valid, Skipped];
 * with "Continue On Fail" an item's error goes to Valid as `{error, message}` (`errorItem`), which
 * n8n routes to the error output when that is on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const valid: INodeExecutionData[] = [];
	const skipped: INodeExecutionData[] = [];
	let client: HispatecSoapClient | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as HispatecResource;
			const operation = this.getNodeParameter('operation', itemIndex) as HispatecOperation;
			if (!RESOURCES.includes(resource)) {
				throw new NodeOperationError(
					this.getNode(),
					`The resource "${String(resource)}" is not known`,
					{ itemIndex },
				);
			}
			if (!Object.prototype.hasOwnProperty.call(operations, operation)) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${String(operation)}" is not supported for ${resource}`,
					{ itemIndex },
				);
			}
			client ??= await createHispatecClient(this);
			const result = await operations[operation].execute.call(this, client, resource, itemIndex);
			valid.push(...result.valid);
			skipped.push(...result.skipped);
		} catch (error) {
			const cancelled = error instanceof HispatecSoapError && error.kind === 'cancelled';
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail() && !cancelled) {
				valid.push(errorItem(nodeError, itemIndex));
				continue;
			}
			throw nodeError;
		}
	}
	return [valid, skipped];
}
