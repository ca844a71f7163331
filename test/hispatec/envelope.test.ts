import { assertElementName, buildEnvelope, buildSoapAction, escapeXml, soapHttpHeaders } from '../../nodes/shared/hispatec/soap/envelope';
import { describeFault, readFault } from '../../nodes/shared/hispatec/soap/fault';
import {
	buildEndpoint,
	formatModifiedSince,
	HISPATEC_DEFAULTS,
	matchesExpiredToken,
	resolveSettings,
} from '../../nodes/shared/hispatec/soap/settings';
import { readAllRecords } from '../../nodes/shared/hispatec/reader/records';
import { parseXmlTree } from '../../nodes/shared/hispatec/reader/tree';
import { fixtures } from '../../emulators/hispatec';

describe('escapeXml', () => {
	it('escapes the five XML specials, passwords included', () => {
		expect(escapeXml(`p<&"'>w`)).toBe('p&lt;&amp;&quot;&apos;&gt;w');
		expect(escapeXml('ñandú €')).toBe('ñandú €');
	});

	it('refuses characters XML cannot carry instead of altering them', () => {
		expect(() => escapeXml('a\u0001b', 'The password')).toThrow('The password contains a control character that XML cannot carry');
		expect(() => escapeXml('\uD800x')).toThrow('control character');
		expect(escapeXml('tab\tnew\nline\r')).toBe('tab\tnew\nline\r');
		expect(escapeXml('🍊')).toBe('🍊');
	});

	it('draws the line exactly where XML 1.0 does (every C0 control, U+FFFE/U+FFFF, lone surrogates)', () => {
		for (let c = 0; c < 0x20; c++) {
			const allowed = c === 0x09 || c === 0x0a || c === 0x0d;
			const value = `a${String.fromCharCode(c)}b`;
			if (allowed) expect(escapeXml(value)).toBe(value);
			else expect(() => escapeXml(value)).toThrow('control character');
		}
		expect(escapeXml(' ~\u007f\u00a0\ufffd')).toBe(' ~\u007f\u00a0\ufffd');
		for (const bad of ['\ufffe', 'x\uffff', '\udc00', 'a\udfffb', 'end\udbff', '\ud800\ud800\udc00x\udc00']) {
			expect(() => escapeXml(bad)).toThrow('control character');
		}
		expect(escapeXml('\ud83c\udf4a\ud800\udc00')).toBe('🍊𐀀');
	});
});

describe('buildEnvelope', () => {
	it('builds a SOAP 1.1 document/literal envelope with escaped values, skipping null parameters', () => {
		expect(
			buildEnvelope({
				soapVersion: '1.1',
				namespace: 'urn:hispatec:erpagro:crm',
				operation: 'Login',
				params: [
					['Usuario', 'ana'],
					['Password', `<&"'>`],
					['Skipped', null],
					['Pagina', 2],
				],
			}),
		).toBe(
			'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
				'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
				'<soap:Body><Login xmlns="urn:hispatec:erpagro:crm"><Usuario>ana</Usuario><Password>&lt;&amp;&quot;&apos;&gt;</Password>' +
				'<Pagina>2</Pagina></Login></soap:Body></soap:Envelope>',
		);
	});

	it('builds a SOAP 1.2 envelope with a header block', () => {
		const xml = buildEnvelope({
			soapVersion: '1.2',
			namespace: 'urn:x',
			operation: 'ObtenerEmpresas',
			params: [['Pagina', 1]],
			header: { element: 'AuthHeader', namespace: 'urn:h&', params: [['Token', 't<1>']] },
		});
		expect(xml).toContain('<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" ');
		expect(xml).toContain('<soap:Header><AuthHeader xmlns="urn:h&amp;"><Token>t&lt;1&gt;</Token></AuthHeader></soap:Header><soap:Body>');
		// our own reader reads it back
		expect(readAllRecords(xml, { recordElement: 'AuthHeader' }).records).toEqual([{ Token: 't<1>' }]);
	});

	it('refuses element names that are not XML names', () => {
		expect(() => assertElementName('Obtener Contactos', 'Contacts Operation')).toThrow(
			'"Obtener Contactos" is not a valid XML element name (setting "Contacts Operation")',
		);
		expect(() => buildEnvelope({ soapVersion: '1.1', namespace: 'n', operation: 'a<b', params: [] })).toThrow('not a valid XML element name');
		expect(() => buildEnvelope({ soapVersion: '1.1', namespace: 'n', operation: 'Op', params: [['x:y', '1']] })).toThrow('"x:y"');
	});
});

