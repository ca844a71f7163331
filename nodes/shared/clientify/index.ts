/**
 * Clientify domain logic (pure: no n8n imports). The upsert path, in order:
 *
 *   NormalizedRecord / Define Below fields
 *     → source.ts     SourceFields (Clientify's vocabulary; node overrides applied)
 *     → desired.ts    DesiredRecord (cleaned, validated by validate.ts, type codes from codes.ts)
 *     → match.ts      RecordGroup per tax ID; ClientifyRecord[] matches → MatchDecision
 *     → diff.ts       UpdatePlan for a match (address.ts, keys.ts: when two values are the same)
 *     → createBody.ts the create's body when there is no match
 *   then the writes (nodes/ClientifyUpsert/actions): create, or the plan's PUT and sub-resource POSTs.
 *
 * Around it: values.ts (text clean-up), taxId.ts (match key), customFields.ts (names, definitions),
 * syncState.ts (the state kept with the record, duplicate tax-ID winners), overlap.ts (re-check of
 * overlapping runs), subItem.ts (re-check of a lost sub-resource add), fingerprint.ts (Known
 * Records), retry.ts and pool.ts (timing and concurrency).
 */
export * from './types';
export * from './codes';
export * from './values';
export * from './taxId';
export * from './customFields';
export * from './source';
export * from './validate';
export * from './desired';
export * from './keys';
export * from './address';
export * from './match';
export * from './diff';
export * from './createBody';
export * from './baseUrl';
export * from './retry';
export * from './pool';
export * from './overlap';
export * from './syncState';
export * from './subItem';
