/**
 * Clientify domain logic (pure: no n8n imports). The upsert path, in order:
 *
 *   NormalizedRecord / Define Below fields
 *     → desired/source.ts     SourceFields (Clientify's vocabulary; node overrides applied; cleanText,
 *                             the clean-up of every value)
 *     → desired/desired.ts    DesiredRecord (cleaned, checked, Clientify's type codes; its create body)
 *     → plan/match.ts         the tax ID's match key; RecordGroup per tax ID; ClientifyRecord[]
 *                             matches → MatchDecision; phone and web-address comparison keys
 *     → plan/diff.ts          UpdatePlan for a match (plan/address.ts: when two addresses are the same)
 *   then the writes (nodes/ClientifyUpsert/actions/write): create, or the plan's PUT and sub-resource POSTs.
 *
 * desired/: what Hispatec wants in Clientify (source.ts also names custom fields and matches their
 * definitions). plan/: how that compares with what Clientify holds (also subItem.ts, re-check of a
 * lost sub-resource add; fingerprint.ts, Known Records). Here: syncState.ts (the state kept with the record, duplicate tax-ID
 * winners), overlap.ts (re-check of overlapping runs), baseUrl.ts, retry.ts, pacer.ts and pool.ts
 * (timing, rate and concurrency), types.ts.
 */
export * from './types';
export * from './desired/source';
export * from './desired/desired';
export * from './plan/address';
export * from './plan/match';
export * from './plan/diff';
export * from './plan/lists';
export * from './plan/guard';
export * from './plan/removal';
export * from './baseUrl';
export * from './retry';
export * from './pacer';
export * from './pool';
export * from './overlap';
export * from './syncState';
export * from './plan/subItem';
export * from './plan/links';
