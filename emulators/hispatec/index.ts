/**
 * Hispatec ERPagro SOAP emulator: the reference contract (README "Hispatec"), served by node-soap's
 * `soap.listen` from a hand-written WSDL (`wsdl.ts`), with switches for the failure modes the nodes must
 * survive. Used by the unit/integration tests, the benchmark, the demo and the end-to-end suite.
 *
 *   const emu = await startHispatecEmulator();
 *   // credential: serverUrl = emu.url, servicePath = emu.servicePath, username/password = emu.username/password
 *   emu.dataset.update('contact', 'C00001', { Email: 'nuevo@example.es' });
 *   emu.setOption('failure', { type: 'soapFault', operation: 'ObtenerContactos', onCall: 2 });
 *   await emu.close();
 *
 * Options (all optional; those marked * can also be changed at run time with `setOption`):
 * - `port` (0 = ephemeral), `host` ('127.0.0.1'), `servicePath` ('/IntegracionCRM.asmx').
 * - `username`*, `password`* (defaults `integracion` / `Cosecha&"2024"<'ñ'>`, tricky on purpose).
 * - `contract`: rename namespace, operations, parameters and elements (a customer's WSDL); see wsdl.ts.
 * - `soapVersion`* ('1.1'): the version the service accepts and answers; other requests get HTTP 415.
 * - `tokenPlacement`* ('body' | 'soapHeader' | 'httpHeader'), `tokenHttpHeader`* ('Token').
 * - `tokenLifetimeMs`* (30 min): `Caducidad` and expiry; `tokenMaxCalls`* (none): a token expires after
 *   that many data calls (deterministic expiry for tests); `expireTokens()` expires every token now.
 * - `latencyMs`* (0): delay before each SOAP answer.
 * - `ignoreModifiedSince`* (false): answer as if `ModificadoDesde` had not been sent.
 * - `ignorePaging`* (false): every page returns all records (a server that ignores `Pagina`).
 * - `maxPageSize`* (none): the server caps `TamanoPagina`.
 * - `emptyElements`* ('selfClosing' | 'pair'): how node-soap writes empty strings (`<X />` or `<X></X>`).
 * - `failure`*: a `FailureRule` — a SOAP fault (HTTP 500 or 200), HTTP 500/503 HTML, an HTML page with
 *   200, a truncated body, a connection dropped before or in the middle of the answer, or expired
 *   tokens, on the Nth matching call, once or several times; also an answer held back `delayMs`
 *   (`slow`, past the client's timeout), a DOCTYPE entity-expansion bomb (`doctypeBomb`) and an
 *   external entity (`externalEntity`).
 * - `rawResponse`*: a `RawResponseRule` — answer an operation with a hand-written envelope (fixtures.ts)
 *   for variants node-soap cannot write; the token is not checked on that route.
 * - `dataset`: 'seed' (default: dataset.ts `seedDataset()`), 'empty', explicit records, or
 *   `{ synthetic: { contacts, companies, seed } }` (contacts name the synthetic companies:
 *   `CodigoEmpresa`, `CIFEmpresa`, dataset.ts `syntheticCompanyRef`).
 * - `inactive`: `{ contacts, companies }`, how many records of the initial dataset to mark inactive
 *   (`Baja: 'S'`, chosen deterministically: dataset.ts `markInactive`); none by default.
 * - `now`: the clock for `FechaModificacion` stamps and token expiry (default: real time).
 *
 * Non-service paths: `/` answers 200 with an HTML portal page (a "not a SOAP endpoint" target), any
 * other path 404 HTML; GET on the service path without `?wsdl` gives an ASMX-like HTML help page.
 */
import { randomBytes } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import * as soap from 'soap';
import type { RecordType } from '../../nodes/shared/types';
import {
	EmulatorDataset,
	markInactive,
	seedDataset,
	syntheticCompanyRef,
	syntheticRecords,
	type EmulatorRecord,
	type EmulatorValue,
} from './dataset';
import { doctypeBombEnvelope, externalEntityEnvelope, faultEnvelope, htmlPage } from './fixtures';
import { buildWsdl, DEFAULT_CONTRACT, type EmulatorContract } from './wsdl';

