/** A stand-in for the SOAP client in the operations' and the router's unit tests: records in memory. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../../../../nodes/shared/hispatec/soap/client';
import type { RawRecord } from '../../../../../nodes/shared/types';
import { createExecuteContext } from '../../../../../harness/nodeContext';

/** A contact with a valid NIF, or without a tax ID when `taxId` is ''. */
export const contact = (code: string, taxId = '12345678Z', modified?: string): RawRecord => ({
	Codigo: code,
	Nombre: `Name ${code}`,
	IdentificacionFiscalCliente: taxId,
	...(modified ? { FechaModificacion: modified } : {}),
});

/** Pages of `pageSize` over `records`, with `Total`; records the calls. */
export function fakeClient(records: RawRecord[], total = records.length) {
	const calls: Array<{ method: string; args: unknown[] }> = [];
	const client = {
		async fetchRecords(...args: unknown[]) {
			calls.push({ method: 'fetchRecords', args });
			const limit = (args[1] as { limit?: number }).limit;
			return { records: records.slice(0, limit ?? records.length), pages: 1, total };
		},
		async fetchOnePage(_type: unknown, index: number, pageSize: number, options: unknown) {
			calls.push({ method: 'fetchOnePage', args: [_type, index, pageSize, options] });
			const page = records.slice(index * pageSize, (index + 1) * pageSize);
			return { index, records: page, total, hasMore: (index + 1) * pageSize < records.length };
		},
	};
	return { client: client as unknown as HispatecSoapClient, calls };
}

/** An execution context with these node parameters for one input item. */
export function contextWith(parameters: IDataObject, continueOnFail = false) {
	const items: INodeExecutionData[] = [{ json: {} }];
	return createExecuteContext(items, { parameters, continueOnFail }).context;
}
