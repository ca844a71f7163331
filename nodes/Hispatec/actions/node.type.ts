import type { RecordType } from '../../shared/types';

/** Resources of the Hispatec node and their operations. */
export type HispatecResource = RecordType;

export type HispatecOperation = 'getAll' | 'getPage' | 'findDuplicates';
