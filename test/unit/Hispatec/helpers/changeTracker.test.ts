import {
	detectChanges,
	entryOf,
	FINGERPRINT_LENGTH,
	parseEntry,
	readState,
	removedRecord,
	ScanMerger,
	STATE_VERSION,
} from '../../../../nodes/Hispatec/helpers/changeTracker';
import { classifyRecord } from '../../../../nodes/Hispatec/helpers/records';

describe('detectChanges (fingerprints, bound)', () => {
	const record = (code: string, email: string) =>
		classifyRecord(
			{
				Codigo: code,
				Nombre: 'Ana',
				Apellidos: 'Ruiz',
				IdentificacionFiscalCliente: '12345678Z',
				Email: email,
			},
			'contact',
			{},
		);

	it('tracks at most the bound and always emits untracked records', () => {
		const records = [record('A1', 'a@x.es'), record('A2', 'b@x.es'), record('A3', 'c@x.es')];
		const first = detectChanges([], records, { fullScan: true, firstPoll: true, maxTracked: 2 });
		expect(first.changed).toHaveLength(3);
		expect(first.fingerprints.map((e) => parseEntry(e)?.key)).toEqual(['A1', 'A2']);
		expect(first.untracked).toBe(1);
		const second = detectChanges(first.fingerprints, records, {
			fullScan: true,
			firstPoll: false,
			maxTracked: 2,
		});
		expect(second.changed.map((c) => c.raw.Codigo)).toEqual(['A3']);
		expect([second.unchanged, second.deleted, second.untracked]).toEqual([2, 0, 1]);
	});

	it('keys records without Codigo by tax ID and tells duplicates apart; ignores FechaModificacion', () => {
		const a = classifyRecord(
			{
				Nombre: 'Ana',
				Apellidos: 'Ruiz',
				IdentificacionFiscalCliente: '12345678Z',
				FechaModificacion: '2024-01-01',
			},
			'contact',
			{},
		);
		const b = classifyRecord(
			{
				Nombre: 'Ana',
				Apellidos: 'Ruiz',
				IdentificacionFiscalCliente: '12345678Z',
				FechaModificacion: '2025-01-01',
			},
			'contact',
			{},
		);
		const first = detectChanges([], [a, a], { fullScan: true, firstPoll: true });
		expect(first.fingerprints.map((e) => parseEntry(e)?.key)).toEqual([
			'#t:12345678Z',
			'#t:12345678Z#2',
		]);
		expect(
			detectChanges(first.fingerprints, [b, b], { fullScan: true, firstPoll: false }).changed,
		).toEqual([]);
	});
});

