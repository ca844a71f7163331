import { decodeEntities } from '../../../../../nodes/shared/hispatec/reader/text';

describe('decodeEntities', () => {
	it('decodes the five predefined entities and numeric references only', () => {
		expect(decodeEntities('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;')).toBe(`a <b> & "c" 'd'`);
		expect(decodeEntities('Mu&#241;oz &#xF1; &#X4E2D; &#x1F34A;')).toBe('Muñoz ñ 中 🍊');
		expect(decodeEntities('&nbsp; &oacute; &amp;amp; &#0; &#xD800; &#x110000; & alone')).toBe(
			'&nbsp; &oacute; &amp; &#0; &#xD800; &#x110000; & alone',
		);
	});

	it('decodes once: an escaped character reference stays literal text', () => {
		expect(decodeEntities('Ca&amp;#241;a &amp;#xF1; &amp;lt;')).toBe('Ca&#241;a &#xF1; &lt;');
	});

	it('returns the same string when there is nothing to decode', () => {
		const s = 'plain text';
		expect(decodeEntities(s)).toBe(s);
	});
});
