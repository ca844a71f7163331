import type { INodeProperties } from 'n8n-workflow';
import * as getAll from '../../../../../nodes/Hispatec/actions/record/getAll.operation';
import * as getPage from '../../../../../nodes/Hispatec/actions/record/getPage.operation';
import { contact, contextWith, fakeClient } from './fakeClient';

describe('Get Page', () => {
	it('reads the page asked for, of the size asked for, normalized', async () => {
		const { client, calls } = fakeClient([contact('C1'), contact('C2', ''), contact('C3', '')]);
		const ctx = contextWith({ page: 1, pageSize: 2, options: {} });
		const result = await getPage.execute.call(ctx, client, 'contact', 0);
		expect(calls).toEqual([
			{ method: 'fetchOnePage', args: ['contact', 1, 2, { timeZone: 'Europe/Madrid' }] },
		]);
		expect(result.valid).toEqual([]);
		expect(result.skipped.map((i) => [i.json.sourceId, i.json.reason, i.pairedItem])).toEqual([
			['C3', 'missing_tax_id', { item: 0 }],
		]);
	});

	it("skips the records that lose in 'Duplicate Tax IDs', whatever page they are on", async () => {
		const { client } = fakeClient([contact('C1'), contact('C2', '99999999R')]);
		const ctx = contextWith({
			page: 0,
			pageSize: 10,
			options: { duplicateTaxIds: JSON.stringify({ duplicates: { '12345678Z': 'C9' } }) },
		});
		const result = await getPage.execute.call(ctx, client, 'contact', 0);
		expect(result.valid.map((i) => i.json.sourceId)).toEqual(['C2']);
		expect(result.skipped.map((i) => i.json)).toEqual([
			expect.objectContaining({ sourceId: 'C1', reason: 'duplicate_tax_id', duplicateOf: 'C9' }),
		]);
	});

	it('refuses a page, a page size or a Duplicate Tax IDs value it cannot use, before reading', async () => {
		const { client, calls } = fakeClient([]);
		const run = async (parameters: Record<string, unknown>) =>
			await getPage.execute.call(contextWith(parameters as never), client, 'contact', 0);
		await expect(run({ page: -1, pageSize: 10 })).rejects.toThrow(
			'Page must be a whole number of at least 0 (got -1)',
		);
		await expect(run({ page: 0, pageSize: 1.5 })).rejects.toThrow(
			'Page Size must be a whole number of at least 1 (got 1.5)',
		);
		await expect(
			run({ page: 0, pageSize: 10, options: { duplicateTaxIds: '[1]' } }),
		).rejects.toThrow('Duplicate Tax IDs must be an object');
		expect(calls).toEqual([]);
	});

	it("offers Get Many's record options, plus Duplicate Tax IDs", () => {
		const optionNames = (description: INodeProperties[]) =>
			(description.find((p) => p.name === 'options')?.options ?? []).map((o) => o.name);
		expect(optionNames(getPage.description)).toEqual([
			'allowForeignTaxIds',
			'alternativeTaxIdFields',
			'duplicateTaxIds',
			'inactiveField',
			'inactiveValues',
			'includeRawRecord',
			'modifiedSince',
		]);
		expect(optionNames(getAll.description)).toEqual(
			optionNames(getPage.description).filter((name) => name !== 'duplicateTaxIds'),
		);
	});

	it('marks inactive records with the Inactive Flag Values given, and keeps the raw record when asked', async () => {
		const { client } = fakeClient([
			{ ...contact('C1'), Estado: 'retirado' },
			{ ...contact('C2', '99999999R'), Estado: 'activo' },
		]);
		const ctx = contextWith({
			page: 0,
			pageSize: 10,
			options: { inactiveField: 'Estado', inactiveValues: 'retirado', includeRawRecord: true },
		});
		const result = await getPage.execute.call(ctx, client, 'contact', 0);
		expect(
			result.valid.map((i) => [
				i.json.sourceId,
				i.json.inactive,
				(i.json.raw as { Estado?: string })?.Estado,
			]),
		).toEqual([
			['C1', true, 'retirado'],
			['C2', undefined, 'activo'],
		]);
	});
});
