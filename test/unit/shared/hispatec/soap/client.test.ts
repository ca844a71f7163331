/**
 * The client's session rules over an in-memory transport (no HTTP): login once, where the session token
 * goes, one re-login on the expired-token fault, the retry counters. The same over HTTP against the
 * emulator: test/integration/hispatec/client.test.ts and retry.test.ts.
 */
import {
	HispatecSoapClient,
	type SoapHttpRequest,
	type SoapHttpResponse,
} from '../../../../../nodes/shared/hispatec/soap/client';
import type { HispatecCredentialData } from '../../../../../nodes/shared/hispatec/soap/defaults';
import { resolveSettings } from '../../../../../nodes/shared/hispatec/soap/settings';
import { fixtures } from '../../../../../emulators/hispatec';

const LOGIN = fixtures.envelope(
	'<LoginResponse xmlns="urn:hispatec:erpagro:crm"><LoginResult><Token>tok-1</Token></LoginResult></LoginResponse>',
);
const page = (codes: string[]) =>
	fixtures.envelope(
		`<ObtenerEmpresasResponse><Empresas>${codes.map((c) => `<Empresa><Codigo>${c}</Codigo></Empresa>`).join('')}</Empresas><Total>${codes.length}</Total></ObtenerEmpresasResponse>`,
	);

function fakeClient(answers: string[], data: HispatecCredentialData = {}) {
	const seen: SoapHttpRequest[] = [];
	const transport = async (request: SoapHttpRequest): Promise<SoapHttpResponse> => {
		seen.push(request);
		const body = answers.shift() ?? '';
		return {
			statusCode: body.includes(':Fault>') ? 500 : 200,
			headers: { 'content-type': 'text/xml; charset=utf-8' },
			body,
		};
	};
	const client = new HispatecSoapClient(
		resolveSettings({ serverUrl: 'http://erp', username: 'u', password: 'secret', ...data }),
		transport,
	);
	return { client, seen };
}

describe('HispatecSoapClient (in-memory transport)', () => {
	it('logs in once and puts the session token into each data call (body parameter by default)', async () => {
		const { client, seen } = fakeClient([LOGIN, page(['E1', 'E2'])]);
		const result = await client.fetchRecords('company');
		expect(result.records.map((r) => r.Codigo)).toEqual(['E1', 'E2']);
		expect([client.loginCount, client.requestCount, client.retryCount]).toEqual([1, 2, 0]);
		expect(seen[1].body).toContain('<Token>tok-1</Token>');
	});

	it('puts the session token into an HTTP header or a SOAP header block when the credential says so', async () => {
		const http = fakeClient([LOGIN, page(['E1'])], {
			customizeAdvanced: true,
			sessionPlacement: 'httpHeader',
			sessionHttpHeader: 'X-Token',
		});
		await http.client.fetchRecords('company');
		expect(http.seen[1].headers['X-Token']).toBe('tok-1');
		expect(http.seen[1].body).not.toContain('tok-1');
		const soap = fakeClient([LOGIN, page(['E1'])], { sessionPlacement: 'soapHeader' });
		await soap.client.fetchRecords('company');
		expect(soap.seen[1].body).toMatch(
			/<soap:Header><AuthHeader[^>]*><Token>tok-1<\/Token><\/AuthHeader><\/soap:Header>/,
		);
	});

	it('logs in again once on the expired-token fault; a fresh token refused is token_expired', async () => {
		const expired = fixtures.faultEnvelope('1.1', 'Client', 'Token no valido o caducado');
		const again = fakeClient([LOGIN, expired, LOGIN, page(['E1'])]);
		expect((await again.client.fetchRecords('company')).records).toHaveLength(1);
		expect(again.client.loginCount).toBe(2);
		const refused = fakeClient([LOGIN, expired, LOGIN, expired]);
		await expect(refused.client.fetchRecords('company')).rejects.toMatchObject({
			kind: 'token_expired',
		});
	});
});
