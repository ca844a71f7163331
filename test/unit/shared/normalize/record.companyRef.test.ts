/** A contact's company reference (CodigoEmpresa, CIFEmpresa) through normalizeRecord. */
import { normalizeRecord } from '../../../../nodes/shared/normalize/record';
import type { RawRecord } from '../../../../nodes/shared/types';
import { type Case, itNormalizesEachCase, JOSE, normalized, recordBuilders, warn } from './helpers';

const RAW: RawRecord = {
	Codigo: 'C0001',
	Nombre: 'José',
	Apellidos: 'García López',
	IdentificacionFiscalCliente: '54362315K',
};

const BASE = normalized({
	...JOSE,
});

const { raw, ok, skip } = recordBuilders('contact', RAW, BASE);

const invalidCif = (given: string, reason: string, code?: string) =>
	warn(
		'company_ref_invalid',
		'CIFEmpresa',
		`Ignored the company's tax ID "${given}": it ${reason}${code ? `; the company is referred to by its code ${code} only` : ''}`,
	);

describe('normalizeRecord: company reference of a contact', () => {
	const cases: Case[] = [
		{
			title: 'code and CIF: both kept, the CIF normalized',
			input: raw({ CodigoEmpresa: ' E00001 ', CIFEmpresa: 'b-58.378.431' }),
			expected: ok({ companyRef: { code: 'E00001', taxId: 'B58378431' } }),
		},
		{
			title: 'code only (CIF empty)',
			input: raw({ CodigoEmpresa: 'E00002', CIFEmpresa: '' }),
			expected: ok({ companyRef: { code: 'E00002' } }),
		},
		{
			title: 'CIF only (code nil), with an ES prefix',
			input: raw({ CodigoEmpresa: null, CIFEmpresa: 'ESA28017895' }),
			expected: ok({ companyRef: { taxId: 'A28017895' } }),
		},
		{
			title: "a sole trader's NIF is a valid company reference",
			input: raw({ CIFEmpresa: '20078471T' }),
			expected: ok({ companyRef: { taxId: '20078471T' } }),
		},
		{
			title: 'invalid CIF with a code: the code stays, the CIF is dropped with a warning',
			input: raw({ CodigoEmpresa: 'E00039', CIFEmpresa: 'B64717839' }),
			expected: ok(
				{ companyRef: { code: 'E00039' } },
				invalidCif('B64717839', 'has a wrong control character (expected 8 or H)', 'E00039'),
			),
		},
		{
			title: 'invalid CIF alone: no reference, a warning, the contact still syncs',
			input: raw({ CodigoEmpresa: '', CIFEmpresa: 'XYZ' }),
			expected: ok(
				{},
				invalidCif(
					'XYZ',
					'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
				),
			),
		},
		{
			title: 'foreign CIF: invalid unless foreign tax IDs are allowed',
			input: raw({ CIFEmpresa: 'PT501234567' }),
			expected: ok({}, invalidCif('PT501234567', 'is a foreign tax ID (country prefix PT)')),
		},
		{
			title: 'foreign CIF with foreign tax IDs allowed',
			input: raw({ CIFEmpresa: 'PT501234567' }),
			options: { allowForeignTaxIds: true },
			expected: ok({ companyRef: { taxId: 'PT501234567' } }),
		},
		{
			title: 'no reference: elements absent',
			input: raw({}),
			expected: ok({}),
		},
		{
			title: 'no reference: elements empty, blank or placeholders',
			input: raw({ CodigoEmpresa: '  ', CIFEmpresa: '-' }),
			expected: ok({}),
		},
		{
			title: 'the elements are consumed, never copied to extra',
			input: raw({ CodigoEmpresa: 'E00003', CIFEmpresa: '', Cultivo: 'Tomate' }),
			expected: ok({ companyRef: { code: 'E00003' }, extra: { Cultivo: 'Tomate' } }),
		},
		{
			title: 'renamed elements (field map)',
			input: raw({ IdEmpresa: 'E7', NifEmpresa: 'B58378431', CodigoEmpresa: 'E1' }),
			options: { fieldMap: { companyCode: 'IdEmpresa', companyTaxId: 'NifEmpresa' } },
			expected: ok({
				companyRef: { code: 'E7', taxId: 'B58378431' },
				extra: { CodigoEmpresa: 'E1' },
			}),
		},
		{
			title: 'unmapped elements: no reference, the values go to extra',
			input: raw({ CodigoEmpresa: 'E1' }),
			options: { fieldMap: { companyCode: '', companyTaxId: '' } },
			expected: ok({ extra: { CodigoEmpresa: 'E1' } }),
		},
		{
			title: 'a skipped contact keeps the warning about its company reference',
			input: raw({ IdentificacionFiscalCliente: '', CIFEmpresa: 'B64717839' }),
			expected: skip(
				'missing_tax_id',
				'No NIF/CIF: IdentificacionFiscalCliente, NIF and DNI are empty',
				{
					warnings: [invalidCif('B64717839', 'has a wrong control character (expected 8 or H)')],
				},
			),
		},
	];
	itNormalizesEachCase('contact', cases);

	it('companies never carry a company reference, even when the field map names one', () => {
		const company = {
			Codigo: 'E1',
			RazonSocial: 'Agrícola S.L.',
			CIF: 'B58378431',
			CodigoEmpresa: 'E2',
			CIFEmpresa: 'A28017895',
		};
		for (const options of [{}, { fieldMap: { companyCode: 'CodigoEmpresa' } }]) {
			const result = normalizeRecord(company, 'company', options);
			expect(result.ok && result.record.companyRef).toBeUndefined();
		}
	});
});

describe('the company reference when the ERP or the map names no company', () => {
	it('is absent and warns nothing when the ERP names no company', () => {
		expect(normalizeRecord(raw({ CodigoEmpresa: null }), 'contact')).toEqual(ok({}));
	});
	it('reads nothing when the map names no elements', () => {
		const result = normalizeRecord(raw({ CodigoEmpresa: 'E1', CIFEmpresa: 'x' }), 'contact', {
			fieldMap: { companyCode: '', companyTaxId: '' },
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect('companyRef' in result.record).toBe(false);
		expect(result.record.warnings).toEqual([]);
		// unmapped, the two fields are kept as they are
		expect(result.record.extra).toEqual({ CodigoEmpresa: 'E1', CIFEmpresa: 'x' });
	});
});
