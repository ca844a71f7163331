/**
 * The client's session rules over an in-memory transport (no HTTP): login once, where the session token
 * goes, one re-login on the expired-token fault, the retry counters. The same over HTTP against the
 * emulator: test/integration/hispatec/client.test.ts and retry.test.ts.
 */
import { HispatecSoapClient } from '../../../../../nodes/shared/hispatec/soap/client';
import type { SoapHttpRequest } from '../../../../../nodes/shared/hispatec/soap/request';
import type { SoapHttpResponse } from '../../../../../nodes/shared/hispatec/soap/response';
import type { HispatecCredentialData } from '../../../../../nodes/shared/hispatec/soap/settings';
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

	describe('paging (the client runs the loop, paging.ts plans it)', () => {
		/** A client over `total` companies, 2 per page, `Total` reported; `calls` = the 0-based pages asked. */
		function pagedClient(total: number, data: HispatecCredentialData = {}) {
			const calls: number[] = [];
			const transport = async (request: SoapHttpRequest): Promise<SoapHttpResponse> => {
				const asked = /<Pagina>(\d+)<\/Pagina><TamanoPagina>(\d+)</.exec(request.body);
				if (!asked) return { statusCode: 200, headers: {}, body: LOGIN };
				const index = Number(asked[1]) - 1;
				const size = Number(asked[2]);
				calls.push(index);
				const count = Math.max(0, Math.min(size, total - index * size));
				const codes = Array.from({ length: count }, (_, i) => `C${index * size + i}`);
				const body = page(codes).replace(
					`<Total>${codes.length}</Total>`,
					`<Total>${total}</Total>`,
				);
				return { statusCode: 200, headers: {}, body };
			};
			const settings = resolveSettings({ serverUrl: 'http://erp', pageSize: 2, ...data });
			return { client: new HispatecSoapClient(settings, transport), calls };
		}

		it('pages until Total, a short page or the limit', async () => {
			const { client, calls } = pagedClient(5);
			const all = await client.fetchRecords('company');
			expect([all.records.length, all.pages, all.total, calls]).toEqual([5, 3, 5, [0, 1, 2]]);
			const limited = await pagedClient(5).client.fetchRecords('company', { limit: 3 });
			expect(limited.records.map((r) => r.Codigo)).toEqual(['C0', 'C1', 'C2']);
		});

		it('fails on a server that ignores the page parameters, and at the page cap', async () => {
			// the same two records again and again, Total 10: the page parameters are ignored
			const same = page(['A', 'B']).replace('<Total>2</Total>', '<Total>10</Total>');
			const { client } = fakeClient([LOGIN, same, same], { pageSize: 2 });
			await expect(client.fetchRecords('company')).rejects.toMatchObject({ kind: 'paging' });
			const capped = pagedClient(50, { customizeAdvanced: true, maxPages: 2 });
			await expect(capped.client.fetchOnePage('company', 2, 2)).rejects.toMatchObject({
				kind: 'paging',
			});
			expect(capped.calls).toEqual([]);
		});

		it("one page for the caller's own paging says whether more follow", async () => {
			expect((await pagedClient(5).client.fetchOnePage('company', 1, 2)).hasMore).toBe(true);
			expect((await pagedClient(4).client.fetchOnePage('company', 1, 2)).hasMore).toBe(false);
			const none = pagedClient(5, { customizeAdvanced: true, pagingMode: 'none' });
			expect(await none.client.fetchOnePage('company', 1, 2)).toEqual({
				index: 1,
				records: [],
				hasMore: false,
			});
			expect(none.calls).toEqual([]);
		});
	});
});
