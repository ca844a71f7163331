import type { IDataObject } from 'n8n-workflow';
import { createExecuteContext } from '../../../../harness/nodeContext';
import {
	execute,
	indexScope,
} from '../../../../nodes/ClientifyIndex/actions/indexRecords.operation';
import { DEFAULT_TAGS } from '../../../../nodes/shared/clientify/desired/source';
import { BASE, clientOf, fakeIo, ok } from '../../shared/clientify/client/fakeIo';

const contextWith = (options: IDataObject, mode: 'manual' | 'integrated' = 'integrated') =>
	createExecuteContext([{ json: {} }], {
		parameters: { operation: 'index', recordTypes: ['contact'], options },
		mode,
		workflowSettings: { saveDataSuccessExecution: 'none', saveManualExecutions: true },
	}).context;

describe('Index Records', () => {
	it("takes the options' tags and prefix, or Clientify Upsert's defaults", () => {
		expect(indexScope(contextWith({}))).toEqual({
			tags: [...DEFAULT_TAGS],
			customFieldPrefix: 'hispatec_',
		});
		expect(indexScope(contextWith({ tags: 'a, b', customFieldPrefix: 'erp_' }))).toEqual({
			tags: ['a', 'b'],
			customFieldPrefix: 'erp_',
		});
	});

	it('lists each chosen entity once into one item: the index by tax ID, owned records, counts', async () => {
		const { io, requests } = fakeIo([
			ok({
				count: 2,
				next: null,
				results: [
					{ id: 4, taxpayer_identification_number: '12345678Z', first_name: 'Ana' },
					{ id: 5, first_name: 'No tax ID' },
				],
			}),
		]);
		const [[item], removed] = await execute.call(contextWith({}), clientOf(io), ['contact']);
		expect(requests.map((r) => r.url)).toEqual([`${BASE}/contacts/`]);
		expect(removed).toEqual([]);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			owned: { contact: '' },
			counts: { contact: { listed: 2, indexed: 1, owned: 0, marked: 0 } },
			calls: 1,
		});
		expect(item.json.known).toEqual({ contact: expect.stringMatching(/^12345678Z\t4:\S+\n$/) });
		expect(item.json.warnings).toBeUndefined();
	});

	it('warns when the execution holding the index is kept in the history', async () => {
		const { io } = fakeIo([ok({ count: 0, next: null, results: [] })]);
		const [[item]] = await execute.call(contextWith({}, 'manual'), clientOf(io), ['company']);
		expect(item.json.warnings).toEqual([
			expect.objectContaining({ code: 'successful_executions_saved' }),
		]);
	});
});
