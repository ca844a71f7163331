/**
 * The writes of an update plan, in Clientify's endpoints and in the order sent: one POST per added
 * e-mail, phone, address, web site or tag; the guarded item edits (guard.ts); last the record's PUT
 * (scalars, changed custom fields, the sync state, and the lists a reorder needs, built by guard.ts
 * on a copy read again).
 */
import type { IDataObject } from 'n8n-workflow';
import { buildUpdateBody } from '../../../shared/clientify/plan/diff';
import { sameSubItem } from '../../../shared/clientify/plan/subItem';
import { type Entity, type SubResource, type UpdatePlan } from '../../../shared/clientify/types';
import { type ClientifyClient, ENTITY_PATH } from '../../../shared/clientify/client/client';
import { ClientifyApiError } from '../../../Clientify/transport';
import type { Write } from './context';
import { itemBody } from './guard';
import { guardedPost } from './guardedPost';

/** The add of one item to a record's sub-resource (`POST /contacts/{id}/phones/`). */
export function addWrite(
	entity: Entity,
	id: number,
	sub: SubResource,
	body: IDataObject,
): Extract<Write, { kind: 'add' }> {
	return { kind: 'add', method: 'POST', path: `${ENTITY_PATH[entity]}${id}/${sub}/`, body, sub };
}

export function planWrites(entity: Entity, id: number, plan: UpdatePlan): Write[] {
	const base = `${ENTITY_PATH[entity]}${id}/`;
	const writes: Write[] = [];
	const add = (sub: SubResource, body: IDataObject) => writes.push(addWrite(entity, id, sub, body));
	for (const email of plan.addEmails) add('emails', { ...email });
	for (const phone of plan.addPhones) add('phones', { ...phone });
	// All six keys: v2's add-address call requires them.
	for (const address of plan.addAddresses) add('addresses', itemBody('addresses', address));
	for (const website of plan.addWebsites) add('websites', { ...website });
	for (const tag of plan.addTags) add('tags', { name: tag });
	for (const edit of plan.itemEdits) {
		writes.push({
			kind: 'item',
			method: edit.kind === 'put' ? 'PUT' : 'DELETE',
			path: `${base}${edit.list}/${edit.id}/`,
			body: edit.kind === 'put' ? itemBody(edit.list, edit.after) : {},
			edit,
		});
	}
	const body = buildUpdateBody(plan);
	if (body || plan.reorder.length)
		writes.push({
			kind: 'record',
			method: 'PUT',
			path: base,
			body: (body ?? {}) as IDataObject,
			reorder: plan.reorder,
		});
	return writes;
}

/** The output's `changedFields` a write applies. */
export function fieldsOf(write: Write, plan: UpdatePlan): string[] {
	if (write.kind === 'item') return [write.edit.list];
	if (write.kind === 'record')
		return plan.changedFields.filter(
			(f) =>
				f in plan.scalars ||
				f.startsWith('custom_fields.') ||
				write.reorder.includes(f as (typeof write.reorder)[number]),
		);
	return [write.sub];
}

/**
 * An add (`POST`) or the record's `PUT` as planned. `PUT` and tag POSTs are idempotent; other POSTs
 * are re-sent only when a GET shows them missing.
 */
export async function executeWrite(
	client: ClientifyClient,
	write: Extract<Write, { kind: 'add' | 'record' }>,
): Promise<void> {
	if (write.kind === 'record' || write.sub === 'tags') {
		await client.request(write.method, write.path, { body: write.body, retry: 'all' });
		return;
	}
	const outcome = await guardedPost({
		post: async () =>
			await client.request('POST', write.path, { body: write.body, retry: 'rejectedOnly' }),
		look: async () => {
			const current = await client.listAll<Record<string, unknown>>(write.path);
			return current.results.some((existing) =>
				sameSubItem(write.sub as SubResource, existing, write.body),
			)
				? true
				: undefined;
		},
		maxRetries: client.config.timing.maxRetries,
		wait: async (attempt) => await client.wait(attempt),
	});
	if (outcome.kind === 'failed') throw outcome.error;
}

/** A JSON 404 ("Not found.") on a write to a record: the record no longer exists. */
export function isRecordGone(error: unknown): boolean {
	return (
		error instanceof ClientifyApiError &&
		error.status === 404 &&
		typeof error.clientify.body === 'object' &&
		error.clientify.body !== null
	);
}
