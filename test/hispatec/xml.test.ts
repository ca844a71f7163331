import { XmlReadError } from '../../nodes/shared/hispatec/reader/errors';
import { decodeEntities } from '../../nodes/shared/hispatec/reader/text';
import { RecordReader, readAllRecords, readRecords } from '../../nodes/shared/hispatec/reader/records';
import { elementText, findElement, parseXmlTree } from '../../nodes/shared/hispatec/reader/tree';
import { sniffEnvelopeStart, sniffEnvelope } from '../../nodes/shared/hispatec/reader/sniff';
import { fixtures } from '../../emulators/hispatec';

const env = (body: string, ns = 'http://schemas.xmlsoap.org/soap/envelope/') =>
	`<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('decodeEntities', () => {
	it('decodes the five predefined entities and numeric references only', () => {
		expect(decodeEntities('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;')).toBe(`a <b> & "c" 'd'`);
		expect(decodeEntities('Mu&#241;oz &#xF1; &#X4E2D; &#x1F34A;')).toBe('Muñoz ñ 中 🍊');
		expect(decodeEntities('&nbsp; &oacute; &amp;amp; &#0; &#xD800; &#x110000; & alone')).toBe('&nbsp; &oacute; &amp; &#0; &#xD800; &#x110000; & alone');
	});

	it('decodes once: an escaped character reference stays literal text', () => {
		expect(decodeEntities('Ca&amp;#241;a &amp;#xF1; &amp;lt;')).toBe('Ca&#241;a &#xF1; &lt;');
	});

	it('returns the same string when there is nothing to decode', () => {
		const s = 'plain text';
		expect(decodeEntities(s)).toBe(s);
	});
});

describe('readRecords', () => {
	it('reads every value variant of the fixture exactly', () => {
		const { records, summary } = readAllRecords(fixtures.VALUE_VARIANTS.xml, {
			recordElement: 'Contacto',
			containerElement: 'Contactos',
			scalarElements: ['Total', 'Pagina', 'Missing'],
		});
		expect(records).toEqual(fixtures.VALUE_VARIANTS.records);
		expect(summary).toEqual({ count: 4, scalars: { Total: '4', Pagina: '1' } });
	});

	it('reads a character reference as its character, and an escaped one as literal text', () => {
		const xml = env(
			'<R><Empresas><Empresa><NombreComercial>Ca&#241;a</NombreComercial><Nota>Ca&amp;#241;a</Nota></Empresa></Empresas></R>',
		);
		expect(readAllRecords(xml, { recordElement: 'Empresa', containerElement: 'Empresas' }).records).toEqual([
			{ NombreComercial: 'Caña', Nota: 'Ca&#241;a' },
		]);
	});

	it('never creates prototype keys and keeps Object.prototype clean', () => {
		const { records } = readAllRecords(fixtures.VALUE_VARIANTS.xml, { recordElement: 'Contacto' });
		for (const r of records) {
			expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
			expect(Object.keys(r).filter((k) => /__proto__|constructor|prototype/.test(k))).toEqual([]);
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('yields one record at a time (lazy generator)', () => {
		const xml = env('<R><Items><Item><A>1</A></Item><Item><A>2</A></Item><Item><A>3</A><Broken></Item></Items></R>');
		const iterator = readRecords(xml, { recordElement: 'Item', containerElement: 'Items' });
		expect(iterator.next()).toEqual({ done: false, value: { A: '1' } });
		expect(iterator.next()).toEqual({ done: false, value: { A: '2' } });
		expect(() => iterator.next()).toThrow(`End tag </Item> does not match <Broken> at offset ${xml.lastIndexOf('</Item>')}`);
	});

	it('respects the container: records elsewhere are ignored', () => {
		const xml = env('<R><Contacto><A>outside</A></Contacto><Contactos><Contacto><A>inside</A></Contacto></Contactos></R>');
		expect(readAllRecords(xml, { recordElement: 'Contacto', containerElement: 'Contactos' }).records).toEqual([{ A: 'inside' }]);
		expect(readAllRecords(xml, { recordElement: 'Contacto' }).records).toEqual([{ A: 'outside' }, { A: 'inside' }]);
	});

	it('reads an ADO.NET DataSet (Table rows in a diffgram), ignoring the inline schema', () => {
		const xml = fixtures.dataSetResponse([
			{ Codigo: 'C1', Nombre: 'Ana & Co', NIF: null },
			{ Codigo: 'C2', Nombre: { $xml: '<![CDATA[<Luis>]]>' } },
		]);
		expect(readAllRecords(xml, { recordElement: 'Table' }).records).toEqual([
			{ Codigo: 'C1', Nombre: 'Ana & Co' },
			{ Codigo: 'C2', Nombre: '<Luis>' },
		]);
	});

	it('caps the record count', () => {
		const xml = env(`<Rs>${'<R><A>x</A></R>'.repeat(5)}</Rs>`);
		expect(readAllRecords(xml, { recordElement: 'R', maxRecords: 5 }).records).toHaveLength(5);
		expect(() => readAllRecords(xml, { recordElement: 'R', maxRecords: 4 })).toThrow('The response holds more than 4 records (the configured maximum)');
	});

	it('refuses a DOCTYPE (no entity expansion)', () => {
		const xml = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Rs><R><A>&lol2;</A></R></Rs>';
		let error: unknown;
		try {
			readAllRecords(xml, { recordElement: 'R' });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(XmlReadError);
		expect((error as XmlReadError).code).toBe('doctype');
		expect(() => parseXmlTree('<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>')).toThrow('DOCTYPE declaration, which is refused');
		expect(() => parseXmlTree('<x><!ENTITY a "b"></x>')).toThrow('The XML contains an ENTITY declaration, which is refused');
		expect(() => parseXmlTree('<x><!ELEMENT a ANY></x>')).toThrow('The XML contains an ELEMENT declaration, which is refused');
		expect(() => parseXmlTree('<x><!FOO a></x>')).toThrow('Unsupported markup declaration at offset 3');
	});

	it('reports truncated documents', () => {
		const full = env('<Rs><R><A>1</A></R><R><A>2</A></R></Rs>');
		for (const cut of [full.length - 20, full.length - 3, 60]) {
			let error: unknown;
			try {
				readAllRecords(full.slice(0, cut), { recordElement: 'R' });
			} catch (e) {
				error = e;
			}
			expect((error as XmlReadError).code).toBe('truncated');
		}
	});

	it('reads a 1.5 MB page the same as a small one (no recursion limits)', () => {
		const one = '<R><A>&amp;x</A><B/><C xsi:nil="true"/></R>';
		const xml = env(`<Rs>${one.repeat(30000)}</Rs>`);
		const { records, summary } = readAllRecords(xml, { recordElement: 'R' });
		expect(summary.count).toBe(30000);
		expect(records[29999]).toEqual({ A: '&x', B: '', C: null });
	});
});

describe('RecordReader (text arriving in chunks)', () => {
	const options = { recordElement: 'Contacto', containerElement: 'Contactos', scalarElements: ['Total', 'Pagina'] };
	const readInChunks = (xml: string, sizes: (i: number) => number) => {
		const reader = new RecordReader(options);
		const records: Array<Record<string, string | null>> = [];
		let pos = 0;
		for (let i = 0; pos < xml.length; i++) {
			const size = sizes(i);
			for (const r of reader.read(xml.slice(pos, pos + size), false)) records.push(r);
			pos += size;
		}
		for (const r of reader.read('', true)) records.push(r);
		return { records, summary: reader.summary() };
	};

	it.each([
		['one character at a time', () => 1],
		['7-character chunks', () => 7],
		['irregular chunks', (i: number) => [1, 13, 2, 64, 5, 300, 3][i % 7]],
	])('reads the variant fixture the same when fed %s', (_label, sizes) => {
		const whole = readAllRecords(fixtures.VALUE_VARIANTS.xml, options);
		expect(readInChunks(fixtures.VALUE_VARIANTS.xml, sizes)).toEqual(whole);
		expect(whole.records).toEqual(fixtures.VALUE_VARIANTS.records);
	});

	it('yields each record as soon as its end tag has arrived', () => {
		const reader = new RecordReader({ recordElement: 'R' });
		expect([...reader.read('<Rs><R><A>1</A></R><R><A>2', false)]).toEqual([{ A: '1' }]);
		expect(reader.recordCount).toBe(1);
		expect([...reader.read('</A></R></R', false)]).toEqual([{ A: '2' }]);
		expect([...reader.read('s>', true)]).toEqual([]);
		expect(reader.summary()).toEqual({ count: 2, scalars: {} });
		expect(() => [...reader.read('<x/>', true)]).toThrow('RecordReader: read() after the final chunk');
	});

	it('reports truncation only at the final chunk', () => {
		const reader = new RecordReader({ recordElement: 'R' });
		expect([...reader.read('<Rs><R><A>1</A>', false)]).toEqual([]);
		expect(() => [...reader.read('', true)]).toThrow('The XML ends inside <R> (the response looks truncated)');
	});

	it('sniffs an envelope start that is still arriving', () => {
		const xml = '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode>';
		expect(sniffEnvelopeStart(xml.slice(0, 20), false)).toBeUndefined();
		expect(sniffEnvelopeStart(xml.slice(0, 100), false)).toBeUndefined();
		expect(sniffEnvelopeStart(xml.slice(0, 110), false)).toEqual({ isSoap: true, soapVersion: '1.1', rootElement: 'Envelope', firstBodyElement: 'Fault' });
		expect(sniffEnvelopeStart('<html><body>Service Unavailable', false)).toEqual({ isSoap: false, rootElement: 'html' });
		expect(sniffEnvelopeStart('Service Unavailable, try again later', false)).toEqual({ isSoap: false, rootElement: '' });
	});
});

describe('parseXmlTree / sniffEnvelope', () => {
	it('parses a login response', () => {
		const root = parseXmlTree(
			env('<LoginResponse xmlns="urn:x"><LoginResult><Token> abc&amp;def </Token><Caducidad>2030-01-01T00:00:00Z</Caducidad></LoginResult></LoginResponse>'),
		);
		expect(elementText(findElement(root, 'Token')!)).toBe('abc&def');
		expect(elementText(findElement(root, 'Caducidad')!)).toBe('2030-01-01T00:00:00Z');
		expect(findElement(root, 'Nothing')).toBeUndefined();
	});

	it('tells SOAP 1.1, SOAP 1.2, HTML, other XML and non-XML apart', () => {
		expect(sniffEnvelope(env('<A/>'))).toEqual({ isSoap: true, soapVersion: '1.1', rootElement: 'Envelope', firstBodyElement: 'A' });
		expect(sniffEnvelope(env('<soap:Fault/>', 'http://www.w3.org/2003/05/soap-envelope'))).toEqual({
			isSoap: true,
			soapVersion: '1.2',
			rootElement: 'Envelope',
			firstBodyElement: 'Fault',
		});
		expect(sniffEnvelope('\uFEFF  <!DOCTYPE html><html><body>hi</body></html>')).toEqual({ isSoap: false, rootElement: 'html' });
		expect(sniffEnvelope('<HTML><BODY>x</BODY></HTML>')).toEqual({ isSoap: false, rootElement: 'html' });
		expect(sniffEnvelope('<?xml version="1.0"?><feed><x/></feed>')).toEqual({ isSoap: false, rootElement: 'feed' });
		expect(sniffEnvelope('<Envelope xmlns="urn:not-soap"><Body/></Envelope>')).toEqual({ isSoap: false, rootElement: 'Envelope' });
		expect(sniffEnvelope('{"error":"json"}')).toEqual({ isSoap: false, rootElement: '' });
		expect(sniffEnvelope('')).toEqual({ isSoap: false, rootElement: '' });
		expect(sniffEnvelope('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>')).toEqual({
			isSoap: true,
			soapVersion: '1.1',
			rootElement: 'Envelope',
		});
	});
});
