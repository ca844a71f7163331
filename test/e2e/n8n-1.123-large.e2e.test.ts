import { N8N_VERSIONS } from '../../harness/n8n/config';
import { defineLargeSuite } from './large';

defineLargeSuite(N8N_VERSIONS.v1);
