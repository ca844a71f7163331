/**
 * Create of a record no lookup found: one guarded POST (guardedPost.ts). A lost answer whose
 * record a lookup then finds, and a 409 (v2: the tax ID exists), continue as an update of the
 * record found (`onFound`, decide.ts). Each record created is noted for the re-check (recheck.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import {
	buildCreateBody,
	createdFieldNames,
	recordFromCreate,
} from '../../../shared/clientify/desired/desired';
import { desiredKeys } from '../../../shared/clientify/syncState';
import { planLink } from '../../../shared/clientify/plan/links';
import {
	type ClientifyRecord,
	type DesiredRecord,
	type Entity,
} from '../../../shared/clientify/types';
import { ClientifyApiError } from '../../../Clientify/transport';
import { summarizeErrorBody } from '../../../shared/clientify/client/errors';
import type { EngineContext, GroupState, ItemOutcome } from './context';
import { guardedPost } from './guardedPost';
import { applyLink } from './links';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { withState } from './ownership';
import { missingNameResult } from './results';
import type { RecordItem, UpsertResult } from './types';

/** Continues with the records found (the desired record as stamped for the create) (`state.matches`): "created" after our lost create, else "updated". */
export type OnFound = (
	desired: DesiredRecord,
	action: 'created' | 'updated',
) => Promise<ItemOutcome>;

export async function create(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	state: GroupState,
	result: UpsertResult,
	onFound: OnFound,
): Promise<ItemOutcome> {
	if (desired.entity === 'company' && !desired.scalars.name)
		return { result: missingNameResult(result) };
	// Every value of the create is the sync's; the marker ties the record to this moment.
	// With a link, the state names the company the link below makes (`k`): the link goes after the
	// create, and one more write for the state alone would double the first sync's calls.
	const k = item.link?.kind === 'found' ? item.link.id : undefined;
	desired = withState(item, desired, desiredKeys(desired), { n: ctx.options.now(), k });
	const body = buildCreateBody(desired) as IDataObject;
	const path = ENTITY_PATH[desired.entity];
	if (ctx.options.dryRun) {
		result.plannedRequests?.push({ method: 'POST', path, body });
		state.matches = [recordFromCreate(body, { id: 0 })];
		await linkCreated(ctx, item, 0, result);
		return { result: { ...result, action: 'created', changedFields: createdFieldNames(desired) } };
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
	if (posted.kind === 'posted') {
		const record = recordFromCreate(body, posted.value);
		state.matches = [record];
		noteCreation(ctx, item, desired, record);
		if (typeof record.id === 'number') await linkCreated(ctx, item, record.id, result);
		return {
			result: {
				...result,
				action: 'created',
				clientifyId: typeof record.id === 'number' ? record.id : null,
				changedFields: createdFieldNames(desired),
			},
		};
	}
	if (posted.kind === 'found') {
		state.matches = posted.found;
		result.warnings.push({
			code: 'create_confirmed_by_lookup',
			message: `The answer to the create was lost (${(posted.error as Error).message}); a lookup found the record, so the create was not sent again`,
		});
		const outcome = await onFound(desired, 'created');
		const found = state.matches.find((m) => m.id === outcome.result.clientifyId);
		if (found && outcome.result.action !== 'failed') noteCreation(ctx, item, desired, found);
		return {
			...outcome,
			result: {
				...outcome.result,
				changedFields:
					outcome.result.action === 'failed'
						? outcome.result.changedFields
						: createdFieldNames(desired),
			},
		};
	}
	const error = posted.error;
	if (error instanceof ClientifyApiError && error.status === 409) {
		const matches = await search();
		if (!matches.length) throw error;
		state.matches = matches;
		result.warnings.push({
			code: 'create_conflict',
			message: `Clientify refused the create (409: ${summarizeErrorBody(error.clientify.body)}); the existing record was updated instead`,
		});
		return await onFound(desired, 'updated');
	}
	throw error;
}

/** The new contact's link to its company (plan/links.ts: a new contact has none yet). */
async function linkCreated(
	ctx: EngineContext,
	item: RecordItem,
	id: number,
	result: UpsertResult,
): Promise<void> {
	const link = item.link;
	const plan =
		link?.kind === 'found' ? planLink({ current: { kind: 'none' }, target: link }) : undefined;
	await applyLink(ctx, item, id, plan?.action === 'verify' ? undefined : plan, undefined, result);
}

function noteCreation(
	ctx: EngineContext,
	item: RecordItem,
	desired: DesiredRecord,
	record: ClientifyRecord,
): void {
	if (typeof record.id !== 'number' || !record.id) return;
	ctx.batch.creations.push({
		index: item.index,
		item,
		desired,
		record,
		elapsedMs: Date.now() - ctx.batch.startedAt,
	});
}

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour"): v1's `force_insert=true` (seen in a
 * third-party client) stops v1 from merging a new contact into another one by e-mail.
 */
function createQuery(ctx: EngineContext, entity: Entity): IDataObject | undefined {
	return ctx.client.generation === 'v1' && entity === 'contact'
		? { force_insert: 'true' }
		: undefined;
}
