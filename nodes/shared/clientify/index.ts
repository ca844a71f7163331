/**
 * Clientify domain logic (pure: no n8n imports). The upsert path, in order:
 *
 *   NormalizedRecord / Define Below fields
 *     → desired/source.ts     SourceFields (Clientify's vocabulary; node overrides applied)
 *     → desired/desired.ts    DesiredRecord (cleaned, validated by desired/validate.ts, type codes
 *                             from desired/codes.ts; desired/createBody.ts is its create body)
 *     → plan/match.ts         RecordGroup per tax ID; ClientifyRecord[] matches → MatchDecision
 *     → plan/diff.ts          UpdatePlan for a match (plan/address.ts, plan/keys.ts: when two values
 *                             are the same)
 *   then the writes (nodes/ClientifyUpsert/actions/write): create, or the plan's PUT and sub-resource POSTs.
 *
 * desired/: what Hispatec wants in Clientify (also values.ts, text clean-up; customFields.ts, names
 * and definitions). plan/: how that compares with what Clientify holds (also taxId.ts, the match key;
 * subItem.ts, re-check of a lost sub-resource add; fingerprint.ts, Known Records).
 * Here: syncState.ts (the state kept with the record, duplicate tax-ID winners), overlap.ts (re-check
 * of overlapping runs), baseUrl.ts, retry.ts, pacer.ts and pool.ts (timing, rate and concurrency), types.ts.
 */
export * from './types';
export * from './desired/codes';
export * from './desired/values';
export * from './plan/taxId';
export * from './desired/customFields';
export * from './desired/source';
export * from './desired/validate';
export * from './desired/desired';
export * from './plan/keys';
export * from './plan/address';
export * from './plan/match';
export * from './plan/diff';
export * from './plan/lists';
export * from './plan/guard';
export * from './plan/removal';
export * from './desired/createBody';
export * from './baseUrl';
export * from './retry';
export * from './pacer';
export * from './pool';
export * from './overlap';
export * from './syncState';
export * from './plan/subItem';
export * from './plan/links';
