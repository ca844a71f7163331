import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { HispatecSoapClient } from '../../shared/hispatec/soap/client';
import type { RecordType } from '../../shared/types';

/** Resources of the Hispatec node and their operations. */
export type HispatecResource = RecordType;

export type HispatecOperation = 'getAll' | 'getPage' | 'findDuplicates';

/** What an operation adds to the node's Valid and Skipped outputs for one input item. */
export interface OperationResult {
	valid: INodeExecutionData[];
	skipped: INodeExecutionData[];
}

/**
 * An operation file (`actions/record/<operation>.operation.ts`), n8n's Airtable v2 layout: its entry in
 * each resource's Operation list, its parameters, and its `execute` for one input item.
 */
export interface HispatecOperationModule {
	option: Readonly<Record<HispatecResource, INodePropertyOptions>>;
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		client: HispatecSoapClient,
		resource: HispatecResource,
		itemIndex: number,
	): Promise<OperationResult>;
}
