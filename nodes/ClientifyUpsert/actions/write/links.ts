/**
 * Contact → company links (issue 20, docs/clientify-upsert.md "Links to companies"): finding the
 * company the ERP names (`CompanyFinder`, once per company and execution) and the link's writes,
 * which the engine sequences after the contact's create (`linkNew`) or before its update's writes
 * (`linkExisting`). The rules are in nodes/shared/clientify/plan/links.ts.
 *
 * - The company is found by the contact's `companyRef.taxId` (the companies' own lookup), else by
 *   `companyRef.code` through the sync state (`c`) of the company the sync wrote: first among the
 *   companies this batch wrote, then in Known Records (no call), else the lookup (its index, or one
 *   search per company and execution; also for a CIF Known Records lacks, e.g. on a first sync
 *   whose index was built before the companies were written).
 * - A missing company never stops the contact: it is synced without a link, with `company_not_found`.
 * - A failing link call never stops the contact either: `company_link_failed`, tried again next run.
 */
import {
	companyLinkOf,
	employeePath,
	planLink,
	readSyncState,
	stateTied,
	taxIdMatchKey,
	type ClientifyRecord,
	type LinkPlan,
	type LinkTarget,
	type SyncState,
} from '../../../shared/clientify';
import {
	knownEntries,
	lookupKnown,
	type KnownEntry,
} from '../../../shared/clientify/plan/fingerprint';
import type { CompanyRef, NormalizationWarning } from '../../../shared/types';
import { settle } from '../../../shared/settle';
import {
	ENTITY_PATH,
	readRecord,
	removeCompanyLink,
} from '../../../shared/clientify/client/guarded';
import type { LinkOutcome, Notes, RecordItem, ResolvedLink, StepContext } from './types';

function describeRef(ref: CompanyRef): string {
	const parts = [
		ref.code ? `code ${ref.code}` : undefined,
		ref.taxId ? `CIF ${ref.taxId}` : undefined,
	];
	return parts.filter(Boolean).join(', ');
}

function notFound(ref: CompanyRef, why: string): ResolvedLink {
	return {
		kind: 'missing',
		warning: {
			code: 'company_not_found',
			message: `The contact's company (${describeRef(ref)}) is not in Clientify${why}: the contact is synced without a link to it`,
		},
	};
}

function ambiguous(ref: CompanyRef, ids: number[]): ResolvedLink {
	return {
		kind: 'missing',
		warning: {
			code: 'company_ambiguous',
			message: `Several Clientify companies match the contact's company (${describeRef(ref)}): ids ${[...ids].sort((a, b) => a - b).join(', ')}; the contact is synced without a link`,
		},
	};
}

/** One execution's company lookups for links (never module-scoped: one per engine). */
export class CompanyFinder {
	private readonly cache = new Map<string, Promise<ResolvedLink>>();

	/** Companies this batch created or updated, by tax ID and by Hispatec code. */
	private readonly written = {
		byTaxId: new Map<string, LinkTarget>(),
		byCode: new Map<string, LinkTarget>(),
	};

	/** Company names read so far (v1 compares links by name), by id. */
	readonly names = new Map<number, string>();

	private byCode?: Map<string, ClientifyRecord[]>;

	private knownCodes?: Map<string, KnownEntry[]>;

	constructor(private readonly ctx: StepContext) {}

	/** A company this batch wrote: found without a call by the contacts that follow. */
	note(taxId: string, code: string | undefined, target: LinkTarget): void {
		this.written.byTaxId.set(taxId, target);
		if (code) this.written.byCode.set(code, target);
		if (target.name) this.names.set(target.id, target.name);
	}

