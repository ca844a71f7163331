import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { createHispatecClient } from '../../../../nodes/Hispatec/transport';

describe('createHispatecClient (the SOAP transport on n8n)', () => {
	it("sends through httpRequestWithAuthentication with the credential's TLS, timeout and the cancel signal", async () => {
		const calls: Array<[string, IHttpRequestOptions]> = [];
		const controller = new AbortController();
		const context = {
			getCredentials: async (type: string) =>
				type === 'hispatecApi'
					? {
							serverUrl: 'https://erp.example.com',
							username: 'u',
							password: 'p<',
							ignoreSslIssues: true,
							timeout: 30,
						}
					: undefined,
			getNode: () => ({ name: 'Hispatec', type: 'hispatec', typeVersion: 1, parameters: {} }),
			getExecutionCancelSignal: () => controller.signal,
			helpers: {
				httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
					calls.push([type, options]);
					return {
						statusCode: 200,
						headers: { 'content-type': 'text/xml; charset=utf-8' },
						body: Buffer.from(
							'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><LoginResponse><LoginResult><Token>t1</Token></LoginResult></LoginResponse></s:Body></s:Envelope>',
						),
					};
				},
			},
		} as unknown as IExecuteFunctions;
		const client = await createHispatecClient(context);
		expect(await client.login()).toEqual({ token: 't1' });
		expect(calls).toHaveLength(1);
		const [type, options] = calls[0];
		expect(type).toBe('hispatecApi');
		expect({ ...options, body: undefined }).toEqual({
			method: 'POST',
			url: 'https://erp.example.com/IntegracionCRM.asmx',
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				SOAPAction: '"urn:hispatec:erpagro:crm/Login"',
				Accept: 'text/xml, application/soap+xml, */*',
			},
			body: undefined,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30000,
			skipSslCertificateValidation: true,
			abortSignal: controller.signal,
		});
		expect(options.body).toContain('<Usuario>u</Usuario><Password>p&lt;</Password>');
	});
});
