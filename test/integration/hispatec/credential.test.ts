/**
 * The hispatecApi credential's declarative test (n8n sends the login itself, built from the credential
 * by expressions): the request is the one the SOAP client sends, and n8n's verdict per HTTP status.
 */
import type { ICredentialType, IDataObject } from 'n8n-workflow';
import { HispatecApi } from '../../../credentials/HispatecApi.credentials';
import { Hispatec } from '../../../nodes/Hispatec/Hispatec.node';
import { HispatecTrigger } from '../../../nodes/Hispatec/HispatecTrigger.node';
import { HispatecSoapClient } from '../../../nodes/shared/hispatec/soap/client';
import type { SoapHttpRequest } from '../../../nodes/shared/hispatec/soap/request';
import type { HispatecCredentialData } from '../../../nodes/shared/hispatec/soap/settings';
import { resolveSettings } from '../../../nodes/shared/hispatec/soap/settings';
import { startHispatecEmulator, type HispatecEmulator } from '../../../emulators/hispatec';
import {
	declarativeTestRequest,
	runDeclarativeCredentialTest,
} from '../../helpers/declarativeCredentialTest';
import { credentialsFor } from './helpers';

const NOW = new Date('2025-06-02T08:00:00.000Z');
const credential = new HispatecApi();
const FAULT_500 =
	'Hispatec refused the login with a SOAP fault (HTTP 500): most often a wrong username or password; otherwise a Login Operation, Namespace or SOAP Action the service does not know. Check the username and password first.';

/** What the SOAP client sends for the login with these credential data. */
async function clientLoginRequest(data: IDataObject): Promise<SoapHttpRequest> {
	let seen: SoapHttpRequest | undefined;
	const client = new HispatecSoapClient(
		resolveSettings(data as HispatecCredentialData),
		async (request) => {
			seen = request;
			return { statusCode: 500, headers: {}, body: 'stop here' };
		},
	);
	await client.login().catch(() => undefined);
	if (!seen) throw new Error('the client sent nothing');
	return seen;
}

/** The property defaults n8n fills in before a credential test (applyDefaultsAndOverwrites). */
function withDefaults(data: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const p of credential.properties) out[p.name] = p.default as never;
	return { ...out, ...data };
}

describe('hispatecApi credential: the declarative login request', () => {
	const base = {
		serverUrl: 'https://erp.example.com/',
		username: 'integración',
		password: `Cosecha&"2024"<'ñ'>`,
	};
	const variants: Array<[string, IDataObject]> = [
		['reference defaults', {}],
		['SOAP 1.2', { soapVersion: '1.2' }],
		[
			'renamed contract',
			{ namespace: 'http://tempuri.org/', loginOperation: 'Entrar', servicePath: 'ws/crm.svc' },
		],
		[
			'advanced names, SOAP 1.2',
			{
				soapVersion: '1.2',
				customizeAdvanced: true,
				loginUserParameter: 'User',
				loginPassParameter: 'Pass',
				soapActionTemplate: 'urn:{operation}',
			},
		],
		['advanced, empty SOAP action', { customizeAdvanced: true, soapActionTemplate: '  ' }],
		[
			'advanced, empty SOAP action, SOAP 1.2',
			{ soapVersion: '1.2', customizeAdvanced: true, soapActionTemplate: '' },
		],
		[
			'advanced names ignored while Customize Advanced is off',
			{ loginUserParameter: 'User', soapActionTemplate: 'x' },
		],
		['blank names fall back to the defaults', { namespace: ' ', loginOperation: '' }],
		['no service path', { servicePath: '' }],
		['a namespace with & in it', { namespace: 'urn:a&b' }],
	];

	it.each(variants)(
		'%s: same URL, headers and envelope as the SOAP client',
		async (_name, extra) => {
			const data = withDefaults({ ...base, ...extra });
			const client = await clientLoginRequest(data);
			const request = declarativeTestRequest(credential, data);
			expect(request.method).toBe('POST');
			expect(`${request.baseURL}${request.url}`).toBe(client.url);
			expect(request.body).toBe(client.body);
			const headers = Object.fromEntries(
				Object.entries(request.headers ?? {}).filter(([, v]) => v !== undefined),
			);
			expect(headers).toEqual(client.headers);
			expect(request.skipSslCertificateValidation).toBe(false);
		},
	);

	it('skips TLS validation only when the credential says so', () => {
		expect(
			declarativeTestRequest(credential, withDefaults({ ...base, ignoreSslIssues: true }))
				.skipSslCertificateValidation,
		).toBe(true);
	});

	it("no node carries a credential test function any more (n8n uses the credential's test)", () => {
		for (const node of [new Hispatec(), new HispatecTrigger()]) {
			expect(node.description.credentials).toEqual([{ name: 'hispatecApi', required: true }]);
			expect(
				(node as { methods?: { credentialTest?: unknown } }).methods?.credentialTest,
			).toBeUndefined();
		}
	});
});