export {
	EmulatorDataset,
	markInactive,
	seedDataset,
	syntheticCompanyRef,
	syntheticRecords,
	type EmulatorRecord,
	type EmulatorValue,
};
export {
	DEFAULT_CONTRACT,
	buildWsdl,
	CONTACT_FIELDS,
	COMPANY_FIELDS,
	type EmulatorContract,
} from './wsdl';
export * as fixtures from './fixtures';

export type FailureType =
	| 'soapFault' // SOAP fault, HTTP 500 (node-soap writes it)
	| 'soapFault200' // SOAP fault, HTTP 200
	| 'http500' // HTTP 500 with an HTML page
	| 'http503' // HTTP 503 with an HTML page
	| 'html' // HTTP 200 with an HTML page
	| 'truncated' // the normal answer cut in half
	| 'drop' // the connection is closed without an answer (a reset)
	| 'dropMidBody' // the normal answer's headers and first half are sent, then the connection is destroyed
	| 'expireToken' // every token expires just before the call (a genuine expired-token fault)
	| 'slow' // the normal answer, held back `delayMs` (default 5 s) first
	| 'doctypeBomb' // HTTP 200, an envelope with an internal DTD of nested entities ("billion laughs")
	| 'externalEntity'; // HTTP 200, an envelope with a SYSTEM entity (file:///etc/passwd) used in a record

export interface FailureRule {
	type: FailureType;
	/** Only calls to this operation count (default: every operation). */
	operation?: string;
	/** The Nth matching call after the rule is set fails (1-based, default 1). */
	onCall?: number;
	/** How many consecutive matching calls fail (default 1; `Infinity` = all from then on). */
	times?: number;
	/** Fault code and text for `soapFault*` (default Server / "Error interno del servidor"). */
	faultCode?: 'Client' | 'Server';
	faultString?: string;
	faultDetail?: string;
	/** `soapFault*`: the fault text quotes the request envelope (token, password) like a careless server. */
	echoRequest?: boolean;
	/** `slow`: how long the answer is held back (default 5000 ms). */
	delayMs?: number;
}

export interface RawResponseRule {
	/** Operation answered this way (default: every data operation, not Login). */
	operation?: string;
	body: string | ((request: EmulatorRequest) => string);
	status?: number;
	contentType?: string;
}

export interface EmulatorSwitches {
	username: string;
	password: string;
	soapVersion: '1.1' | '1.2';
	tokenPlacement: 'body' | 'soapHeader' | 'httpHeader';
	tokenHttpHeader: string;
	tokenLifetimeMs: number;
	tokenMaxCalls: number | null;
	latencyMs: number;
	ignoreModifiedSince: boolean;
	ignorePaging: boolean;
	maxPageSize: number | null;
	emptyElements: 'selfClosing' | 'pair';
	failure: FailureRule | null;
	rawResponse: RawResponseRule | null;
}

export interface HispatecEmulatorOptions extends Partial<EmulatorSwitches> {
	port?: number;
	host?: string;
	servicePath?: string;
	contract?: Partial<EmulatorContract>;
	dataset?:
		| 'seed'
		| 'empty'
		| { contacts?: EmulatorRecord[]; companies?: EmulatorRecord[] }
		| { synthetic: { contacts?: number; companies?: number; seed?: number } };
	/** How many records of the initial dataset to mark inactive (`Baja: 'S'`). */
	inactive?: { contacts?: number; companies?: number };
	now?: () => Date;
}

export interface EmulatorRequest {
	operation: string;
	soapVersion: '1.1' | '1.2' | 'unknown';
	soapAction?: string;
	contentType: string;
	/** Raw request body (the envelope as sent). */
	body: string;
	/** Arguments as node-soap parsed them (set for requests that reached a handler). */
	args?: Record<string, unknown>;
	/** SOAP headers as node-soap parsed them. */
	headers?: Record<string, unknown>;
	/** HTTP status answered. */
	status?: number;
	/** What answered: node-soap, a failure switch, the raw route, or a non-service route. */
	answeredBy?: 'soap' | 'failure' | 'raw' | 'route';
}

