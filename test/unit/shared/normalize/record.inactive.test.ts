/** The inactive flag (Baja) through normalizeRecord. */
import {
	DEFAULT_INACTIVE_VALUES,
	HISPATEC_FIELD_MAP,
} from '../../../../nodes/shared/normalize/fields';
import { normalizeRecord } from '../../../../nodes/shared/normalize/record';
import type { NormalizeOptions, RawRecord, RecordType } from '../../../../nodes/shared/types';

const CONTACT: RawRecord = {
	Codigo: 'C1',
	Nombre: 'Ana',
	Apellidos: 'Ruiz',
	IdentificacionFiscalCliente: '54362315K',
};
const COMPANY: RawRecord = { Codigo: 'E1', RazonSocial: 'Agrícola S.L.', CIF: 'B58378431' };

function normalize(
	recordType: RecordType,
	fields: RawRecord,
	options?: NormalizeOptions,
): Record<string, unknown> {
	const result = normalizeRecord(
		{ ...(recordType === 'contact' ? CONTACT : COMPANY), ...fields },
		recordType,
		options,
	);
	if (!result.ok) throw new Error(result.skip.message);
	return result.record as unknown as Record<string, unknown>;
}

describe('normalizeRecord: inactive flag', () => {
	it.each(['S', 's', 'SI', 'Sí', ' si ', '1', 'true', 'TRUE', 'X', 'x'])(
		'%j in Baja marks contacts and companies inactive',
		(value) => {
			for (const type of ['contact', 'company'] as const)
				expect(normalize(type, { Baja: value }).inactive).toBe(true);
		},
	);

	it.each(['N', 'NO', '0', 'false', 'Activo', '2024-05-01', '', '   ', '-', null])(
		'%j in Baja is active: no inactive key',
		(value) => {
			expect('inactive' in normalize('contact', { Baja: value })).toBe(false);
		},
	);

	it('a record without the element is active (the feature changes nothing for such services)', () => {
		expect(normalizeRecord(CONTACT, 'contact')).toEqual(
			normalizeRecord(CONTACT, 'contact', { inactiveValues: ['*'] }),
		);
		expect('inactive' in normalize('contact', {})).toBe(false);
	});

	it('the element also stays in extra (read, not consumed), with its value as given', () => {
		expect(normalize('company', { Baja: 'S' }).extra).toEqual({ Baja: 'S' });
		expect(normalize('company', { Baja: 'N' }).extra).toEqual({ Baja: 'N' });
	});

	it('setting off: the field unmapped (empty name) never marks anything', () => {
		const record = normalize('contact', { Baja: 'S' }, { fieldMap: { inactive: '' } });
		expect('inactive' in record).toBe(false);
		expect(record.extra).toEqual({ Baja: 'S' });
	});

	it('another field and other values', () => {
		const options: NormalizeOptions = {
			fieldMap: { inactive: 'Estado' },
			inactiveValues: ['Baja', 'Bloqueado'],
		};
		expect(normalize('contact', { Estado: 'BAJA' }, options).inactive).toBe(true);
		expect(normalize('contact', { Estado: 'bloqueado' }, options).inactive).toBe(true);
		expect('inactive' in normalize('contact', { Estado: 'Alta', Baja: 'S' }, options)).toBe(false);
	});

	it('* means any value (a FechaBaja date), but an empty value is still active', () => {
		const options: NormalizeOptions = {
			fieldMap: { inactive: 'FechaBaja' },
			inactiveValues: ['*'],
		};
		expect(normalize('contact', { FechaBaja: '2024-05-01' }, options).inactive).toBe(true);
		expect('inactive' in normalize('contact', { FechaBaja: '' }, options)).toBe(false);
	});

	it('an empty value list marks nothing', () => {
		expect('inactive' in normalize('contact', { Baja: 'S' }, { inactiveValues: [] })).toBe(false);
	});
});

describe('the inactive flag: defaults and blank values', () => {
	it('defaults: Baja and S, SI, 1, TRUE, X', () => {
		expect(HISPATEC_FIELD_MAP.contact.inactive).toBe('Baja');
		expect(HISPATEC_FIELD_MAP.company.inactive).toBe('Baja');
		expect(DEFAULT_INACTIVE_VALUES).toEqual(['S', 'SI', '1', 'TRUE', 'X']);
		expect(normalize('contact', { Baja: 'Sí' }).inactive).toBe(true);
	});
	it('ignores blank configured values', () => {
		expect('inactive' in normalize('contact', { Baja: 'S' }, { inactiveValues: ['', ' '] })).toBe(
			false,
		);
	});
});
