/**
 * Reads the template's run (its "Sync summary" item) and the emulators' logs, and prints the report
 * `npm run demo` shows.
 */
import type { ClientifyEmulator } from '../../emulators/clientify';
import type { HispatecEmulator } from '../../emulators/hispatec';
import { nodeItems, type RunOutput } from './instance';

/** Node names in workflows/hispatec-to-clientify.json that the scripts read. */
export const TEMPLATE_NODES = {
	readCompanies: 'Hispatec: read companies',
	upsertCompanies: 'Clientify: upsert companies',
	companiesDone: 'Companies done',
	readContacts: 'Hispatec: read contacts',
	upsertContacts: 'Clientify: upsert contacts',
	contactsDone: 'Contacts done',
	allDone: 'All done',
	summary: 'Sync summary',
} as const;

export const ACTIONS = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type Action = (typeof ACTIONS)[number];

export interface EntityCounts {
	read: number;
	created: number;
	updated: number;
	unchanged: number;
	skipped: number;
	failed: number;
}

export interface Problem {
	entity: 'companies' | 'contacts';
	/** `not_linked`: a contact left without its company (issue 20: reason `company_not_found`, …). */
	status: 'skipped' | 'failed' | 'not_linked';
	taxId: string | null;
	sourceId: string | null;
	reason: string;
	message: string;
}

/** The item the template's "Sync summary" Code node emits. */
export interface SyncSummary {
	companies: EntityCounts;
	contacts: EntityCounts;
	actions: Record<Action, number>;
	skippedByReason: Record<string, number>;
	problems: Problem[];
	/** Contacts' `link.action` values (issue 20). */
	links?: Record<string, number>;
	/** Records that left the ERP: the check and the marks (issue 20). */
	removals?: {
		checked: boolean;
		reason: string | null;
		removed: number;
		marked: number;
		alreadyMarked: number;
		returned: number;
		notMarked: Record<string, number>;
		failed: number;
	};
}

export function summaryOf(run: RunOutput): SyncSummary {
	const items = nodeItems(run, TEMPLATE_NODES.summary);
	if (items.length !== 1) {
		const error = run.data.resultData.error?.message;
		throw new Error(
			`The template's "${TEMPLATE_NODES.summary}" node emitted ${items.length} items (expected 1)${error ? `: ${error}` : ''}; ` +
				`nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	}
	return items[0] as unknown as SyncSummary;
}

export interface ApiCalls {
	hispatec: { total: number; byOperation: Record<string, number> };
	clientify: { total: number; reads: number; writes: number; byRoute: Record<string, number> };
}

/** Calls the emulators saw since their last reset. */
export function apiCalls(hispatec: HispatecEmulator, clientify: ClientifyEmulator): ApiCalls {
	const byRoute: Record<string, number> = {};
	for (const line of clientify.log.lines()) {
		// "GET /v1/contacts/12/tags/?x=y" → "GET /contacts/:id/tags/"
		const [method, rawPath] = line.split(' ');
		const route = rawPath
			.split('?')[0]
			.replace(/^\/v\d+/, '')
			.replace(/\/\d+\//g, '/:id/');
		const key = `${method} ${route}`;
		byRoute[key] = (byRoute[key] ?? 0) + 1;
	}
	const byOperation = { ...hispatec.stats.calls };
	return {
		hispatec: { total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation },
		clientify: {
			total: clientify.log.requests.length,
			reads: clientify.log.reads,
			writes: clientify.log.writes,
			byRoute,
		},
	};
}

function pad(text: string | number, width: number, right = false): string {
	const s = String(text);
	return right ? s.padStart(width) : s.padEnd(width);
}

/** The removal tag of *When a Record Leaves the ERP* (Tag It) the templates use. */
export const REMOVAL_TAG = 'hispatec-baja';

/** The Hispatec codes of the Clientify records that carry the removal tag, sorted. */
export function taggedRemoved(clientify: ClientifyEmulator): string[] {
	const snapshot = clientify.store.snapshot();
	return [...snapshot.companies, ...snapshot.contacts]
		.filter((r) => r.tags.includes(REMOVAL_TAG))
		.map((r) => String(r.custom_fields.find((f) => f.field === 'hispatec_Codigo')?.value))
		.sort();
}

export function formatReport(
	title: string,
	summary: SyncSummary,
	calls: ApiCalls,
	seconds: number,
): string {
	const lines: string[] = [];
	lines.push('');
	lines.push(`── ${title} ${'─'.repeat(Math.max(4, 72 - title.length))}`);
	const head = ['read', 'created', 'updated', 'unchanged', 'skipped', 'failed'];
	lines.push(`  ${pad('', 11)}${head.map((h) => pad(h, 10, true)).join('')}`);
	for (const [label, counts] of [
		['Companies', summary.companies],
		['Contacts', summary.contacts],
	] as const) {
		lines.push(
			`  ${pad(label, 11)}${head.map((h) => pad(counts[h as keyof EntityCounts], 10, true)).join('')}`,
		);
	}
	const reasons = Object.entries(summary.skippedByReason)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([reason, n]) => `${reason} ${n}`);
	lines.push(`  Skipped by reason: ${reasons.length ? reasons.join(', ') : 'none'}`);
	if (summary.problems.length) {
		lines.push('  Skipped, failed or unlinked records:');
		for (const p of summary.problems) {
			const who = `${p.entity === 'companies' ? 'company' : 'contact'} ${p.sourceId ?? '?'}`;
			lines.push(
				`    ${pad(who, 16)} ${pad(p.taxId ?? '(no tax ID)', 14)} ${pad(p.status, 8)} ${p.reason}: ${p.message}`,
			);
		}
	}
	if (summary.links) {
		const links = Object.entries(summary.links)
			.filter(([, n]) => n > 0)
			.map(([action, n]) => `${action.replace('_', ' ')} ${n}`);
		lines.push(
			`  Contacts linked to their company: ${links.length ? links.join(', ') : 'none named'}`,
		);
	}
	if (summary.removals) {
		const r = summary.removals;
		const notMarked = Object.entries(r.notMarked).map(([reason, n]) => `${reason} ${n}`);
		lines.push(
			r.checked
				? `  Left the ERP: ${r.removed} deleted in Hispatec; tagged ${REMOVAL_TAG}: ${r.marked} now (deleted or inactive), ` +
						`${r.alreadyMarked} already; ${r.returned} came back (tag removed)` +
						(notMarked.length ? `; not marked: ${notMarked.join(', ')}` : '') +
						(r.failed ? `; ${r.failed} failed` : '')
				: `  Left the ERP: not checked, nothing marked (${r.reason ?? 'an ERP read was incomplete'})`,
		);
	}
	const ops = Object.entries(calls.hispatec.byOperation)
		.map(([op, n]) => `${op} ${n}`)
		.join(', ');
	lines.push(`  Hispatec SOAP calls: ${calls.hispatec.total} (${ops || 'none'})`);
	lines.push(
		`  Clientify API calls: ${calls.clientify.total} (${calls.clientify.reads} reads, ${calls.clientify.writes} writes)`,
	);
	const writes = Object.entries(calls.clientify.byRoute)
		.filter(([route]) => !route.startsWith('GET '))
		.sort((a, b) => b[1] - a[1])
		.map(([route, n]) => `${route} ×${n}`);
	if (writes.length) lines.push(`    writes: ${writes.join(', ')}`);
	lines.push(`  Time: ${seconds.toFixed(1)} s (the whole \`n8n execute\`, n8n start-up included)`);
	return lines.join('\n');
}
