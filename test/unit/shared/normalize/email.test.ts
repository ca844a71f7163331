/** E-mail addresses: clean-up, multi-address fields, IDN domains, the WHATWG grammar. */
import { normalizeEmail, readEmails } from '../../../../nodes/shared/normalize/email';
import type { NormalizationWarning } from '../../../../nodes/shared/types';

/** A field's addresses through readEmails: the valid ones, and the invalid ones its warnings name. */
function parseEmailField(value: string): { valid: string[]; invalid: string[] } {
	const warnings: NormalizationWarning[] = [];
	const valid = readEmails({ Email: value }, 'Email', warnings);
	const invalid = warnings.map((w) => {
		expect(w).toMatchObject({ code: 'email_invalid', field: 'Email' });
		const quoted = /^Dropped an invalid e-mail address: "(.*)"$/.exec(w.message);
		expect(quoted).not.toBeNull();
		return (quoted as RegExpExecArray)[1];
	});
	return { valid, invalid };
}

describe('e-mail', () => {
	it.each<[string, string | undefined]>([
		['Info@Example.ES', 'info@example.es'],
		['mailto:ana@finca.es', 'ana@finca.es'],
		['MAILTO:ana@finca.es', 'ana@finca.es'],
		['<ana@finca.es>', 'ana@finca.es'],
		['"ana@finca.es"', 'ana@finca.es'],
		["'ana@finca.es'", 'ana@finca.es'],
		['ana@finca.es.', 'ana@finca.es'],
		['ana@finca.es;', 'ana@finca.es'],
		['ana.b+crm@finca.es', 'ana.b+crm@finca.es'],
		['josé@finca.es', undefined],
		['info@bodega-ñ.es', 'info@xn--bodega--b0a.es'],
		['ana@finca', undefined],
		['ana@@finca.es', undefined],
		['@finca.es', undefined],
		['ana@', undefined],
		['ana@-finca.es', undefined],
		['ana@finca..es', undefined],
		[`${'a'.repeat(65)}@finca.es`, undefined],
		[`${'a'.repeat(64)}@finca.es`, `${'a'.repeat(64)}@finca.es`],
		[`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}`, undefined],
	])('normalizeEmail(%j) = %j', (input, expected) => {
		expect(normalizeEmail(input)).toBe(expected);
	});

	it.each<[string, { valid: string[]; invalid: string[] }]>([
		['a@x.es;b@x.es', { valid: ['a@x.es', 'b@x.es'], invalid: [] }],
		['a@x.es, b@x.es  c@x.es', { valid: ['a@x.es', 'b@x.es', 'c@x.es'], invalid: [] }],
		['Ana Ruiz <ana@x.es>; "Pepe" <pepe@x.es>', { valid: ['ana@x.es', 'pepe@x.es'], invalid: [] }],
		['ana @ x.es', { valid: ['ana@x.es'], invalid: [] }],
		['ana＠x.es', { valid: ['ana@x.es'], invalid: [] }],
		['a@x.es; A@X.ES', { valid: ['a@x.es'], invalid: [] }],
		['no tiene', { valid: [], invalid: ['no', 'tiene'] }],
		['ana@x; ; pepe@x.es', { valid: ['pepe@x.es'], invalid: ['ana@x'] }],
		['<>', { valid: [], invalid: [] }],
		['ana@x.es/pepe@x.es', { valid: ['ana@x.es', 'pepe@x.es'], invalid: [] }],
		['ana@x.es | pepe@y.es', { valid: ['ana@x.es', 'pepe@y.es'], invalid: [] }],
		['ana/ventas@x.es', { valid: ['ana/ventas@x.es'], invalid: [] }],
	])('e-mail field %j', (input, expected) => {
		expect(parseEmailField(input)).toEqual(expected);
	});
});
