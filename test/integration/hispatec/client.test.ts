import {
	fixtures,
	startHispatecEmulator,
	type HispatecEmulator,
} from '../../../emulators/hispatec';
import {
	caught,
	clientFor,
	codes,
	fetchFailure,
	expectedRaw,
	useHispatecEmulator,
} from './helpers';

/** Credential settings that turn retries off (retry.test.ts covers them). */
const NO_RETRY = { customizeAdvanced: true, maxRetries: 0 };

describe('HispatecSoapClient over HTTP against the emulator', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	it('logs in once with an escaped password and pages until Total', async () => {
		expect(emu.password).toBe(`Cosecha&"2024"<'ñ'>`);
		const client = await clientFor(emu, { pageSize: 25 });
		const result = await client.fetchRecords('contact');
		expect(result.total).toBe(72);
		expect(result.pages).toBe(3);
		expect(result.records.map((r) => r.Codigo)).toEqual(codes(72, 'C'));
		expect(result.records).toEqual(emu.dataset.list('contact').map(expectedRaw));
		expect(client.loginCount).toBe(1);
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 3 });
		const login = emu.stats.requests[0];
		expect(login.soapAction).toBe('"urn:hispatec:erpagro:crm/Login"');
		expect(login.body).toContain(
			'<Password>Cosecha&amp;&quot;2024&quot;&lt;&apos;ñ&apos;&gt;</Password>',
		);
		expect(login.args).toEqual({ Usuario: 'integracion', Password: `Cosecha&"2024"<'ñ'>` });
		expect(emu.stats.requests.slice(1).map((r) => [r.args?.Pagina, r.args?.TamanoPagina])).toEqual([
			[1, 25],
			[2, 25],
			[3, 25],
		]);
	});

	it('stops on a short page when the server sends no usable Total, and at the limit', async () => {
		const client = await clientFor(emu, { pageSize: 20 });
		const limited = await client.fetchRecords('company', { limit: 7 });
		expect(limited.records.map((r) => r.Codigo)).toEqual(codes(7, 'E'));
		expect(emu.stats.requests.slice(1).map((r) => r.args?.TamanoPagina)).toEqual([7]);

		emu.stats.reset();
		emu.setOption('rawResponse', {
			body: (request) => {
				const page = Number(/<Pagina>(\d+)<\/Pagina>/.exec(request.body)?.[1]);
				const all = emu.dataset.list('company');
				return fixtures
					.renderRecordsResponse({
						contract: emu.contract,
						recordType: 'company',
						records: all.slice((page - 1) * 20, page * 20),
						total: 0,
						page,
					})
					.replace('<Total>0</Total>', '<Total xsi:nil="true"/>');
			},
		});
		const all = await (await clientFor(emu, { pageSize: 20 })).fetchRecords('company');
		expect(all.total).toBeUndefined();
		expect(all.records.map((r) => r.Codigo)).toEqual(codes(42, 'E'));
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerEmpresas: 3 });
	});

	it('logs in again once when the token expires mid-run and retries the call', async () => {
		emu.setOption('tokenMaxCalls', 2);
		const client = await clientFor(emu, { pageSize: 10 });
		const result = await client.fetchRecords('contact');
		expect(result.records.map((r) => r.Codigo)).toEqual(codes(72, 'C'));
		expect(client.loginCount).toBe(4);
		expect(emu.stats.calls).toEqual({ Login: 4, ObtenerContactos: 11 });
		// A token serves two calls; the third is refused (500), then a new login and the same call again.
		const session = ['Login:200', 'ObtenerContactos:200', 'ObtenerContactos:200'];
		const refused = 'ObtenerContactos:500';
		expect(emu.stats.requests.map((r) => `${r.operation}:${r.status}`)).toEqual([
			...session,
			refused,
			...session,
			refused,
			...session,
			refused,
			...session,
		]);
	});

	it('gives up when a fresh token is refused too (no login loop)', async () => {
		emu.setOption('failure', {
			type: 'expireToken',
			operation: 'ObtenerContactos',
			times: Infinity,
		});
		const client = await clientFor(emu);
		const error = await caught(client.fetchRecords('contact'));
		expect(error.kind).toBe('token_expired');
		expect(error.message).toBe(
			'Hispatec rejected a fresh token for ObtenerContactos: Token no valido o caducado',
		);
		expect(emu.stats.calls).toEqual({ Login: 2, ObtenerContactos: 2 });
	});

	it.each([
		[
			'1.1',
			'soapFault',
			500,
			'Hispatec returned a SOAP fault for ObtenerEmpresas: soap:Server: Base de datos no disponible',
		],
		[
			'1.1',
			'soapFault200',
			200,
			'Hispatec returned a SOAP fault for ObtenerEmpresas: soap:Server: Base de datos no disponible',
		],
		[
			'1.2',
			'soapFault',
			500,
			'Hispatec returned a SOAP fault for ObtenerEmpresas: soap:Receiver: Base de datos no disponible',
		],
		[
			'1.2',
			'soapFault200',
			200,
			'Hispatec returned a SOAP fault for ObtenerEmpresas: soap:Receiver: Base de datos no disponible',
		],
	] as const)(
		'turns a SOAP %s fault (%s) into an error carrying the fault text',
		async (version, type, status, message) => {
			emu.setOption('soapVersion', version);
			emu.setOption('failure', {
				type,
				operation: 'ObtenerEmpresas',
				onCall: 2,
				faultString: 'Base de datos no disponible',
			});
			const client = await clientFor(emu, { soapVersion: version, pageSize: 10, ...NO_RETRY });
			const error = await caught(client.fetchRecords('company'));
			expect(error.kind).toBe('fault');
			expect(error.message).toBe(message);
			expect(error.httpStatus).toBe(status);
			expect(error.fault?.message).toBe('Base de datos no disponible');
			expect(error.fault?.version).toBe(version);
			expect(emu.stats.calls).toEqual({ Login: 1, ObtenerEmpresas: 2 });
		},
	);

	it('speaks SOAP 1.2 end to end (action in the Content-Type)', async () => {
		emu.setOption('soapVersion', '1.2');
		const client = await clientFor(emu, { soapVersion: '1.2' });
		const result = await client.fetchRecords('company');
		expect(result.records).toEqual(emu.dataset.list('company').map(expectedRaw));
		expect(emu.stats.requests[1].contentType).toBe(
			'application/soap+xml; charset=utf-8; action="urn:hispatec:erpagro:crm/ObtenerEmpresas"',
		);
		expect(emu.stats.requests[1].soapAction).toBeUndefined();
	});

	it('reports a SOAP version mismatch as an HTTP error with a hint', async () => {
		emu.setOption('soapVersion', '1.2');
		const error = await caught((await clientFor(emu)).login());
		expect(error.kind).toBe('http');
		expect(error.message).toBe(
			'Hispatec answered HTTP 415 Unsupported Media Type to Login (non-XML content, not a SOAP envelope)',
		);
		expect(error.hint).toBe('The server refused the content type: check the SOAP Version setting.');
	});

	it('wrong password → invalid_credentials with the fault text', async () => {
		const error = await caught((await clientFor(emu, { password: 'nope' })).login());
		expect(error.kind).toBe('invalid_credentials');
		expect(error.message).toBe(
			'Hispatec rejected the username or password: Credenciales no validas',
		);
		expect(error.httpStatus).toBe(500);
	});

	it.each([
		[
			'http500',
			'http',
			'Hispatec answered HTTP 500 Internal Server Error to ObtenerContactos (an HTML page, not a SOAP envelope)',
		],
		[
			'http503',
			'http',
			'Hispatec answered HTTP 503 Service Unavailable to ObtenerContactos (an HTML page, not a SOAP envelope)',
		],
		[
			'html',
			'not_soap',
			`http://127.0.0.1:PORT/IntegracionCRM.asmx answered ObtenerContactos with an HTML page, not a SOAP envelope`,
		],
	] as const)('%s → %s error', async (type, kind, message) => {
		emu.setOption('failure', { type, operation: 'ObtenerContactos' });
		const error = await fetchFailure(emu, NO_RETRY, 'contact');
		expect(error.kind).toBe(kind);
		expect(error.message).toBe(message.replace('http://127.0.0.1:PORT', emu.url));
	});

	it('reports a truncated body', async () => {
		emu.setOption('failure', { type: 'truncated', operation: 'ObtenerContactos' });
		const error = await fetchFailure(emu, NO_RETRY, 'contact');
		expect(error.kind).toBe('invalid_xml');
		expect(error.message).toMatch(
			/^The response to ObtenerContactos is not usable XML: The XML ends inside (a tag|<[^>]+>) \(the response looks truncated\)$/,
		);
		expect(error.hint).toBe('The connection may have been cut; run again, or lower the Page Size.');
	});

	it('reads every value variant from a hand-written envelope (raw route)', async () => {
		emu.setOption('rawResponse', {
			operation: 'ObtenerContactos',
			body: fixtures.VALUE_VARIANTS.xml,
		});
		const result = await (await clientFor(emu)).fetchRecords('contact');
		expect(result.records).toEqual(fixtures.VALUE_VARIANTS.records);
		expect(result.total).toBe(4);
	});

	it('reads node-soap empty elements written as pairs as well as self-closing', async () => {
		emu.setOption('emptyElements', 'pair');
		const pairs = await (await clientFor(emu)).fetchRecords('contact');
		emu.setOption('emptyElements', 'selfClosing');
		const selfClosing = await (await clientFor(emu)).fetchRecords('contact');
		expect(pairs.records).toEqual(selfClosing.records);
		expect(pairs.records[0].NIF).toBe('');
		expect(pairs.records[0].DNI).toBeNull();
	});

	it('reads a DataSet response with record element Table and no container', async () => {
		const rows = emu.dataset.list('contact').slice(0, 3);
		emu.setOption('rawResponse', {
			operation: 'ObtenerContactos',
			body: fixtures.dataSetResponse(rows),
		});
		const client = await clientFor(emu, {
			customizeAdvanced: true,
			contactRecord: 'Table',
			contactsContainer: '',
			pagingMode: 'none',
		});
		const result = await client.fetchRecords('contact');
		expect(result.records).toEqual(
			rows.map((r) =>
				Object.fromEntries(Object.entries(expectedRaw(r)).filter(([, v]) => v !== null)),
			),
		);
		expect(emu.stats.requests[1].body).not.toContain('<Pagina>');
	});

	it('explains a wrong record element when Total says there are records', async () => {
		const client = await clientFor(emu, { customizeAdvanced: true, contactRecord: 'Cliente' });
		const error = await caught(client.fetchRecords('contact'));
		expect(error.kind).toBe('config');
		expect(error.message).toBe(
			'ObtenerContactos reports 72 records but no <Cliente> elements inside <Contactos> were found',
		);
	});

	it('puts the token in a SOAP header or an HTTP header when configured', async () => {
		emu.setOption('tokenPlacement', 'soapHeader');
		const viaHeader = await (
			await clientFor(emu, { sessionPlacement: 'soapHeader' })
		).fetchRecords('company', { limit: 2 });
		expect(viaHeader.records.map((r) => r.Codigo)).toEqual(['E00001', 'E00002']);
		expect(emu.stats.requests[1].body).toContain(
			'<soap:Header><AuthHeader xmlns="urn:hispatec:erpagro:crm"><Token>',
		);
		expect(emu.stats.requests[1].args).toEqual({ Pagina: 1, TamanoPagina: 2 });

		emu.stats.reset();
		emu.setOption('tokenPlacement', 'httpHeader');
		const viaHttp = await (
			await clientFor(emu, { sessionPlacement: 'httpHeader' })
		).fetchRecords('company', { limit: 1 });
		expect(viaHttp.records.map((r) => r.Codigo)).toEqual(['E00001']);
		expect(emu.stats.requests[1].body).not.toContain('<Token>');

		emu.stats.reset();
		const mismatch = await fetchFailure(emu, { sessionPlacement: 'body' }, 'company');
		expect(mismatch.kind).toBe('token_expired');
		expect(mismatch.hint).toBe(
			'The server refuses the token right after login: check the Session Token Placement and Token Parameter settings.',
		);
	});

	it("works against a customer's renamed contract once the settings map the names", async () => {
		const custom = await startHispatecEmulator({
			servicePath: '/ws/ServicioClientes.asmx',
			contract: {
				namespace: 'http://tempuri.org/',
				operations: {
					login: 'IniciarSesion',
					contacts: 'ListarClientes',
					companies: 'ListarSociedades',
				},
				loginParameters: { username: 'User', password: 'Pass' },
				loginResultFields: { token: 'Ticket', expiry: 'Expira' },
				tokenParameter: 'Ticket',
				pageParameter: 'NumPagina',
				pageSizeParameter: 'Registros',
				modifiedSinceParameter: 'Desde',
				totalElement: 'TotalRegistros',
				contactsContainer: 'Clientes',
				contactRecord: 'Cliente',
			},
		});
		try {
			const client = await clientFor(custom, {
				namespace: 'http://tempuri.org/',
				loginOperation: 'IniciarSesion',
				contactsOperation: 'ListarClientes',
				pageSize: 30,
				customizeAdvanced: true,
				loginUserParameter: 'User',
				loginPassParameter: 'Pass',
				sessionElement: 'Ticket',
				sessionExpiryElement: 'Expira',
				sessionParameter: 'Ticket',
				pageParameter: 'NumPagina',
				pageSizeParameter: 'Registros',
				totalElement: 'TotalRegistros',
				modifiedSinceParameter: 'Desde',
				modifiedSinceFormat: 'dd/MM/yyyy',
				contactsContainer: 'Clientes',
				contactRecord: 'Cliente',
			});
			custom.dataset.setModified('contact', 'C00003', '2025-02-01T10:00:00Z');
			const since = await client.fetchRecords('contact', {
				modifiedSince: new Date('2025-01-31T23:30:00Z'),
				timeZone: 'Europe/Madrid',
			});
			expect(since.records.map((r) => r.Codigo)).toEqual(['C00003']);
			expect(custom.stats.requests[1].soapAction).toBe('"http://tempuri.org/ListarClientes"');
			expect(custom.stats.requests[1].args).toEqual({
				Ticket: expect.any(String),
				NumPagina: 1,
				Registros: 30,
				Desde: '01/02/2025',
			});
			const all = await client.fetchRecords('contact');
			expect(all.records).toHaveLength(72);
			expect(all.pages).toBe(3);
		} finally {
			await custom.close();
		}
	});

	it('sends ModificadoDesde and copes with a server that ignores it', async () => {
		emu.dataset.setModified('contact', 'C00010', '2025-03-01T08:00:00Z');
		emu.dataset.setModified('contact', 'C00020', '2025-03-02T08:00:00Z');
		const client = await clientFor(emu);
		const since = new Date('2025-03-01T00:00:00Z');
		expect(
			(await client.fetchRecords('contact', { modifiedSince: since })).records.map((r) => r.Codigo),
		).toEqual(['C00010', 'C00020']);
		expect(emu.stats.requests[1].args?.ModificadoDesde).toBe('2025-03-01T00:00:00Z');
		emu.setOption('ignoreModifiedSince', true);
		expect((await client.fetchRecords('contact', { modifiedSince: since })).records).toHaveLength(
			72,
		);
	});

	it('reads everything once from a server that ignores paging (no duplicates)', async () => {
		emu.setOption('ignorePaging', true);
		const client = await clientFor(emu, { pageSize: 10 });
		const result = await client.fetchRecords('contact');
		expect(result.records.map((r) => r.Codigo)).toEqual(codes(72, 'C'));
		expect(emu.stats.calls.ObtenerContactos).toBe(1);
	});

	it('refuses a server that repeats the same page', async () => {
		emu.setOption('rawResponse', {
			body: fixtures.renderRecordsResponse({
				contract: emu.contract,
				recordType: 'contact',
				records: emu.dataset.list('contact').slice(0, 5),
				total: 100,
				page: 1,
			}),
		});
		const error = await fetchFailure(emu, { pageSize: 5 }, 'contact');
		expect(error.kind).toBe('paging');
		expect(error.message).toBe(
			'ObtenerContactos returned the same page twice: the server seems to ignore the page parameters',
		);
	});

	it('fails at the hard page cap instead of truncating', async () => {
		const error = await fetchFailure(
			emu,
			{ pageSize: 10, customizeAdvanced: true, maxPages: 3 },
			'contact',
		);
		expect(error.kind).toBe('paging');
		expect(error.message).toBe(
			'Stopped reading ObtenerContactos after 3 pages (30 records) without reaching the end',
		);
	});

	it('caps the response size while downloading and the record count', async () => {
		const big = await startHispatecEmulator({ dataset: { synthetic: { contacts: 1500 } } });
		try {
			const caps = [
				{
					settings: { pageSize: 1500, maxResponseSizeMb: 1 },
					kind: 'too_large',
					message: 'The response to ObtenerContactos is larger than 1 MB (the configured maximum)',
					calls: { Login: 1, ObtenerContactos: 1 },
				},
				{
					settings: { pageSize: 1000, maxRecords: 999 },
					kind: 'too_many_records',
					message: 'The response holds more than 999 records (the configured maximum)',
					calls: { Login: 2, ObtenerContactos: 2 },
				},
			];
			for (const { settings, kind, message, calls } of caps) {
				const error = await fetchFailure(big, { customizeAdvanced: true, ...settings }, 'contact');
				expect(error.kind).toBe(kind);
				expect(error.message).toBe(message);
				expect(big.stats.calls).toEqual(calls); // never retried: one data call per cap
			}
		} finally {
			await big.close();
		}
	});

	it('reports an unreachable server, a timeout and a cancelled execution', async () => {
		const closed = await startHispatecEmulator({ dataset: 'empty' });
		const closedUrl = closed.url;
		await closed.close();
		const unreachable = await caught((await clientFor(emu, { serverUrl: closedUrl })).login());
		expect(unreachable.kind).toBe('unreachable');
		expect(unreachable.message).toBe(
			`Cannot reach the Hispatec server at ${closedUrl}/IntegracionCRM.asmx (ECONNREFUSED) (tried 4 times)`,
		);

		emu.setOption('latencyMs', 2000);
		try {
			// the shortest timeout a credential takes: 1 second
			const timeout = await caught((await clientFor(emu, { timeout: 1 })).login());
			expect(timeout.kind).toBe('timeout');
			expect(timeout.message).toBe('Hispatec did not answer Login within 1 s (tried 4 times)');
			expect(timeout.attempts).toBe(4);
		} finally {
			emu.setOption('latencyMs', 0);
		}

		const controller = new AbortController();
		controller.abort();
		const cancelled = await caught(
			(await clientFor(emu, {}, { abortSignal: controller.signal })).login(),
		);
		expect(cancelled.kind).toBe('cancelled');
		expect(cancelled.message).toBe('The request to Hispatec (Login) was cancelled');
	});
});