	async resolve(ref: CompanyRef, stateField: string): Promise<ResolvedLink> {
		const own =
			(ref.taxId ? this.written.byTaxId.get(ref.taxId) : undefined) ??
			(ref.code ? this.written.byCode.get(ref.code) : undefined);
		if (own) return { kind: 'found', ...own };
		const key = `${ref.taxId ?? ''}\t${ref.code ?? ''}`;
		let found = this.cache.get(key);
		if (!found) {
			found = this.find(ref, stateField).then(
				(value) => value,
				(error: Error) => notFound(ref, ` (the lookup failed: ${error.message})`),
			);
			this.cache.set(key, found);
		}
		return await found;
	}

	private async find(ref: CompanyRef, stateField: string): Promise<ResolvedLink> {
		const known = this.ctx.options.knownRecords?.company;
		if (known) {
			const fromIndex = this.fromKnown(ref, known);
			// Not in the index (built before this run synced its companies): one search per company.
			if (
				fromIndex.kind === 'found' ||
				!ref.taxId ||
				fromIndex.warning.code !== 'company_not_found'
			)
				return fromIndex;
		}
		if (ref.taxId) {
			const records = await this.ctx.lookup.find('company', ref.taxId);
			const picked = pick(records, ref, (r) => readSyncState(r, stateField)?.c);
			if (picked) return picked;
		}
		if (ref.code) {
			const records = this.indexByCode(stateField)?.get(ref.code);
			if (!this.byCode && !ref.taxId)
				return notFound(ref, ' (without a CIF, a company is found by its code only in an index)');
			const picked = pick(records ?? [], ref, () => ref.code);
			if (picked) return picked;
		}
		return notFound(ref, ' (not synced yet, skipped, or absent from the ERP)');
	}

	/** Known Records (Clientify Index): by CIF, else by the code in the entries (no call). */
	private fromKnown(ref: CompanyRef, known: Map<string, string>): ResolvedLink {
		if (ref.taxId) {
			const hit = lookupKnown(known, taxIdMatchKey(ref.taxId));
			if (hit.kind === 'one') return { kind: 'found', id: hit.id };
			if (hit.kind === 'several') return pick(hit.entries, ref, (e) => e.code) as ResolvedLink;
		}
		if (ref.code) {
			const chosen = pick(this.knownByCode(known).get(ref.code) ?? [], ref, (e) => e.code);
			if (chosen) return chosen;
		}
		return notFound(
			ref,
			' (not in Known Records: not synced yet, skipped, or absent from the ERP)',
		);
	}

	/** Known Records' company entries by their Hispatec code, built once per execution. */
	private knownByCode(known: Map<string, string>): Map<string, KnownEntry[]> {
		if (this.knownCodes) return this.knownCodes;
		this.knownCodes = new Map();
		for (const entry of knownEntries(known))
			if (entry.code)
				this.knownCodes.set(entry.code, [...(this.knownCodes.get(entry.code) ?? []), entry]);
		return this.knownCodes;
	}

	private indexByCode(stateField: string): Map<string, ClientifyRecord[]> | undefined {
		if (this.byCode) return this.byCode;
		const all = this.ctx.lookup.indexed('company');
		if (!all) return undefined;
		this.byCode = new Map();
		for (const record of all) {
			const code = readSyncState(record, stateField)?.c;
			if (code) this.byCode.set(code, [...(this.byCode.get(code) ?? []), record]);
		}
		return this.byCode;
	}
}

/**
 * Companies with the contact's CIF or code (Clientify records or Known Records entries): one → found;
 * several → the one the sync wrote for the code, else ambiguous; none → undefined.
 */
function pick<T extends { id: number; name?: unknown }>(
	records: T[],
	ref: CompanyRef,
	codeOf: (r: T) => string | undefined,
): ResolvedLink | undefined {
	const coded = records.filter((r) => ref.code !== undefined && codeOf(r) === ref.code);
	const list = coded.length ? coded : records;
	if (list.length === 1) {
		const name = typeof list[0].name === 'string' ? list[0].name : undefined;
		return { kind: 'found', id: list[0].id, ...(name ? { name } : {}) };
	}
	return list.length
		? ambiguous(
				ref,
				list.map((r) => r.id),
			)
		: undefined;
}

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
