/** Kind (person or company) from the names when the tax ID does not tell. */
import { hasLegalForm, kindFromData } from '../../../../nodes/shared/normalize/kind';

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
	])('hasLegalForm(%j) = %s', (name, expected) => {
		expect(hasLegalForm(name)).toBe(expected);
	});

	it('short forms that are surnames do not count in person names', () => {
		expect(hasLegalForm('José Sá', false)).toBe(false);
		expect(hasLegalForm('Frutas García SL', false)).toBe(true);
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
