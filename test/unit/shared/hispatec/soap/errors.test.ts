import {
	freshTokenRejected,
	HispatecSoapError,
	httpHint,
	loginError,
	matchesExpiredToken,
	xmlError,
} from '../../../../../nodes/shared/hispatec/soap/errors';
import { XmlReadError } from '../../../../../nodes/shared/hispatec/reader/errors';

describe('error mapping', () => {
	const fault = (codeName: string, message: string) => ({
		version: '1.1' as const,
		code: `soap:${codeName}`,
		codeName,
		message,
	});

	it('a Client fault from Login means wrong credentials; an unknown-operation fault is a configuration problem', () => {
		const wrong = loginError(
			new HispatecSoapError('fault', 'f', {
				operation: 'Login',
				fault: fault('Client', 'Usuario o clave incorrectos'),
			}),
		);
		expect(wrong).toMatchObject({
			kind: 'invalid_credentials',
			message: 'Hispatec rejected the username or password: Usuario o clave incorrectos',
		});
		const unknown = loginError(
			new HispatecSoapError('fault', 'f', {
				fault: fault('Client', 'Server did not recognize the value of HTTP Header SOAPAction'),
			}),
		);
		expect(unknown).toMatchObject({ kind: 'fault', message: 'f' });
		expect((unknown as HispatecSoapError).hint).toContain(
			'Login Operation, Namespace and SOAP Action Template',
		);
		const server = new HispatecSoapError('fault', 'f', { fault: fault('Server', 'boom') });
		expect(loginError(server)).toBe(server);
		const mismatch = loginError(
			new HispatecSoapError('fault', 'm', { fault: fault('Client', 'ContractFilter mismatch') }),
		);
		expect(mismatch).toMatchObject({ kind: 'fault', message: 'm' });
		expect((mismatch as HispatecSoapError).hint).toContain('Login Operation');
		const noFault = new HispatecSoapError('fault', 'n', {});
		expect(loginError(noFault)).toBe(noFault);
	});

	it('a fresh token refused is token_expired, with the setting to check', () => {
		const error = freshTokenRejected(
			'ObtenerContactos',
			new HispatecSoapError('fault', 'f', { fault: fault('Client', 'Token no valido') }),
		);
		expect(error).toMatchObject({
			kind: 'token_expired',
			message: 'Hispatec rejected a fresh token for ObtenerContactos: Token no valido',
		});
	});

	it('maps reader errors by code: DTD → unsafe_xml, record cap → too_many_records, else invalid_xml', () => {
		const base = { operation: 'ObtenerContactos', url: 'http://erp' };
		expect(xmlError(new XmlReadError('doctype', 'DTD', 0), base, '').kind).toBe('unsafe_xml');
		expect(xmlError(new XmlReadError('too_many_records', 'many', 0), base, '').kind).toBe(
			'too_many_records',
		);
		const cut = xmlError(new XmlReadError('truncated', 'ends', 5), base, '<a>');
		expect(cut).toMatchObject({
			kind: 'invalid_xml',
			message: 'The response to ObtenerContactos is not usable XML: ends',
		});
		expect(cut.hint).toContain('The connection may have been cut');
		const passed = new HispatecSoapError('http', 'x');
		expect(xmlError(passed, base, '')).toBe(passed);
		expect(() => xmlError(new Error('other'), base, '')).toThrow('other');
	});

	it('gives an HTTP hint per status', () => {
		expect(httpHint(302, 'http://erp/x', 'https://erp/x')).toContain('redirects to https://erp/x');
		expect(httpHint(404, 'http://erp/x', undefined)).toBe(
			'Nothing at http://erp/x: check the Service Path (the WSDL should open at http://erp/x?wsdl).',
		);
		expect(httpHint(403, 'http://erp/x', undefined)).toContain('network-level authentication');
		expect(httpHint(415, 'http://erp/x', undefined)).toContain('SOAP Version');
		expect(httpHint(503, 'http://erp/x', undefined)).toContain('try again later');
		expect(httpHint(400, 'http://erp/x', undefined)).toBe('Check the Server URL and Service Path.');
	});
});

describe('matchesExpiredToken', () => {
	it('matches the expired-token fault case- and accent-insensitively', () => {
		expect(matchesExpiredToken('Token no valido o caducado', 'Token no válido o caducado')).toBe(
			true,
		);
		expect(matchesExpiredToken('token (caducado|expirado)', 'TOKEN EXPIRADO')).toBe(true);
		expect(matchesExpiredToken('Token no valido', 'Credenciales no validas')).toBe(false);
		expect(matchesExpiredToken('[unclosed', 'error [unclosed bracket')).toBe(true);
		expect(matchesExpiredToken('', 'anything')).toBe(false);
	});
});
