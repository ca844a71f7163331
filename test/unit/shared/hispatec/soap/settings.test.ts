import {
	HISPATEC_DEFAULTS,
	resolveSettings,
} from '../../../../../nodes/shared/hispatec/soap/settings';

describe('settings', () => {
	it('applies the reference contract by default', () => {
		const s = resolveSettings({
			serverUrl: 'https://erp.example.com/',
			username: 'u',
			password: 'p',
		});
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
			token: {
				placement: 'body',
				parameter: 'Token',
				headerElement: 'AuthHeader',
				headerNamespace: 'urn:hispatec:erpagro:crm',
				httpHeader: 'Token',
			},
			expiredTokenPattern: 'Token no valido o caducado',
			paging: {
				mode: 'page',
				pageParameter: 'Pagina',
				pageSizeParameter: 'TamanoPagina',
				firstPage: 1,
				pageSize: 500,
				totalElement: 'Total',
				maxPages: 1000,
			},
			modifiedSince: { parameter: 'ModificadoDesde', format: 'ISO' },
			records: {
				contact: { container: 'Contactos', record: 'Contacto' },
				company: { container: 'Empresas', record: 'Empresa' },
			},
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
		expect(resolveSettings(data).records.contact).toEqual({
			container: 'Contactos',
			record: 'Contacto',
		});
		const s = resolveSettings({ ...data, customizeAdvanced: true });
		expect(s.endpoint).toBe('http://10.0.0.5:8080/ws/Crm.svc');
		expect(s.records.contact).toEqual({ container: '', record: 'Table' });
		expect(s.paging.mode).toBe('none');
		expect(s.loginParameters).toEqual({ username: 'User', password: 'Password' });
	});

	it('explains bad settings', () => {
		expect(() => resolveSettings({})).toThrow('The credential has no Server URL');
		expect(() => resolveSettings({ serverUrl: 'erp.example.com' })).toThrow(
			'Server URL must start with http:// or https:// (got "erp.example.com")',
		);
		expect(() => resolveSettings({ serverUrl: 'http://x', soapVersion: '2.0' })).toThrow(
			'SOAP Version must be one of 1.1, 1.2 (got "2.0")',
		);
		expect(() => resolveSettings({ serverUrl: 'http://x', pageSize: 0 })).toThrow(
			'Page Size must be a number between 1 and 10000 (got "0")',
		);
		expect(() =>
			resolveSettings({ serverUrl: 'http://x', contactsOperation: 'Obtener Contactos' }),
		).toThrow('(setting "Contacts Operation")');
		expect(() =>
			resolveSettings({
				serverUrl: 'http://x',
				customizeAdvanced: true,
				sessionHttpHeader: 'X Token',
			}),
		).toThrow('not a valid HTTP header name');
		expect(
			resolveSettings({ serverUrl: 'https://erp.example.com//', servicePath: '' }).endpoint,
		).toBe('https://erp.example.com');
		expect(HISPATEC_DEFAULTS.pageSize).toBe(500);
	});
});
