import { collapseDuplicateTaxIds, duplicateWinners } from '../../../nodes/shared/duplicates';
import { parseErpTimestamp } from '../../../nodes/shared/erpDate';
import { normalizeRecord } from '../../../nodes/shared/normalize/record';
import type { NormalizationResult, RawRecord, RecordType } from '../../../nodes/shared/types';

const contact = (
	code: string,
	nif: string,
	modified?: string,
	extra: RawRecord = {},
): RawRecord => ({
	Codigo: code,
	Nombre: 'Ana',
	Apellidos: `Ruiz ${code}`,
	IdentificacionFiscalCliente: nif,
	...(modified !== undefined ? { FechaModificacion: modified } : {}),
	...extra,
});

function normalized(raws: RawRecord[], type: RecordType = 'contact'): NormalizationResult[] {
	return raws.map((raw) => normalizeRecord(raw, type, {}));
}

/** `[code, 'valid' | reason, duplicateOf?]` per record. */
function outcome(
	results: ReadonlyArray<NormalizationResult | { ok: false; failure: string }>,
): Array<[string, string, string?]> {
	return results.map((r) => {
		if (r.ok) return [r.record.sourceId ?? '?', 'valid'];
		if ('failure' in r) return ['?', 'failure'];
		return r.skip.duplicateOf !== undefined
			? [r.skip.sourceId ?? '?', r.skip.reason, r.skip.duplicateOf]
			: [r.skip.sourceId ?? '?', r.skip.reason];
	});
}

describe('parseErpTimestamp (FechaModificacion formats)', () => {
	it.each([
		['2024-05-02T10:00:00+01:00', Date.UTC(2024, 4, 2, 9)],
		['2024-05-02T10:00:00Z', Date.UTC(2024, 4, 2, 10)],
		['2024-05-02T10:00:00', Date.UTC(2024, 4, 2, 8)], // workflow zone Europe/Madrid (CEST)
		['2024-05-02 10:00:00', Date.UTC(2024, 4, 2, 8)],
		['2024-05-02', Date.UTC(2024, 4, 1, 22)],
		['Thu, 02 May 2024 10:00:00 +0000', Date.UTC(2024, 4, 2, 10)],
		['02/05/2024', Date.UTC(2024, 4, 1, 22)],
		['02/05/2024 10:00', Date.UTC(2024, 4, 2, 8)],
		['2/5/2024 10:00:30', Date.UTC(2024, 4, 2, 8, 0, 30)],
		['  2024-05-02T10:00:00Z  ', Date.UTC(2024, 4, 2, 10)],
	])('%s', (text, expected) => {
		expect(parseErpTimestamp(text, 'Europe/Madrid')).toBe(expected);
	});

	it.each([
		[''],
		['   '],
		['ayer'],
		['31/02/2024'],
		['2024-13-01'],
		[undefined],
		[null],
		[20240502],
	])('unreadable: %p', (value) => {
		expect(parseErpTimestamp(value, 'Europe/Madrid')).toBeUndefined();
	});
});

describe('duplicateWinners (the rule)', () => {
	type Item = { key?: string; t?: number };
	const winners = (items: Item[]) =>
		Array.from(
			duplicateWinners(
				items,
				(i) => i.key,
				(i) => i.t,
			),
		);

	it.each<[string, Item[], number[]]>([
		['no duplicates', [{ key: 'a' }, { key: 'b' }], [0, 1]],
		[
			'newer later record wins',
			[
				{ key: 'a', t: 1 },
				{ key: 'a', t: 2 },
			],
			[1, 1],
		],
		[
			'newer earlier record wins',
			[
				{ key: 'a', t: 2 },
				{ key: 'a', t: 1 },
			],
			[0, 0],
		],
		[
			'equal dates: the later wins',
			[
				{ key: 'a', t: 5 },
				{ key: 'a', t: 5 },
			],
			[1, 1],
		],
		['both dates missing: the later wins', [{ key: 'a' }, { key: 'a' }], [1, 1]],
		['earlier date missing: the later wins', [{ key: 'a' }, { key: 'a', t: 1 }], [1, 1]],
		['later date missing: the later wins', [{ key: 'a', t: 9 }, { key: 'a' }], [1, 1]],
		[
			'NaN is a missing date',
			[
				{ key: 'a', t: 9 },
				{ key: 'a', t: Number.NaN },
			],
			[1, 1],
		],
		[
			'three: the newest in the middle',
			[
				{ key: 'a', t: 1 },
				{ key: 'a', t: 3 },
				{ key: 'a', t: 2 },
			],
			[1, 1, 1],
		],
		[
			'three: all equal, the last wins',
			[
				{ key: 'a', t: 1 },
				{ key: 'a', t: 1 },
				{ key: 'a', t: 1 },
			],
			[2, 2, 2],
		],
		['items without a key are never grouped', [{}, { key: 'a' }, {}], [0, 1, 2]],
		[
			'groups are independent, interleaved',
			[
				{ key: 'a', t: 2 },
				{ key: 'b', t: 1 },
				{ key: 'a', t: 1 },
				{ key: 'b', t: 2 },
			],
			[0, 3, 0, 3],
		],
	])('%s', (_name, items, expected) => {
		expect(winners(items)).toEqual(expected);
	});

	it('is one pass with a Map of indices (50,000 records, 25,000 pairs)', () => {
		const items: Item[] = [];
		for (let i = 0; i < 50_000; i++) items.push({ key: `k${i % 25_000}`, t: i });
		const w = duplicateWinners(
			items,
			(i) => i.key,
			(i) => i.t,
		);
		expect(w).toBeInstanceOf(Int32Array);
		expect(w[0]).toBe(25_000);
		expect(w[24_999]).toBe(49_999);
		expect(w[49_999]).toBe(49_999);
	});
});

