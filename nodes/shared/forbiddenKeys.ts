/**
 * Keys that are never read from or written into a record: the prototype-related keys (prototype pollution).
 * No n8n imports. Used by the XML record reader and by the raw-record reads of normalization.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
	'__proto__',
	'constructor',
	'prototype',
]);