describe('SOAP action and headers', () => {
	it('applies the template without doubling slashes', () => {
		expect(buildSoapAction('{namespace}/{operation}', 'urn:hispatec:erpagro:crm', 'Login')).toBe('urn:hispatec:erpagro:crm/Login');
		expect(buildSoapAction('{namespace}/{operation}', 'http://tempuri.org/', 'Login')).toBe('http://tempuri.org/Login');
		expect(buildSoapAction('http://erp/IIntegracion/{operation}', 'ignored', 'ObtenerEmpresas')).toBe('http://erp/IIntegracion/ObtenerEmpresas');
		expect(buildSoapAction('  ', 'n', 'Login')).toBe('');
	});

	it('puts the action in SOAPAction (1.1) or in the Content-Type (1.2)', () => {
		expect(soapHttpHeaders('1.1', 'urn:a/Login')).toEqual({
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: '"urn:a/Login"',
			Accept: 'text/xml, application/soap+xml, */*',
		});
		expect(soapHttpHeaders('1.2', 'urn:a/Login')).toEqual({
			'Content-Type': 'application/soap+xml; charset=utf-8; action="urn:a/Login"',
			Accept: 'application/soap+xml, text/xml, */*',
		});
		expect(soapHttpHeaders('1.1', '')).toMatchObject({ SOAPAction: '""' });
		expect(soapHttpHeaders('1.2', '')['Content-Type']).toBe('application/soap+xml; charset=utf-8');
		expect(() => soapHttpHeaders('1.1', 'a"b')).toThrow('must not contain quotes');
	});
});

