import { XmlReadError } from '../../../../../nodes/shared/hispatec/reader/errors';
import { Scanner, Token } from '../../../../../nodes/shared/hispatec/reader/tokenizer';

/** Every token of `xml` as [kind, name or text, depth]. */
function tokens(xml: string): Array<[string, string, number]> {
	const scanner = new Scanner(xml);
	const out: Array<[string, string, number]> = [];
	for (;;) {
		const token = scanner.next();
		if (token === Token.Eof) return out;
		if (token === Token.Start) out.push(['start', scanner.name, scanner.depth]);
		else if (token === Token.End) out.push(['end', scanner.name, scanner.depth]);
		else if (token === Token.Text) out.push(['text', scanner.text(), scanner.depth]);
	}
}

function failure(xml: string): XmlReadError {
	try {
		tokens(xml);
	} catch (error) {
		return error as XmlReadError;
	}
	throw new Error('no failure');
}

describe('Scanner', () => {
	it('reads start tags, decoded text and end tags with their depth; skips comments and processing instructions', () => {
		expect(
			tokens(
				'<?xml version="1.0"?><a><!-- note --><b>x &amp; y</b><c/><?pi x?><![CDATA[<&>]]></a>',
			),
		).toEqual([
			['start', 'a', 1],
			['start', 'b', 2],
			['text', 'x & y', 2],
			['end', 'b', 1],
			['start', 'c', 2],
			['end', 'c', 1],
			['text', '<&>', 1],
			['end', 'a', 0],
		]);
	});

	it("gives a start tag's attributes decoded, and tells xsi:nil", () => {
		const scanner = new Scanner('<a xmlns:i="urn:i" t=\'1 &lt; 2\' i:nil="true"/>');
		expect(scanner.next()).toBe(Token.Start);
		expect(scanner.attributes()).toEqual([
			['xmlns:i', 'urn:i'],
			['t', '1 < 2'],
			['i:nil', 'true'],
		]);
		expect(scanner.isNil()).toBe(true);
		const plain = new Scanner('<a nil="true"/>');
		plain.next();
		expect(plain.isNil()).toBe(false);
	});

	it('asks for more text while streaming, and goes on once fed', () => {
		const scanner = new Scanner('<a><b>te', false);
		expect([scanner.next(), scanner.name]).toEqual([Token.Start, 'a']);
		expect([scanner.next(), scanner.name]).toEqual([Token.Start, 'b']);
		expect(scanner.next()).toBe(Token.NeedMore);
		scanner.feed('xt</b></a>', true);
		expect([scanner.next(), scanner.text()]).toEqual([Token.Text, 'text']);
		expect([scanner.next(), scanner.next(), scanner.next()]).toEqual([
			Token.End,
			Token.End,
			Token.Eof,
		]);
	});

	it('refuses DOCTYPE and other declarations, mismatched end tags and a document that stops inside an element', () => {
		expect(failure('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>').code).toBe('doctype');
		expect(failure('<a></b>').code).toBe('malformed');
		expect(failure('<a><b>').code).toBe('truncated');
		expect(failure('<a><b>')).toBeInstanceOf(XmlReadError);
	});
});
