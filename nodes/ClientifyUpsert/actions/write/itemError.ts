/**
 * Errors attributed to one input item: the one place a failure is wrapped with its item index
 * (preparing an item in execute.ts, writing it in the engine), and the "several matches" error.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import type { DesiredRecord } from '../../../shared/clientify/types';
import { ClientifyApiError } from '../../../Clientify/transport';
import type { ItemError } from './types';

/** Any failure as the n8n error of input item `index` (API errors keep their HTTP facts). */
export function asItemError(node: INode, error: unknown, index: number): ItemError {
	if (error instanceof ClientifyApiError) return error.forItem(node, index);
	if (error instanceof NodeOperationError) {
		return new NodeOperationError(node, error.message, {
			itemIndex: index,
			description: error.description ?? undefined,
		});
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex: index,
	});
}

/** Several Clientify records have the item's tax ID and "On Multiple Matches" is Fail. */
export function ambiguityError(
	node: INode,
	desired: DesiredRecord,
	ids: number[],
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`${ids.length} Clientify ${desired.entity}s have tax ID ${desired.taxId} (ids ${ids.join(', ')})`,
		{
			itemIndex,
			description:
				'The record was not written. Merge the duplicates in Clientify, or set the option "On Multiple Matches" to "Update the Oldest".',
		},
	);
}
