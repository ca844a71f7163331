/**
 * Creates a record no lookup found: one guarded POST (client/guarded.ts `guardedPost`), the record
 * stamped with the sync state and its creation marker. It decides only what the POST's answer
 * means: created; or the record exists already — a lost answer whose record a lookup then finds
 * (`found`), or a 409 (v2: the tax ID exists, `conflict`). item.ts continues those two as an
 * update of the record found, links the new contact and notes the creation for the re-check.
 */
import type { IDataObject } from 'n8n-workflow';
import { buildCreateBody, recordFromCreate } from '../../../shared/clientify/desired/desired';
import {
	buildSyncState,
	desiredKeys,
	encodeSyncState,
	hasSyncStateField,
	withSyncStateValue,
} from '../../../shared/clientify/syncState';
import type { DesiredRecord, Entity } from '../../../shared/clientify/types';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { guardedPost } from '../../../shared/clientify/client/guarded';
import { ClientifyApiError } from '../../../Clientify/transport';
import { summarizeErrorBody } from '../../../shared/clientify/client/errors';
import type { CreateOutcome, Notes, RecordItem, StepContext } from './types';

export async function createRecord(
	ctx: StepContext,
	item: RecordItem,
	unstamped: DesiredRecord,
	notes: Notes,
): Promise<CreateOutcome> {
	// Every value of the create is the sync's; the marker ties the record to this moment.
	// With a link, the state names the company the link after the create makes (`k`): one more
	// write for the state alone would double the first sync's calls.
	const k = item.link?.kind === 'found' ? item.link.id : undefined;
	const stateName = hasSyncStateField(unstamped, item.stateField);
	const state = buildSyncState(unstamped, desiredKeys(unstamped), ctx.options.now(), undefined, k);
	const desired = stateName
		? withSyncStateValue(unstamped, stateName, encodeSyncState(state))
		: unstamped;
	const body = buildCreateBody(desired) as IDataObject;
	const path = ENTITY_PATH[desired.entity];
	if (ctx.options.dryRun) {
		notes.plannedRequests?.push({ method: 'POST', path, body });
		return { kind: 'created', desired, record: recordFromCreate(body, { id: 0 }), dryRun: true };
	}

	const search = async () => await ctx.lookup.search(desired.entity, desired.taxId);
	const posted = await guardedPost({
		post: async () =>
			await ctx.client.request('POST', path, {
				body,
				qs: createQuery(ctx, desired.entity),
				retry: 'rejectedOnly',
			}),
		// 5xx or no answer: was the record created? Look before sending the POST again.
		look: async () => {
			const matches = await search();
			return matches.length ? matches : undefined;
		},
		maxRetries: ctx.client.config.timing.maxRetries,
		wait: async (attempt) => await ctx.client.wait(attempt),
	});
	if (posted.kind === 'posted')
		return { kind: 'created', desired, record: recordFromCreate(body, posted.value) };
	if (posted.kind === 'found') {
		notes.warnings.push({
			code: 'create_confirmed_by_lookup',
			message: `The answer to the create was lost (${(posted.error as Error).message}); a lookup found the record, so the create was not sent again`,
		});
		return { kind: 'found', desired, matches: posted.found };
	}
	const error = posted.error;
	if (error instanceof ClientifyApiError && error.status === 409) {
		const matches = await search();
		if (!matches.length) throw error;
		notes.warnings.push({
			code: 'create_conflict',
			message: `Clientify refused the create (409: ${summarizeErrorBody(error.clientify.body)}); the existing record was updated instead`,
		});
		return { kind: 'conflict', desired, matches };
	}
	throw error;
}

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): v1's `force_insert=true` (seen in a
 * third-party client) stops v1 from merging a new contact into another one by e-mail.
 */
function createQuery(ctx: StepContext, entity: Entity): IDataObject | undefined {
	return ctx.client.generation === 'v1' && entity === 'contact'
		? { force_insert: 'true' }
		: undefined;
}
