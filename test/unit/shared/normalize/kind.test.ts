/** Kind (person or company) from the names when the tax ID does not tell. */
import { kindFromData } from '../../../../nodes/shared/normalize/kind';

describe('kind from the data', () => {
	it.each([
		['Agrícola Almeriense, S.L.', true],
		['FRUTAS PEREZ SL', true],
		['Frutas Pérez S. L. U.', true],
		['Invernaderos del Sur, S.A.', true],
		['Exportadora SA', true],
		['CASI S.COOP.AND.', true],
		['Coop. Agraria San Isidro', true],
		['Unica Group S.C.A.', true],
		['Hortofrutícola S.A.T. Nº 9359', true],
		['SAT Campo de Níjar', true],
		['Hermanos García C.B.', true],
		['Comunidad de Regantes Sol-Poniente', true],
		['Comunidad de Propietarios Edificio Sol', true],
		['Herederos de Juan López', true],
		['Fundación Cajamar', true],
		['Ayuntamiento de El Ejido', true],
		['Asociación de Agricultores', true],
		['Primeurs du Sud SARL', true],
		['Frutas Lda', true],
		['Juan Pérez', false],
		['José Sá', true],
		['Sá Pereira', false],
		['Salvador', false],
		['Isabel Sancho', false],
	])('a legal form in the name %j: %s', (name, expected) => {
		// a contact with only a name is a company exactly when the name carries a legal form
		expect(kindFromData({ recordType: 'contact', name })).toBe(expected ? 'company' : 'unknown');
	});

	it('short forms that are surnames do not count in person names', () => {
		expect(kindFromData({ recordType: 'contact', firstName: 'José Sá' })).toBe('unknown');
		expect(kindFromData({ recordType: 'contact', firstName: 'José', lastName: 'Sá' })).toBe(
			'person',
		);
		expect(kindFromData({ recordType: 'contact', firstName: 'Frutas García SL' })).toBe('company');
		expect(
			kindFromData({ recordType: 'contact', firstName: 'Frutas García', lastName: 'SL' }),
		).toBe('company');
	});

	it.each([
		[{ recordType: 'company' as const, name: 'Primeurs du Sud' }, 'company'],
		[{ recordType: 'company' as const, name: 'Finca Ruiz', lastName: 'Ruiz' }, 'unknown'],
		[{ recordType: 'contact' as const, firstName: 'João', lastName: 'Sá' }, 'person'],
		[{ recordType: 'contact' as const, firstName: 'Frutas del Sur S.L.' }, 'company'],
		[{ recordType: 'contact' as const, firstName: 'Pierre' }, 'unknown'],
		[
			{
				recordType: 'contact' as const,
				firstName: 'Ana',
				lastName: 'Ruiz',
				tradeName: 'Ruiz Hortalizas S.L.',
			},
			'company',
		],
		[{ recordType: 'company' as const }, 'unknown'],
	])('kindFromData(%j) = %s', (input, expected) => {
		expect(kindFromData(input)).toBe(expected);
	});
});
