/**
 * Contact → company links (issue 20, docs/clientify-upsert.md "Links to companies"): the link's
 * writes, which item.ts sequences after the contact's create (`linkNew`) or before its update's
 * writes (`linkExisting`), for the company found by companies.ts. The rules are in
 * nodes/shared/clientify/plan/links.ts; undoing the sync's own link goes through the guarded path
 * (client/guarded.ts `removeCompanyLink`). A failing link call never stops the contact:
 * `company_link_failed`, tried again next run.
 */
import {
	companyLinkOf,
	employeePath,
	planLink,
	type LinkPlan,
	type LinkTarget,
} from '../../../shared/clientify/plan/links';
import { stateTied } from '../../../shared/clientify/plan/guard';
import type { ClientifyRecord } from '../../../shared/clientify/types';
import type { SyncState } from '../../../shared/clientify/syncState';
import type { NormalizationWarning } from '../../../shared/types';
import { settle } from '../../../shared/settle';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import { readRecord, removeCompanyLink } from '../../../shared/clientify/client/guarded';
import type { CompanyFinder } from './companies';
import type { LinkOutcome, Notes, RecordItem, StepContext } from './types';

/** The link plan for a contact as read, reading the company names v1 needs (once per execution). */
async function planContactLink(
	ctx: StepContext,
	finder: CompanyFinder,
	contact: ClientifyRecord,
	target: LinkTarget,
	k: number | undefined,
): Promise<Exclude<LinkPlan, { action: 'verify' }>> {
	const input = {
		current: companyLinkOf(contact, ctx.client.generation),
		k,
		target,
		names: finder.names,
	};
	const plan = planLink(input);
	if (plan.action !== 'verify') return plan;
	for (const id of plan.companyIds) {
		const read = await settle(
			ctx.client.request<ClientifyRecord>('GET', `${ENTITY_PATH.company}${id}/`, { retry: 'all' }),
		);
		if (read.ok && typeof read.value?.name === 'string') finder.names.set(id, read.value.name);
	}
	return planLink({ ...input, verified: true }) as Exclude<LinkPlan, { action: 'verify' }>;
}

function linkWarning(code: string, message: string): NormalizationWarning {
	return { code, message };
}

/** The new contact's link to its company (plan/links.ts: a new contact has none yet). */
export async function linkNew(
	ctx: StepContext,
	finder: CompanyFinder,
	item: RecordItem,
	id: number,
	notes: Notes,
): Promise<void> {
	const link = item.link;
	const plan =
		link?.kind === 'found' ? planLink({ current: { kind: 'none' }, target: link }) : undefined;
	await applyLink(
		ctx,
		finder,
		item,
		id,
		plan?.action === 'verify' ? undefined : plan,
		undefined,
		notes,
	);
}

/**
 * The existing contact's link, before its update's writes (the record's PUT, last, then carries the
 * state's new `k`). Only a state tied to the contact says which link the sync made. Returns that `k`.
 */
export async function linkExisting(
	ctx: StepContext,
	finder: CompanyFinder,
	item: RecordItem,
	existing: ClientifyRecord,
	stored: SyncState | undefined,
	notes: Notes,
): Promise<number | undefined> {
	const trusted = stored && stateTied(existing, stored) ? stored.k : undefined;
	const plan =
		item.link?.kind === 'found'
			? await planContactLink(ctx, finder, existing, item.link, trusted)
			: undefined;
	return await applyLink(ctx, finder, item, existing.id, plan, trusted, notes);
}

/**
 * Applies the link plan of `item` to the contact `contactId` (after its create, or before its
 * update's last write) and notes the outcome. Returns the `k` the contact's sync state holds
 * afterwards. Never throws for the link: a failure is a warning.
 */
export async function applyLink(
	ctx: StepContext,
	finder: CompanyFinder,
	item: RecordItem,
	contactId: number,
	plan: Exclude<LinkPlan, { action: 'verify' }> | undefined,
	k: number | undefined,
	notes: Notes,
	/** The plan comes from a copy read just now (a move is planned again on one). */
	fresh = false,
): Promise<number | undefined> {
	const link = item.link;
	if (!link) return k;
	const note = (outcome: LinkOutcome) => {
		notes.link = outcome;
	};
	if (link.kind === 'missing') {
		notes.warnings.push(link.warning);
		note({ companyId: null, action: 'not_found' });
		return k;
	}
	if (!plan) return k;
	if (plan.action === 'unchanged') {
		note({ companyId: link.id, action: 'unchanged' });
		return plan.k;
	}
	if (plan.action === 'kept') {
		const current =
			plan.current.kind === 'id'
				? `company id ${plan.current.id}`
				: `"${plan.current.kind === 'name' ? plan.current.name : ''}"`;
		notes.warnings.push(
			linkWarning(
				'company_link_kept',
				`The contact is linked to another company in Clientify (${current}), a link the sync did not make; the ERP names company id ${link.id}: the link people made stays, the contact is not linked to id ${link.id}`,
			),
		);
		note({ companyId: link.id, action: 'kept' });
		return plan.k;
	}
	if (plan.action === 'moved' && !ctx.options.dryRun && !fresh) {
		// The guarded path: the contact read again right before the sync's own link is undone, so a
		// company a person set since the lookup stays.
		const read = await settle(readRecord(ctx.client, 'contact', contactId));
		const again =
			read.ok && read.value ? await planContactLink(ctx, finder, read.value, link, k) : undefined;
		if (!again) {
			const why = read.ok ? 'it is gone' : (read.error as Error).message;
			notes.warnings.push(
				linkWarning(
					'company_link_failed',
					`Moving the contact to company id ${link.id} failed: it could not be read again (${why}); the link is tried again on the next run`,
				),
			);
			note({ companyId: link.id, action: 'failed' });
			return k;
		}
		return await applyLink(ctx, finder, item, contactId, again, k, notes, true);
	}
	const writes: Array<{ method: 'PUT' | 'DELETE'; path: string }> = [];
	if (plan.action === 'moved')
		writes.push({ method: 'DELETE', path: employeePath(plan.remove, contactId) });
	writes.push({ method: 'PUT', path: employeePath(plan.put, contactId) });
	if (ctx.options.dryRun) {
		notes.plannedRequests?.push(...writes.map((w) => ({ ...w, body: {} })));
		note({ companyId: link.id, action: plan.action });
		return plan.k;
	}
	let removed = false;
	const outcome = await settle(
		(async () => {
			if (plan.action === 'moved') {
				await removeCompanyLink(ctx.client, plan.remove, contactId);
				removed = true;
			}
			await ctx.client.request('PUT', employeePath(plan.put, contactId), {
				body: {},
				retry: 'all',
			});
		})(),
	);
	if (outcome.ok) {
		note({ companyId: link.id, action: plan.action });
		return plan.k;
	}
	notes.warnings.push(
		linkWarning(
			'company_link_failed',
			`Linking the contact to company id ${link.id} failed (${(outcome.error as Error).message}); the contact itself is synced, and the link is tried again on the next run`,
		),
	);
	note({ companyId: link.id, action: 'failed' });
	return removed ? undefined : k;
}