describe('hispatecApi credential test against the emulator', () => {
	let emu: HispatecEmulator;
	const test = async (extra: IDataObject) =>
		(await runDeclarativeCredentialTest(credential, withDefaults(credentialsFor(emu, extra))))
			.result;

	beforeAll(async () => {
		emu = await startHispatecEmulator({ now: () => NOW, tokenLifetimeMs: 20 * 60 * 1000 });
	});
	afterAll(async () => await emu.close());
	beforeEach(() => {
		emu.setOption('failure', null);
		emu.setOption('soapVersion', '1.1');
	});

	it('success: a real login with the tricky password (SOAP 1.1 and 1.2)', async () => {
		const before = emu.stats.logins;
		expect(await test({})).toEqual({ status: 'OK', message: 'Connection successful!' });
		emu.setOption('soapVersion', '1.2');
		expect(await test({ soapVersion: '1.2' })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(emu.stats.logins).toBe(before + 2);
	});

	it('wrong user or password: the SOAP fault (HTTP 500) message', async () => {
		expect(await test({ password: `${emu.password}x` })).toEqual({
			status: 'Error',
			message: FAULT_500,
		});
		expect(await test({ username: 'otro' })).toEqual({ status: 'Error', message: FAULT_500 });
	});

	it('a login operation the service does not know: the same HTTP 500 message (not told apart)', async () => {
		expect(await test({ loginOperation: 'Entrar' })).toEqual({
			status: 'Error',
			message: FAULT_500,
		});
	});

	it('a wrong service path (404), the wrong SOAP version (415), a server that is down (503)', async () => {
		expect((await test({ servicePath: '/Integracion.asmx' })).message).toMatch(
			/^Nothing at Server URL \+ Service Path \(HTTP 404\)/,
		);
		expect((await test({ soapVersion: '1.2' })).message).toMatch(
			/^The service refused the request format \(HTTP 415\)/,
		);
		emu.setOption('failure', { type: 'http503', operation: 'Login' });
		expect(await test({})).toEqual({
			status: 'Error',
			message:
				'The Hispatec server is unavailable (HTTP 503): try again later, or ask its administrator.',
		});
	});

	it('server unreachable: the network error code', async () => {
		const closed = await startHispatecEmulator({ dataset: 'empty' });
		const url = closed.url;
		await closed.close();
		expect(await test({ serverUrl: url })).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('known limit: a 2xx answer passes whatever its body (an HTML page at /, a fault sent with HTTP 200)', async () => {
		expect(await test({ servicePath: '/' })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		emu.setOption('failure', { type: 'soapFault200', operation: 'Login' });
		expect(await test({})).toEqual({ status: 'OK', message: 'Connection successful!' });
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
		expect(cred.properties.find((p) => p.name === 'password')?.typeOptions).toEqual({
			password: true,
		});
		expect((cred as ICredentialType).authenticate).toBeUndefined();
	});
});
