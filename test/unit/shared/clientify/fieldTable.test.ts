/**
 * The field table (nodes/shared/clientify/fieldTable.ts) and everything that must agree with it:
 * the scalars `buildDesiredRecord` writes, the Known Records fingerprint, v2's `fields=`, the
 * *Define Below* options and overrides, the custom-field names, and the section "What the sync
 * changes in Clientify, and what it never touches" of docs/clientify-upsert.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INodeProperties } from 'n8n-workflow';
import {
	FIELD_TABLE,
	fingerprintScalars,
	v2ListFields,
	v2RecordFields,
	writtenScalars,
} from '../../../../nodes/shared/clientify/fieldTable';
import {
	buildCreateBody,
	buildDesiredRecord,
} from '../../../../nodes/shared/clientify/desired/desired';
import {
	applyOverrides,
	customFieldKey,
	customFieldName,
	sourceFromNormalizedRecord,
	type SourceFields,
} from '../../../../nodes/shared/clientify/desired/source';
import { syncStateFieldName } from '../../../../nodes/shared/clientify/syncState';
import type { Entity } from '../../../../nodes/shared/clientify/types';
import { desiredFingerprint } from '../../../../nodes/shared/clientify/plan/fingerprint';
import { v2FieldsFor } from '../../../../nodes/shared/clientify/client/fields';
import { fieldOptions } from '../../../../nodes/ClientifyUpsert/actions/descriptionFields';
import { upsertProperties } from '../../../../nodes/ClientifyUpsert/actions/description';
import { upsertOptions } from '../../../../nodes/ClientifyUpsert/actions/descriptionOptions';
import {
	FIELDS_BEGIN,
	FIELDS_END,
	PAGE_PATH,
	REGENERATE,
	pageSection,
	renderFieldSection,
	withSection,
} from '../../../../harness/fieldSection';
import { companyRecord, contactRecord, indexedFingerprint } from './fixtures';

const ENTITIES: Entity[] = ['contact', 'company'];
type FieldRow = (typeof FIELD_TABLE)[Entity][number];
type FieldOwnership = FieldRow['ownership'];
/** The list fields of a Clientify record, which a create's partial answer keeps from the body. */
const LIST_FIELDS = ['emails', 'phones', 'addresses', 'websites', 'tags', 'custom_fields'];
/** The custom fields the code names (after the prefix): the sync state, and the Hispatec code. */
const SYNC_STATE_CUSTOM_FIELD = 'SyncState';
const SOURCE_ID_CUSTOM_FIELD = 'Codigo';
/** v2's `fields=` of a resource, as a GET of its list (`/contacts/`) gets it. */
const v2Fields = (resource: string) => v2FieldsFor(`/${resource}/`) ?? '';
const rowsOf = (entity: Entity, kind?: FieldRow['kind']) =>
	FIELD_TABLE[entity].filter((r) => !kind || r.kind === kind);

// ---- What the table says of a value's owner (used by these tests only)

/**
 * The ownership of one of the record's keys (`first_name` → `erp`, `emails` → `add`, `owner` or
 * any key not in the table → `untouched`). `undefined` for `custom_fields`, whose entries differ:
 * see `customFieldOwnership`.
 */
function recordKeyOwnership(entity: Entity, key: string): FieldOwnership | undefined {
	if (key === 'custom_fields') return undefined;
	const row = FIELD_TABLE[entity].find((r) => r.kind !== 'customField' && r.api === key);
	return row?.ownership ?? 'untouched';
}

/**
 * The ownership of one attribute of a list's items (`emails`, `unsubscribed` → `untouched`):
 * `add` for what the sync sets on the items it adds, `untouched` for the rest (`id`, the
 * `unsubscribed` flags, any attribute the table does not know).
 */
function itemOwnership(list: string, attribute: string): FieldOwnership {
	for (const rows of Object.values(FIELD_TABLE)) {
		const row = rows.find((r) => r.kind === 'list' && r.api === list);
		const found = row?.items?.find((i) => i.api === attribute);
		if (found) return found.ownership;
	}
	return 'untouched';
}