describe('collapseDuplicateTaxIds (normalized results)', () => {
	it('the same NIF written differently is one record: the newer FechaModificacion wins', () => {
		const results = normalized([
			contact('C1', '70963442R', '2024-03-01T10:00:00+01:00'),
			contact('C2', '11111111H'),
			contact('C3', '70.963.442-r', '2024-05-02T10:00:00+01:00'),
		]);
		const out = collapseDuplicateTaxIds(results, 'Europe/Madrid');
		expect(outcome(out)).toEqual([
			['C1', 'duplicate_tax_id', 'C3'],
			['C2', 'valid'],
			['C3', 'valid'],
		]);
		expect(out[1]).toBe(results[1]);
		expect(out[2]).toBe(results[2]);
		const skip = (out[0] as unknown as { skip: Record<string, unknown> }).skip;
		expect(skip).toEqual({
			recordType: 'contact',
			reason: 'duplicate_tax_id',
			message:
				'Duplicate tax ID 70963442R: Hispatec record C3 has the same tax ID and is newer (FechaModificacion 2024-05-02T10:00:00+01:00 against 2024-03-01T10:00:00+01:00); only that contact is synced',
			sourceId: 'C1',
			taxIdCandidate: '70963442R',
			duplicateOf: 'C3',
			warnings: [],
		});
	});

	it('the older record later in the read loses too; dates in Spanish and ISO forms are compared', () => {
		const out = collapseDuplicateTaxIds(
			normalized([
				contact('C1', '70963442R', '02/05/2024 10:00'),
				contact('C2', '70963442-R', '2024-05-01T23:00:00'),
			]),
			'Europe/Madrid',
		);
		expect(outcome(out)).toEqual([
			['C1', 'valid'],
			['C2', 'duplicate_tax_id', 'C1'],
		]);
	});

	it('equal or missing dates: the later record wins, and the message says why', () => {
		const equal = collapseDuplicateTaxIds(
			normalized([
				contact('C1', '70963442R', '2024-05-02'),
				contact('C2', '70963442R', '2024-05-02'),
			]),
		);
		expect(outcome(equal)).toEqual([
			['C1', 'duplicate_tax_id', 'C2'],
			['C2', 'valid'],
		]);
		expect((equal[0] as { skip: { message: string } }).skip.message).toBe(
			'Duplicate tax ID 70963442R: Hispatec record C2 has the same tax ID and comes later in the read (FechaModificacion equal); only that contact is synced',
		);
		const missing = collapseDuplicateTaxIds(
			normalized([contact('C1', '70963442R', '2024-05-02'), contact('C2', '70963442R', 'pronto')]),
		);
		expect(outcome(missing)).toEqual([
			['C1', 'duplicate_tax_id', 'C2'],
			['C2', 'valid'],
		]);
		expect((missing[0] as { skip: { message: string } }).skip.message).toContain(
			'comes later in the read (FechaModificacion missing or unreadable)',
		);
	});

	it('companies by CIF; a winner without a code is named by its position; skips and failures pass through', () => {
		const company = (code: string | undefined, cif: string, modified: string): RawRecord => ({
			...(code ? { Codigo: code } : {}),
			RazonSocial: `Coop ${cif}`,
			CIF: cif,
			FechaModificacion: modified,
		});
		const results: Array<NormalizationResult | { ok: false; failure: string }> = [
			...normalized(
				[company('E1', 'B58378431', '2024-01-01'), company('E2', 'B00000000', '2024-01-01')],
				'company',
			),
			{ ok: false, failure: 'boom' },
			...normalized([company(undefined, 'b-58378431', '2024-02-01')], 'company'),
		];
		const out = collapseDuplicateTaxIds(results);
		expect(out[1]).toBe(results[1]);
		expect(out[2]).toBe(results[2]);
		const skip = (out[0] as unknown as { skip: Record<string, unknown> }).skip;
		expect(skip.reason).toBe('duplicate_tax_id');
		expect(skip.duplicateOf).toBeUndefined();
		expect(skip.message).toMatch(
			/^Duplicate tax ID B58378431: the Hispatec record without a code read at position 4 has the same tax ID and is newer .*; only that company is synced$/,
		);
		expect(out[3]).toBe(results[3]);
	});

	it('a contact and a company with the same tax ID are different entities', () => {
		const [c] = normalized([contact('C1', '70963442R')]);
		const [e] = normalized(
			[{ Codigo: 'E1', RazonSocial: 'Ana Ruiz', CIF: '70963442R' }],
			'company',
		);
		expect(c.ok && e.ok).toBe(true);
		expect(outcome(collapseDuplicateTaxIds([c, e]))).toEqual([
			['C1', 'valid'],
			['E1', 'valid'],
		]);
	});
});
