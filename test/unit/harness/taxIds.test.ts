/** Test-data tax IDs: every one the generators make is valid for the nodes (parseTaxId). */
import { validCif, validDni } from '../../../harness/taxIds';
import { parseTaxId } from '../../../nodes/shared/normalize/taxId';

describe('validDni', () => {
	it.each([
		['54362315', '54362315K'],
		['12345678', '12345678Z'],
		['00000000', '00000000T'],
		['36698729', '36698729K'],
	])('%s → %s', (digits, dni) => {
		expect(validDni(digits)).toBe(dni);
	});

	it('makes DNIs the nodes take as valid', () => {
		for (let n = 0; n < 500; n++) {
			const dni = validDni(String(20000000 + n * 7919));
			expect(parseTaxId(dni)).toMatchObject({ valid: true, value: dni, type: 'DNI' });
		}
	});
});

describe('validCif', () => {
	it.each([
		['5837843', 'B', 'B58378431'],
		['9921658', 'J', 'J99216582'],
		['5895131', 'A', 'A58951310'],
		['7811808', 'D', 'D78118080'],
		['3764859', 'H', 'H37648599'],
	])('%s with %s → %s (published vectors)', (body, organization, cif) => {
		expect(validCif(body, organization)).toBe(cif);
	});

	it('makes CIFs the nodes take as valid, with a control digit', () => {
		for (let n = 0; n < 500; n++) {
			const body = String(1000000 + n * 7919).padStart(7, '0');
			const cif = validCif(body);
			expect(cif).toMatch(/^B\d{8}$/);
			expect(parseTaxId(cif)).toMatchObject({ valid: true, value: cif, type: 'CIF' });
		}
	});

	it('throws for an organization letter no CIF has', () => {
		expect(() => validCif('5837843', 'I')).toThrow(/organization letter I/);
	});
});
