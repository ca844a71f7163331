/**
 * `execute()` of Clientify Upsert (nodes/ClientifyUpsert/actions/execute.ts): the batch's options
 * read once, prepared items handed to the engine, the stop rule, and one output item per input item
 * (error output, Return Clientify Record), against the Clientify emulator.
 */
import {
	actions,
	company,
	contact,
	routeErrorOutput,
	runUpsert,
	runUpsertError,
	withClientifyEmulator,
} from '../../../integration/clientify/helpers';

describe('execute', () => {
	const emu = withClientifyEmulator();

	it('Auto record type: recordType, else kind, else contact', async () => {
		const items = [
			{ ...contact(1), recordType: 'company', kind: 'person' },
			{ ...company(2), recordType: undefined, kind: 'company' },
			{ ...contact(3), recordType: undefined, kind: undefined },
		];
		const result = await runUpsert(emu, items);
		expect(result.json.map((j) => [j.action, j.recordType])).toEqual([
			['created', 'company'],
			['created', 'company'],
			['created', 'contact'],
		]);
		expect(emu.store.findByTaxId('company', contact(1).taxId)).toHaveLength(1);
		expect(emu.store.findByTaxId('company', company(2).taxId)).toHaveLength(1);
		expect(emu.store.findByTaxId('contact', contact(3).taxId)).toHaveLength(1);
	});

	it('a custom field row named by a resource locator or, in older workflows, by text', async () => {
		const rows = {
			field: [
				{ name: { __rl: true, mode: 'list', value: 'Cultivo' }, value: 'Tomate' },
				{ name: 'Finca', value: 'Los Llanos' },
			],
		};
		const result = await runUpsert(emu, [contact(1)], { parameters: { customFields: rows } });
		expect(actions(result)).toEqual(['created']);
		const [stored] = emu.store.findByTaxId('contact', contact(1).taxId);
		expect(stored.custom_fields.map((f) => [f.field, f.value])).toEqual(
			expect.arrayContaining([
				['Cultivo', 'Tomate'],
				['Finca', 'Los Llanos'],
			]),
		);
	});

	it('no input: no output, no call', async () => {
		const result = await runUpsert(emu, []);
		expect(result.output).toEqual([[]]);
		expect(emu.log.lines()).toEqual([]);
	});

	it('one output item per input item, in order, each paired with its input', async () => {
		const result = await runUpsert(emu, [contact(1), { name: 'no tax ID' }, contact(2)]);
		expect(actions(result)).toEqual(['created', 'skipped', 'created']);
		expect(result.output[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.json[1]).toMatchObject({ reason: 'missing_tax_id' });
	});

	it('an item whose parameters are wrong stops the batch before any call, unless continue-on-fail', async () => {
		const itemParameters = [undefined, { options: { tags: 42 } }];
		const error = await runUpsertError(emu, [contact(1), contact(2)], { itemParameters });
		expect(error.message).toContain('The option "Tags" must be a comma-separated text');
		expect(emu.log.lines()).toEqual([]);

		const result = await runUpsert(emu, [contact(1), contact(2)], {
			itemParameters,
			continueOnFail: true,
		});
		expect(actions(result)).toEqual(['created', 'failed']);
	});

	it('On Error = Continue (using error output): a failed item goes there as {error, message}', async () => {
		const result = await runUpsert(emu, [contact(1), contact(2)], {
			itemParameters: [undefined, { options: { tags: 42 } }],
			continueOnFail: true,
			onError: 'continueErrorOutput',
		});
		const { success, errors } = routeErrorOutput(result.output);
		expect(success.map((i) => i.json.action)).toEqual(['created']);
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toContain('Tags');
	});

	it('Return Clientify Record: the record as Clientify answered, only when asked', async () => {
		const plain = await runUpsert(emu, [contact(1)]);
		expect(plain.json[0].clientifyRecord).toBeUndefined();
		const asked = await runUpsert(emu, [contact(1)], {
			parameters: { options: { returnRecord: true } },
		});
		expect(asked.json[0]).toMatchObject({
			action: 'unchanged',
			clientifyRecord: { id: plain.json[0].clientifyId },
		});
	});

	it('Known Records that cannot be read fail the node with a hint', async () => {
		const error = await runUpsertError(emu, [contact(1)], {
			parameters: { knownRecords: '{not json' },
		});
		expect(error.description).toContain('Clientify Index');
	});
});
