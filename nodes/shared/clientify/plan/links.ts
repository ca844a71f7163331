/**
 * Contact → company links (issue 20): what a contact as read says about its company, and which
 * writes, if any, make it the company the ERP names. Pure: the calls are in
 * nodes/ClientifyUpsert/actions/write/links.ts.
 *
 * Ownership (the people-safety rule): the sync owns only a link it made itself, recorded as `k` in
 * the contact's sync state (syncState.ts), and only while that state is tied to the record. When the
 * ERP moves a contact to another company, the sync's own link is moved. A link people made to a
 * company the ERP does not name is never removed nor replaced: the contact keeps it, with a warning.
 */
import { foldKey } from '../../normalize/text';
import type { ApiGeneration, ClientifyRecord } from '../types';

/** What a contact as read says about its company. */
export type CompanyLink =
	| { kind: 'none' }
	| { kind: 'id'; id: number }
	/** v1 reads show only the company's name. */
	| { kind: 'name'; name: string };

/**
 * ASSUMED (docs/clientify-upsert.md "Assumed Clientify behaviour", #27): a contact read shows the
 * company it belongs to as `company_id` (and `company_name`) on v2, and as `company`, the company's
 * NAME, on v1; a contact belongs to at most one company at a time. v2's fields come from the official
 * node's catalog and webhook samples; v1's from the documentation's contact fields.
 */
export function companyLinkOf(record: ClientifyRecord, generation: ApiGeneration): CompanyLink {
	if (generation === 'v2') {
		const id = Number(record.company_id);
		return Number.isSafeInteger(id) && id > 0 ? { kind: 'id', id } : { kind: 'none' };
	}
	const name = record.company;
	if (typeof name === 'string' && name.trim()) return { kind: 'name', name: name.trim() };
	if (name && typeof name === 'object' && typeof (name as { id?: unknown }).id === 'number')
		return { kind: 'id', id: (name as { id: number }).id };
	return { kind: 'none' };
}

/**
 * ASSUMED (#28): `PUT /companies/{companyId}/employees/{contactId}/` makes the contact one of the
 * company's employees (its company), and `DELETE` on the same path removes that link only. Both are
 * in the official node's v2 catalog; on v1 the same path under the v1 base is assumed. The node
 * never sets the contact's `company` field: on v1 it takes a company NAME and may create a company.
 */
export function employeePath(companyId: number, contactId: number): string {
	return `/companies/${companyId}/employees/${contactId}/`;
}

/** The company the ERP names for the contact, as found in Clientify. */
export interface LinkTarget {
	id: number;
	/** Its name as Clientify has it, when known (v1 compares links by name). */
	name?: string;
}

export type LinkPlan =
	/** Already linked to the company the ERP names: nothing to write. */
	| { action: 'unchanged'; k?: number }
	/** Not linked to any company: link it. */
	| { action: 'linked'; put: number; k: number }
	/** Linked by the sync to the company the ERP named before: remove that link, add the new one. */
	| { action: 'moved'; remove: number; put: number; k: number }
	/** Linked to another company, not by the sync: people's link stays. */
	| { action: 'kept'; current: CompanyLink; k?: number }
	/** v1: the names of these companies are needed to tell (read them, then plan again). */
	| { action: 'verify'; companyIds: number[] };

interface LinkInput {
	current: CompanyLink;
	/** The sync's own link (`k` of a sync state tied to this contact), if any. */
	k?: number;
	target: LinkTarget;
	/** Company names read so far (v1), by id. */
	names?: ReadonlyMap<number, string>;
	/** The names asked for were read (or could not be): no second `verify`. */
	verified?: boolean;
}

function sameName(a: string | undefined, b: string | undefined): boolean {
	return a !== undefined && b !== undefined && foldKey(a) === foldKey(b);
}

/** Which writes make the contact's link the one the ERP names, under the ownership rule above. */
export function planLink(input: LinkInput): LinkPlan {
	const { current, k, target } = input;
	if (current.kind === 'none') return { action: 'linked', put: target.id, k: target.id };
	const move = (): LinkPlan => ({
		action: 'moved',
		remove: k as number,
		put: target.id,
		k: target.id,
	});
	if (current.kind === 'id') {
		if (current.id === target.id) return { action: 'unchanged', k };
		return k !== undefined && current.id === k ? move() : { action: 'kept', current, k };
	}
	// v1: only the name of the current company is known.
	const nameOf = (id: number) =>
		id === target.id ? (target.name ?? input.names?.get(id)) : input.names?.get(id);
	const targetName = nameOf(target.id);
	if (sameName(current.name, targetName)) return { action: 'unchanged', k };
	if (targetName === undefined && k === target.id) return { action: 'unchanged', k };
	const missing: number[] = [];
	if (targetName === undefined) missing.push(target.id);
	if (k !== undefined && k !== target.id && nameOf(k) === undefined) missing.push(k);
	if (missing.length && !input.verified) return { action: 'verify', companyIds: missing };
	if (k !== undefined && k !== target.id && sameName(current.name, nameOf(k))) return move();
	return { action: 'kept', current, k };
}
