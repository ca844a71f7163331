/**
 * The section "What the sync changes in Clientify, and what it never touches" of the Clientify Upsert
 * page (docs/clientify-upsert.md), generated from the field table (nodes/shared/clientify/fieldTable.ts).
 * Its command line is scripts/field-table.ts; test/unit/shared/clientify/fieldTable.test.ts fails when
 * the page's copy differs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INodeProperties } from 'n8n-workflow';
import { upsertProperties } from '../nodes/ClientifyUpsert/actions/description';
import { fieldOptions } from '../nodes/ClientifyUpsert/actions/descriptionFields';
import { upsertOptions } from '../nodes/ClientifyUpsert/actions/descriptionOptions';
import { FIELD_TABLE } from '../nodes/shared/clientify/fieldTable';
import {
	DEFAULT_CUSTOM_FIELD_PREFIX,
	DEFAULT_TAGS,
} from '../nodes/shared/clientify/desired/source';
import type { Entity } from '../nodes/shared/clientify/types';

/** A row of the field table, its kind and its owner, as the table's rows spell them. */
type FieldRow = (typeof FIELD_TABLE)[Entity][number];
type FieldKind = FieldRow['kind'];
type FieldOwnership = FieldRow['ownership'];

export const FIELDS_BEGIN = '<!-- fields:begin -->';
export const FIELDS_END = '<!-- fields:end -->';
export const PAGE_PATH = path.join(__dirname, '..', 'docs', 'clientify-upsert.md');
export const PAGE = 'docs/clientify-upsert.md';
export const REGENERATE = 'npx tsx scripts/field-table.ts --write';

const WIDTH = 100;

/** Words wrapped at `WIDTH` columns, as the docs are; a `code span` is never broken. */
function wrap(text: string): string {
	const words: string[] = [];
	for (const piece of text.split(/\s+/).filter(Boolean)) {
		const last = words[words.length - 1];
		// inside an open code span (an odd number of backticks so far): glue to it
		if (last !== undefined && (last.split('`').length - 1) % 2 === 1)
			words[words.length - 1] += ` ${piece}`;
		else words.push(piece);
	}
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line && line.length + 1 + word.length > WIDTH) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines.join('\n');
}

function displayName(options: readonly INodeProperties[], name: string): string {
	const found = options.find((o) => o.name === name);
	if (!found) throw new Error(`No node parameter "${name}" (field table vs. node description)`);
	return `*${found.displayName}*`;
}

/** Where the node sets a row's value: *Field Values* options, or another parameter. */
function nodeSetting(row: FieldRow): string {
	const names = (row.defineBelow ?? []).map((n) => displayName(fieldOptions, n));
	if (row.parameter === 'options.tags') {
		const options = (upsertOptions.options ?? []) as INodeProperties[];
		names.push(`option ${displayName(options, 'tags')} (default \`${DEFAULT_TAGS.join(', ')}\`)`);
	} else if (row.parameter) names.push(displayName(upsertProperties, row.parameter));
	return names.join(', ');
}

/** `firstName (else name)` → `` `firstName` (else `name`) ``. */
function normalizedField(row: FieldRow): string {
	const match = /^(\S+)(?: \(else (\S+)\))?$/.exec(row.normalized ?? '');
	if (!match) return '';
	return match[2] ? `\`${match[1]}\` (else \`${match[2]}\`)` : `\`${match[1]}\``;
}

function fieldName(row: FieldRow): string {
	if (row.api === '*') return row.label;
	if (row.kind === 'related') return `${row.label} (\`${row.api}\`)`;
	if (row.kind === 'customField') return `custom field \`${row.api}\``;
	return `\`${row.api}\``;
}

interface Merged {
	row: FieldRow;
	entities: Set<Entity>;
}

const KIND_ORDER: FieldKind[] = ['scalar', 'list', 'customField', 'readOnly', 'other', 'related'];

/**
 * The rows of both tables, each once, with the entities that have it. By kind; within a kind,
 * rows of both entities, then contacts', then companies', in table order; `*` rows last.
 */
