import {
	authenticatedSpec,
	buildRequest,
	type EnvelopeSpec,
} from '../../../../../nodes/shared/hispatec/soap/request';
import {
	resolveSettings,
	type HispatecCredentialData,
} from '../../../../../nodes/shared/hispatec/soap/settings';
import { readAllRecords } from '../reader/helpers';

/** What the envelope, the action and the headers come out as: everything goes through buildRequest. */
const credential = (extra: HispatecCredentialData = {}) =>
	resolveSettings({ serverUrl: 'http://erp', ...extra });

/** The request body of `spec`. */
const buildEnvelope = (spec: EnvelopeSpec) => buildRequest(credential(), spec.operation, spec).body;

/** A value as the envelope carries it: the text of a parameter element. */
const escapeXml = (value: string) => {
	const body = buildEnvelope({
		soapVersion: '1.1',
		namespace: 'n',
		operation: 'Op',
		params: [['V', value]],
	});
	return body.slice(body.indexOf('<V>') + '<V>'.length, body.indexOf('</V>'));
};

/** The HTTP headers of a request for `Op` under a SOAP version and an action template. */
const soapHttpHeaders = (soapVersion: '1.1' | '1.2', soapActionTemplate: string) =>
	buildRequest(credential({ customizeAdvanced: true, soapVersion, soapActionTemplate }), 'Op', {
		soapVersion,
		namespace: 'n',
		operation: 'Op',
		params: [],
	}).headers;

/** The SOAP action sent for `operation` under a template and namespace. */
const buildSoapAction = (soapActionTemplate: string, namespace: string, operation: string) =>
	buildRequest(credential({ customizeAdvanced: true, soapActionTemplate, namespace }), operation, {
		soapVersion: '1.1',
		namespace,
		operation,
		params: [],
	}).headers.SOAPAction.replace(/^"|"$/g, '');

describe('escapeXml', () => {
	it('escapes the five XML specials, passwords included', () => {
		expect(escapeXml(`p<&"'>w`)).toBe('p&lt;&amp;&quot;&apos;&gt;w');
		expect(escapeXml('ñandú €')).toBe('ñandú €');
	});

	it('refuses characters XML cannot carry instead of altering them', () => {
		expect(() =>
			buildEnvelope({
				soapVersion: '1.1',
				namespace: 'n',
				operation: 'Login',
				params: [['Password', 'a\u0001b']],
			}),
		).toThrow('Parameter Password contains a control character that XML cannot carry');
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
		for (const bad of [
			'\ufffe',
			'x\uffff',
			'\udc00',
			'a\udfffb',
			'end\udbff',
			'\ud800\ud800\udc00x\udc00',
		]) {
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
		expect(xml).toContain(
			'<soap:Header><AuthHeader xmlns="urn:h&amp;"><Token>t&lt;1&gt;</Token></AuthHeader></soap:Header><soap:Body>',
		);
		// our own reader reads it back
		expect(readAllRecords(xml, { recordElement: 'AuthHeader' }).records).toEqual([
			{ Token: 't<1>' },
		]);
	});

	it('refuses element names that are not XML names', () => {
		expect(() =>
			buildEnvelope({
				soapVersion: '1.1',
				namespace: 'n',
				operation: 'Obtener Contactos',
				params: [],
			}),
		).toThrow('"Obtener Contactos" is not a valid XML element name (setting "operation name")');
		expect(() =>
			buildEnvelope({ soapVersion: '1.1', namespace: 'n', operation: 'a<b', params: [] }),
		).toThrow('not a valid XML element name');
		expect(() =>
			buildEnvelope({
				soapVersion: '1.1',
				namespace: 'n',
				operation: 'Op',
				params: [['x:y', '1']],
			}),
		).toThrow('"x:y"');
	});
});

describe('SOAP action and headers', () => {
	it('applies the template without doubling slashes', () => {
		expect(buildSoapAction('{namespace}/{operation}', 'urn:hispatec:erpagro:crm', 'Login')).toBe(
			'urn:hispatec:erpagro:crm/Login',
		);
		expect(buildSoapAction('{namespace}/{operation}', 'http://tempuri.org/', 'Login')).toBe(
			'http://tempuri.org/Login',
		);
		expect(
			buildSoapAction('http://erp/IIntegracion/{operation}', 'ignored', 'ObtenerEmpresas'),
		).toBe('http://erp/IIntegracion/ObtenerEmpresas');
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

describe('buildRequest and authenticatedSpec', () => {
	const settings = (extra = {}) =>
		resolveSettings({ serverUrl: 'http://erp', username: 'u', password: 'p', ...extra });
	const params: Array<[string, string | number]> = [['Pagina', 1]];

	it("builds one operation's HTTP request with the credential's endpoint, action and limits", () => {
		const s = settings({ timeout: 5, ignoreSslIssues: true });
		const { spec, headers } = authenticatedSpec(s, 'ObtenerContactos', params, 'tok');
		const request = buildRequest(s, 'ObtenerContactos', spec, headers);
		expect(request).toMatchObject({
			url: 'http://erp/IntegracionCRM.asmx',
			operation: 'ObtenerContactos',
			timeoutMs: 5000,
			ignoreTlsErrors: true,
			maxResponseBytes: s.maxResponseBytes,
			headers: { SOAPAction: '"urn:hispatec:erpagro:crm/ObtenerContactos"' },
		});
		expect(request.body).toContain(
			'<ObtenerContactos xmlns="urn:hispatec:erpagro:crm"><Token>tok</Token><Pagina>1</Pagina></ObtenerContactos>',
		);
	});

	it('puts the session token in a SOAP header block or an HTTP header when the credential says so', () => {
		const header = authenticatedSpec(
			settings({ sessionPlacement: 'soapHeader' }),
			'Op',
			params,
			'tok',
		);
		expect([header.spec.params, header.spec.header?.params, header.headers]).toEqual([
			params,
			[['Token', 'tok']],
			{},
		]);
		const http = authenticatedSpec(
			settings({
				customizeAdvanced: true,
				sessionPlacement: 'httpHeader',
				sessionHttpHeader: 'X-T',
			}),
			'Op',
			params,
			'tok',
		);
		expect([http.spec.params, http.spec.header, http.headers]).toEqual([
			params,
			undefined,
			{ 'X-T': 'tok' },
		]);
	});
});
