import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { testConnection } from '../../shared/soap/connectionTest';
import type { HispatecCredentialData } from '../../shared/soap/settings';
import { credentialTestTransport } from '../transport';

/**
 * Credential test (`testedBy: 'hispatecApiTest'`): performs the real login and tells apart an
 * unreachable server, an HTTP error, a non-SOAP endpoint, a wrong user or password, and success.
 */
export async function hispatecApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const result = await testConnection((credential.data ?? {}) as HispatecCredentialData, credentialTestTransport(this.helpers));
	return { status: result.ok ? 'OK' : 'Error', message: result.message };
}
