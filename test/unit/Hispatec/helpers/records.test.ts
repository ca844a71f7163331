/** The Hispatec nodes' record options → normalization options (the inactive flag of issue 20 included). */
import { normalizeOptionsFor, readRecordOptions } from '../../../../nodes/Hispatec/helpers/records';

const normalizeOptions = (options: Record<string, unknown>) =>
	normalizeOptionsFor('contact', readRecordOptions(options));

describe('record options', () => {
	it('none set: no normalization options (the field map defaults apply: Baja and S, SI, 1, TRUE, X)', () => {
		expect(normalizeOptions({})).toEqual({});
	});

	it('Inactive Flag Field: another field, or empty to turn the flag off', () => {
		expect(normalizeOptions({ inactiveField: ' Estado ' })).toEqual({
			fieldMap: { inactive: 'Estado' },
		});
		expect(normalizeOptions({ inactiveField: '' })).toEqual({ fieldMap: { inactive: '' } });
	});

	it('Inactive Flag Values: a comma-separated list; blank means the defaults', () => {
		expect(normalizeOptions({ inactiveValues: 'Baja, Bloqueado,,  ' })).toEqual({
			inactiveValues: ['Baja', 'Bloqueado'],
		});
		expect(normalizeOptions({ inactiveValues: ' , ' })).toEqual({});
	});

	it('Alternative Tax ID Fields still lead with the main field', () => {
		expect(
			normalizeOptions({ alternativeTaxIdFields: 'DNI, IdentificacionFiscalCliente' }),
		).toEqual({ taxIdFields: ['IdentificacionFiscalCliente', 'DNI'] });
	});
});
