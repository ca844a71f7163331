import type { IDataObject } from 'n8n-workflow';
import { createExecuteContext } from '../../../../harness/nodeContext';
import { execute } from '../../../../nodes/ClientifyIndex/actions/findRemoved.operation';
import { clientOf, fakeIo } from '../../shared/clientify/client/fakeIo';

const read = (codes: string[]) => ({
	recordType: 'contact',
	records: codes.length,
	codes: codes.map((c) => `${c}\n`).join(''),
});

const run = async (parameters: IDataObject) => {
	const { context } = createExecuteContext([{ json: {} }], {
		parameters: { operation: 'findRemoved', codesSeenFrom: 'erpReads', ...parameters },
	});
	// no answer is scripted: a given index is not listed again
	return await execute.call(context, clientOf(fakeIo([]).io), ['contact']);
};

describe('Find Removed Records', () => {
	it('gives the owned records whose code the complete reads did not see', async () => {
		const [[report], removed] = await run({
			clientifyIndex: JSON.stringify({ owned: { contact: 'C1\t5\tA1\nC2\t6\tB2\n' } }),
			erpReads: JSON.stringify([read(['C1'])]),
		});
		expect(removed.map((i) => i.json)).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'C2', taxId: 'B2' },
		]);
		expect(report.json).toEqual({
			checked: true,
			removed: { contact: { seen: 1, removed: 1 } },
			notChecked: [],
			calls: 0,
		});
	});

	it('marks nothing when a read failed', async () => {
		const [[report], removed] = await run({
			clientifyIndex: '{}',
			erpReads: JSON.stringify([{ error: 'SOAP fault', message: 'down' }]),
		});
		expect(removed).toEqual([]);
		expect(report.json).toMatchObject({ checked: false });
		expect(report.json.reason).toMatch(/^Nothing was marked: .+ never marks a record\.$/);
	});

	it('refuses an index without owned records and text that is not JSON', async () => {
		await expect(
			run({ clientifyIndex: '{"known":{}}', erpReads: JSON.stringify([read(['C1'])]) }),
		).rejects.toThrow('Clientify Index must be the output of this node\'s "Index Records"');
		await expect(run({ clientifyIndex: '{}', erpReads: '[' })).rejects.toThrow(
			'ERP Reads is not valid JSON',
		);
		await expect(run({ clientifyIndex: '{', erpReads: '[]' })).rejects.toThrow(
			'Clientify Index is not valid JSON',
		);
	});
});