export interface EmulatorStats {
	/** Calls per operation name (`Login`, `ObtenerContactos`, …). */
	calls: Record<string, number>;
	/** Every SOAP request, in order. */
	requests: EmulatorRequest[];
	/** Tokens issued. */
	logins: number;
	/** Every token issued, in order (tests look for them in outputs and logs). */
	tokens: string[];
	reset(): void;
}

export interface HispatecEmulator {
	/** Server URL without the service path (`http://127.0.0.1:PORT`). */
	url: string;
	servicePath: string;
	/** url + servicePath. */
	endpoint: string;
	wsdlUrl: string;
	readonly username: string;
	readonly password: string;
	contract: EmulatorContract;
	dataset: EmulatorDataset;
	options: Readonly<EmulatorSwitches>;
	setOption<K extends keyof EmulatorSwitches>(key: K, value: EmulatorSwitches[K]): void;
	stats: EmulatorStats;
	/** Expires every token issued so far. */
	expireTokens(): void;
	/** Restores the starting dataset and switches, forgets issued tokens and clears the stats. */
	reset(): void;
	close(): Promise<void>;
}

interface TokenState {
	expiresAt: number;
	calls: number;
}

interface SoapFaultThrow {
	Fault: Record<string, unknown>;
}

const XSI_DECLARATIONS =
	' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

function detectVersion(contentType: string): '1.1' | '1.2' | 'unknown' {
	const ct = contentType.toLowerCase();
	if (ct.includes('application/soap+xml')) return '1.2';
	if (ct.includes('text/xml')) return '1.1';
	return 'unknown';
}

function detectOperation(
	soapAction: string | undefined,
	contentType: string,
	body: string,
): string {
	let action = soapAction?.replace(/^"|"$/g, '');
	if (!action) action = /action="([^"]*)"/i.exec(contentType)?.[1];
	if (action) return action.slice(action.lastIndexOf('/') + 1);
	return /<(?:[\w.-]+:)?Body[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body)?.[1] ?? 'unknown';
}

function parseSince(value: unknown): Date | 'invalid' | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : value;
	const text = String(value).trim();
	const es = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
	if (es)
		return new Date(
			Date.UTC(
				Number(es[3]),
				Number(es[2]) - 1,
				Number(es[1]),
				Number(es[4] ?? 0),
				Number(es[5] ?? 0),
				Number(es[6] ?? 0),
			),
		);
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? 'invalid' : new Date(parsed);
}

function toSoapObject(record: EmulatorRecord): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) {
		out[key] = value !== null && typeof value === 'object' ? { $xml: value.$xml } : value;
	}
	return out;
}

