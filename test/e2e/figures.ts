/**
 * What the queue-mode suite (and the overlapping-run e2e test) measures in the Clientify emulator:
 * duplicates by tax ID, creates, merges (deletes) and custom-field creations. (The check that the store
 * holds exactly what the template must leave is `expectExactlyTheExpectedState` in test/e2e/checks.ts.)
 */
import type { Emulators } from '../../harness/n8n/stack';
import type { SyncSummary } from '../../harness/n8n/report';
import type { ClientifyEmulator } from '../../emulators/clientify';
import { byTaxId } from './checks';

export interface ClientifyFigures {
	companies: number;
	contacts: number;
	customFields: number;
	/** Tax IDs held by more than one record at the end. */
	duplicateTaxIds: number;
	/** Records beyond the first for each tax ID at the end. */
	duplicateRecords: number;
	/** Successful `POST /contacts/` and `POST /companies/` since the log was reset. */
	recordsCreated: number;
	/** Creates beyond one per tax ID now in the store (duplicates created, later merged or not). */
	duplicatesCreated: number;
	/** Successful deletes of contacts/companies (the merge removes the newer duplicate). */
	merged: number;
	/** Custom-field definitions with the same entity and name. */
	duplicateCustomFields: number;
	customFieldCreates: number;
	/** `POST /custom-fields/` answered with an error ("already exists" when two runs race). */
	customFieldCreateErrors: number;
}

const ok = (status: number) => status >= 200 && status < 300;

export function clientifyFigures(clientify: ClientifyEmulator): ClientifyFigures {
	const snapshot = clientify.store.snapshot();
	let duplicateTaxIds = 0;
	let duplicateRecords = 0;
	let distinct = 0;
	for (const records of [snapshot.companies, snapshot.contacts]) {
		for (const list of byTaxId(records).values()) {
			distinct++;
			if (list.length > 1) {
				duplicateTaxIds++;
				duplicateRecords += list.length - 1;
			}
		}
	}
	const requests = clientify.log.requests;
	const recordsCreated = requests.filter(
		(r) => r.method === 'POST' && /\/(contacts|companies)\/$/.test(r.path) && ok(r.status),
	).length;
	const merged = requests.filter(
		(r) => r.method === 'DELETE' && /\/(contacts|companies)\/\d+\/$/.test(r.path) && ok(r.status),
	).length;
	const cfPosts = requests.filter((r) => r.method === 'POST' && /\/custom-fields\/$/.test(r.path));
	const definitions = snapshot.customFields.map(
		(f) => `${f.entity} ${f.name.trim().toLowerCase()}`,
	);
	return {
		companies: snapshot.companies.length,
		contacts: snapshot.contacts.length,
		customFields: snapshot.customFields.length,
		duplicateTaxIds,
		duplicateRecords,
		recordsCreated,
		duplicatesCreated: Math.max(0, recordsCreated - distinct),
		merged,
		duplicateCustomFields: definitions.length - new Set(definitions).size,
		customFieldCreates: cfPosts.filter((r) => ok(r.status)).length,
		customFieldCreateErrors: cfPosts.filter((r) => !ok(r.status)).length,
	};
}

/** Records a run reported as failed, with their messages (custom-field creation failures show here). */
export function failedRecords(summary: SyncSummary): string[] {
	return summary.problems
		.filter((p) => p.status === 'failed')
		.map((p) => `${p.entity} ${p.taxId ?? p.sourceId}: ${p.message}`);
}