describe('removed records (state v2: each entry keeps its tax ID)', () => {
	const contact = (code: string, taxId: string) =>
		classifyRecord(
			{ Codigo: code, Nombre: 'Ana', Apellidos: 'Ruiz', IdentificacionFiscalCliente: taxId },
			'contact',
			{},
		);
	const skipped = (code: string) =>
		classifyRecord({ Codigo: code, Nombre: 'Ana', IdentificacionFiscalCliente: '' }, 'contact', {});
	const merger = (previous: string[], fullScan: boolean, seenBefore = 0) =>
		new ScanMerger(previous, seenBefore, {
			fullScan,
			firstPoll: false,
			keepChanged: true,
			collapse: (chunk) => chunk,
		});
	/** The stored entries after a first full scan of C1 (valid), C2 (valid), C3 (skipped), C4 (valid). */
	const baseline = (): string[] => {
		const first = new ScanMerger([], 0, {
			fullScan: true,
			firstPoll: true,
			keepChanged: false,
			collapse: (chunk) => chunk,
		});
		first.add([
			contact('C1', '54362315K'),
			contact('C2', '36698729K'),
			skipped('C3'),
			contact('C4', '41989851Q'),
		]);
		return first.finish(true).fingerprints;
	};
	const removed = (entries: string[]) => entries.map((e) => removedRecord('contact', e));

	it('entries: key, space, tax ID (valid records), fingerprint', () => {
		expect(baseline().map((e) => parseEntry(e))).toEqual([
			{ key: 'C1', taxId: '54362315K', fingerprint: expect.any(String) },
			{ key: 'C2', taxId: '36698729K', fingerprint: expect.any(String) },
			{ key: 'C3', fingerprint: expect.any(String) },
			{ key: 'C4', taxId: '41989851Q', fingerprint: expect.any(String) },
		]);
		// C1 + space + 9-character tax ID + fingerprint; C3 (skipped) has no tax ID
		expect(baseline().map((e) => e.length)).toEqual(
			[12, 12, 3, 12].map((n) => n + FINGERPRINT_LENGTH),
		);
	});

	it('a complete full scan hands back exactly the records it did not see, with code and tax ID', () => {
		const scan = merger(baseline(), true);
		scan.add([contact('C1', '54362315K'), contact('C4', '41989851Q')]);
		const end = scan.finish(true);
		expect(end.deleted).toBe(2);
		expect(removed(end.removed)).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'C2', taxId: '36698729K' },
			{ action: 'removed', recordType: 'contact', sourceId: 'C3' },
		]);
		expect(end.fingerprints.map((e) => parseEntry(e)?.key)).toEqual(['C1', 'C4']);
		expect(scan.changed).toEqual([]);
	});

	it('a partial scan (not complete) removes nothing and keeps every entry', () => {
		const scan = merger(baseline(), true);
		scan.add([contact('C1', '54362315K')]);
		const end = scan.finish(false);
		expect([end.deleted, end.removed]).toEqual([0, []]);
		expect(end.fingerprints.map((e) => parseEntry(e)?.key)).toEqual(['C1', 'C2', 'C3', 'C4']);
	});

	it('a scan with "modified since" (not full) removes nothing', () => {
		const scan = merger(baseline(), false);
		scan.add([contact('C1', '54362315K')]);
		expect(scan.finish(true).removed).toEqual([]);
	});

	it('a complete full scan that read no record removes nothing (an empty answer is not trusted)', () => {
		const scan = merger(baseline(), true);
		scan.add([]);
		const end = scan.finish(true);
		expect([end.deleted, end.removed]).toEqual([0, []]);
		expect(end.fingerprints).toEqual(baseline());
	});

	it('a scan continued over several polls removes only at its end, counting what earlier polls saw', () => {
		const first = merger(baseline(), true);
		first.add([contact('C1', '54362315K')]);
		const mid = first.finish(false);
		const second = merger(mid.fingerprints, true, mid.seen);
		second.add([contact('C4', '41989851Q')]);
		expect(removed(second.finish(true).removed).map((r) => r?.sourceId)).toEqual(['C2', 'C3']);
	});

	it('a removed record that returns is new again: emitted, and tracked once more', () => {
		const gone = merger(baseline(), true);
		gone.add([contact('C1', '54362315K'), contact('C4', '41989851Q')]);
		const back = merger(gone.finish(true).fingerprints, true);
		const c2 = contact('C2', '36698729K');
		back.add([contact('C1', '54362315K'), c2, contact('C4', '41989851Q')]);
		expect(back.changed).toEqual([c2]);
		expect(back.finish(true).removed).toEqual([]);
	});

	it('records known without a code are never reported (nothing to name them by)', () => {
		const noCode = classifyRecord(
			{ Nombre: 'Ana', Apellidos: 'Ruiz', IdentificacionFiscalCliente: '54362315K' },
			'contact',
			{},
		);
		const first = detectChanges([], [noCode], { fullScan: true, firstPoll: true });
		expect(parseEntry(first.fingerprints[0])).toEqual({
			key: '#t:54362315K',
			fingerprint: expect.any(String),
		});
		expect(removedRecord('contact', first.fingerprints[0])).toBeUndefined();
		expect(removedRecord('contact', 'short')).toBeUndefined();
	});

	it('keys with spaces: the last space separates the key from the tax ID', () => {
		expect(parseEntry(entryOf('C 01 X', '54362315K', 'Ab3dE9fG2h'))).toEqual({
			key: 'C 01 X',
			taxId: '54362315K',
			fingerprint: 'Ab3dE9fG2h',
		});
		expect(parseEntry(entryOf('C 01', undefined, 'Ab3dE9fG2h'))).toEqual({
			key: 'C 01',
			fingerprint: 'Ab3dE9fG2h',
		});
	});
});

describe('readState', () => {
	const v1 = {
		version: 1,
		recordType: 'contact',
		lastPollStart: '2024-05-01T00:00:00.000Z',
		lastFullScan: '2024-05-01T00:00:00.000Z',
		fingerprints: ['C00001Ab3dE9fG2h', 'C 02Zz3dE9fG2h'],
	};
	it('reads a version-1 state as version 2 entries without tax IDs (same keys, same fingerprints)', () => {
		const state = readState({ ...v1 }, 'contact');
		expect(state?.version).toBe(STATE_VERSION);
		expect(state?.fingerprints.map((e) => parseEntry(e))).toEqual([
			{ key: 'C00001', fingerprint: 'Ab3dE9fG2h' },
			{ key: 'C 02', fingerprint: 'Zz3dE9fG2h' },
		]);
	});
	it('ignores unknown versions and another record type', () => {
		expect(readState({ ...v1, version: 3 }, 'contact')).toBeUndefined();
		expect(readState({ ...v1 }, 'company')).toBeUndefined();
	});
});
