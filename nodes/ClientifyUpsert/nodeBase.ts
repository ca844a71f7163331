/**
 * What every Clientify node's description shares (Clientify Upsert, Clientify Index): version 1,
 * one main input and output, and the Clientify credential. (The icon and `usableAsTool` stay
 * literal in each node class: n8n's community-node lint reads them there.)
 */
import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from './transport';

export const CLIENTIFY_NODE_BASE = {
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
} satisfies Partial<INodeTypeDescription>;
