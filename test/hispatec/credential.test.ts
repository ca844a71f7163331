import type { ICredentialType, IDataObject } from 'n8n-workflow';
import { HispatecApi } from '../../credentials/HispatecApi.credentials';
import { Hispatec } from '../../nodes/Hispatec/Hispatec.node';
import { HispatecTrigger } from '../../nodes/Hispatec/HispatecTrigger.node';
import { startHispatecEmulator, type HispatecEmulator } from '../emulators/hispatec';
import { runCredentialTest } from '../helpers/n8n';
import { credentialsFor } from './helpers';

const NOW = new Date('2025-06-02T08:00:00.000Z');

describe('hispatecApi credential test (a real login)', () => {
	let emu: HispatecEmulator;
	const test = async (extra: IDataObject, node: Hispatec | HispatecTrigger = new Hispatec()) =>
		await runCredentialTest(node, 'hispatecApiTest', credentialsFor(emu, extra), 'hispatecApi');

	beforeAll(async () => {
		emu = await startHispatecEmulator({ now: () => NOW, tokenLifetimeMs: 20 * 60 * 1000 });
	});
	afterAll(async () => await emu.close());
	beforeEach(() => emu.setOption('failure', null));

	it('success: logs in and reports the token expiry (from both nodes)', async () => {
		const expected = {
			status: 'OK',
			message: `Connected to ${emu.endpoint} and logged in as integracion (token valid until 2025-06-02T08:20:00.000Z)`,
		};
		expect(await test({})).toEqual(expected);
		expect(await test({}, new HispatecTrigger())).toEqual(expected);
	});

	it('server unreachable: a closed port', async () => {
		const closed = await startHispatecEmulator({ dataset: 'empty' });
		const url = closed.url;
		await closed.close();
		expect(await test({ serverUrl: url })).toEqual({
			status: 'Error',
			message: `Server unreachable: cannot connect to ${url}/IntegracionCRM.asmx (ECONNREFUSED). Check the Server URL and port, and that n8n can reach the server.`,
		});
	});

	it('HTTP error: a wrong service path (404) and a failing server (500)', async () => {
		expect(await test({ servicePath: '/Integracion.asmx' })).toEqual({
			status: 'Error',
			message: `HTTP error: ${emu.url}/Integracion.asmx answered HTTP 404. Nothing at ${emu.url}/Integracion.asmx: check the Service Path (the WSDL should open at ${emu.url}/Integracion.asmx?wsdl).`,
		});
		emu.setOption('failure', { type: 'http500', operation: 'Login' });
		expect(await test({})).toEqual({
			status: 'Error',
			message: `HTTP error: ${emu.endpoint} answered HTTP 500. The Hispatec server failed: try again later, or ask its administrator.`,
		});
	});

	it('not a SOAP endpoint: an HTML page', async () => {
		expect(await test({ servicePath: '/' })).toEqual({
			status: 'Error',
			message: `Not a SOAP endpoint: ${emu.url}/ answered Login with an HTML page, not a SOAP envelope. Check the Server URL and Service Path (the WSDL should open at ${emu.url}/?wsdl).`,
		});
	});

	it('wrong user or password', async () => {
		expect(await test({ password: `${emu.password}x` })).toEqual({
			status: 'Error',
			message: 'Wrong username or password: Hispatec answered "Credenciales no validas".',
		});
		expect(await test({ username: 'otro' })).toEqual({
			status: 'Error',
			message: 'Wrong username or password: Hispatec answered "Credenciales no validas".',
		});
	});

	it('a wrong login operation name and an unusable credential', async () => {
		expect(await test({ loginOperation: 'Entrar' })).toEqual({
			status: 'Error',
			message:
				'The login failed with a SOAP fault: soap:Client: Server did not recognize the value of HTTP Header SOAPAction: urn:hispatec:erpagro:crm/Entrar. The service does not know this operation: check the Login Operation, Namespace and SOAP Action Template against the WSDL.',
		});
		expect(await test({ serverUrl: '' })).toEqual({ status: 'Error', message: 'The credential has no Server URL' });
	});

	it('declares every setting with the reference default', () => {
		const cred = new HispatecApi();
		const defaults = Object.fromEntries(cred.properties.map((p) => [p.name, p.default]));
		expect(defaults).toEqual({
			serverUrl: '',
			username: '',
			password: '',
			servicePath: '/IntegracionCRM.asmx',
			soapVersion: '1.1',
			namespace: 'urn:hispatec:erpagro:crm',
			loginOperation: 'Login',
			contactsOperation: 'ObtenerContactos',
			companiesOperation: 'ObtenerEmpresas',
			sessionPlacement: 'body',
			pageSize: 500,
			timeout: 60,
			ignoreSslIssues: false,
			customizeAdvanced: false,
			soapActionTemplate: '{namespace}/{operation}',
			loginUserParameter: 'Usuario',
			loginPassParameter: 'Password',
			sessionElement: 'Token',
			sessionExpiryElement: 'Caducidad',
			sessionParameter: 'Token',
			sessionHeaderElement: 'AuthHeader',
			sessionHeaderNamespace: '',
			sessionHttpHeader: 'Token',
			expiredSessionPattern: 'Token no valido o caducado',
			pagingMode: 'page',
			pageParameter: 'Pagina',
			pageSizeParameter: 'TamanoPagina',
			firstPage: 1,
			totalElement: 'Total',
			maxPages: 1000,
			modifiedSinceParameter: 'ModificadoDesde',
			modifiedSinceFormat: 'ISO',
			contactsContainer: 'Contactos',
			contactRecord: 'Contacto',
			companiesContainer: 'Empresas',
			companyRecord: 'Empresa',
			maxResponseSizeMb: 100,
			maxRecords: 500000,
			maxRetries: 3,
			retryBaseDelayMs: 1000,
		});
		expect(cred.properties.find((p) => p.name === 'password')?.typeOptions).toEqual({ password: true });
		expect((cred as ICredentialType).authenticate).toBeUndefined();
	});
});
