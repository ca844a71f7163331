import { HispatecSoapError } from '../../../../../nodes/shared/hispatec/soap/errors';
import {
	openAnswer,
	readText,
	ResponseText,
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

async function readAll(text: ResponseText): Promise<string[]> {
	const out: string[] = [];
	for (let c = await text.next(); c !== null; c = await text.next()) out.push(c);
	return out;
}

describe('ResponseText', () => {
	it('decodes UTF-8 split inside a character across chunks', async () => {
		const bytes = Buffer.from('<a>Muñoz €</a>', 'utf8');
		const cut1 = bytes.indexOf(0xc3) + 1; // inside ñ
		const cut2 = bytes.indexOf(0xe2) + 2; // inside €
		const text = new ResponseText(
			chunks(bytes.subarray(0, cut1), bytes.subarray(cut1, cut2), bytes.subarray(cut2)),
			{},
			request,
		);
		expect((await readAll(text)).join('')).toBe('<a>Muñoz €</a>');
		expect(text.bytes).toBe(bytes.length);
	});

	it('decodes Latin-1 when the Content-Type or the XML declaration says so', async () => {
		const latin = Buffer.from('<a>Mu\u00f1oz</a>', 'latin1');
		expect(
			await new ResponseText(
				chunks(latin),
				{ 'Content-Type': 'text/xml; charset=ISO-8859-1' },
				request,
			).rest(),
		).toBe('<a>Muñoz</a>');
		const declared = Buffer.from(
			'<?xml version="1.0" encoding="windows-1252"?><a>Pe\u00f1a</a>',
			'latin1',
		);
		expect(await new ResponseText(declared, {}, request).rest()).toBe(
			'<?xml version="1.0" encoding="windows-1252"?><a>Peña</a>',
		);
		expect(await new ResponseText('already text', {}, request).rest()).toBe('already text');
		expect(await new ResponseText(undefined, {}, request).rest()).toBe('');
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
		const text = new ResponseText(stream, {}, request);
		await text.next();
		await text.next();
		let error: unknown;
		try {
			await text.next();
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
		async function* broken() {
			yield Buffer.from('<a>');
			throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		}
		const text = new ResponseText(broken(), {}, request);
		expect(await text.next()).toBe('<a>');
		let error: unknown;
		try {
			await text.next();
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
