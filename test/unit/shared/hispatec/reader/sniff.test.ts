import {
	sniffEnvelope,
	sniffEnvelopeStart,
} from '../../../../../nodes/shared/hispatec/reader/sniff';

const env = (body: string, ns = 'http://schemas.xmlsoap.org/soap/envelope/') =>
	`<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('sniffEnvelope', () => {
	it('tells SOAP 1.1, SOAP 1.2, HTML, other XML and non-XML apart', () => {
		expect(sniffEnvelope(env('<A/>'))).toEqual({
			isSoap: true,
			soapVersion: '1.1',
			rootElement: 'Envelope',
			firstBodyElement: 'A',
		});
		expect(sniffEnvelope(env('<soap:Fault/>', 'http://www.w3.org/2003/05/soap-envelope'))).toEqual({
			isSoap: true,
			soapVersion: '1.2',
			rootElement: 'Envelope',
			firstBodyElement: 'Fault',
		});
		expect(sniffEnvelope('\uFEFF  <!DOCTYPE html><html><body>hi</body></html>')).toEqual({
			isSoap: false,
			rootElement: 'html',
		});
		expect(sniffEnvelope('<HTML><BODY>x</BODY></HTML>')).toEqual({
			isSoap: false,
			rootElement: 'html',
		});
		expect(sniffEnvelope('<?xml version="1.0"?><feed><x/></feed>')).toEqual({
			isSoap: false,
			rootElement: 'feed',
		});
		expect(sniffEnvelope('<Envelope xmlns="urn:not-soap"><Body/></Envelope>')).toEqual({
			isSoap: false,
			rootElement: 'Envelope',
		});
		expect(sniffEnvelope('{"error":"json"}')).toEqual({ isSoap: false, rootElement: '' });
		expect(sniffEnvelope('')).toEqual({ isSoap: false, rootElement: '' });
		expect(
			sniffEnvelope(
				'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>',
			),
		).toEqual({
			isSoap: true,
			soapVersion: '1.1',
			rootElement: 'Envelope',
		});
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
