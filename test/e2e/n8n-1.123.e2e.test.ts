import { N8N_VERSIONS } from '../../harness/n8n/config';
import { defineSuite } from './suite';

// n8n 1.123.x on the machine's Node 20 (legacy expression engine: isolated-vm does not build there)
defineSuite(N8N_VERSIONS.v1);
