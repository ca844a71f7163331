/**
 * Checks shared by the suites that run the templates in real n8n (test/e2e, test/queue): what the
 * Clientify emulator must hold after a run on the seed data, the summary counts of the standard runs,
 * the three-record change and its check, and small lookups in the store.
 */
import * as fs from 'fs';
import type { INodeType } from 'n8n-workflow';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/n8n/config';
import {
	taggedRemoved as taggedRemovedIn,
	TEMPLATE_NODES,
	type SyncSummary,
} from '../../harness/n8n/report';
import type { Emulators } from '../../harness/n8n/stack';
import { normalizeRecord } from '../../nodes/shared/normalize/record';
import { parseTaxId } from '../../nodes/shared/normalize/taxId';
import type { RawRecord, RecordType } from '../../nodes/shared/types';
import type { ClientifyEmulator, StoredRecord } from '../../emulators/clientify';
import { dni, type EmulatorRecord } from '../../emulators/hispatec/dataset';
import {
	COMPANIES,
	CONTACT_CUSTOM_FIELDS,
	CONTACTS,
	COUNTS,
	CUSTOM_FIELD_DEFINITIONS,
	SKIPPED,
	view,
} from './expected';

export { waitFor } from '../../harness/n8n/cli';

/** Skip reasons of the seed data, both entities together. */
export const EXPECTED_SKIPS = {
	foreign_tax_id: 2,
	invalid_tax_id: 2,
	missing_name: 1,
	missing_tax_id: 2,
};
export const NOTHING = { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };

/** The summary counts of a first run into an empty Clientify. */
export const FIRST_RUN = {
	companies: { read: 42, created: 39, updated: 0, unchanged: 0, skipped: 3, failed: 0 },
	contacts: { read: 72, created: 68, updated: 0, unchanged: 0, skipped: 4, failed: 0 },
	skippedByReason: EXPECTED_SKIPS,
};
/** The summary counts of a run on data Clientify already holds. */
export const SAME_DATA_RUN = {
	companies: { read: 42, created: 0, updated: 0, unchanged: 39, skipped: 3, failed: 0 },
	contacts: { read: 72, created: 0, updated: 0, unchanged: 68, skipped: 4, failed: 0 },
	skippedByReason: EXPECTED_SKIPS,
};
/** The summary counts of the run after {@link changeThreeRecords}. */
export const THREE_CHANGED_RUN = {
	companies: { read: 42, created: 0, updated: 1, unchanged: 38, skipped: 3, failed: 0 },
	contacts: { read: 72, created: 0, updated: 2, unchanged: 66, skipped: 4, failed: 0 },
	skippedByReason: EXPECTED_SKIPS,
};

export function counts(summary: SyncSummary): Record<string, unknown> {
	return {
		companies: summary.companies,
		contacts: summary.contacts,
		skippedByReason: summary.skippedByReason,
	};
}

function plain(value: EmulatorRecord[string]): string | null {
	return value !== null && typeof value === 'object' ? value.$xml : value;
}

