import { clientifyTokenApiTest } from './credentialTest';

export const credentialTest = { clientifyTokenApiTest };