/**
 * The ownership of one custom field by its name: `state` for `<prefix>SyncState`, `erp` for any
 * other name under the prefix and for the names the record's desired values carry (`written`: the
 * node's *Custom Fields*), `untouched` for the rest. Names compare as `customFieldKey` does; an
 * empty prefix puts nothing under it.
 */
function customFieldOwnership(
	name: string,
	prefix: string,
	written: readonly string[] = [],
): FieldOwnership {
	const key = customFieldKey(name);
	const prefixKey = customFieldKey(prefix);
	// (the custom-field rows are the same for both entities)
	const rows = FIELD_TABLE.contact.filter((r) => r.kind === 'customField');
	for (const row of rows) {
		if (row.afterPrefix && row.afterPrefix !== '*') {
			if (key === customFieldKey(customFieldName(prefix, row.afterPrefix))) return row.ownership;
		}
	}
	if (written.some((w) => customFieldKey(w) === key)) return 'erp';
	const prefixed = rows.find((r) => r.afterPrefix === '*');
	if (prefixed && prefixKey !== '' && key.startsWith(prefixKey)) return prefixed.ownership;
	return rows.find((r) => r.afterPrefix === undefined)?.ownership ?? 'untouched';
}

describe('field table', () => {
	it.each(ENTITIES)('%s: one match key, ownership by kind, no row twice', (entity) => {
		const rows = rowsOf(entity);
		expect(rows.filter((r) => r.matchKey).map((r) => r.api)).toEqual([
			'taxpayer_identification_number',
		]);
		for (const row of rows) {
			const where = `${entity} ${row.kind} ${row.api}`;
			if (row.kind === 'list') expect([where, row.ownership]).toEqual([where, 'add']);
			if (['readOnly', 'other', 'related'].includes(row.kind))
				expect([where, row.ownership]).toEqual([where, 'untouched']);
			if (row.ownership === 'untouched' || row.ownership === 'state') {
				expect([where, row.source, row.defineBelow]).toEqual([where, undefined, undefined]);
			}
			if (row.kind === 'list')
				expect([where, row.items?.length]).toEqual([where, expect.any(Number)]);
			if (row.kind === 'related') expect([where, row.resource?.fields]).toEqual([where, ['id']]);
		}
		const keys = rows.map((r) => `${r.kind} ${r.api}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('a row both entities have is the same row (the docs show it once)', () => {
		for (const row of FIELD_TABLE.contact) {
			const twin = FIELD_TABLE.company.find((r) => r.kind === row.kind && r.api === row.api);
			if (twin) expect(twin).toEqual(row);
		}
	});

	it('the ownership helpers read the table', () => {
		expect(recordKeyOwnership('contact', 'first_name')).toBe('erp');
		expect(recordKeyOwnership('company', 'business_name')).toBe('erp');
		expect(recordKeyOwnership('contact', 'taxpayer_identification_number')).toBe('erp');
		expect(recordKeyOwnership('contact', 'emails')).toBe('add');
		expect(recordKeyOwnership('company', 'tags')).toBe('add');
		expect(recordKeyOwnership('contact', 'owner')).toBe('untouched');
		expect(recordKeyOwnership('contact', 'modified')).toBe('untouched');
		// a contact's `name` is not a field the sync writes; neither is a key the table lacks
		expect(recordKeyOwnership('contact', 'name')).toBe('untouched');
		expect(recordKeyOwnership('company', 'gdpr_accept')).toBe('untouched');
		expect(recordKeyOwnership('contact', 'custom_fields')).toBeUndefined();

		expect(itemOwnership('emails', 'email')).toBe('add');
		expect(itemOwnership('emails', 'type')).toBe('add');
		expect(itemOwnership('emails', 'unsubscribed')).toBe('untouched');
		expect(itemOwnership('phones', 'unsubscribed')).toBe('untouched');
		expect(itemOwnership('phones', 'id')).toBe('untouched');
		expect(itemOwnership('addresses', 'postal_code')).toBe('add');
		expect(itemOwnership('phones', 'whatsapp')).toBe('untouched');

		expect(customFieldOwnership('hispatec_Cultivo', 'hispatec_')).toBe('erp');
		expect(customFieldOwnership(' HISPATEC_cultivo ', 'hispatec_')).toBe('erp');
		expect(customFieldOwnership('hispatec_Codigo', 'hispatec_')).toBe('erp');
		expect(customFieldOwnership('hispatec_SyncState', 'hispatec_')).toBe('state');
		expect(customFieldOwnership('hispatec_syncstate', 'hispatec_')).toBe('state');
		expect(customFieldOwnership('Presupuesto', 'hispatec_')).toBe('untouched');
		// named in the node's Custom Fields: the value given there wins
		expect(customFieldOwnership('Presupuesto', 'hispatec_', ['presupuesto'])).toBe('erp');
		// an empty prefix puts nothing under it; the state is then `SyncState`
		expect(customFieldOwnership('Cultivo', '')).toBe('untouched');
		expect(customFieldOwnership('SyncState', '')).toBe('state');
	});
});

describe('derived from the field table', () => {
	/** A SourceFields with every scalar source set to its own name. */
	const allScalars: SourceFields = {
		taxId: '12345678Z',
		firstName: 'firstName',
		lastName: 'lastName',
		companyName: 'companyName',
		businessName: 'businessName',
	};

	it.each(ENTITIES)('%s: buildDesiredRecord writes the table scalars, in order', (entity) => {
		const built = buildDesiredRecord(allScalars, entity, { tags: [] });
		if (!built.ok) throw new Error(built.message);
		const rows = writtenScalars(entity);
		expect(Object.keys(built.desired.scalars)).toEqual(rows.map((r) => r.api));
		for (const row of rows) {
			expect(built.desired.scalars[row.api]).toBe(
				row.matchKey ? '12345678Z' : allScalars[row.source],
			);
		}
	});

	it.each([
		['contact', contactRecord()],
		['company', companyRecord],
	] as const)('%s: every key a create sends is one the table gives the sync', (entity, record) => {
		const source = sourceFromNormalizedRecord(record, entity, 'hispatec_');
		const built = buildDesiredRecord({ ...source, website: 'agro.es' }, entity, {
			tags: ['hispatec'],
		});
		if (!built.ok) throw new Error(built.message);
		for (const key of Object.keys(buildCreateBody(built.desired))) {
			const ownership = recordKeyOwnership(entity, key);
			expect([key, ownership ?? 'per custom field']).toEqual([
				key,
				expect.stringMatching(/^(erp|add|per custom field)$/),
			]);
		}
		for (const c of built.desired.customFields)
			expect([c.name, customFieldOwnership(c.name, 'hispatec_')]).toEqual([c.name, 'erp']);
	});

	it('the fingerprint covers the written scalars, in the order stored fingerprints were made with', () => {
		for (const entity of ENTITIES)
			expect(fingerprintScalars(entity)).toEqual(writtenScalars(entity).map((r) => r.api));
		// Changing these (or their order) changes every fingerprint: each record of a stored Known
		// Records index would cost a lookup once.
		expect({
			contact: fingerprintScalars('contact'),
			company: fingerprintScalars('company'),
		}).toEqual({
			contact: ['taxpayer_identification_number', 'first_name', 'last_name'],
			company: ['taxpayer_identification_number', 'name', 'business_name'],
		});
	});

	it('fingerprints are those of the version before the table (stored indexes stay valid)', () => {
		const scope = { tags: ['hispatec'], customFieldPrefix: 'hispatec_' };
		const contact = buildDesiredRecord(
			sourceFromNormalizedRecord(contactRecord(), 'contact', 'hispatec_'),
			'contact',
			{ tags: ['hispatec'] },
		);
		const company = buildDesiredRecord(
			sourceFromNormalizedRecord(companyRecord, 'company', 'hispatec_'),
			'company',
			{ tags: ['hispatec'] },
		);
		if (!contact.ok || !company.ok) throw new Error('fixtures');
		expect(desiredFingerprint(contact.desired, scope)).toBe('qKYYMw2qfx1');
		expect(desiredFingerprint(company.desired, scope)).toBe('L_7ScruvQvo');
		const held = {
			id: 7,
			taxpayer_identification_number: '12345678Z',
			first_name: 'María José',
			last_name: 'García Núñez',
			name: 'ignored on a contact',
			owner: 'ana@agro.es',
			emails: [{ id: 1, email: 'mj.garcia@agro.es', type: 1, unsubscribed: true }],
			tags: ['hispatec', 'cliente-vip'],
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'hispatec_SyncState', value: '{"v":1}' },
				{ field: 'Presupuesto', value: '1000' },
			],
			modified: '2024-05-02T10:00:00Z',
		};
		expect(indexedFingerprint(held, 'contact', scope)).toBe('AItWkJdi7yw');
	});

	it("v2's fields= for records are the table's v2 rows, and cover what the lookup reads", () => {
		for (const [entity, resource] of [
			['contact', 'contacts'],
			['company', 'companies'],
		] as const) {
			const fields = v2Fields(resource).split(',');
			expect(fields).toEqual(v2RecordFields(entity));
			expect(fields).toEqual(
				expect.arrayContaining([
					'id',
					'created',
					'modified',
					...LIST_FIELDS,
					...fingerprintScalars(entity),
				]),
			);
			expect(new Set(fields).size).toBe(fields.length);
			for (const row of rowsOf(entity))
				if (row.kind === 'other' || row.kind === 'related') expect(fields).not.toContain(row.api);
			expect(v2FieldsFor(`/${resource}/12/`)).toBe(v2Fields(resource));
		}
		expect(v2Fields('contacts')).toBe(
			'id,taxpayer_identification_number,first_name,last_name,emails,phones,addresses,websites,tags,custom_fields,created,modified,company_id',
		);
	});

	it("v2's fields= for item lists and related records come from the table", () => {
		const lists = v2ListFields();
		for (const [name, fields] of Object.entries(lists))
			expect(v2Fields(name)).toBe(fields.join(','));
		expect(Object.fromEntries(Object.keys(lists).map((name) => [name, v2Fields(name)]))).toEqual({
			emails: 'id,email,type,unsubscribed',
			phones: 'id,phone,type,unsubscribed',
			addresses: 'id,street,city,state,country,postal_code,type',
			websites: 'id,website,type',
			tags: 'id,name',
			tasks: 'id',
			wallentries: 'id',
			deals: 'id',
		});
		expect(v2FieldsFor('/contacts/12/emails/')).toBe('id,email,type,unsubscribed');
		expect(v2FieldsFor('/companies/12/phones/')).toBe('id,phone,type,unsubscribed');
		expect(v2FieldsFor('/contacts/12/tasks/')).toBe('id');
		expect(v2FieldsFor('/companies/12/wallentries')).toBe('id');
		expect(v2FieldsFor('/deals/?contact=12')).toBe('id');
	});
});

describe('Define Below agrees with the field table', () => {
	const tableOptions = (entity: Entity) => rowsOf(entity).flatMap((r) => r.defineBelow ?? []);

	it("every Field Values option is one table row's, once", () => {
		const names = fieldOptions.map((o) => o.name);
		const fromTable = [...new Set(ENTITIES.flatMap(tableOptions))];
		expect([...fromTable].sort()).toEqual([...names].sort());
		for (const entity of ENTITIES) {
			const own = tableOptions(entity);
			expect(new Set(own).size).toBe(own.length);
		}
	});

	it('a scalar option names its Clientify field', () => {
		for (const entity of ENTITIES) {
			for (const row of writtenScalars(entity)) {
				for (const name of row.defineBelow ?? []) {
					const option = fieldOptions.find((o) => o.name === name);
					expect([name, option?.description]).toEqual([
						name,
						expect.stringContaining(`"${row.api}"`),
					]);
				}
			}
		}
	});

	it("each option overrides its row's source value, and only that", () => {
		for (const entity of ENTITIES) {
			for (const row of rowsOf(entity)) {
				for (const name of row.defineBelow ?? []) {
					const out = applyOverrides({}, { [name]: 'Valor' });
					expect([name, Object.keys(out)]).toEqual([name, [row.source]]);
				}
			}
		}
	});

	it('the other node parameters a row names exist', () => {
		const options = (upsertOptions.options ?? []) as INodeProperties[];
		const parameters = ENTITIES.flatMap((e) => rowsOf(e).flatMap((r) => r.parameter ?? []));
		expect([...new Set(parameters)].sort()).toEqual(['customFields', 'options.tags', 'taxId']);
		for (const parameter of parameters) {
			const found = parameter.startsWith('options.')
				? options.find((o) => o.name === parameter.slice('options.'.length))
				: upsertProperties.find((p) => p.name === parameter);
			expect([parameter, found?.name]).toEqual([parameter, parameter.replace('options.', '')]);
		}
	});
});

describe('custom fields agree with the field table', () => {
	const custom = (afterPrefix?: string) =>
		rowsOf('contact', 'customField').find((r) => r.afterPrefix === afterPrefix);

	it('the sync state and the ERP code are the names the code uses', () => {
		expect(custom(SYNC_STATE_CUSTOM_FIELD)?.ownership).toBe('state');
		expect(custom(SYNC_STATE_CUSTOM_FIELD)?.fingerprint).toBe(false);
		expect(customFieldName('hispatec_', SYNC_STATE_CUSTOM_FIELD)).toBe(
			syncStateFieldName('hispatec_'),
		);
		expect(custom(SOURCE_ID_CUSTOM_FIELD)).toMatchObject({ ownership: 'erp', source: 'sourceId' });
		expect(custom('*')).toMatchObject({ ownership: 'erp', source: 'customFields' });
		expect(custom(undefined)).toMatchObject({ ownership: 'untouched', fingerprint: false });
	});

	it("the normalized record's extra fields and code land under the prefix", () => {
		const source = sourceFromNormalizedRecord(contactRecord(), 'contact', 'pre_');
		expect(Object.keys(source.customFields ?? {})).toEqual([
			'pre_Cultivo',
			'pre_Superficie',
			`pre_${SOURCE_ID_CUSTOM_FIELD}`,
		]);
		for (const name of Object.keys(source.customFields ?? {}))
			expect(customFieldOwnership(name, 'pre_')).toBe('erp');
	});
});

describe('docs/clientify-upsert.md section "What the sync changes in Clientify, and what it never touches"', () => {
	const page = fs.readFileSync(PAGE_PATH, 'utf8');

	it('is the text generated from the field table', () => {
		const section = pageSection(page);
		if (section === undefined)
			throw new Error(
				`docs/clientify-upsert.md lacks ${FIELDS_BEGIN} … ${FIELDS_END}; add them, then run ${REGENERATE}`,
			);
		const expected = renderFieldSection();
		if (section !== expected) {
			const a = section.split('\n');
			const b = expected.split('\n');
			const at = a.findIndex((line, i) => line !== b[i]);
			throw new Error(
				`docs/clientify-upsert.md's field section differs from the field table (nodes/shared/clientify/fieldTable.ts). ` +
					`Regenerate it: ${REGENERATE}\nFirst difference, line ${at + 1} of the section:\n` +
					`  page:      ${a[at] ?? '(end)'}\n  generated: ${b[at] ?? '(end)'}`,
			);
		}
	});

	it('sits right after "Field mapping" on the Clientify Upsert page, and is in its Contents and the README', () => {
		const heading = '## What the sync changes in Clientify, and what it never touches';
		const headings = page.split('\n').filter((l) => /^#{1,3} /.test(l));
		const at = headings.indexOf(heading);
		expect(at).toBeGreaterThan(0);
		expect(headings[at - 1]).toBe('## Field mapping');
		expect(headings[0]).toBe('# Clientify Upsert');
		expect(page.indexOf(FIELDS_BEGIN)).toBeGreaterThan(page.indexOf(heading));
		const anchor = '#what-the-sync-changes-in-clientify-and-what-it-never-touches';
		// the page's Contents line, before the first section
		expect(page.slice(0, page.indexOf('\n## '))).toContain(`(${anchor})`);
		const readme = fs.readFileSync(path.join(__dirname, '../../../../README.md'), 'utf8');
		expect(readme).toContain(`(docs/clientify-upsert.md${anchor})`);
	});

	it('the generator replaces only what is between the markers', () => {
		const text = `a\n${FIELDS_BEGIN}\nold\n${FIELDS_END}\nb\n`;
		expect(withSection(text, 'new')).toBe(`a\n${FIELDS_BEGIN}\nnew\n${FIELDS_END}\nb\n`);
		expect(pageSection(withSection(text, 'new'))).toBe('new');
	});
});
