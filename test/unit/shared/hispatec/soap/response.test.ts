import { HispatecSoapError } from '../../../../../nodes/shared/hispatec/soap/errors';
import {
	openAnswer,
	readText,
	type SoapHttpResponse,
} from '../../../../../nodes/shared/hispatec/soap/response';
import type { SoapHttpRequest } from '../../../../../nodes/shared/hispatec/soap/request';
import { resolveSettings } from '../../../../../nodes/shared/hispatec/soap/settings';
import { fixtures } from '../../../../../emulators/hispatec';
import { isRetryable } from '../../../../../nodes/shared/hispatec/soap/retry';

const request = {
	url: 'http://erp/x.asmx',
	operation: 'ObtenerContactos',
	timeoutMs: 1000,
	maxResponseBytes: 1000,
};

async function* chunks(...parts: Array<Uint8Array | string>) {
	for (const part of parts) yield part;
}

const settings = resolveSettings({ serverUrl: 'http://erp' });

/** Opens an answer of HTTP 200 with `body` and `headers`, as the client does. */
const openBody = (
	body: SoapHttpResponse['body'],
	headers: Record<string, unknown> = {},
	maxResponseBytes = 100000,
) =>
	openAnswer(settings, async () => ({ statusCode: 200, headers, body }), {
		...request,
		url: settings.endpoint,
		headers: {},
		body: '',
		ignoreTlsErrors: false,
		maxResponseBytes,
	});

/** An envelope around `body` without its XML declaration, or with `declaration` instead. */
const bare = (body: string, declaration = '') =>
	fixtures.envelope(body).replace(/^<\?xml[^>]*\?>/, declaration);

describe('the text of an answer (decoding, size cap, broken streams)', () => {
	it('decodes UTF-8 split inside a character across chunks', async () => {
		const xml = fixtures.envelope('<a>Muñoz €</a>');
		const bytes = Buffer.from(xml, 'utf8');
		const cut1 = bytes.indexOf(0xc3) + 1; // inside ñ
		const cut2 = bytes.indexOf(0xe2) + 2; // inside €
		const open = await openBody(
			chunks(bytes.subarray(0, cut1), bytes.subarray(cut1, cut2), bytes.subarray(cut2)),
		);
		expect(await readText(open)).toBe(xml);
		expect(open.text.bytes).toBe(bytes.length);
	});

	it('decodes Latin-1 when the Content-Type or the XML declaration says so', async () => {
		const latin = Buffer.from(bare('<a>Mu\u00f1oz</a>'), 'latin1');
		expect(
			await readText(
				await openBody(chunks(latin), { 'Content-Type': 'text/xml; charset=ISO-8859-1' }),
			),
		).toBe(bare('<a>Muñoz</a>'));
		const declaration = '<?xml version="1.0" encoding="windows-1252"?>';
		const declared = Buffer.from(bare('<a>Pe\u00f1a</a>', declaration), 'latin1');
		expect(await readText(await openBody(declared))).toBe(bare('<a>Peña</a>', declaration));
		expect(await readText(await openBody(bare('<a>already text</a>')))).toBe(
			bare('<a>already text</a>'),
		);
		await expect(openBody(undefined)).rejects.toMatchObject({
			kind: 'not_soap',
			message: expect.stringContaining('an empty body'),
		});
	});

	it('refuses a body over the cap while downloading and stops the stream', async () => {
		let pulled = 0;
		let closed = false;
		const stream = {
			[Symbol.asyncIterator]() {
				return {
					next: async () => {
						pulled++;
						return { done: false, value: Buffer.alloc(400, 0x41) };
					},
					return: async () => {
						closed = true;
						return { done: true, value: undefined };
					},
				};
			},
		};
		let error: unknown;
		try {
			await openBody(stream, {}, 1000);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(HispatecSoapError);
		expect((error as HispatecSoapError).message).toBe(
			'The response to ObtenerContactos is larger than 0 MB (the configured maximum)',
		);
		expect(pulled).toBe(3);
		expect(closed).toBe(true);
	});

	it('maps a connection reset in the middle of the body to a typed error', async () => {
		const envelope = fixtures.envelope('<R/>');
		const head = `${envelope.slice(0, envelope.indexOf('<R/>'))}<R>`;
		async function* broken() {
			yield Buffer.from(head);
			throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		}
		const open = await openBody(broken());
		expect(open.head).toBe(head);
		let error: unknown;
		try {
			await open.text.next();
		} catch (e) {
			error = e;
		}
		expect((error as HispatecSoapError).kind).toBe('unreachable');
		expect((error as HispatecSoapError).message).toBe(
			'The connection to Hispatec broke while reading the answer to ObtenerContactos (ECONNRESET)',
		);
		expect(isRetryable(error)).toBe(true);
	});
});

describe('openAnswer', () => {
	const s = resolveSettings({ serverUrl: 'http://erp' });
	const soapRequest: SoapHttpRequest = {
		...request,
		url: s.endpoint,
		headers: {},
		body: '',
		ignoreTlsErrors: false,
		maxResponseBytes: 100000,
	};
	const answer = (response: Partial<SoapHttpResponse>) => async () => ({
		statusCode: 200,
		headers: {},
		body: '',
		...response,
	});

	it('returns a normal answer open, read up to the first element of the Body', async () => {
		const body = fixtures.envelope('<R><Contactos><Contacto/></Contactos></R>');
		const open = await openAnswer(
			s,
			answer({ body: chunks(body.slice(0, 150), body.slice(150)) }),
			soapRequest,
		);
		expect(open.info).toMatchObject({ isSoap: true, soapVersion: '1.1', firstBodyElement: 'R' });
		expect(open.base).toEqual({ operation: 'ObtenerContactos', url: s.endpoint, httpStatus: 200 });
		expect(await readText(open)).toBe(body);
	});

	it('throws a SOAP fault, a page that is not SOAP, an HTTP error with its hint, and a network failure', async () => {
		const fault = fixtures.faultEnvelope('1.1', 'Server', 'Boom');
		await expect(
			openAnswer(s, answer({ statusCode: 500, body: fault }), soapRequest),
		).rejects.toMatchObject({ kind: 'fault', message: expect.stringContaining('Boom') });
		await expect(
			openAnswer(s, answer({ body: '<html><body>login</body></html>' }), soapRequest),
		).rejects.toMatchObject({ kind: 'not_soap' });
		await expect(
			openAnswer(
				s,
				answer({ statusCode: 302, headers: { Location: 'https://erp/x' }, body: '' }),
				soapRequest,
			),
		).rejects.toMatchObject({ kind: 'http', hint: expect.stringContaining('https://erp/x') });
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		await expect(
			openAnswer(
				s,
				async () => {
					throw refused;
				},
				soapRequest,
			),
		).rejects.toMatchObject({ kind: 'unreachable' });
	});
});
