/** The record's tax ID picked among its candidate fields, and the warnings about the others. */
import { selectTaxId } from '../../../../nodes/shared/normalize/taxIdSelection';
import type { NormalizationWarning, RawRecord } from '../../../../nodes/shared/types';

const FIELDS = ['IdentificacionFiscalCliente', 'NIF', 'DNI'];

function select(raw: RawRecord, allowForeign = false) {
	const warnings: NormalizationWarning[] = [];
	const result = selectTaxId(raw, FIELDS, allowForeign, warnings);
	return { result, warnings };
}

describe('selectTaxId', () => {
	it('takes the first valid Spanish tax ID, skipping empty and invalid fields', () => {
		const { result, warnings } = select({
			IdentificacionFiscalCliente: ' ',
			NIF: '12345678A',
			DNI: '54362315-k',
		});
		expect(result).toEqual({
			ok: true,
			value: '54362315K',
			type: 'DNI',
			kind: 'person',
			field: 'DNI',
		});
		expect(warnings).toEqual([
			{
				code: 'tax_id_invalid_ignored',
				field: 'NIF',
				message: 'NIF "12345678A" has a wrong check letter (expected Z); used 54362315K from DNI',
			},
		]);
	});

	it('warns about another valid tax ID in a later field, and keeps the first', () => {
		const { result, warnings } = select({
			IdentificacionFiscalCliente: 'B58378431',
			NIF: '12345678Z',
		});
		expect(result).toMatchObject({ ok: true, value: 'B58378431', type: 'CIF', kind: 'company' });
		expect(warnings.map((w) => [w.code, w.field])).toEqual([['tax_id_conflict', 'NIF']]);
	});

	it('passes the value notes on with the field they came from', () => {
		const { warnings } = select({ NIF: 'ES54362315K' });
		expect(warnings).toEqual([
			{
				code: 'tax_id_es_prefix_stripped',
				field: 'NIF',
				message: 'Removed the ES prefix (now 54362315K)',
			},
		]);
	});

	it('rejects a foreign tax ID unless foreign IDs are allowed', () => {
		const raw = { NIF: 'FR40303265045' };
		expect(select(raw).result).toEqual({
			ok: false,
			reason: 'foreign_tax_id',
			message:
				'Foreign tax ID (foreign IDs are not allowed): NIF "FR40303265045" is a foreign tax ID (country prefix FR); IdentificacionFiscalCliente and DNI are empty',
			candidate: 'FR40303265045',
		});
		const allowed = select(raw, true);
		expect(allowed.result).toEqual({
			ok: true,
			value: 'FR40303265045',
			type: 'FOREIGN',
			field: 'NIF',
		});
		expect(allowed.warnings.map((w) => w.code)).toEqual(['foreign_tax_id_unverified']);
	});

	it('prefers a valid Spanish tax ID to an allowed foreign one', () => {
		const { result, warnings } = select({ NIF: 'FR40303265045', DNI: '54362315K' }, true);
		expect(result).toMatchObject({ ok: true, value: '54362315K', field: 'DNI' });
		expect(warnings.map((w) => [w.code, w.field])).toEqual([['foreign_tax_id_ignored', 'NIF']]);
	});

	it('tells a missing tax ID from an invalid one', () => {
		expect(select({ Nombre: 'Ana' }).result).toEqual({
			ok: false,
			reason: 'missing_tax_id',
			message: 'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
		});
		expect(select({ NIF: 'n/a', DNI: '1234' }).result).toEqual({
			ok: false,
			reason: 'invalid_tax_id',
			message:
				'No valid NIF/CIF: DNI "1234" is malformed (4 characters after clean-up; a NIF has 9); IdentificacionFiscalCliente and NIF are empty',
			candidate: '1234',
		});
	});

	it('says so when no tax-ID field is configured', () => {
		const warnings: NormalizationWarning[] = [];
		expect(selectTaxId({ NIF: '12345678Z' }, [], false, warnings)).toEqual({
			ok: false,
			reason: 'missing_tax_id',
			message: 'No NIF/CIF: no tax-ID fields are configured',
		});
	});
});
