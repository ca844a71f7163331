/**
 * The Hispatec Trigger merges a scan chunk by chunk (`ScanMerger`), so that a large ERP is never
 * held whole. Pages of 10 and chunks of 20 records here: the 72 contacts make 4 chunks. Every poll
 * must give what one chunk over the whole read gives: the same items and the same stored state.
 */
import type { IDataObject } from 'n8n-workflow';
import { ScanMerger } from '../../../nodes/Hispatec/helpers/changeTracker';
import { createHispatecClient } from '../../../nodes/Hispatec/transport';
import { pollRecords } from '../../../nodes/Hispatec/trigger/poll';
import type { HispatecEmulator } from '../../../emulators/hispatec';
import { createPollContext } from '../../../harness/nodeContext';
import { harnessOptions, useHispatecEmulator } from './helpers';

const PAGE_SIZE = 10;
const CHUNK = 20;
const WHOLE = Number.POSITIVE_INFINITY;
const NOW = () => Date.parse('2025-06-02T08:00:00.000Z');

describe('Hispatec Trigger: a scan merged in chunks', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	async function poll(staticData: IDataObject, chunkRecords: number, options: IDataObject = {}) {
		const { context } = createPollContext(
			harnessOptions(
				emu,
				{ pageSize: PAGE_SIZE },
				{ parameters: { resource: 'contact', options }, staticData, mode: 'trigger' },
			),
		);
		const client = await createHispatecClient(context);
		return await pollRecords.call(context, client, { now: NOW, chunkRecords });
	}

	/** Polls with chunks and with one chunk from the same state; both must agree. */
	async function pollBoth(chunked: IDataObject, whole: IDataObject, options: IDataObject = {}) {
		const a = await poll(chunked, CHUNK, options);
		const b = await poll(whole, WHOLE, options);
		expect(a).toEqual(b);
		expect(chunked).toEqual(whole);
		return a;
	}

	it('first poll, unchanged, changed, new and deleted records: same items and state as one chunk', async () => {
		const chunked: IDataObject = {};
		const whole: IDataObject = {};
		const merges = jest.spyOn(ScanMerger.prototype, 'add');
		const finishes = jest.spyOn(ScanMerger.prototype, 'finish');
		await poll({}, CHUNK);
		// pages 1-2, 3-4, 5-6, then the last 12 records (pages 7-8); the scan is complete
		expect(merges.mock.calls.map(([records]) => records.length)).toEqual([20, 20, 20, 12]);
		expect(finishes.mock.calls).toEqual([[true]]);
		finishes.mockRestore();
		merges.mockRestore();
		const first = await pollBoth(chunked, whole);
		expect(first![0].length + first![1].length).toBe(72);
		expect(emu.stats.calls.ObtenerContactos).toBe(3 * 8);
		expect(await pollBoth(chunked, whole)).toBeNull();

		// one change in each of the first and last chunks, a deletion in a middle one, a new record
		emu.dataset.update('contact', 'C00005', { Email: 'nuevo.correo@agro.es' });
		emu.dataset.update('contact', 'C00070', { Telefono: '950000111' });
		emu.dataset.remove('contact', 'C00033');
		emu.dataset.add('contact', {
			Nombre: 'Nueva',
			Apellidos: 'Socia Ruiz',
			IdentificacionFiscalCliente: '00631803Q',
			Email: 'nueva@agro.es',
		});
		const third = await pollBoth(chunked, whole);
		expect(third![0].map((i) => i.json.sourceId)).toEqual(['C00005', 'C00070', 'C00073']);
		expect((chunked.fingerprints as string[]).some((e) => e.startsWith('C00033'))).toBe(false);
		expect(chunked.fingerprints).toHaveLength(72);
	});

	it('"Only Changes From Now On": the first poll stores every fingerprint and emits nothing', async () => {
		const chunked: IDataObject = {};
		const whole: IDataObject = {};
		expect(await pollBoth(chunked, whole, { onlyChangesFromNow: true })).toBeNull();
		expect(chunked.fingerprints).toHaveLength(72);
		emu.dataset.update('contact', 'C00050', { Email: 'otro@agro.es' });
		const next = await pollBoth(chunked, whole, { onlyChangesFromNow: true });
		expect(next![0].map((i) => i.json.sourceId)).toEqual(['C00050']);
	});

	it('a duplicate tax ID in two chunks is emitted once: the later record wins, the other is a skip', async () => {
		const base = emu.dataset.get('contact', 'C00001')!;
		emu.dataset.update('contact', 'C00001', { FechaModificacion: '2024-01-01T10:00:00+01:00' });
		emu.dataset.add('contact', {
			...base,
			Codigo: 'C00073',
			FechaModificacion: '2024-05-02T10:00:00+01:00',
		});
		const first = await poll({}, CHUNK);
		const sameId = (items: Array<{ json: IDataObject }>) =>
			items.filter(
				(i) => i.json.taxId === first![0].find((v) => v.json.sourceId === 'C00073')?.json.taxId,
			);
		expect(sameId(first![0]).map((i) => i.json.sourceId)).toEqual(['C00073']);
		expect(
			first![1]
				.filter((i) => i.json.reason === 'duplicate_tax_id')
				.map((i) => [i.json.sourceId, i.json.duplicateOf]),
		).toEqual([['C00001', 'C00073']]);
	});
});
