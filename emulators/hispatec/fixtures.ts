/**
 * Hand-written SOAP envelopes: a fast serializer for large pages (benchmarks, raw route) and fixtures
 * for value variants node-soap cannot produce (self-closing and paired empty elements side by side,
 * WCF `i:nil`, comments, BOM, CRLF, prefixed records, DataSet diffgrams, hostile element names).
 */
import type { RecordType } from '../../nodes/shared/types';
import type { EmulatorRecord } from './dataset';
import type { EmulatorContract } from './wsdl';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';

export function escapeText(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export function envelope(body: string, version: '1.1' | '1.2' = '1.1'): string {
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		`<soap:Envelope xmlns:soap="${version === '1.2' ? SOAP12 : SOAP11}" xmlns:xsi="${XSI}" xmlns:xsd="${XSD}">` +
		`<soap:Body>${body}</soap:Body></soap:Envelope>`
	);
}

export function renderRecord(element: string, record: EmulatorRecord): string {
	let out = `<${element}>`;
	for (const [key, value] of Object.entries(record)) {
		if (value === null) out += `<${key} xsi:nil="true" />`;
		else if (typeof value === 'object') out += `<${key}>${value.$xml}</${key}>`;
		else if (value === '') out += `<${key} />`;
		else out += `<${key}>${escapeText(value)}</${key}>`;
	}
	return `${out}</${element}>`;
}

/** A records page as an ASMX service writes it (XmlSerializer style). */
export function renderRecordsResponse(options: {
	contract: EmulatorContract;
	recordType: RecordType;
	records: readonly EmulatorRecord[];
	total: number;
	page: number;
	soapVersion?: '1.1' | '1.2';
}): string {
	const c = options.contract;
	const op = options.recordType === 'contact' ? c.operations.contacts : c.operations.companies;
	const container = options.recordType === 'contact' ? c.contactsContainer : c.companiesContainer;
	const element = options.recordType === 'contact' ? c.contactRecord : c.companyRecord;
	const parts: string[] = [];
	for (const record of options.records) parts.push(renderRecord(element, record));
	return envelope(
		`<${op}Response xmlns="${c.namespace}"><${op}Result><${c.totalElement}>${options.total}</${c.totalElement}>` +
			`<${c.pageElement}>${options.page}</${c.pageElement}><${container}>${parts.join('')}</${container}></${op}Result></${op}Response>`,
		options.soapVersion,
	);
}

/**
 * One page of contacts with every value variant, and the flat records a correct reader must yield.
 * Uses the default contract names (`ObtenerContactos`, `Contactos`, `Contacto`).
 */
export const VALUE_VARIANTS = {
	xml:
		'\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n' +
		`<s:Envelope xmlns:s="${SOAP11}">\r\n` +
		'  <s:Header><!-- no header blocks --></s:Header>\r\n' +
		'  <s:Body>\r\n' +
		'    <ObtenerContactosResponse xmlns="urn:hispatec:erpagro:crm" xmlns:h="urn:hispatec:erpagro:crm">\r\n' +
		'      <ObtenerContactosResult>\r\n' +
		'        <Total>4</Total>\r\n' +
		'        <Pagina>1</Pagina>\r\n' +
		'        <h:Contactos>\r\n' +
		'          <h:Contacto diffgr:id="Contacto1" note="a &gt; b and \'c\' > d" xmlns:diffgr="urn:x">\r\n' +
		'\t\t\t<h:Codigo>C90001</h:Codigo>\r\n' +
		'\t\t\t<h:Nombre>  Jos&#233;  Mar&#xED;a </h:Nombre>\r\n' +
		'\t\t\t<h:Apellidos/>\r\n' +
		'\t\t\t<h:IdentificacionFiscalCliente></h:IdentificacionFiscalCliente>\r\n' +
		`\t\t\t<h:NIF xsi:nil="true" xmlns:xsi="${XSI}"/>\r\n` +
		`\t\t\t<h:DNI i:nil="1" xmlns:i="${XSI}"></h:DNI>\r\n` +
		'\t\t\t<!-- a comment between fields -->\r\n' +
		'\t\t\t<h:Email>ventas@agro&amp;campo.es</h:Email>\r\n' +
		'\t\t\t<h:Email>  second@agrocampo.es</h:Email>\r\n' +
		'\t\t\t<h:Observaciones><![CDATA[  <b>bold</b> & "quoted" ]]>tail<![CDATA[ end]]></h:Observaciones>\r\n' +
		'\t\t\t<h:Cultivo>Naranja &#x1F34A; &amp;amp; lim&oacute;n &nbsp;</h:Cultivo>\r\n' +
		'\t\t\t<h:Direccion><h:Calle>Paraje Los Llanos</h:Calle><h:Numero>12</h:Numero></h:Direccion>\r\n' +
		'\t\t\t<__proto__><polluted>yes</polluted></__proto__>\r\n' +
		'\t\t\t<constructor>x</constructor><prototype>y</prototype>\r\n' +
		'\t\t\t<toString>kept</toString>\r\n' +
		'          </h:Contacto>\r\n' +
		'          <Contacto><Codigo>C90002</Codigo><Nombre>Ana</Nombre><Telefono>950&#160;12&#160;34&#160;56</Telefono><Pais></Pais></Contacto>\r\n' +
		'          <Contacto />\r\n' +
		`          <Contacto xsi:nil="true" xmlns:xsi="${XSI}"/>\r\n` +
		'          <Contacto><Codigo>C90004</Codigo><Nombre>&#0; &#x110000; &#65;</Nombre></Contacto>\r\n' +
		'        </h:Contactos>\r\n' +
		'      </ObtenerContactosResult>\r\n' +
		'    </ObtenerContactosResponse>\r\n' +
		'  </s:Body>\r\n' +
		'</s:Envelope>\r\n',
	records: [
		{
			Codigo: 'C90001',
			Nombre: 'José  María',
			Apellidos: '',
			IdentificacionFiscalCliente: '',
			NIF: null,
			DNI: null,
			Email: 'ventas@agro&campo.es',
			Email_2: 'second@agrocampo.es',
			Observaciones: '<b>bold</b> & "quoted" tail end',
			Cultivo: 'Naranja 🍊 &amp; lim&oacute;n &nbsp;',
			'Direccion.Calle': 'Paraje Los Llanos',
			'Direccion.Numero': '12',
			toString: 'kept',
		},
		{ Codigo: 'C90002', Nombre: 'Ana', Telefono: '950\u00a012\u00a034\u00a056', Pais: '' },
		{},
		{ Codigo: 'C90004', Nombre: '&#0; &#x110000; A' },
	] as Array<Record<string, string | null>>,
	total: '4',
};

