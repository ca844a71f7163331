/** The field map, its overrides, the fields it consumes, and the safe read of a raw record's field. */
import {
	consumedFields,
	DEFAULT_CONSUMED_FIELDS,
	DEFAULT_TAX_ID_FIELDS,
	FORBIDDEN_KEYS,
	HISPATEC_FIELD_MAP,
	readField,
	resolveFieldMap,
} from '../../../../nodes/shared/normalize/fields';
import type { RawRecord } from '../../../../nodes/shared/types';

describe('resolveFieldMap', () => {
	it('returns the default map itself when nothing is overridden', () => {
		expect(resolveFieldMap('contact')).toBe(HISPATEC_FIELD_MAP.contact);
		expect(resolveFieldMap('company', { allowForeignTaxIds: true })).toBe(
			HISPATEC_FIELD_MAP.company,
		);
		expect(DEFAULT_TAX_ID_FIELDS.contact).toEqual(['IdentificacionFiscalCliente', 'NIF', 'DNI']);
	});

	it('renames a field (trimmed), unmaps one set to blank and keeps the others', () => {
		const map = resolveFieldMap('contact', {
			fieldMap: { email: ' Correo ', street: '', phoneFields: ['Movil', ' ', 'Fijo'] },
		});
		expect(map.email).toBe('Correo');
		expect(map).not.toHaveProperty('street');
		expect(map.phoneFields).toEqual(['Movil', 'Fijo']);
		expect(map.city).toBe('Poblacion');
		expect(HISPATEC_FIELD_MAP.contact.email).toBe('Email');
	});

	it('takes taxIdFields from the option over the field map', () => {
		const map = resolveFieldMap('company', {
			fieldMap: { taxIdFields: ['A'] },
			taxIdFields: ['B', '', 'C'],
		});
		expect(map.taxIdFields).toEqual(['B', 'C']);
		expect(resolveFieldMap('company', { fieldMap: { taxIdFields: ['A'] } }).taxIdFields).toEqual([
			'A',
		]);
	});
});

describe('consumedFields', () => {
	it('holds every mapped field but the inactive flag, which stays in extra', () => {
		const fields = consumedFields(HISPATEC_FIELD_MAP.contact);
		for (const name of ['Codigo', 'Nombre', 'NIF', 'TelefonoMovil', 'CodigoEmpresa'])
			expect(fields[name]).toBe(true);
		expect(fields.Baja).toBeUndefined();
		expect(Object.getPrototypeOf(fields)).toBeNull();
		expect(DEFAULT_CONSUMED_FIELDS.contact).toEqual(fields);
	});

	it('follows an override', () => {
		const map = resolveFieldMap('company', { fieldMap: { website: 'Url', tradeName: '' } });
		const fields = consumedFields(map);
		expect(fields.Url).toBe(true);
		expect(fields.Web).toBeUndefined();
		expect(fields.NombreComercial).toBeUndefined();
	});
});

describe('readField', () => {
	const raw = JSON.parse('{"Nombre":"Ana","__proto__":"x","constructor":"y"}') as RawRecord;

	it('reads own fields only', () => {
		expect(readField(raw, 'Nombre')).toBe('Ana');
		expect(readField(raw, 'Apellidos')).toBeUndefined();
		expect(readField(raw, undefined)).toBeUndefined();
		expect(readField(raw, 'toString')).toBeUndefined();
		expect(readField(raw, 'hasOwnProperty')).toBeUndefined();
	});

	it('never reads a prototype-related key, even an own one', () => {
		expect([...FORBIDDEN_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
		expect(readField(raw, '__proto__')).toBeUndefined();
		expect(readField(raw, 'constructor')).toBeUndefined();
	});
});