function mergedRows(ownership: FieldOwnership): Merged[] {
	const out: Merged[] = [];
	for (const entity of ['contact', 'company'] as const) {
		for (const row of FIELD_TABLE[entity]) {
			if (row.ownership !== ownership) continue;
			const seen = out.find((m) => m.row.kind === row.kind && m.row.api === row.api);
			if (seen) seen.entities.add(entity);
			else out.push({ row, entities: new Set([entity]) });
		}
	}
	const rank = (m: Merged) =>
		KIND_ORDER.indexOf(m.row.kind) * 10 +
		(m.row.api === '*' ? 5 : 0) +
		(m.entities.size === 2 ? 0 : m.entities.has('contact') ? 1 : 2);
	return out
		.map((m, at) => ({ m, at }))
		.sort((a, b) => rank(a.m) - rank(b.m) || a.at - b.at)
		.map(({ m }) => m);
}

const tick = (m: Merged, entity: Entity) => (m.entities.has(entity) ? '✓' : '');

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		line(header),
		line(header.map((h) => (h === 'Contact' || h === 'Company' ? ':-:' : '---'))),
		...rows.map(line),
	].join('\n');
}

const SOURCE_HEADER = [
	'Clientify field',
	'Contact',
	'Company',
	'Normalized record',
	'Set in the node',
];

function erpSection(): string {
	const rows = mergedRows('erp').map((m) => [
		fieldName(m.row),
		tick(m, 'contact'),
		tick(m, 'company'),
		normalizedField(m.row),
		nodeSetting(m.row),
		m.row.note ?? '',
	]);
	return [
		wrap(
			`**The ERP's value wins.** When the ERP's value differs from Clientify's, the sync writes the ` +
				`ERP's, whoever set the other one. An empty ERP value never blanks a field.`,
		),
		table([...SOURCE_HEADER, 'Notes'], rows),
	].join('\n\n');
}

function addSection(): string {
	const rows = mergedRows('add').map((m) => {
		const sets = (m.row.items ?? [])
			.filter((i) => i.ownership === 'add')
			.map((i) => `\`${i.api}\``);
		const removal = m.row.ownItemsReplaced
			? "With *Make the New Value Primary*: the ERP's value goes first; an item the sync added, that the ERP no longer has, is replaced or removed."
			: 'Only added, never removed.';
		return [
			fieldName(m.row),
			tick(m, 'contact'),
			tick(m, 'company'),
			normalizedField(m.row),
			nodeSetting(m.row),
			sets.join(', '),
			[removal, m.row.note ?? ''].filter(Boolean).join(' '),
		];
	});
	return [
		wrap(
			`**Added to, item by item, never rebuilt.** The sync adds each ERP value a list lacks, as a ` +
				`new item at its end. It may replace or remove an item only when the sync itself added ` +
				`it, the ERP no longer has that value, and nobody touched the item since; never an ` +
				`unsubscribed one. A value that was already on the record when the sync came stays the ` +
				`person's, even when it equals the ERP's. Every other item keeps its id, type, flags, ` +
				`attributes and place. With *When Contact Details Change: Make the New ` +
				`Value Primary* (the default) the ERP's current e-mail, phone and address are moved ` +
				`first (Clientify's primary one); that order is all the sync decides about items it did ` +
				`not add. A reorder re-sends the list as read, every item with its id and its ` +
				`\`unsubscribed\` flag, and checks the flags right after (a dropped one is set again at ` +
				`once). With *Only Add New Values* nothing is moved or removed.`,
		),
		table([...SOURCE_HEADER, 'On its own items the sync sets', 'Notes'], rows),
	].join('\n\n');
}

function stateSection(): string {
	const [state] = mergedRows('state');
	const example = state.row.api.replace('<prefix>', DEFAULT_CUSTOM_FIELD_PREFIX);
	return wrap(
		`**The sync's own note.** The ${fieldName(state.row)} (\`${example}\`) belongs to the sync, ` +
			`which creates it. ${state.row.note ?? ''} Leave it as it is: on a record without it, the ` +
			`values the sync wrote before are taken for people's and stay.`,
	);
}

