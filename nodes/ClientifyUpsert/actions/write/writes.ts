/**
 * The writes of an update plan, in Clientify's endpoints: the PUT of the record (scalars, custom
 * fields, replaced lists) and one POST per added e-mail, phone, address, web site or tag; and the
 * DELETE of a merged-away duplicate.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	buildUpdateBody,
	sameSubItem,
	type Entity,
	type SubResource,
	type UpdatePlan,
} from '../../../shared/clientify';
import { ClientifyApiError, type ClientifyClient } from '../../transport';
import type { Write } from './context';
import { guardedPost } from './guardedPost';
import { ENTITY_PATH } from './lookup';
import { settle } from '../../../shared/settle';

export function planWrites(entity: Entity, id: number, plan: UpdatePlan): Write[] {
	const base = `${ENTITY_PATH[entity]}${id}/`;
	const writes: Write[] = [];
	const body = buildUpdateBody(plan);
	if (body) writes.push({ method: 'PUT', path: base, body: body as IDataObject });
	for (const email of plan.addEmails)
		writes.push({ method: 'POST', path: `${base}emails/`, body: { ...email }, sub: 'emails' });
	for (const phone of plan.addPhones)
		writes.push({ method: 'POST', path: `${base}phones/`, body: { ...phone }, sub: 'phones' });
	for (const address of plan.addAddresses) {
		// All six keys: v2's add-address call requires them.
		const full: IDataObject = {
			street: '',
			city: '',
			state: '',
			country: '',
			postal_code: '',
			...address,
		};
		writes.push({ method: 'POST', path: `${base}addresses/`, body: full, sub: 'addresses' });
	}
	for (const website of plan.addWebsites)
		writes.push({
			method: 'POST',
			path: `${base}websites/`,
			body: { ...website },
			sub: 'websites',
		});
	for (const tag of plan.addTags)
		writes.push({ method: 'POST', path: `${base}tags/`, body: { name: tag }, sub: 'tags' });
	return writes;
}

/** The output's `changedFields` a write applies. */
export function fieldsOf(write: Write, plan: UpdatePlan): string[] {
	if (write.method === 'PUT') {
		const lists = [
			plan.replaceEmails && 'emails',
			plan.replacePhones && 'phones',
			plan.replaceAddresses && 'addresses',
		];
		return plan.changedFields.filter(
			(f) => f in plan.scalars || f.startsWith('custom_fields.') || lists.includes(f),
		);
	}
	return write.sub ? [write.sub] : [];
}

/** PUT and tag POSTs are idempotent; other POSTs are re-sent only when a GET shows them missing. */
export async function executeWrite(client: ClientifyClient, write: Write): Promise<void> {
	if (write.method === 'PUT' || write.sub === 'tags') {
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

/**
 * `DELETE /contacts/{id}/` (confirmed endpoint). Retried like a PUT; 404 means already gone
 * (a lost answer, or another run merged it).
 */
export async function deleteRecord(
	client: ClientifyClient,
	entity: Entity,
	id: number,
): Promise<void> {
	const outcome = await settle(
		client.request('DELETE', `${ENTITY_PATH[entity]}${id}/`, { retry: 'all' }),
	);
	if (!outcome.ok && !(outcome.error instanceof ClientifyApiError && outcome.error.status === 404))
		throw outcome.error;
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
