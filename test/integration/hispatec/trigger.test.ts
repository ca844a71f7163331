import { NodeApiError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import {
	readState,
	removedRecord,
	type TriggerState,
} from '../../../nodes/Hispatec/helpers/changeTracker';
import { HispatecTrigger } from '../../../nodes/Hispatec/HispatecTrigger.node';
import { normalizeRecord } from '../../../nodes/shared/normalize/record';
import type { HispatecEmulator } from '../../../emulators/hispatec';
import { createPollContext } from '../../../harness/nodeContext';
import { codes, expectedRaw, harnessOptions, useHispatecEmulator } from './helpers';

// Retry waits return at once: the node builds its client itself with n8n's `sleep`, injected here.
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('./instantSleep')>('./instantSleep')
		.n8nWorkflowWithInstantSleep(),
);

const trigger = new HispatecTrigger();

async function poll(
	emu: HispatecEmulator,
	staticData: IDataObject,
	parameters: IDataObject = {},
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const { context } = createPollContext(
		harnessOptions(
			emu,
			{},
			{
				parameters: { resource: 'contact', options: {}, ...parameters },
				staticData,
				mode,
				nodeType: 'n8n-nodes-hispatec.hispatecTrigger',
			},
		),
	);
	return await trigger.poll.call(context);
}

const ids = (items: INodeExecutionData[]) => items.map((i) => i.json.sourceId);

function validJson(emu: HispatecEmulator, code: string): IDataObject {
	const result = normalizeRecord(expectedRaw(emu.dataset.get('contact', code)!), 'contact');
	if (!result.ok) throw new Error(`${code} is not valid`);
	return result.record as unknown as IDataObject;
}

function skippedJsonFor(emu: HispatecEmulator, code: string): IDataObject {
	const raw = expectedRaw(emu.dataset.get('contact', code)!);
	const result = normalizeRecord(raw, 'contact');
	if (result.ok) throw new Error(`${code} is valid`);
	return { ...(result.skip as unknown as IDataObject), raw: raw as IDataObject };
}

