/**
 * The company a contact's ERP record names (`companyRef`), found once per company and execution for
 * its link (links.ts; docs/clientify-upsert.md "Links to companies"):
 * - by the contact's `companyRef.taxId` (the companies' own lookup), else by `companyRef.code`
 *   through the sync state (`c`) of the company the sync wrote: first among the companies this batch
 *   wrote, then in Known Records (no call), else the lookup (its index, or one search per company and
 *   execution; also for a CIF Known Records lacks, e.g. on a first sync whose index was built before
 *   the companies were written).
 * - A missing company never stops the contact: it is synced without a link, with `company_not_found`.
 */
import { readSyncState } from '../../../shared/clientify/syncState';
import { taxIdMatchKey } from '../../../shared/clientify/plan/match';
import type { ClientifyRecord } from '../../../shared/clientify/types';
import type { LinkTarget } from '../../../shared/clientify/plan/links';
import {
	knownEntries,
	lookupKnown,
	type KnownEntry,
} from '../../../shared/clientify/plan/fingerprint';
import type { CompanyRef } from '../../../shared/types';
import type { ResolvedLink, StepContext } from './types';

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