describe('readFault', () => {
	it('reads a SOAP 1.1 fault with detail', () => {
		const fault = readFault(parseXmlTree(fixtures.faultEnvelope('1.1', 'Client', 'Token no valido o caducado', 'Sesión 42 & cerrada')));
		expect(fault).toEqual({
			version: '1.1',
			code: 'soap:Client',
			codeName: 'Client',
			message: 'Token no valido o caducado',
			detail: 'Mensaje: Sesión 42 & cerrada',
		});
		expect(describeFault(fault!)).toBe('soap:Client: Token no valido o caducado (Mensaje: Sesión 42 & cerrada)');
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
		expect(readFault(parseXmlTree(fixtures.faultEnvelope('1.2', 'Server', 'Error <interno>')))).toEqual({
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

describe('settings', () => {
	it('applies the reference contract by default', () => {
		const s = resolveSettings({ serverUrl: 'https://erp.example.com/', username: 'u', password: 'p' });
		expect(s).toEqual({
			endpoint: 'https://erp.example.com/IntegracionCRM.asmx',
			username: 'u',
			password: 'p',
			soapVersion: '1.1',
			namespace: 'urn:hispatec:erpagro:crm',
			soapActionTemplate: '{namespace}/{operation}',
			operations: { login: 'Login', contact: 'ObtenerContactos', company: 'ObtenerEmpresas' },
			loginParameters: { username: 'Usuario', password: 'Password' },
			tokenElement: 'Token',
			tokenExpiryElement: 'Caducidad',
			token: { placement: 'body', parameter: 'Token', headerElement: 'AuthHeader', headerNamespace: 'urn:hispatec:erpagro:crm', httpHeader: 'Token' },
			expiredTokenPattern: 'Token no valido o caducado',
			paging: { mode: 'page', pageParameter: 'Pagina', pageSizeParameter: 'TamanoPagina', firstPage: 1, pageSize: 500, totalElement: 'Total', maxPages: 1000 },
			modifiedSince: { parameter: 'ModificadoDesde', format: 'ISO' },
			records: { contact: { container: 'Contactos', record: 'Contacto' }, company: { container: 'Empresas', record: 'Empresa' } },
			timeoutMs: 60000,
			ignoreTlsErrors: false,
			maxResponseBytes: 100 * 1024 * 1024,
			maxRecords: 500000,
			retry: { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30000 },
		});
	});

	it('uses advanced settings only when "Customize Advanced Settings" is on', () => {
		const data = {
			serverUrl: 'http://10.0.0.5:8080',
			servicePath: 'ws/Crm.svc',
			contactRecord: 'Table',
			contactsContainer: '',
			pagingMode: 'none',
			loginUserParameter: 'User',
		};
		expect(resolveSettings(data).records.contact).toEqual({ container: 'Contactos', record: 'Contacto' });
		const s = resolveSettings({ ...data, customizeAdvanced: true });
		expect(s.endpoint).toBe('http://10.0.0.5:8080/ws/Crm.svc');
		expect(s.records.contact).toEqual({ container: '', record: 'Table' });
		expect(s.paging.mode).toBe('none');
		expect(s.loginParameters).toEqual({ username: 'User', password: 'Password' });
	});

	it('explains bad settings', () => {
		expect(() => resolveSettings({})).toThrow('The credential has no Server URL');
		expect(() => resolveSettings({ serverUrl: 'erp.example.com' })).toThrow('Server URL must start with http:// or https:// (got "erp.example.com")');
		expect(() => resolveSettings({ serverUrl: 'http://x', soapVersion: '2.0' })).toThrow('SOAP Version must be one of 1.1, 1.2 (got "2.0")');
		expect(() => resolveSettings({ serverUrl: 'http://x', pageSize: 0 })).toThrow('Page Size must be a number between 1 and 10000 (got "0")');
		expect(() => resolveSettings({ serverUrl: 'http://x', contactsOperation: 'Obtener Contactos' })).toThrow('(setting "Contacts Operation")');
		expect(() => resolveSettings({ serverUrl: 'http://x', customizeAdvanced: true, sessionHttpHeader: 'X Token' })).toThrow('not a valid HTTP header name');
		expect(buildEndpoint('https://erp.example.com//', '')).toBe('https://erp.example.com');
		expect(HISPATEC_DEFAULTS.pageSize).toBe(500);
	});

	it('formats Modified Since as ISO (UTC) or a Luxon format in a time zone', () => {
		const d = new Date('2024-05-01T22:30:15.123Z');
		expect(formatModifiedSince(d, 'ISO')).toBe('2024-05-01T22:30:15Z');
		expect(formatModifiedSince(d, 'dd/MM/yyyy', 'Europe/Madrid')).toBe('02/05/2024');
		expect(formatModifiedSince(d, 'yyyy-MM-dd HH:mm:ss', 'UTC')).toBe('2024-05-01 22:30:15');
		expect(() => formatModifiedSince(new Date('x'), 'ISO')).toThrow('Modified Since is not a valid date');
	});

	it('matches the expired-token fault case- and accent-insensitively', () => {
		expect(matchesExpiredToken('Token no valido o caducado', 'Token no válido o caducado')).toBe(true);
		expect(matchesExpiredToken('token (caducado|expirado)', 'TOKEN EXPIRADO')).toBe(true);
		expect(matchesExpiredToken('Token no valido', 'Credenciales no validas')).toBe(false);
		expect(matchesExpiredToken('[unclosed', 'error [unclosed bracket')).toBe(true);
		expect(matchesExpiredToken('', 'anything')).toBe(false);
	});
});