describe('Hispatec Trigger', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	it('describes itself as a polling trigger', () => {
		expect(trigger.description).toMatchObject({
			name: 'hispatecTrigger',
			polling: true,
			inputs: [],
			outputNames: ['Valid', 'Skipped'],
		});
		expect(trigger.description.usableAsTool).toBeUndefined();
	});

	it('first poll emits everything; then new, changed, unchanged and deleted records over several polls', async () => {
		const staticData: IDataObject = {};
		const first = await poll(emu, staticData);
		expect(ids(first![0])).toEqual(
			codes(72, 'C').filter((c) => !['C00065', 'C00066', 'C00067', 'C00072'].includes(c)),
		);
		expect(first![1].map((i) => [i.json.sourceId, i.json.reason])).toEqual([
			['C00065', 'invalid_tax_id'],
			['C00066', 'missing_tax_id'],
			['C00067', 'foreign_tax_id'],
			['C00072', 'missing_name'],
		]);
		const state = staticData as unknown as TriggerState;
		expect(Object.keys(staticData).sort()).toEqual([
			'fingerprints',
			'lastFullScan',
			'lastPollStart',
			'recordType',
			'version',
		]);
		expect(state.version).toBe(2);
		expect(state.recordType).toBe('contact');
		expect(state.lastFullScan).toBe(state.lastPollStart);
		// each entry is stored under its code (what a removal is reported with)
		const entries = state.fingerprints.map((e) => removedRecord('contact', e)!);
		expect(entries.map((e) => e.sourceId)).toEqual(codes(72, 'C'));
		expect(state.fingerprints.every((e) => /^C\d{5} [0-9A-Z]*[A-Za-z0-9_-]{10}$/.test(e))).toBe(
			true,
		);
		// each valid record's entry carries its tax ID (what a removal is reported with)
		const valid = (first![0] as INodeExecutionData[]).map((i) => [i.json.sourceId, i.json.taxId]);
		expect(entries.filter((e) => e.taxId !== undefined).map((e) => [e.sourceId, e.taxId])).toEqual(
			valid,
		);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual(staticData);

		// Nothing changed: null, same fingerprints.
		const before = [...state.fingerprints];
		expect(await poll(emu, staticData)).toBeNull();
		expect(state.fingerprints).toEqual(before);

		// Changed, new, touched-only and deleted records.
		emu.dataset.update('contact', 'C00005', { Email: 'nuevo.correo@agro.es' });
		emu.dataset.setModified('contact', 'C00006', '2025-05-05T10:00:00Z');
		emu.dataset.remove('contact', 'C00007');
		emu.dataset.add('contact', {
			Nombre: 'Nueva',
			Apellidos: 'Socia Ruiz',
			IdentificacionFiscalCliente: '00631803Q',
			Email: 'nueva@agro.es',
		});
		emu.dataset.update('contact', 'C00066', { Observaciones: 'Pendiente de NIF' });
		const third = await poll(emu, staticData);
		expect(third).toEqual([
			[{ json: validJson(emu, 'C00005') }, { json: validJson(emu, 'C00073') }],
			[{ json: skippedJsonFor(emu, 'C00066') }],
		]);
		expect(state.fingerprints).toHaveLength(72);
		expect(state.fingerprints.some((e) => e.startsWith('C00007'))).toBe(false);

		// A skipped record that gets fixed moves to Valid.
		emu.dataset.update('contact', 'C00066', { DNI: '68785585Z' });
		const fourth = await poll(emu, staticData);
		expect(ids(fourth![0])).toEqual(['C00066']);
		expect(fourth![1]).toEqual([]);
		expect(
			emu.stats.requests
				.filter((r) => r.operation === 'ObtenerContactos')
				.every((r) => r.args?.ModificadoDesde === undefined),
		).toBe(true);
	});

	it('works when the server ignores ModificadoDesde, and sends it as last poll start minus the overlap', async () => {
		const staticData: IDataObject = {};
		const options = { useModifiedSince: true, overlapMinutes: 5 };
		await poll(emu, staticData, { options });
		const firstStart = (staticData as unknown as TriggerState).lastPollStart;
		expect(emu.stats.requests[1].args?.ModificadoDesde).toBeUndefined();

		emu.setOption('ignoreModifiedSince', true);
		emu.dataset.update('contact', 'C00010', { Telefono: '950 11 22 33' });
		const second = await poll(emu, staticData, { options });
		expect(ids(second![0])).toEqual(['C00010']);
		const sent = emu.stats.requests
			.filter((r) => r.operation === 'ObtenerContactos')
			.map((r) => r.args?.ModificadoDesde);
		expect(sent[1]).toBe(
			new Date(Date.parse(firstStart) - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		);
		expect((staticData as unknown as TriggerState).lastFullScan).toBe(firstStart);

		// The server honours it again: only the changed record comes back, deletions are not detected yet.
		emu.setOption('ignoreModifiedSince', false);
		emu.dataset.remove('contact', 'C00011');
		emu.dataset.update('contact', 'C00012', { Cultivo: 'Pitaya' });
		const third = await poll(emu, staticData, { options });
		expect(ids(third![0])).toEqual(['C00012']);
		expect(emu.stats.requests.at(-1)?.status).toBe(200);
		const state = staticData as unknown as TriggerState;
		expect(state.fingerprints.some((e) => e.startsWith('C00011'))).toBe(true);

		// A full scan (due after Full Scan Every) forgets the deleted record.
		state.lastFullScan = '2020-01-01T00:00:00.000Z';
		expect(await poll(emu, staticData, { options })).toBeNull();
		expect(emu.stats.requests.at(-1)?.args?.ModificadoDesde).toBeUndefined();
		expect(state.fingerprints.some((e) => e.startsWith('C00011'))).toBe(false);
		expect(state.fingerprints).toHaveLength(71);
	});

	it('"Only Changes From Now On" records a baseline and emits nothing on the first poll', async () => {
		const staticData: IDataObject = {};
		expect(await poll(emu, staticData, { options: { onlyChangesFromNow: true } })).toBeNull();
		expect((staticData as unknown as TriggerState).fingerprints).toHaveLength(72);
		emu.dataset.update('contact', 'C00001', { Nombre: 'Paco' });
		const next = await poll(emu, staticData, { options: { onlyChangesFromNow: true } });
		expect(ids(next![0])).toEqual(['C00001']);
	});

	it('"Emit Removed Records": a complete full scan emits exactly the removed records; a failed read emits none; a record that returns is emitted normally', async () => {
		const staticData: IDataObject = {};
		const options = { emitRemovedRecords: true };
		await poll(emu, staticData, { options });
		const taxIdOf = validJson(emu, 'C00002').taxId;
		const c00002 = emu.dataset.get('contact', 'C00002')!;
		emu.dataset.remove('contact', 'C00002'); // valid: reported with its tax ID
		emu.dataset.remove('contact', 'C00066'); // skipped (no tax ID): reported by its code only
		emu.dataset.update('contact', 'C00003', { Cultivo: 'Pitaya' });

		// a failed read (every contacts call fails, retries included) throws and marks nothing
		const snapshot = JSON.parse(JSON.stringify(staticData));
		emu.setOption('failure', { type: 'http500', operation: 'ObtenerContactos', times: Infinity });
		await expect(poll(emu, staticData, { options })).rejects.toThrow(NodeApiError);
		expect(staticData).toEqual(snapshot);
		emu.setOption('failure', null);

		const next = await poll(emu, staticData, { options });
		expect(next).toEqual([
			[
				{ json: validJson(emu, 'C00003') },
				{
					json: { action: 'removed', recordType: 'contact', sourceId: 'C00002', taxId: taxIdOf },
				},
				{ json: { action: 'removed', recordType: 'contact', sourceId: 'C00066' } },
			],
			[],
		]);
		// reported once: the next scan does not see them either, and says nothing
		expect(await poll(emu, staticData, { options })).toBeNull();

		// a removed record that comes back is a new record again
		emu.dataset.add('contact', c00002);
		const back = await poll(emu, staticData, { options });
		expect(back).toEqual([[{ json: validJson(emu, 'C00002') }], []]);
	});

	it('without "Emit Removed Records" (the default) a removal emits nothing, as before', async () => {
		const staticData: IDataObject = {};
		await poll(emu, staticData);
		emu.dataset.remove('contact', 'C00002');
		expect(await poll(emu, staticData)).toBeNull();
		expect((staticData as unknown as TriggerState).fingerprints).toHaveLength(71);
	});

	it('"Emit Removed Records" with "Use Modified Since": only the full scan reports removals', async () => {
		const staticData: IDataObject = {};
		const options = { emitRemovedRecords: true, useModifiedSince: true };
		await poll(emu, staticData, { options });
		emu.dataset.remove('contact', 'C00004');
		expect(await poll(emu, staticData, { options })).toBeNull();
		(staticData as unknown as TriggerState).lastFullScan = '2020-01-01T00:00:00.000Z';
		const full = await poll(emu, staticData, { options });
		expect(full![0].map((i) => [i.json.action, i.json.sourceId])).toEqual([['removed', 'C00004']]);
	});

	it('can only count skipped records', async () => {
		const first = await poll(emu, {}, { options: { skippedRecords: 'count' } });
		expect(first![1]).toEqual([
			{
				json: {
					recordType: 'contact',
					skippedCount: 4,
					byReason: { invalid_tax_id: 1, missing_tax_id: 1, foreign_tax_id: 1, missing_name: 1 },
					message:
						'4 new or changed contacts could not be synced (1 invalid_tax_id, 1 missing_tax_id, 1 foreign_tax_id, 1 missing_name)',
				},
			},
		]);
	});

	it('manual mode ("Fetch Test Event") returns a small sample and leaves the cursor alone', async () => {
		const staticData: IDataObject = {};
		await poll(emu, staticData);
		const snapshot = JSON.parse(JSON.stringify(staticData));
		emu.dataset.update('contact', 'C00002', { Nombre: 'Cambiado' });
		const sample = await poll(emu, staticData, {}, 'manual');
		expect(ids(sample![0])).toEqual(codes(10, 'C'));
		expect(sample![1]).toEqual([]);
		expect(staticData).toEqual(snapshot);
		expect(emu.stats.requests.at(-1)?.args?.TamanoPagina).toBe(10);
		// The active poll still sees the change the manual run showed.
		expect(ids((await poll(emu, staticData))![0])).toEqual(['C00002']);
	});

	it('survives a JSON round trip of its state (queue mode: another process polls next)', async () => {
		const staticData: IDataObject = {};
		await poll(emu, staticData, { resource: 'company' });
		const moved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		emu.dataset.update('company', 'E00003', { Web: 'https://nueva.example.es' });
		expect(ids((await poll(emu, moved, { resource: 'company' }))![0])).toEqual(['E00003']);
		// Switching the resource starts over with that resource.
		const switched = await poll(emu, moved, { resource: 'contact' });
		expect(switched![0]).toHaveLength(68);
		expect(readState(moved, 'contact')?.fingerprints).toHaveLength(72);
	});

	it('emits one record per tax ID: duplicates are collapsed over the read before change detection', async () => {
		const base = emu.dataset.get('contact', 'C00001')!;
		emu.dataset.add('contact', {
			...base,
			Codigo: 'C00073',
			IdentificacionFiscalCliente: '70963442R',
			FechaModificacion: '2024-05-02T10:00:00+01:00',
		});
		emu.dataset.add('contact', {
			...base,
			Codigo: 'C00074',
			IdentificacionFiscalCliente: '70.963.442-r',
			FechaModificacion: '2024-03-01T10:00:00+01:00',
		});
		const staticData: IDataObject = {};
		const first = await poll(emu, staticData);
		expect(
			first![0].filter((i) => i.json.taxId === '70963442R').map((i) => i.json.sourceId),
		).toEqual(['C00073']);
		expect(
			first![1]
				.filter((i) => i.json.reason === 'duplicate_tax_id')
				.map((i) => [i.json.sourceId, i.json.duplicateOf]),
		).toEqual([['C00074', 'C00073']]);
		expect(await poll(emu, staticData)).toBeNull();

		// The loser is changed (its date becomes the newest): it wins now, the other one is the skip.
		emu.dataset.update('contact', 'C00074', {
			Email: 'nuevo@example.es',
			FechaModificacion: '2024-06-01T10:00:00+01:00',
		});
		const second = await poll(emu, staticData);
		expect(second![0].map((i) => i.json.sourceId)).toEqual(['C00074']);
		expect(second![1].map((i) => [i.json.sourceId, i.json.reason, i.json.duplicateOf])).toEqual([
			['C00073', 'duplicate_tax_id', 'C00074'],
		]);
		expect(await poll(emu, staticData)).toBeNull();
	});

	it('a failed poll throws a NodeApiError and does not move the cursor', async () => {
		const staticData: IDataObject = {};
		await poll(emu, staticData);
		const snapshot = JSON.parse(JSON.stringify(staticData));
		emu.setOption('failure', {
			type: 'soapFault',
			operation: 'ObtenerContactos',
			faultString: 'Mantenimiento',
			times: Infinity,
		});
		let error: unknown;
		try {
			await poll(emu, staticData);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toBe(
			'Hispatec returned a SOAP fault for ObtenerContactos: soap:Server: Mantenimiento (tried 4 times)',
		);
		expect(staticData).toEqual(snapshot);
	});
});
