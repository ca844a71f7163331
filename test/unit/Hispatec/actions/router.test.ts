import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createExecuteContext } from '../../../../harness/nodeContext';
import { operations, router } from '../../../../nodes/Hispatec/actions/router';
import { contact, fakeClient } from './record/fakeClient';

const fake = fakeClient([contact('C1'), contact('C2', '')]);
const createHispatecClient = jest.fn(async () => fake.client);

jest.mock('../../../../nodes/Hispatec/transport', () => ({
	...jest.requireActual<object>('../../../../nodes/Hispatec/transport'),
	createHispatecClient: async () => await createHispatecClient(),
}));

async function run(itemParameters: IDataObject[], continueOnFail = false) {
	const items: INodeExecutionData[] = itemParameters.map(() => ({ json: {} }));
	const { context } = createExecuteContext(items, {
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true, options: {} },
		itemParameters,
		continueOnFail,
	});
	return await router.call(context);
}

beforeEach(() => {
	createHispatecClient.mockClear();
	fake.calls.length = 0;
});

describe('router', () => {
	it('has one operation per value, each in both resources under its own value', () => {
		expect(Object.keys(operations)).toEqual(['getAll', 'getPage', 'findDuplicates']);
		for (const [value, operation] of Object.entries(operations)) {
			expect([operation.option.contact.value, operation.option.company.value]).toEqual([
				value,
				value,
			]);
			expect(typeof operation.execute).toBe('function');
		}
	});

	it("dispatches each item by its operation's value, with one client for the execution", async () => {
		const [valid, skipped] = await run([
			{},
			{ operation: 'getPage', page: 0, pageSize: 1 },
			{ operation: 'findDuplicates', pageSize: 10 },
		]);
		expect(createHispatecClient).toHaveBeenCalledTimes(1);
		expect(fake.calls.map((c) => c.method)).toEqual([
			'fetchRecords',
			'fetchOnePage',
			'fetchOnePage',
		]);
		expect(valid.map((i) => [i.json.sourceId ?? i.json.recordType, i.pairedItem])).toEqual([
			['C1', { item: 0 }],
			['C1', { item: 1 }],
			['contact', { item: 2 }],
		]);
		expect(skipped.map((i) => [i.json.sourceId, i.pairedItem])).toEqual([['C2', { item: 0 }]]);
	});

	it('refuses an unknown resource or operation before any login', async () => {
		await expect(run([{ resource: 'invoice' }])).rejects.toThrow(
			'The resource "invoice" is not known',
		);
		await expect(run([{ operation: 'delete' }])).rejects.toThrow(
			'The operation "delete" is not supported for contact',
		);
		await expect(run([{ operation: 'toString' }])).rejects.toThrow(
			'The operation "toString" is not supported for contact',
		);
		expect(createHispatecClient).not.toHaveBeenCalled();
	});

	it('with Continue On Fail, a failed item becomes {error, message} on Valid and the others go on', async () => {
		const [valid] = await run([{ operation: 'delete' }, {}], true);
		expect(valid[0]).toEqual({
			json: {
				error: 'The operation "delete" is not supported for contact',
				message: 'The Hispatec read for this item failed; see error.',
			},
			pairedItem: { item: 0 },
		});
		expect(valid.slice(1).map((i) => i.json.sourceId)).toEqual(['C1']);
	});

	it("with Continue On Fail, the error's description is the message when it has one", async () => {
		const node = { name: 'Hispatec', type: 'hispatec', typeVersion: 1, parameters: {} } as INode;
		createHispatecClient.mockRejectedValueOnce(
			new NodeOperationError(node, 'm', { description: 'do this' }),
		);
		const failing = { operation: 'delete' };
		const [valid] = await run([failing, failing, failing, {}], true);
		expect(valid[3]).toEqual({
			json: { error: 'm', message: 'do this' },
			pairedItem: { item: 3 },
		});
	});
});
