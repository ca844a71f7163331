import { XmlReadError } from '../../../../../nodes/shared/hispatec/reader/errors';
import { RecordReader } from '../../../../../nodes/shared/hispatec/reader/records';
import { parseXmlTree } from '../../../../../nodes/shared/hispatec/reader/document';
import { fixtures } from '../../../../../emulators/hispatec';
import { env, readAllRecords, readRecords } from './helpers';

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
		expect(
			readAllRecords(xml, { recordElement: 'Empresa', containerElement: 'Empresas' }).records,
		).toEqual([{ NombreComercial: 'Caña', Nota: 'Ca&#241;a' }]);
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
		const xml = env(
			'<R><Items><Item><A>1</A></Item><Item><A>2</A></Item><Item><A>3</A><Broken></Item></Items></R>',
		);
		const iterator = readRecords(xml, { recordElement: 'Item', containerElement: 'Items' });
		expect(iterator.next()).toEqual({ done: false, value: { A: '1' } });
		expect(iterator.next()).toEqual({ done: false, value: { A: '2' } });
		expect(() => iterator.next()).toThrow(
			`End tag </Item> does not match <Broken> at offset ${xml.lastIndexOf('</Item>')}`,
		);
	});

	it('respects the container: records elsewhere are ignored', () => {
		const xml = env(
			'<R><Contacto><A>outside</A></Contacto><Contactos><Contacto><A>inside</A></Contacto></Contactos></R>',
		);
		expect(
			readAllRecords(xml, { recordElement: 'Contacto', containerElement: 'Contactos' }).records,
		).toEqual([{ A: 'inside' }]);
		expect(readAllRecords(xml, { recordElement: 'Contacto' }).records).toEqual([
			{ A: 'outside' },
			{ A: 'inside' },
		]);
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
		expect(() => readAllRecords(xml, { recordElement: 'R', maxRecords: 4 })).toThrow(
			'The response holds more than 4 records (the configured maximum)',
		);
	});

	it('refuses a DOCTYPE (no entity expansion)', () => {
		const xml =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Rs><R><A>&lol2;</A></R></Rs>';
		let error: unknown;
		try {
			readAllRecords(xml, { recordElement: 'R' });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(XmlReadError);
		expect((error as XmlReadError).code).toBe('doctype');
		expect(() => parseXmlTree('<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>')).toThrow(
			'DOCTYPE declaration, which is refused',
		);
		expect(() => parseXmlTree('<x><!ENTITY a "b"></x>')).toThrow(
			'The XML contains an ENTITY declaration, which is refused',
		);
		expect(() => parseXmlTree('<x><!ELEMENT a ANY></x>')).toThrow(
			'The XML contains an ELEMENT declaration, which is refused',
		);
		expect(() => parseXmlTree('<x><!FOO a></x>')).toThrow(
			'Unsupported markup declaration at offset 3',
		);
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
	const options = {
		recordElement: 'Contacto',
		containerElement: 'Contactos',
		scalarElements: ['Total', 'Pagina'],
	};
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
		expect(() => [...reader.read('<x/>', true)]).toThrow(
			'RecordReader: read() after the final chunk',
		);
	});

	it('reports truncation only at the final chunk', () => {
		const reader = new RecordReader({ recordElement: 'R' });
		expect([...reader.read('<Rs><R><A>1</A>', false)]).toEqual([]);
		expect(() => [...reader.read('', true)]).toThrow(
			'The XML ends inside <R> (the response looks truncated)',
		);
	});
});