function untouchedSection(): string {
	const rows = mergedRows('untouched');
	const line = (m: Merged) => [
		fieldName(m.row),
		tick(m, 'contact'),
		tick(m, 'company'),
		m.row.note ?? '',
	];
	// Attributes of the list items that only people set: ids, `unsubscribed`.
	const attributes = new Map<string, { lists: string[]; note: string }>();
	for (const m of mergedRows('add')) {
		for (const i of m.row.items ?? []) {
			if (i.ownership !== 'untouched') continue;
			const entry = attributes.get(i.api) ?? { lists: [], note: i.note ?? '' };
			entry.lists.push(m.row.label.toLowerCase());
			attributes.set(i.api, entry);
		}
	}
	const itemLines = [...attributes].map(([api, { lists, note }]) => [
		`\`${api}\` of ${lists.join(', ')}`,
		'✓',
		'✓',
		note,
	]);
	// The record's own values, its custom fields, its items, what refers to it, what Clientify sets.
	const of = (kind: FieldKind, star: boolean) =>
		rows.filter((m) => m.row.kind === kind && (m.row.api === '*') === star).map(line);
	const ordered = [
		...of('other', false),
		...of('customField', true),
		...itemLines,
		...of('related', false),
		...of('readOnly', false),
		...of('other', true),
	];
	if (ordered.length !== rows.length + itemLines.length)
		throw new Error('An untouched row of the field table has no place in the generated section');
	return [
		wrap(
			`**Never touched.** Everything else is the sales team's: the sync does not write it, ` +
				`blank it or undo it. It reads a few of these, only to find records and to decide whether ` +
				`a record may be deleted (below).`,
		),
		table(['Clientify field', 'Contact', 'Company', 'Notes'], ordered),
	].join('\n\n');
}

function deleteSection(): string {
	return wrap(
		`**Records people worked on are never deleted.** When two Clientify records carry the same tax ` +
			`ID, the sync deletes one only when it is a twin that the sync alone created a short while ` +
			`ago (two overlapping runs, or a run that died before its re-check; the option *Twin ` +
			`Clean-Up Window (Hours)*, 24 by default, 0 never deletes), that nobody has ` +
			`touched since (\`modified\`), and that no deal, task or note refers to; it reads the ` +
			`record again right before. Otherwise nothing is deleted: the sync updates the record ` +
			`it owns, leaves the others as they are, and the item carries a \`duplicate_in_crm\` ` +
			`warning with every id, so people can merge them in Clientify (the option *Tag ` +
			`Duplicates* also tags them).`,
	);
}

/** The section's Markdown, without the markers. */
export function renderFieldSection(): string {
	const intro = wrap(
		`A CRM is where the sales team works all day, so the sync owns exactly the values it wrote ` +
			`and nothing else. Each field of a Clientify contact or company is in one of the groups ` +
			`below. \`<prefix>\` is the option *Custom Field Prefix* (default ` +
			`\`${DEFAULT_CUSTOM_FIELD_PREFIX}\`). *Set in the node* names the setting that gives the ` +
			`value with *Fields: Define Below*, or replaces the normalized record's as a *Field ` +
			`Override*.`,
	);
	const source = wrap(
		`Generated from the field table \`nodes/shared/clientify/fieldTable.ts\`, from which the ` +
			`mapping, the Known Records fingerprint and v2's \`fields=\` are also derived; after ` +
			`changing it, run \`${REGENERATE}\`.`,
	);
	return [
		intro,
		erpSection(),
		addSection(),
		stateSection(),
		untouchedSection(),
		deleteSection(),
		source,
	].join('\n\n');
}

/** The page's copy of the section (between the markers, trimmed), or undefined without markers. */
export function pageSection(page: string): string | undefined {
	const begin = page.indexOf(FIELDS_BEGIN);
	const end = page.indexOf(FIELDS_END);
	if (begin < 0 || end < begin) return undefined;
	return page.slice(begin + FIELDS_BEGIN.length, end).trim();
}

/** The page with the section replaced by `section`. */
export function withSection(page: string, section: string): string {
	const begin = page.indexOf(FIELDS_BEGIN);
	const end = page.indexOf(FIELDS_END);
	if (begin < 0 || end < begin) throw new Error(`${PAGE} has no ${FIELDS_BEGIN} … ${FIELDS_END}`);
	return `${page.slice(0, begin + FIELDS_BEGIN.length)}\n${section}\n${page.slice(end)}`;
}
