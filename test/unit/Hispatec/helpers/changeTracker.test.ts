import { detectChanges, parseEntry } from '../../../../nodes/Hispatec/helpers/changeTracker';
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
