import {
	elementText,
	findElement,
	parseXmlTree,
	sniffEnvelopeStart,
} from '../../../../../nodes/shared/hispatec/reader/document';
import { env, SOAP_11_NS, SOAP_12_NS } from './helpers';

describe('parseXmlTree', () => {
	it('parses a login response', () => {
		const root = parseXmlTree(
			env(
				'<LoginResponse xmlns="urn:x"><LoginResult><Token> abc&amp;def </Token><Caducidad>2030-01-01T00:00:00Z</Caducidad></LoginResult></LoginResponse>',
			),
		);
		expect(elementText(findElement(root, 'Token')!)).toBe('abc&def');
		expect(elementText(findElement(root, 'Caducidad')!)).toBe('2030-01-01T00:00:00Z');
		expect(findElement(root, 'Nothing')).toBeUndefined();
	});
});

describe('sniffEnvelopeStart', () => {
	it.each<[string, string, ReturnType<typeof sniffEnvelopeStart>]>([
		[
			'SOAP 1.1',
			env('<A/>'),
			{ isSoap: true, soapVersion: '1.1', rootElement: 'Envelope', firstBodyElement: 'A' },
		],
		[
			'SOAP 1.2',
			env('<soap:Fault/>', SOAP_12_NS),
			{ isSoap: true, soapVersion: '1.2', rootElement: 'Envelope', firstBodyElement: 'Fault' },
		],
		[
			'HTML after a BOM, spaces and a doctype',
			'\uFEFF  <!DOCTYPE html><html><body>hi</body></html>',
			{ isSoap: false, rootElement: 'html' },
		],
		['HTML in capitals', '<HTML><BODY>x</BODY></HTML>', { isSoap: false, rootElement: 'html' }],
		['other XML', '<?xml version="1.0"?><feed><x/></feed>', { isSoap: false, rootElement: 'feed' }],
		[
			'an Envelope outside the SOAP namespace',
			'<Envelope xmlns="urn:not-soap"><Body/></Envelope>',
			{ isSoap: false, rootElement: 'Envelope' },
		],
		['JSON', '{"error":"json"}', { isSoap: false, rootElement: '' }],
		['nothing', '', { isSoap: false, rootElement: '' }],
		[
			'SOAP 1.1 with an empty Body',
			`<s:Envelope xmlns:s="${SOAP_11_NS}"><s:Body/></s:Envelope>`,
			{ isSoap: true, soapVersion: '1.1', rootElement: 'Envelope' },
		],
	])('tells SOAP 1.1, SOAP 1.2, HTML, other XML and non-XML apart: %s', (_case, xml, expected) => {
		expect(sniffEnvelopeStart(xml, true)).toEqual(expected);
	});

	it('sniffs an envelope start that is still arriving', () => {
		const xml =
			'<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode>';
		expect(sniffEnvelopeStart(xml.slice(0, 20), false)).toBeUndefined();
		expect(sniffEnvelopeStart(xml.slice(0, 100), false)).toBeUndefined();
		expect(sniffEnvelopeStart(xml.slice(0, 110), false)).toEqual({
			isSoap: true,
			soapVersion: '1.1',
			rootElement: 'Envelope',
			firstBodyElement: 'Fault',
		});
		expect(sniffEnvelopeStart('<html><body>Service Unavailable', false)).toEqual({
			isSoap: false,
			rootElement: 'html',
		});
		expect(sniffEnvelopeStart('Service Unavailable, try again later', false)).toEqual({
			isSoap: false,
			rootElement: '',
		});
	});
});
