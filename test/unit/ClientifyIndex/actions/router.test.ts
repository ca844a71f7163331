import { createExecuteContext } from '../../../../harness/nodeContext';
import { router } from '../../../../nodes/ClientifyIndex/actions/router';

const contextFor = (operation: string) =>
	createExecuteContext([{ json: {} }], {
		parameters: {
			operation,
			recordTypes: ['contact'],
			erpReads: '[{"error":"down"}]',
			clientifyIndex: '{}',
		},
		credentials: { clientifyTokenApi: { apiKey: 'k-1', baseUrl: 'http://127.0.0.1:9/v1' } },
	}).context;

describe('Clientify Index router', () => {
	it("runs the operation named by the Operation parameter's value", async () => {
		// Find Removed Records after a failed read: a report, no request
		const [[report], removed] = await router.call(contextFor('findRemoved'));
		expect(report.json).toMatchObject({ checked: false });
		expect(removed).toEqual([]);
	});

	it('refuses an operation it does not have', async () => {
		await expect(router.call(contextFor('toString'))).rejects.toThrow(
			'The operation "toString" is not supported',
		);
	});
});
