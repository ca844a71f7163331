import { N8N_VERSIONS } from '../../harness/n8n/config';
import { defineSuite } from './suite';

// n8n 2.41.x on Node 24 (from the npm package `node`)
defineSuite(N8N_VERSIONS.v2);
