import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { Hispatec } from '../../../nodes/Hispatec/Hispatec.node';
import { syntheticRecords, type HispatecEmulator } from '../../../emulators/hispatec';
import { createExecuteContext } from '../../../harness/nodeContext';
import { removalCheck } from '../../../nodes/shared/erpRead';
import {
	getAllParameters,
	getPageParameters,
	harnessOptions,
	useHispatecEmulator,
} from './helpers';

const node = new Hispatec();

async function run(emu: HispatecEmulator, parameters: IDataObject, credentials: IDataObject = {}) {
	const items: INodeExecutionData[] = [{ json: {} }];
	const { context } = createExecuteContext(
		items,
		harnessOptions(emu, credentials, {
			parameters,
			continueOnFail: false,
			nodeType: 'n8n-nodes-hispatec.hispatec',
			nodeName: 'Hispatec',
		}),
	);
	return await node.execute.call(context);
}

describe('Hispatec node: page mode', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
		emu.dataset.replace('contact', syntheticRecords('contact', 23));
	});

	it('Get Page reads one page per execution; the pages together are exactly Get Many, in order', async () => {
		const [all] = await run(emu, getAllParameters('contact'));
		const seen: unknown[] = [];
		const sizes: number[] = [];
		for (let page = 0; page < 4; page++) {
			const [valid, skipped] = await run(emu, getPageParameters('contact', page, 10));
			sizes.push(valid.length + skipped.length);
			seen.push(...valid.map((i) => i.json.sourceId));
		}
		expect(sizes).toEqual([10, 10, 3, 0]);
		expect(seen).toEqual(all.map((i) => i.json.sourceId));
	});

	it('with Paging "None", page 0 is the whole answer and page 1 is empty without a request', async () => {
		const [valid0] = await run(emu, getPageParameters('contact', 0, 10), {
			customizeAdvanced: true,
			pagingMode: 'none',
		});
		const calls = emu.stats.calls.ObtenerContactos;
		const [valid1, skipped1] = await run(emu, getPageParameters('contact', 1, 10), {
			customizeAdvanced: true,
			pagingMode: 'none',
		});
		expect(valid0.length).toBe(23);
		expect([valid1.length, skipped1.length]).toEqual([0, 0]);
		expect(emu.stats.calls.ObtenerContactos).toBe(calls);
	});

	it('Find Duplicate Tax IDs: newest FechaModificacion wins across pages; Get Page skips the others with the winner', async () => {
		const records = syntheticRecords('contact', 23);
		// C..02 (page 0) and C..15 (page 1) share a tax ID; C..02 is newer. C..05 and C..21 share one with equal dates: the later wins.
		records[14] = {
			...records[14],
			IdentificacionFiscalCliente: records[1].IdentificacionFiscalCliente,
			FechaModificacion: '2020-01-01T00:00:00',
		};
		records[1] = { ...records[1], FechaModificacion: '2024-05-01T00:00:00' };
		records[20] = {
			...records[20],
			IdentificacionFiscalCliente: records[4].IdentificacionFiscalCliente,
			FechaModificacion: '2023-01-01T00:00:00',
		};
		records[4] = { ...records[4], FechaModificacion: '2023-01-01T00:00:00' };
		emu.dataset.replace('contact', records);
		const [[scan]] = await run(emu, {
			resource: 'contact',
			operation: 'findDuplicates',
			pageSize: 10,
			options: {},
		});
		expect(scan.json).toMatchObject({
			recordType: 'contact',
			records: 23,
			pages: 3,
			duplicateTaxIds: 2,
		});
		expect(Object.values(scan.json.duplicates as IDataObject).sort()).toEqual([
			'C0000002',
			'C0000021',
		]);

		const skippedCodes: unknown[] = [];
		const validCodes: unknown[] = [];
		for (let page = 0; page < 3; page++) {
			const [valid, skipped] = await run(
				emu,
				getPageParameters('contact', page, 10, { duplicateTaxIds: scan.json.duplicates }),
			);
			validCodes.push(...valid.map((i) => i.json.sourceId));
			for (const s of skipped)
				skippedCodes.push([s.json.sourceId, s.json.reason, s.json.duplicateOf]);
		}
		expect(skippedCodes).toEqual([
			['C0000005', 'duplicate_tax_id', 'C0000021'],
			['C0000015', 'duplicate_tax_id', 'C0000002'],
		]);
		expect(validCodes).toHaveLength(21);
		expect(validCodes).toContain('C0000002');
		expect(validCodes).toContain('C0000021');
	});

	it('refuses a page or page size that is not a whole number, and nonsense duplicates', async () => {
		await expect(
			run(emu, { resource: 'contact', operation: 'getPage', page: -1, pageSize: 10, options: {} }),
		).rejects.toThrow(/Page must be a whole number/);
		await expect(
			run(emu, { resource: 'contact', operation: 'getPage', page: 0, pageSize: 1.5, options: {} }),
		).rejects.toThrow(/Page Size must be/);
		await expect(
			run(emu, getPageParameters('contact', 0, 10, { duplicateTaxIds: '[1]' })),
		).rejects.toThrow(/Duplicate Tax IDs must be an object/);
	});

	it('Find Duplicate Tax IDs reports the facts of its read for the removal check: every code (skipped ones too) and the Total', async () => {
		const records = syntheticRecords('contact', 23);
		records[3] = { ...records[3], IdentificacionFiscalCliente: '12345678A' }; // invalid: skipped, still read
		emu.dataset.replace('contact', records);
		const scan = async () =>
			(
				await run(emu, {
					resource: 'contact',
					operation: 'findDuplicates',
					pageSize: 10,
					options: {},
				})
			)[0][0].json;
		const full = await scan();
		expect(full).toMatchObject({
			recordType: 'contact',
			records: 23,
			valid: 22,
			totalFirst: 23,
			totalLast: 23,
		});
		expect(String(full.codes).trim().split('\n')).toEqual(records.map((r) => r.Codigo));
		expect(removalCheck([full], ['contact'])).toMatchObject({ ok: true, notChecked: [] });
		// a server that silently caps the page size: the paging stops after one short page
		emu.setOption('maxPageSize', 5);
		const cut = await scan();
		expect(cut.records).toBe(5);
		expect(removalCheck([cut], ['contact'])).toEqual({
			ok: false,
			reason: 'the read of contacts got 5 records of the 23 the ERP reported',
		});
	});
});
