import {
	readState,
	removedRecord,
	ScanMerger,
	STATE_VERSION,
} from '../../../../nodes/Hispatec/helpers/changeTracker';
import { classifyRecord, type ClassifiedRecord } from '../../../../nodes/Hispatec/helpers/records';

/** The stored entries' fingerprint: 10 characters of base64url (the state's documented format). */
const FINGERPRINT = '[A-Za-z0-9_-]{10}';

/** A stored entry: `<key> <tax ID><fingerprint>`, the tax ID empty when there is none. */
const entry = (key: string, taxId = '') => expect.stringMatching(`^${key} ${taxId}${FINGERPRINT}$`);

/** The Hispatec code an entry is stored under (what it would be reported removed with). */
const codeOf = (stored: string) => removedRecord('contact', stored)?.sourceId;

/** One complete scan of `records` in a single chunk, as a poll merges it. */
function detectChanges(
	previous: readonly string[],
	records: readonly ClassifiedRecord[],
	options: { fullScan: boolean; firstPoll: boolean; maxTracked?: number },
) {
	const merger = new ScanMerger(previous, 0, {
		...options,
		keepChanged: true,
		collapse: (chunk) => chunk,
	});
	merger.add(records);
	const end = merger.finish(true);
	return {
		changed: merger.changed,
		unchanged: merger.unchanged,
		deleted: end.deleted,
		untracked: merger.untracked,
		fingerprints: end.fingerprints,
	};
}

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
		expect(first.fingerprints.map(codeOf)).toEqual(['A1', 'A2']);
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
		expect(first.fingerprints).toEqual([entry('#t:12345678Z'), entry('#t:12345678Z#2')]);
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
		expect(baseline()).toEqual([
			entry('C1', '54362315K'),
			entry('C2', '36698729K'),
			entry('C3'),
			entry('C4', '41989851Q'),
		]);
		// C1 + space + 9-character tax ID + 10-character fingerprint; C3 (skipped) has no tax ID
		expect(baseline().map((e) => e.length)).toEqual([12, 12, 3, 12].map((n) => n + 10));
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
		expect(end.fingerprints.map(codeOf)).toEqual(['C1', 'C4']);
		expect(scan.changed).toEqual([]);
	});

	it('a partial scan (not complete) removes nothing and keeps every entry', () => {
		const scan = merger(baseline(), true);
		scan.add([contact('C1', '54362315K')]);
		const end = scan.finish(false);
		expect([end.deleted, end.removed]).toEqual([0, []]);
		expect(end.fingerprints.map(codeOf)).toEqual(['C1', 'C2', 'C3', 'C4']);
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
		expect(first.fingerprints).toEqual([entry('#t:54362315K')]);
		expect(removedRecord('contact', first.fingerprints[0])).toBeUndefined();
		expect(removedRecord('contact', 'short')).toBeUndefined();
	});

	it('keys with spaces: the last space separates the key from the tax ID', () => {
		const first = new ScanMerger([], 0, {
			fullScan: true,
			firstPoll: true,
			keepChanged: false,
			collapse: (chunk) => chunk,
		});
		first.add([contact('C 01 X', '54362315K'), skipped('C 01'), contact('C5', '36698729K')]);
		const stored = first.finish(true).fingerprints;
		expect(stored).toEqual([entry('C 01 X', '54362315K'), entry('C 01'), entry('C5', '36698729K')]);
		const scan = merger(stored, true);
		scan.add([contact('C5', '36698729K')]);
		expect(removed(scan.finish(true).removed)).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'C 01 X', taxId: '54362315K' },
			{ action: 'removed', recordType: 'contact', sourceId: 'C 01' },
		]);
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
		expect(state?.fingerprints).toEqual(['C00001 Ab3dE9fG2h', 'C 02 Zz3dE9fG2h']);
		expect(state?.fingerprints.map((e) => removedRecord('contact', e))).toEqual([
			{ action: 'removed', recordType: 'contact', sourceId: 'C00001' },
			{ action: 'removed', recordType: 'contact', sourceId: 'C 02' },
		]);
	});
	it('ignores unknown versions and another record type', () => {
		expect(readState({ ...v1, version: 3 }, 'contact')).toBeUndefined();
		expect(readState({ ...v1 }, 'company')).toBeUndefined();
	});
});