/**
 * The same contacts as an ADO.NET DataSet (`diffgr:diffgram` … `NewDataSet/Table`), as old ASMX
 * services return them. Read with record element `Table` and an empty container.
 */
export function dataSetResponse(
	records: readonly EmulatorRecord[],
	operation = 'ObtenerContactos',
	namespace = 'urn:hispatec:erpagro:crm',
): string {
	const rows = records
		.map((r, i) => {
			const fields = Object.entries(r)
				.filter(([, v]) => v !== null)
				.map(
					([k, v]) =>
						`<${k}>${typeof v === 'object' && v !== null ? v.$xml : escapeText(v as string)}</${k}>`,
				)
				.join('');
			return `<Table diffgr:id="Table${i + 1}" msdata:rowOrder="${i}">${fields}</Table>`;
		})
		.join('');
	return envelope(
		`<${operation}Response xmlns="${namespace}"><${operation}Result>` +
			'<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">' +
			'<xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">' +
			'<xs:element name="Table"><xs:complexType><xs:sequence><xs:element name="Codigo" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>' +
			'</xs:choice></xs:complexType></xs:element></xs:schema>' +
			'<diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">' +
			`<NewDataSet xmlns="">${rows}</NewDataSet></diffgr:diffgram>` +
			`</${operation}Result></${operation}Response>`,
	);
}

/** An IIS-style HTML error page. */
export function htmlPage(title: string, text: string): string {
	return `<!DOCTYPE html>\r\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** A SOAP fault envelope of either version (used for failure switches). */
export function faultEnvelope(
	version: '1.1' | '1.2',
	code: 'Client' | 'Server',
	message: string,
	detail?: string,
): string {
	if (version === '1.2') {
		return envelope(
			`<soap:Fault><soap:Code><soap:Value>soap:${code === 'Client' ? 'Sender' : 'Receiver'}</soap:Value></soap:Code>` +
				`<soap:Reason><soap:Text xml:lang="es">${escapeText(message)}</soap:Text></soap:Reason>` +
				(detail
					? `<soap:Detail><Error><Mensaje>${escapeText(detail)}</Mensaje></Error></soap:Detail>`
					: '') +
				'</soap:Fault>',
			'1.2',
		);
	}
	return envelope(
		`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeText(message)}</faultstring>` +
			(detail ? `<detail><Error><Mensaje>${escapeText(detail)}</Mensaje></Error></detail>` : '') +
			'</soap:Fault>',
	);
}

function recordElementsFor(
	contract: EmulatorContract,
	operation: string,
): { container: string; element: string } {
	return operation === contract.operations.companies
		? { container: contract.companiesContainer, element: contract.companyRecord }
		: { container: contract.contactsContainer, element: contract.contactRecord };
}

/**
 * A records answer with an internal DTD of nested entities ("billion laughs": 10 levels × 10, about
 * 3 GB when expanded), the entity used in a record. A safe reader refuses the DOCTYPE unexpanded.
 */
export function doctypeBombEnvelope(contract: EmulatorContract, operation: string): string {
	const { container, element } = recordElementsFor(contract, operation);
	let dtd = '<!ENTITY lol0 "lol">';
	for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
	return (
		`<?xml version="1.0" encoding="utf-8"?><!DOCTYPE lolz [${dtd}]>` +
		`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><${operation}Response xmlns="${contract.namespace}"><${operation}Result>` +
		`<${contract.totalElement}>1</${contract.totalElement}><${contract.pageElement}>1</${contract.pageElement}>` +
		`<${container}><${element}><Codigo>BOMB1</Codigo><Nombre>&lol9;</Nombre></${element}></${container}>` +
		`</${operation}Result></${operation}Response></soap:Body></soap:Envelope>`
	);
}

/** A records answer whose DTD declares an external (SYSTEM) entity, used in a record's name. */
export function externalEntityEnvelope(contract: EmulatorContract, operation: string): string {
	const { container, element } = recordElementsFor(contract, operation);
	return (
		'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
		`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><${operation}Response xmlns="${contract.namespace}"><${operation}Result>` +
		`<${contract.totalElement}>1</${contract.totalElement}><${contract.pageElement}>1</${contract.pageElement}>` +
		`<${container}><${element}><Codigo>XXE1</Codigo><Nombre>&xxe;</Nombre><RazonSocial>&xxe;</RazonSocial></${element}></${container}>` +
		`</${operation}Result></${operation}Response></soap:Body></soap:Envelope>`
	);
}
