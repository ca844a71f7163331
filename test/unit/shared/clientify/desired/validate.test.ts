/**
 * What the Clientify side accepts (nodes/shared/clientify/desired/validate.ts). E-mails follow the one
 * e-mail rule of nodes/shared/normalize/email.ts, in both input modes.
 */
import { applyOverrides } from '../../../../../nodes/shared/clientify/desired/source';
import { buildDesiredRecord } from '../../../../../nodes/shared/clientify/desired/desired';
import { checkEmail, checkTaxId } from '../../../../../nodes/shared/clientify/desired/validate';

describe('checkTaxId', () => {
	it('gives the match key, or why the record cannot be matched', () => {
		expect(checkTaxId(' b-58378431 ')).toEqual({ ok: true, taxId: 'B58378431' });
		expect(checkTaxId('')).toMatchObject({ ok: false, reason: 'missing_tax_id' });
		expect(checkTaxId('-/-')).toMatchObject({ ok: false, reason: 'invalid_tax_id' });
	});
});

describe('checkEmail', () => {
	it('accepts addresses by the WHATWG rule, lower-cased, IDN domains in A-labels', () => {
		expect(checkEmail(' Ana.Garcia@Agro.es ')).toEqual({ value: 'ana.garcia@agro.es' });
		expect(checkEmail('info@bodegañ.es')).toEqual({ value: 'info@xn--bodega-1wa.es' });
		expect(checkEmail('')).toBeUndefined();
	});
	it('rejects, with a warning, addresses the old loose shape (x@y.z) let through', () => {
		for (const bad of ['ana@agro..es', 'ana@-agro.es', 'maría@agro.es', 'ana@agro_sl.es']) {
			expect(checkEmail(bad)).toEqual({
				warning: {
					code: 'email_dropped',
					field: 'emails',
					message: `"${bad.toLowerCase()}" is not an e-mail address; not synced.`,
				},
			});
		}
	});
});

describe('Define Below e-mail', () => {
	it('an address the old shape accepted but the e-mail rule rejects is not synced, and the item says why', () => {
		const source = applyOverrides(
			{ taxId: '12345678Z', customFields: {} },
			{ firstName: 'Ana', email: 'ana@agro..es; eva@agro.es' },
		);
		const built = buildDesiredRecord(source, 'contact', { tags: [] });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		expect(built.desired.emails).toEqual([{ email: 'eva@agro.es', type: 1 }]);
		expect(built.desired.warnings).toEqual([
			{
				code: 'email_dropped',
				field: 'emails',
				message: '"ana@agro..es" is not an e-mail address; not synced.',
			},
		]);
	});
});