export async function startHispatecEmulator(
	options: HispatecEmulatorOptions = {},
): Promise<HispatecEmulator> {
	const now = options.now ?? (() => new Date());
	const servicePath = options.servicePath ?? '/IntegracionCRM.asmx';
	const contract: EmulatorContract = {
		...DEFAULT_CONTRACT,
		...options.contract,
		operations: { ...DEFAULT_CONTRACT.operations, ...options.contract?.operations },
		loginParameters: { ...DEFAULT_CONTRACT.loginParameters, ...options.contract?.loginParameters },
		loginResultFields: {
			...DEFAULT_CONTRACT.loginResultFields,
			...options.contract?.loginResultFields,
		},
	};
	const switches: EmulatorSwitches = {
		username: options.username ?? 'integracion',
		password: options.password ?? `Cosecha&"2024"<'ñ'>`,
		soapVersion: options.soapVersion ?? '1.1',
		tokenPlacement: options.tokenPlacement ?? 'body',
		tokenHttpHeader: options.tokenHttpHeader ?? 'Token',
		tokenLifetimeMs: options.tokenLifetimeMs ?? 30 * 60 * 1000,
		tokenMaxCalls: options.tokenMaxCalls ?? null,
		latencyMs: options.latencyMs ?? 0,
		ignoreModifiedSince: options.ignoreModifiedSince ?? false,
		ignorePaging: options.ignorePaging ?? false,
		maxPageSize: options.maxPageSize ?? null,
		emptyElements: options.emptyElements ?? 'selfClosing',
		failure: options.failure ?? null,
		rawResponse: options.rawResponse ?? null,
	};
	const initialSwitches: EmulatorSwitches = { ...switches };
	let failureCount = 0;

	let initial: { contacts?: EmulatorRecord[]; companies?: EmulatorRecord[] };
	const ds = options.dataset ?? 'seed';
	if (ds === 'seed') initial = seedDataset();
	else if (ds === 'empty') initial = {};
	else if ('synthetic' in ds) {
		initial = {
			contacts: syntheticRecords('contact', ds.synthetic.contacts ?? 0, ds.synthetic.seed, {
				companies: ds.synthetic.companies ?? 0,
			}),
			companies: syntheticRecords('company', ds.synthetic.companies ?? 0, ds.synthetic.seed),
		};
	} else initial = ds;
	if (options.inactive) {
		initial = {
			contacts: markInactive(initial.contacts ?? [], options.inactive.contacts ?? 0),
			companies: markInactive(initial.companies ?? [], options.inactive.companies ?? 0),
		};
	}
	const dataset = new EmulatorDataset(initial, now);

	const tokens = new Map<string, TokenState>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let closed = false;
	const stats: EmulatorStats = {
		calls: {},
		requests: [],
		logins: 0,
		tokens: [],
		reset() {
			this.calls = {};
			this.requests = [];
			this.logins = 0;
			this.tokens = [];
		},
	};

	const fault = (
		version: '1.1' | '1.2',
		code: 'Client' | 'Server',
		message: string,
		statusCode: number | null = 500,
	): SoapFaultThrow => {
		// node-soap 1.13 reads the HTTP status from inside the Fault object (without it: 200).
		const status = statusCode === null ? {} : { statusCode };
		return version === '1.2'
			? {
					Fault: {
						Code: { Value: code === 'Client' ? 'soap:Sender' : 'soap:Receiver' },
						Reason: { Text: message },
						...status,
					},
				}
			: { Fault: { faultcode: `soap:${code}`, faultstring: message, ...status } };
	};

	type SoapReq = http.IncomingMessage & {
		emulator?: { record: EmulatorRequest; failure?: FailureRule };
	};

	const checkFailureFault = (req: SoapReq) => {
		const rule = req.emulator?.failure;
		if (rule && (rule.type === 'soapFault' || rule.type === 'soapFault200')) {
			const text = rule.faultString ?? 'Error interno del servidor';
			const echoed =
				rule.echoRequest && req.emulator ? `${text} (peticion: ${req.emulator.record.body})` : text;
			throw fault(
				switches.soapVersion,
				rule.faultCode ?? 'Server',
				echoed,
				rule.type === 'soapFault' ? 500 : null,
			);
		}
	};

	const login = (args: Record<string, unknown>, _cb: unknown, _headers: unknown, req: SoapReq) => {
		if (req.emulator) req.emulator.record.args = args;
		checkFailureFault(req);
		const user = args?.[contract.loginParameters.username];
		const pass = args?.[contract.loginParameters.password];
		if (user !== switches.username || pass !== switches.password) {
			throw fault(switches.soapVersion, 'Client', 'Credenciales no validas');
		}
		const token = randomBytes(16).toString('hex');
		const expiresAt = now().getTime() + switches.tokenLifetimeMs;
		tokens.set(token, { expiresAt, calls: 0 });
		stats.logins++;
		stats.tokens.push(token);
		return {
			[`${contract.operations.login}Result`]: {
				[contract.loginResultFields.token]: token,
				[contract.loginResultFields.expiry]: new Date(expiresAt).toISOString(),
			},
		};
	};

	const dataOperation =
		(type: RecordType) =>
		(
			args: Record<string, unknown>,
			_cb: unknown,
			headers: Record<string, unknown> | undefined,
			req: SoapReq,
		) => {
			if (req.emulator) {
				req.emulator.record.args = args;
				req.emulator.record.headers = headers;
			}
			checkFailureFault(req);
			let token: unknown;
			if (switches.tokenPlacement === 'body') token = args?.[contract.tokenParameter];
			else if (switches.tokenPlacement === 'soapHeader')
				token = (headers?.[contract.tokenHeaderElement] as Record<string, unknown> | undefined)?.[
					contract.tokenParameter
				];
			else token = req.headers[switches.tokenHttpHeader.toLowerCase()];
			const state = typeof token === 'string' ? tokens.get(token) : undefined;
			if (
				!state ||
				now().getTime() > state.expiresAt ||
				(switches.tokenMaxCalls !== null && state.calls >= switches.tokenMaxCalls)
			) {
				throw fault(switches.soapVersion, 'Client', 'Token no valido o caducado');
			}
			state.calls++;

			const pageArg = args?.[contract.pageParameter];
			const sizeArg = args?.[contract.pageSizeParameter];
			const page = pageArg === undefined || pageArg === null ? 1 : Number(pageArg);
			let size = sizeArg === undefined || sizeArg === null ? 500 : Number(sizeArg);
			if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
				throw fault(
					switches.soapVersion,
					'Client',
					`Parametros de paginacion no validos (${contract.pageParameter}=${String(pageArg)}, ${contract.pageSizeParameter}=${String(sizeArg)})`,
				);
			}
			if (switches.maxPageSize !== null) size = Math.min(size, switches.maxPageSize);
			let list = dataset.records(type);
			const since = parseSince(args?.[contract.modifiedSinceParameter]);
			if (since === 'invalid')
				throw fault(switches.soapVersion, 'Client', `${contract.modifiedSinceParameter} no valido`);
			if (since && !switches.ignoreModifiedSince) {
				list = list.filter((r) => {
					const stamp =
						typeof r.FechaModificacion === 'string' ? Date.parse(r.FechaModificacion) : NaN;
					return Number.isNaN(stamp) || stamp >= since.getTime();
				});
			}
			const slice = switches.ignorePaging ? list : list.slice((page - 1) * size, page * size);
			const op = type === 'contact' ? contract.operations.contacts : contract.operations.companies;
			const container =
				type === 'contact' ? contract.contactsContainer : contract.companiesContainer;
			const element = type === 'contact' ? contract.contactRecord : contract.companyRecord;
			return {
				[`${op}Result`]: {
					[contract.totalElement]: list.length,
					[contract.pageElement]: page,
					[container]: slice.length > 0 ? { [element]: slice.map(toSoapObject) } : {},
				},
			};
		};

	const port = {
		[contract.operations.login]: login,
		[contract.operations.contacts]: dataOperation('contact'),
		[contract.operations.companies]: dataOperation('company'),
	};
	const services = { IntegracionCRM: { IntegracionCRMSoap: port, IntegracionCRMSoap12: port } };

	const server = http.createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
	const endpoint = `${url}${servicePath}`;
	const wsdl = buildWsdl(contract, endpoint);

	const soapServer = await new Promise<soap.Server>((resolve, reject) => {
		let created: soap.Server | undefined = undefined;
		// eslint-disable-next-line prefer-const
		created = soap.listen(server, servicePath, services, wsdl, (err: unknown) => {
			if (err) reject(err);
			else setImmediate(() => resolve(created as soap.Server));
		});
	});
	const soapListeners = server.listeners('request') as Array<
		(req: http.IncomingMessage, res: http.ServerResponse) => void
	>;
	server.removeAllListeners('request');
	const soapListener = soapListeners[soapListeners.length - 1];
	const wsdlOptions = (soapServer as unknown as { wsdl: { options: Record<string, unknown> } }).wsdl
		.options;

	const send = (res: http.ServerResponse, status: number, contentType: string, body: string) => {
		res.writeHead(status, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(body),
		});
		res.end(body);
	};

	const handleSoap = async (req: SoapReq, res: http.ServerResponse, body: Buffer) => {
		const text = body.toString('utf8');
		const contentType = String(req.headers['content-type'] ?? '');
		const soapAction =
			typeof req.headers.soapaction === 'string' ? req.headers.soapaction : undefined;
		const operation = detectOperation(soapAction, contentType, text);
		const record: EmulatorRequest = {
			operation,
			soapVersion: detectVersion(contentType),
			...(soapAction !== undefined ? { soapAction } : {}),
			contentType,
			body: text,
		};
		stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
		stats.requests.push(record);
		const finish = (status: number, by: EmulatorRequest['answeredBy']) => {
			record.status = status;
			record.answeredBy = by;
		};
		if (switches.latencyMs > 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, switches.latencyMs);
				timers.add(timer);
			});
			if (closed || res.destroyed) return;
		}

		const responseType =
			switches.soapVersion === '1.2'
				? 'application/soap+xml; charset=utf-8'
				: 'text/xml; charset=utf-8';
		if (record.soapVersion !== switches.soapVersion) {
			finish(415, 'route');
			send(
				res,
				415,
				'text/plain; charset=utf-8',
				`Unsupported Media Type: this service expects SOAP ${switches.soapVersion} (${responseType.split(';')[0]})`,
			);
			return;
		}

		if (!Object.prototype.hasOwnProperty.call(port, operation)) {
			// What ASMX answers for an operation it does not have.
			const action =
				soapAction?.replace(/^"|"$/g, '') ??
				/action="([^"]*)"/i.exec(contentType)?.[1] ??
				operation;
			finish(500, 'route');
			send(
				res,
				500,
				responseType,
				faultEnvelope(
					switches.soapVersion,
					'Client',
					`Server did not recognize the value of HTTP Header SOAPAction: ${action}.`,
				),
			);
			return;
		}

		let failure: FailureRule | undefined;
		const rule = switches.failure;
		if (rule && (rule.operation === undefined || rule.operation === operation)) {
			failureCount++;
			const first = rule.onCall ?? 1;
			if (failureCount >= first && failureCount < first + (rule.times ?? 1)) failure = rule;
		}
		if (failure) {
			if (failure.type === 'http500' || failure.type === 'http503') {
				const status = failure.type === 'http500' ? 500 : 503;
				finish(status, 'failure');
				send(
					res,
					status,
					'text/html; charset=utf-8',
					htmlPage(
						status === 500 ? '500 - Internal server error.' : '503 - Service Unavailable',
						'There is a problem with the resource you are looking for, and it cannot be displayed.',
					),
				);
				return;
			}
			if (failure.type === 'html') {
				finish(200, 'failure');
				send(
					res,
					200,
					'text/html; charset=utf-8',
					htmlPage(
						'Mantenimiento',
						'El servicio ERPagro está en mantenimiento. Vuelva a intentarlo más tarde.',
					),
				);
				return;
			}
			if (failure.type === 'drop') {
				finish(0, 'failure');
				req.socket.destroy();
				return;
			}
			if (failure.type === 'expireToken') {
				for (const state of tokens.values()) state.expiresAt = 0;
			}
			if (failure.type === 'doctypeBomb' || failure.type === 'externalEntity') {
				finish(200, 'failure');
				send(
					res,
					200,
					responseType,
					failure.type === 'doctypeBomb'
						? doctypeBombEnvelope(contract, operation)
						: externalEntityEnvelope(contract, operation),
				);
				return;
			}
			if (failure.type === 'slow') {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, failure?.delayMs ?? 5000);
					timers.add(timer);
				});
				if (closed || res.destroyed) {
					finish(0, 'failure');
					return;
				}
			}
		}

		const raw = switches.rawResponse;
		if (
			raw &&
			operation !== contract.operations.login &&
			(raw.operation === undefined || raw.operation === operation)
		) {
			const status = raw.status ?? 200;
			finish(status, 'raw');
			send(
				res,
				status,
				raw.contentType ?? responseType,
				typeof raw.body === 'function' ? raw.body(record) : raw.body,
			);
			return;
		}

		req.emulator = { record, ...(failure ? { failure } : {}) };
		(req as unknown as { body: Buffer }).body = body;
		wsdlOptions.forceSoap12Headers = switches.soapVersion === '1.2';
		wsdlOptions.useEmptyTag = switches.emptyElements === 'selfClosing';

		// Collect node-soap's answer, declare xsi (node-soap writes xsi:nil without declaring it), and
		// apply the truncation switch.
		const chunks: string[] = [];
		const originalEnd = res.end.bind(res);
		const originalWrite = res.write.bind(res) as (chunk: string) => boolean;
		res.write = ((chunk: unknown) => {
			if (chunk !== undefined && chunk !== null)
				chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
			return true;
		}) as typeof res.write;
		res.end = ((chunk?: unknown) => {
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
				chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
			let out = chunks.join('');
			if (!out.includes('xmlns:xsi='))
				out = out.replace(/<soap:Envelope /, `<soap:Envelope${XSI_DECLARATIONS} `);
			if (failure?.type === 'truncated') out = out.slice(0, Math.floor(out.length / 2));
			finish(
				res.statusCode,
				failure && failure.type !== 'expireToken' && failure.type !== 'slow' ? 'failure' : 'soap',
			);
			res.removeHeader('Content-Length');
			res.setHeader('Content-Type', responseType);
			res.setHeader('Content-Length', Buffer.byteLength(out));
			if (failure?.type === 'dropMidBody') {
				originalWrite(out.slice(0, Math.floor(out.length / 2)));
				setImmediate(() => req.socket.destroy());
				return res;
			}
			return originalEnd(out);
		}) as typeof res.end;
		soapListener.call(server, req, res);
	};

	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const parsed = new URL(req.url ?? '/', url);
			const isService = parsed.pathname.toLowerCase() === servicePath.toLowerCase();
			if (isService && req.method === 'GET') {
				if (parsed.search.toLowerCase().startsWith('?wsdl'))
					send(res, 200, 'text/xml; charset=utf-8', wsdl);
				else
					send(
						res,
						200,
						'text/html; charset=utf-8',
						htmlPage(
							'IntegracionCRM Web Service',
							`Operations: ${Object.keys(port).join(', ')}. Service description: <a href="${servicePath}?WSDL">WSDL</a>.`,
						),
					);
				return;
			}
			if (isService && req.method === 'POST') {
				handleSoap(req, res, body).catch((error: Error) => {
					if (!res.headersSent) send(res, 500, 'text/plain', `Emulator error: ${error.message}`);
				});
				return;
			}
			if (parsed.pathname === '/') {
				send(
					res,
					200,
					'text/html; charset=utf-8',
					htmlPage('Hispatec ERPagro', 'Portal del cliente. Inicie sesión para continuar.'),
				);
				return;
			}
			send(
				res,
				404,
				'text/html; charset=utf-8',
				htmlPage(
					'404 - File or directory not found.',
					'The resource you are looking for might have been removed.',
				),
			);
		});
	});

	const emulator: HispatecEmulator = {
		url,
		servicePath,
		endpoint,
		wsdlUrl: `${endpoint}?wsdl`,
		get username() {
			return switches.username;
		},
		get password() {
			return switches.password;
		},
		contract,
		dataset,
		options: switches,
		setOption(key, value) {
			switches[key] = value;
			if (key === 'failure') failureCount = 0;
		},
		stats,
		expireTokens() {
			for (const state of tokens.values()) state.expiresAt = 0;
		},
		reset() {
			dataset.reset();
			stats.reset();
			tokens.clear();
			Object.assign(switches, initialSwitches);
			failureCount = 0;
		},
		close: async () => {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return emulator;
}

/** The credential data (hispatecApi) that points at an emulator. */
export function emulatorCredentials(
	emulator: HispatecEmulator,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		serverUrl: emulator.url,
		servicePath: emulator.servicePath,
		username: emulator.username,
		password: emulator.password,
		...extra,
	};
}

/** Re-exported for tests that build values. */
export type { EmulatorValue as Value };
