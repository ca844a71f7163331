import { describeFault, readFault } from '../../../../../nodes/shared/hispatec/soap/fault';
import { parseXmlTree } from '../../../../../nodes/shared/hispatec/reader/document';
import { fixtures } from '../../../../../emulators/hispatec';

describe('readFault', () => {
	it('reads a SOAP 1.1 fault with detail', () => {
		const fault = readFault(
			parseXmlTree(
				fixtures.faultEnvelope(
					'1.1',
					'Client',
					'Token no valido o caducado',
					'Sesión 42 & cerrada',
				),
			),
		);
		expect(fault).toEqual({
			version: '1.1',
			code: 'soap:Client',
			codeName: 'Client',
			message: 'Token no valido o caducado',
			detail: 'Mensaje: Sesión 42 & cerrada',
		});
		expect(describeFault(fault!)).toBe(
			'soap:Client: Token no valido o caducado (Mensaje: Sesión 42 & cerrada)',
		);
	});

	it('reads a SOAP 1.2 fault (Code/Value, Subcode, Reason/Text preferring English, Detail)', () => {
		const xml =
			'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault>' +
			'<e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>a:InvalidToken</e:Value></e:Subcode></e:Code>' +
			'<e:Reason><e:Text xml:lang="es">Token caducado</e:Text><e:Text xml:lang="en-GB">Token expired</e:Text></e:Reason>' +
			'<e:Role>urn:erp</e:Role><e:Detail>trace 1</e:Detail></e:Fault></e:Body></e:Envelope>';
		expect(readFault(parseXmlTree(xml))).toEqual({
			version: '1.2',
			code: 'e:Sender',
			codeName: 'Sender',
			subcode: 'a:InvalidToken',
			message: 'Token expired',
			detail: 'trace 1',
			actor: 'urn:erp',
		});
		expect(
			readFault(parseXmlTree(fixtures.faultEnvelope('1.2', 'Server', 'Error <interno>'))),
		).toEqual({
			version: '1.2',
			code: 'soap:Receiver',
			codeName: 'Receiver',
			message: 'Error <interno>',
		});
	});

	it('returns undefined when the body holds no fault', () => {
		expect(readFault(parseXmlTree(fixtures.envelope('<LoginResponse/>')))).toBeUndefined();
	});
});