/** Tax IDs the normalization core accepts for a type, from the emulator's current records. */
export function expectedTaxIds(emulators: Emulators, type: RecordType): string[] {
	const ids: string[] = [];
	for (const record of emulators.hispatec.dataset.list(type)) {
		const raw: RawRecord = {};
		for (const [key, value] of Object.entries(record)) raw[key] = plain(value);
		// CDATA and character references are decoded by the SOAP reader before normalization
		for (const [key, value] of Object.entries(raw)) {
			if (typeof value === 'string' && value.startsWith('<![CDATA[')) raw[key] = value.slice(9, -3);
			else if (
				typeof value === 'string' &&
				/&#?\w+;/.test(value) &&
				typeof record[key] === 'object'
			) {
				raw[key] = value
					.replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
					.replace(/&#x26;/g, '&');
			}
		}
		const result = normalizeRecord(raw, type);
		if (result.ok) ids.push(result.record.taxId);
	}
	return ids.sort();
}

export function byTaxId(records: StoredRecord[]): Map<string, StoredRecord[]> {
	const map = new Map<string, StoredRecord[]>();
	for (const r of records) {
		const key = String(r.taxpayer_identification_number ?? '');
		map.set(key, [...(map.get(key) ?? []), r]);
	}
	return map;
}

/** The one Clientify record that carries a Hispatec code. */
export function byCode(records: StoredRecord[], code: string): StoredRecord {
	const found = records.filter((r) =>
		r.custom_fields.some((f) => f.field === 'hispatec_Codigo' && f.value === code),
	);
	if (found.length !== 1)
		throw new Error(
			`expected one Clientify record with hispatec_Codigo ${code}, found ${found.length}`,
		);
	return found[0];
}

/** "contacts 12" for each write since the log was reset, by record. */
export function writtenRecords(clientify: ClientifyEmulator): string[] {
	return clientify.log
		.lines()
		.filter((line) => !line.startsWith('GET '))
		.map(
			(line) =>
				/^\w+ \/v\d+\/(contacts|companies)\/(\d+)\//.exec(line)?.slice(1, 3).join(' ') ?? line,
		);
}

/**
 * Clientify holds exactly the template's result on the seed data: every valid record once (by tax ID),
 * tagged `hispatec`, each custom-field definition once, the hand-checked records field by field.
 */
export function expectExactlyTheExpectedState(emulators: Emulators): void {
	const snapshot = emulators.clientify.store.snapshot();
	expect({
		companies: snapshot.companies.length,
		contacts: snapshot.contacts.length,
		customFields: snapshot.customFields.length,
	}).toEqual(COUNTS);
	expect(snapshot.customFields.map((f) => `${f.entity} ${f.name}`).sort()).toEqual(
		CUSTOM_FIELD_DEFINITIONS,
	);
	expect(snapshot.companies.map((r) => r.taxpayer_identification_number).sort()).toEqual(
		expectedTaxIds(emulators, 'company'),
	);
	expect(snapshot.contacts.map((r) => r.taxpayer_identification_number).sort()).toEqual(
		expectedTaxIds(emulators, 'contact'),
	);
	for (const records of [snapshot.companies, snapshot.contacts]) {
		expect(
			records
				.filter((r) => r.tags.join(',') !== 'hispatec')
				.map((r) => r.taxpayer_identification_number),
		).toEqual([]);
	}
	const companies = byTaxId(snapshot.companies);
	for (const [taxId, expected] of Object.entries(COMPANIES)) {
		expect({ taxId, ...view(companies.get(taxId)?.[0] as StoredRecord) }).toMatchObject({
			taxId,
			...expected,
		});
	}
	const contacts = byTaxId(snapshot.contacts);
	for (const [taxId, expected] of Object.entries(CONTACTS)) {
		expect({ taxId, ...view(contacts.get(taxId)?.[0] as StoredRecord) }).toMatchObject({
			taxId,
			...expected,
		});
	}
	for (const [taxId, fields] of Object.entries(CONTACT_CUSTOM_FIELDS)) {
		expect(view(contacts.get(taxId)?.[0] as StoredRecord).customFields).toMatchObject(fields);
	}
}

export interface ThreeChanges {
	before: ReturnType<ClientifyEmulator['store']['snapshot']>;
	/** Clientify ids of the changed records, by Hispatec code. */
	targets: { C00001: number; C00002: number; E00003: number };
}

/** Changes two contacts (e-mail, a custom field) and a company (phone) in Hispatec; resets the Clientify log. */
export function changeThreeRecords(emulators: Emulators): ThreeChanges {
	const { hispatec, clientify } = emulators;
	hispatec.dataset.update('contact', 'C00001', { Email: 'nuevo.correo@example.es' });
	hispatec.dataset.update('contact', 'C00002', { Cultivo: 'Pistacho' });
	hispatec.dataset.update('company', 'E00003', { Telefono: '950000111' });
	const before = clientify.store.snapshot();
	const targets = {
		C00001: byCode(before.contacts, 'C00001').id,
		C00002: byCode(before.contacts, 'C00002').id,
		E00003: byCode(before.companies, 'E00003').id,
	};
	clientify.log.reset();
	return { before, targets };
}

/** After the run that follows {@link changeThreeRecords}: every write went to the three records, with the changes; the rest is byte-for-byte the same. */
export function expectOnlyTheThreeChanged(
	emulators: Emulators,
	{ before, targets }: ThreeChanges,
): void {
	const written = writtenRecords(emulators.clientify);
	expect(written.length).toBeGreaterThan(0);
	expect([...new Set(written)].sort()).toEqual(
		[
			`contacts ${targets.C00001}`,
			`contacts ${targets.C00002}`,
			`companies ${targets.E00003}`,
		].sort(),
	);
	const after = emulators.clientify.store.snapshot();
	expect(byCode(after.contacts, 'C00001').emails.map((e) => e.email)).toContain(
		'nuevo.correo@example.es',
	);
	expect(view(byCode(after.contacts, 'C00002')).customFields).toMatchObject({
		hispatec_Cultivo: 'Pistacho',
	});
	expect(byCode(after.companies, 'E00003').phones.map((p) => p.phone)).toContain('+34950000111');
	const untouched = (s: typeof before) =>
		JSON.stringify([
			...s.contacts.filter((r) => r.id !== targets.C00001 && r.id !== targets.C00002),
			...s.companies.filter((r) => r.id !== targets.E00003),
		]);
	expect(untouched(after)).toBe(untouched(before));
}

/** The one-workflow template's nodes in execution order; with no company, the company branch ends at its Hispatec node. */
export function templateExecutionOrder(withCompanies: boolean): string[] {
	const N = TEMPLATE_NODES;
	const companies = withCompanies
		? [N.readCompanies, N.upsertCompanies, N.companiesDone]
		: [N.readCompanies];
	return [
		'Run manually',
		...companies,
		N.readContacts,
		N.upsertContacts,
		N.contactsDone,
		N.allDone,
		'Clientify: find removed records',
		'Removals done',
		N.summary,
		'Any step failed?',
	];
}

export interface TriggerChange {
	/** Tax ID of C00004, whose e-mail changed. */
	changedTaxId: string;
	/** Tax ID of the contact added. */
	newTaxId: string;
}

/** For the Trigger tests: changes C00004's e-mail and adds one valid contact (code, DNI number, name as given). */
export function changeOneAndAddOne(
	emulators: Emulators,
	email: string,
	added: {
		code: string;
		dniNumber: number;
		name: string;
		surnames: string;
		email: string;
		phone: string;
		town: string;
		postalCode: string;
	},
): TriggerChange {
	const { hispatec } = emulators;
	const changedTaxId = String(
		hispatec.dataset.get('contact', 'C00004')?.IdentificacionFiscalCliente,
	);
	hispatec.dataset.update('contact', 'C00004', { Email: email });
	const newTaxId = dni(added.dniNumber);
	hispatec.dataset.add('contact', {
		Codigo: added.code,
		Nombre: added.name,
		Apellidos: added.surnames,
		IdentificacionFiscalCliente: newTaxId,
		Email: added.email,
		Telefono: added.phone,
		Poblacion: added.town,
		Provincia: 'Almería',
		CodigoPostal: added.postalCode,
		Pais: 'España',
	});
	return { changedTaxId, newTaxId };
}

/** The summary counts of the run inside {@link withNoCompanies}. */
export const NO_COMPANY_RUN = {
	companies: NOTHING,
	contacts: { read: 72, created: 0, updated: 1, unchanged: 67, skipped: 4, failed: 0 },
	skippedByReason: { foreign_tax_id: 1, invalid_tax_id: 1, missing_name: 1, missing_tax_id: 1 },
};

/**
 * Runs `run` with no company in Hispatec and C00003's phone changed (logs reset), then checks that the only
 * record written is C00003, with the new phone, and that the companies in Clientify were left alone.
 * The companies are put back in Hispatec whatever happens.
 */
export async function withNoCompanies<T>(emulators: Emulators, run: () => Promise<T>): Promise<T> {
	const { hispatec, clientify } = emulators;
	const companies = hispatec.dataset.list('company');
	hispatec.dataset.replace('company', []);
	try {
		hispatec.dataset.update('contact', 'C00003', { Telefono: '950000333' });
		const before = clientify.store.snapshot();
		const target = byCode(before.contacts, 'C00003').id;
		hispatec.stats.reset();
		clientify.log.reset();
		const result = await run();
		expect([...new Set(writtenRecords(clientify))]).toEqual([`contacts ${target}`]);
		const after = clientify.store.snapshot();
		expect(byCode(after.contacts, 'C00003').phones.map((p) => p.phone)).toContain('+34950000333');
		expect(JSON.stringify(after.companies)).toBe(JSON.stringify(before.companies));
		return result;
	} finally {
		hispatec.dataset.replace('company', companies);
	}
}

/** The summary lists exactly the seed data's skipped records of these entities, in order. */
export function expectSkippedProblems(
	summary: SyncSummary,
	entities: Array<'companies' | 'contacts'> = ['companies', 'contacts'],
): void {
	// contacts left without their company are problems too (issue 20): expectLinkSummary checks them
	expect(
		summary.problems
			.filter((p) => p.status !== 'not_linked')
			.map((p) => ({
				entity: p.entity,
				sourceId: p.sourceId,
				reason: p.reason,
				taxId: p.taxId,
			})),
	).toEqual(entities.flatMap((entity) => SKIPPED[entity].map((s) => ({ entity, ...s }))));
}

/**
 * After two overlapping runs: no tax ID twice, no custom-field definition twice, no record failed, and
 * Clientify holds exactly the expected state.
 */
export function expectTwoRunsConverged(
	emulators: Emulators,
	figures: { duplicateTaxIds: number; duplicateRecords: number; duplicateCustomFields: number },
	failed: string[],
): void {
	expect({
		duplicateTaxIds: figures.duplicateTaxIds,
		duplicateRecords: figures.duplicateRecords,
	}).toEqual({ duplicateTaxIds: 0, duplicateRecords: 0 });
	expect(figures.duplicateCustomFields).toBe(0);
	expect(failed).toEqual([]);
	expectExactlyTheExpectedState(emulators);
}

/**
 * The package's node types as `<package>.<name> v<version>`: each node class package.json lists (its
 * TypeScript source), instantiated, as n8n reads it.
 */
export function declaredNodeTypes(): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n: { nodes: string[] };
	};
	return pkg.n8n.nodes.flatMap((file) => {
		const source = path.join(REPO_ROOT, file.replace(/^dist\//, '').replace(/\.js$/, ''));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as Record<string, new () => INodeType>;
		return Object.values(exported).flatMap((NodeClass) => {
			const { name, version } = new NodeClass().description;
			return (Array.isArray(version) ? version : [version]).map((v) => `${pkg.name}.${name} v${v}`);
		});
	});
}

/** Every connection of a workflow starts and ends at a node it has. */
export function expectConnectionsJoinNodes(workflow: {
	nodes: Array<{ name: string }>;
	connections: unknown;
}): void {
	const names = new Set(workflow.nodes.map((n) => n.name));
	const connections = workflow.connections as Record<
		string,
		{ main: Array<Array<{ node: string }>> }
	>;
	for (const [from, value] of Object.entries(connections)) {
		expect(names.has(from)).toBe(true);
		for (const output of value.main)
			for (const c of output)
				expect({ from, to: c.node, exists: names.has(c.node) }).toEqual({
					from,
					to: c.node,
					exists: true,
				});
	}
}

/**
 * Every contact in Clientify is linked to the company its ERP record names (issue 20), worked out
 * from the Hispatec emulator's records and the Clientify store, not from the node's code: the Clientify
 * company carrying the reference's Hispatec code, else the one with its CIF (when the CIF is valid);
 * no such company (missing from the ERP, skipped, no reference): no link. Returns what the summary's
 * `links` must count on a first run: `linked` (contacts with a company) and `not_found` (contacts
 * whose reference names no company in Clientify).
 */
export function expectContactsLinkedToTheirCompanies(emulators: Emulators): {
	linked: number;
	not_found: number;
} {
	const snapshot = emulators.clientify.store.snapshot();
	const codeOf = (r: StoredRecord) =>
		r.custom_fields.find((f) => f.field === 'hispatec_Codigo')?.value ?? null;
	const companyByCode = new Map(snapshot.companies.map((c) => [codeOf(c), c.id]));
	const companyByTaxId = new Map(
		snapshot.companies.map((c) => [c.taxpayer_identification_number, c.id]),
	);
	const erp = new Map(emulators.hispatec.dataset.list('contact').map((r) => [r.Codigo, r]));
	const expected: Record<string, number | null> = {};
	const actual: Record<string, number | null> = {};
	const outcome = { linked: 0, not_found: 0 };
	for (const contact of snapshot.contacts) {
		const code = String(codeOf(contact));
		const record = erp.get(code);
		const ref = {
			code: plain(record?.CodigoEmpresa ?? null)?.trim() ?? '',
			cif: parseTaxId(plain(record?.CIFEmpresa ?? null)),
		};
		const byCif = ref.cif.valid ? companyByTaxId.get(ref.cif.value) : undefined;
		const company = (ref.code !== '' ? companyByCode.get(ref.code) : undefined) ?? byCif ?? null;
		expected[code] = company;
		actual[code] = typeof contact.company === 'number' ? contact.company : null;
		if (company !== null) outcome.linked++;
		else if (ref.code !== '' || ref.cif.valid) outcome.not_found++;
	}
	expect(actual).toEqual(expected);
	// the seed names a company for most contacts: the check is not vacuous
	expect(outcome.linked).toBeGreaterThan(snapshot.contacts.length / 2);
	expect(outcome.not_found).toBeGreaterThan(0);
	return outcome;
}

/** The Hispatec codes of the Clientify records that carry the removal tag, sorted. */
export function taggedRemoved(emulators: Emulators): string[] {
	return taggedRemovedIn(emulators.clientify);
}

/** Records deleted from the Hispatec emulator and marked inactive by {@link removeSomeRecords}. */
export const REMOVALS = {
	deleted: { company: ['E00007'], contact: ['C00010', 'C00030'] },
	inactive: { contact: ['C00012'] },
};

/**
 * Deletes {@link REMOVALS}' records from the Hispatec emulator and marks the inactive ones
 * (`Baja: 'S'`); returns a function that puts the ERP back as it was.
 */
export function removeSomeRecords(emulators: Emulators): () => void {
	const { dataset } = emulators.hispatec;
	const before = { company: dataset.list('company'), contact: dataset.list('contact') };
	for (const type of ['company', 'contact'] as const)
		for (const code of REMOVALS.deleted[type]) expect(dataset.remove(type, code)).toBe(true);
	for (const code of REMOVALS.inactive.contact) dataset.update('contact', code, { Baja: 'S' });
	return () => {
		dataset.replace('company', before.company);
		dataset.replace('contact', before.contact);
	};
}

/** Every code of {@link REMOVALS}, sorted: what a removal run must tag, and nothing else. */
export const REMOVED_CODES = [
	...REMOVALS.deleted.company,
	...REMOVALS.deleted.contact,
	...REMOVALS.inactive.contact,
].sort();

/**
 * The summary of a first run counts the links {@link expectContactsLinkedToTheirCompanies} found,
 * and lists each contact left without its company as a `not_linked` problem.
 */
export function expectLinkSummary(
	summary: SyncSummary,
	outcome: { linked: number; not_found: number },
): void {
	expect(summary.links).toEqual({ ...outcome, moved: 0, unchanged: 0, kept: 0, failed: 0 });
	const notLinked = summary.problems.filter((p) => p.status === 'not_linked');
	expect(notLinked.map((p) => p.reason)).toEqual(
		Array<string>(outcome.not_found).fill('company_not_found'),
	);
}
