import { createHispatecClient } from '../../../nodes/Hispatec/transport';
import { fixtures, type FailureRule, type HispatecEmulator } from '../../../emulators/hispatec';
import { createExecuteContext } from '../../../harness/nodeContext';
import {
	caught,
	clientFor,
	codes,
	fetchFailure,
	harnessOptions,
	recordingSleep,
	useHispatecEmulator,
} from './helpers';

/** `Pagina` of each data request and the HTTP status it got (0 = connection dropped). */
function pageLog(emu: HispatecEmulator): string[] {
	return emu.stats.requests.map((r) => {
		const page = /<Pagina>(\d+)<\/Pagina>/.exec(r.body)?.[1];
		return `${r.operation}${page ? `:${page}` : ''}=${r.status ?? '?'}`;
	});
}

describe('HispatecSoapClient retries over HTTP (emulator fault switches)', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	/** HTTP 500 soap:Server "Base de datos no disponible" on ObtenerEmpresas, on the calls `rule` says. */
	const failCompanies = (rule: Pick<FailureRule, 'onCall' | 'times'>): void =>
		emu.setOption('failure', {
			type: 'soapFault',
			operation: 'ObtenerEmpresas',
			faultString: 'Base de datos no disponible',
			...rule,
		});

	/** A client reading pages of 10 that records its retry waits (no jitter). */
	const companyClient = async () => {
		const rec = recordingSleep();
		const client = await clientFor(
			emu,
			{ pageSize: 10 },
			{},
			{ sleep: rec.sleep, random: () => 0 },
		);
		return { rec, client };
	};

	it.each([2, 3, 4, 5])(
		'HTTP 500 soap:Server on ObtenerEmpresas call %i: that page is read again, none skipped or read twice',
		async (n) => {
			failCompanies({ onCall: n });
			const { rec, client } = await companyClient();
			const result = await client.fetchRecords('company');
			expect(result.records.map((r) => r.Codigo)).toEqual(codes(42, 'E'));
			expect(result.pages).toBe(5);
			expect(rec.delays).toEqual([500]);
			expect(client.retryCount).toBe(1);
			const expected = ['Login=200'];
			for (let page = 1; page <= 5; page++) {
				if (page === n) expected.push(`ObtenerEmpresas:${page}=500`);
				expected.push(`ObtenerEmpresas:${page}=200`);
			}
			expect(pageLog(emu)).toEqual(expected);
		},
	);

	it.each<[string, FailureRule['type'], string]>([
		['HTTP 500 HTML page', 'http500', '500'],
		['HTTP 503 HTML page', 'http503', '503'],
		['truncated body', 'truncated', '200'],
		['connection dropped without an answer', 'drop', '0'],
		['connection dropped in the middle of the body', 'dropMidBody', '200'],
		['soap:Server fault with HTTP 200', 'soapFault200', '200'],
	])('%s on page 3 of contacts is retried', async (_name, type, status) => {
		emu.setOption('failure', { type, operation: 'ObtenerContactos', onCall: 3 });
		const rec = recordingSleep();
		const client = await clientFor(
			emu,
			{ pageSize: 20 },
			{},
			{ sleep: rec.sleep, random: () => 0.5 },
		);
		const result = await client.fetchRecords('contact');
		expect(result.records.map((r) => r.Codigo)).toEqual(codes(72, 'C'));
		expect(rec.delays).toEqual([750]);
		expect(pageLog(emu)).toEqual([
			'Login=200',
			'ObtenerContactos:1=200',
			'ObtenerContactos:2=200',
			`ObtenerContactos:3=${status}`,
			'ObtenerContactos:3=200',
			'ObtenerContactos:4=200',
		]);
	});

	it('a connection cut mid-body says so once the retries are spent', async () => {
		emu.setOption('failure', {
			type: 'dropMidBody',
			operation: 'ObtenerContactos',
			times: Infinity,
		});
		const error = await fetchFailure(emu, { customizeAdvanced: true, maxRetries: 1 }, 'contact');
		expect(error.kind).toBe('unreachable');
		expect(error.message).toMatch(
			/^The connection to Hispatec broke while reading the answer to ObtenerContactos \((ECONNRESET|aborted)\) \(tried 2 times\)$/,
		);
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 2 });
	});

	it('a transient Login failure is retried; the token is then reused', async () => {
		emu.setOption('failure', { type: 'http503', operation: 'Login', times: 2 });
		const rec = recordingSleep();
		const client = await clientFor(emu, {}, {}, { sleep: rec.sleep, random: () => 0 });
		const result = await client.fetchRecords('company');
		expect(result.records).toHaveLength(42);
		expect(rec.delays).toEqual([500, 1000]);
		expect(pageLog(emu)).toEqual(['Login=503', 'Login=503', 'Login=200', 'ObtenerEmpresas:1=200']);
		expect(client.loginCount).toBe(1);
	});

	it('the token expiring mid-paging and a 500 on the next call: re-login as today, every record once', async () => {
		emu.setOption('tokenMaxCalls', 2);
		emu.setOption('failure', { type: 'http500', operation: 'ObtenerContactos', onCall: 4 });
		const client = await clientFor(emu, { pageSize: 20 });
		const result = await client.fetchRecords('contact');
		expect(result.records.map((r) => r.Codigo)).toEqual(codes(72, 'C'));
		expect(pageLog(emu)).toEqual([
			'Login=200',
			'ObtenerContactos:1=200',
			'ObtenerContactos:2=200',
			'ObtenerContactos:3=500', // the expired-token fault
			'Login=200',
			'ObtenerContactos:3=500', // the HTML 500 (call 4), retried
			'ObtenerContactos:3=200',
			'ObtenerContactos:4=200',
		]);
		expect(client.loginCount).toBe(2);
	});

	it('gives up after the configured retries with the last error, its attempts and page, doubling waits', async () => {
		failCompanies({ onCall: 2, times: Infinity });
		const { rec, client } = await companyClient();
		const error = await caught(client.fetchRecords('company'));
		expect(error.kind).toBe('fault');
		expect(error.message).toBe(
			'Hispatec returned a SOAP fault for ObtenerEmpresas: soap:Server: Base de datos no disponible (tried 4 times)',
		);
		expect(error.attempts).toBe(4);
		expect(error.details.page).toBe(2);
		expect(error.hint).toContain('The call failed 4 times in a row');
		expect(rec.delays).toEqual([500, 1000, 2000]);
		expect(pageLog(emu)).toEqual([
			'Login=200',
			'ObtenerEmpresas:1=200',
			...Array(4).fill('ObtenerEmpresas:2=500'),
		]);
	});

	it('Retries and Retry Base Delay from the credential; 0 retries = one attempt', async () => {
		emu.setOption('failure', { type: 'http500', operation: 'ObtenerEmpresas', times: Infinity });
		const rec = recordingSleep();
		const five = await fetchFailure(
			emu,
			{ customizeAdvanced: true, maxRetries: 5, retryBaseDelayMs: 100 },
			'company',
			{},
			{ sleep: rec.sleep, random: () => 0 },
		);
		expect(five.attempts).toBe(6);
		expect(rec.delays).toEqual([50, 100, 200, 400, 800]);
		emu.stats.reset();
		const none = await fetchFailure(
			emu,
			{ customizeAdvanced: true, maxRetries: 0 },
			'company',
			{},
			{ sleep: rec.sleep },
		);
		expect(none.attempts).toBe(1);
		expect(none.message).toBe(
			'Hispatec answered HTTP 500 Internal Server Error to ObtenerEmpresas (an HTML page, not a SOAP envelope)',
		);
		expect(pageLog(emu)).toEqual(['Login=200', 'ObtenerEmpresas:1=500']);
	});

	it('never retries a wrong password, a Client fault, the caps, or a non-SOAP page', async () => {
		const rec = recordingSleep();
		const wrong = await fetchFailure(
			emu,
			{ password: 'nope' },
			'contact',
			{},
			{ sleep: rec.sleep },
		);
		expect(wrong.kind).toBe('invalid_credentials');
		expect(wrong.attempts).toBe(1);
		expect(emu.stats.calls).toEqual({ Login: 1 });

		emu.stats.reset();
		emu.setOption('failure', {
			type: 'soapFault',
			faultCode: 'Client',
			operation: 'ObtenerContactos',
			faultString: 'Parametro no valido',
		});
		expect((await fetchFailure(emu, {}, 'contact', {}, { sleep: rec.sleep })).kind).toBe('fault');
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 1 });

		emu.stats.reset();
		emu.setOption('failure', { type: 'html', operation: 'ObtenerContactos' });
		expect((await fetchFailure(emu, {}, 'contact', {}, { sleep: rec.sleep })).kind).toBe(
			'not_soap',
		);
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 1 });

		emu.setOption('failure', null);
		emu.stats.reset();
		const records = await fetchFailure(
			emu,
			{ pageSize: 50, customizeAdvanced: true, maxRecords: 10 },
			'contact',
			{},
			{ sleep: rec.sleep },
		);
		expect(records.kind).toBe('too_many_records');
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 1 });

		expect(rec.delays).toEqual([]);
	});

	it.each([
		[
			'a DOCTYPE bomb',
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
			'The XML contains a DOCTYPE declaration',
		],
		[
			'an external entity',
			'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
			'The XML contains a DOCTYPE declaration',
		],
	])(
		'%s in a response: a security error naming the call, never retried',
		async (_name, prolog, reason) => {
			emu.setOption('rawResponse', {
				operation: 'ObtenerEmpresas',
				body:
					prolog +
					fixtures.renderRecordsResponse({
						contract: emu.contract,
						recordType: 'company',
						records: emu.dataset.list('company').slice(0, 2),
						total: 2,
						page: 1,
					}),
			});
			const rec = recordingSleep();
			const error = await fetchFailure(emu, {}, 'company', {}, { sleep: rec.sleep });
			expect(error.kind).toBe('unsafe_xml');
			expect(error.message).toBe(
				`Security: refused the response to ObtenerEmpresas: ${reason}, which is refused (no DTDs, no entity expansion)`,
			);
			expect(error.hint).toContain('never sends a DTD');
			expect(emu.stats.calls).toEqual({ Login: 1, ObtenerEmpresas: 1 });
			expect(rec.delays).toEqual([]);
		},
	);

	it('an entity declaration inside the body is refused the same way', async () => {
		emu.setOption('rawResponse', {
			operation: 'ObtenerEmpresas',
			body: fixtures.envelope('<ObtenerEmpresasResponse><!ENTITY x "y"></ObtenerEmpresasResponse>'),
		});
		const error = await fetchFailure(emu, {}, 'company');
		expect(error.kind).toBe('unsafe_xml');
		expect(error.message).toBe(
			'Security: refused the response to ObtenerEmpresas: The XML contains an ENTITY declaration, which is refused (no DTDs, no entity expansion)',
		);
	});

	it('no further attempt starts once the execution is cancelled during a wait', async () => {
		emu.setOption('failure', { type: 'http503', operation: 'ObtenerEmpresas', times: Infinity });
		const controller = new AbortController();
		const delays: number[] = [];
		const client = await clientFor(
			emu,
			{},
			{},
			{
				signal: controller.signal,
				sleep: async (ms) => {
					delays.push(ms);
					controller.abort();
				},
			},
		);
		const error = await caught(client.fetchRecords('company'));
		expect(error.kind).toBe('cancelled');
		expect(delays).toHaveLength(1);
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerEmpresas: 1 });
	});

	it('the password never appears in an error, even when the server echoes it', async () => {
		emu.setOption('failure', {
			type: 'soapFault',
			operation: 'Login',
			times: Infinity,
			faultString: `Fallo interno para Password=${emu.password}`,
		});
		const error = await caught((await clientFor(emu)).login());
		expect(error.message).toBe(
			'Hispatec returned a SOAP fault for Login: soap:Server: Fallo interno para Password=*** (tried 4 times)',
		);
		expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain(emu.password);
	});

	it('logs each retry (warn) without secrets', async () => {
		emu.setOption('failure', { type: 'http500', operation: 'ObtenerEmpresas' });
		const { context } = createExecuteContext([{ json: {} }], harnessOptions(emu));
		const lines: string[] = [];
		context.logger.warn = (m, meta) => lines.push(`${m} ${JSON.stringify(meta)}`);
		const client = await createHispatecClient(context, { sleep: async () => {}, random: () => 0 });
		await client.fetchRecords('company');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^Hispatec ObtenerEmpresas page 1 failed \(HTTP 500\); retry 1 of 3 in 500 ms /,
		);
		expect(lines[0]).not.toContain(emu.password);
	});
});
