/** Clientify domain logic (pure: no n8n imports). */
export * from './types';
export * from './codes';
export * from './taxId';
export * from './customFields';
export * from './mapping';
export * from './diff';
export * from './plan';
export * from './retry';
export * from './pool';
export * from './overlap';
export * from './syncState';
export * from './subItem';
