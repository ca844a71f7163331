/**
 * What the editor shows of the nodes' panels (issue 19's panel points): readable subtitles, an
 * empty Known Records that is valid, company upserts offering only company fields, labels that fit;
 * then n8n's UI guidelines for nodes, checked on every parameter of the four nodes so they cannot
 * drift (docs.n8n.io, "Node UI design" and "UX guidelines"; the same as n8n's CRM nodes).
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { ClientifyIndex } from '../../nodes/ClientifyIndex/ClientifyIndex.node';
import { ClientifyUpsert } from '../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { Hispatec } from '../../nodes/Hispatec/Hispatec.node';
import { HispatecTrigger } from '../../nodes/Hispatec/HispatecTrigger.node';
import { parseKnownRecords } from '../../nodes/shared/clientify/plan/fingerprint';

/** The subtitle expression evaluated as n8n does, over `$parameter`. */
function subtitle(description: INodeTypeDescription, parameters: Record<string, unknown>): string {
	const code = String(description.subtitle).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	return new Function('$parameter', `return (${code});`)(parameters) as string;
}

function property(description: INodeTypeDescription, name: string): INodeProperties {
	const found = description.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

describe('node panels', () => {
	it('subtitles read as n8n\'s own ("Get many companies")', () => {
		const hispatec = new Hispatec().description;
		expect(subtitle(hispatec, { operation: 'getAll', resource: 'company' })).toBe(
			'Get many companies',
		);
		expect(subtitle(hispatec, { operation: 'getPage', resource: 'contact' })).toBe(
			'Get a page of contacts',
		);
		expect(subtitle(hispatec, { operation: 'findDuplicates', resource: 'contact' })).toBe(
			'Find duplicate tax IDs of contacts',
		);
		expect(subtitle(new HispatecTrigger().description, { resource: 'company' })).toBe(
			'New or changed companies',
		);
	});

	it('an empty Known Records is valid JSON that means "no index"', () => {
		const known = property(new ClientifyUpsert().description, 'knownRecords');
		expect(JSON.parse(String(known.default))).toEqual({});
		expect(parseKnownRecords(known.default)).toEqual({});
	});

	it('Clientify Index offers Tags on Index Records only (Find Removed Records matches by code)', () => {
		const { description } = new ClientifyIndex();
		const operations = Object.fromEntries(
			(property(description, 'operation').options as Array<{ name: string; value: string }>).map(
				(o) => [o.name, o.value],
			),
		);
		const options = property(description, 'options').options as INodeProperties[];
		const shown = (operation: string) =>
			options
				.filter((o) => {
					const only = o.displayOptions?.show?.['/operation'];
					return !only || only.includes(operation);
				})
				.map((o) => o.displayName);
		expect(shown(operations['Index Records'])).toEqual(['Custom Field Prefix', 'Tags']);
		expect(shown(operations['Find Removed Records'])).toEqual(['Custom Field Prefix']);
	});

	it('Field Overrides offer contact fields to contacts and company fields to companies', () => {
		const fields = property(new ClientifyUpsert().description, 'fields')
			.options as INodeProperties[];
		const shown = (recordType: string) =>
			fields
				.filter((f) => !(f.displayOptions?.hide?.['/recordType'] ?? []).includes(recordType))
				.map((f) => f.displayName);
		expect(shown('company')).not.toEqual(expect.arrayContaining(['First Name']));
		expect(shown('company')).not.toContain('Last Name');
		expect(shown('contact')).not.toContain('Company Name');
		expect(shown('contact')).not.toContain('Business Name');
		expect(shown('auto')).toEqual(fields.map((f) => f.displayName));
	});
});

/** Every parameter, collection entry and fixed-collection field of a node, with its path. */
interface Found {
	path: string;
	property: INodeProperties;
	/** Set for entries of a `collection` (its optional fields, shown under "Add option"/"Add Field"). */
	inCollection?: INodeProperties;
}

function walk(properties: INodeProperties[], prefix = '', parent?: INodeProperties): Found[] {
	const found: Found[] = [];
	for (const property of properties) {
		const here = `${prefix}${property.displayName}`;
		found.push({ path: here, property, ...(parent ? { inCollection: parent } : {}) });
		if (property.type === 'collection') {
			found.push(...walk(property.options as INodeProperties[], `${here} › `, property));
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[])
				found.push(...walk(group.values, `${here} › ${group.displayName} › `));
		}
	}
	return found;
}

const NODES: Array<[string, INodeTypeDescription]> = [
	['Hispatec', new Hispatec().description],
	['Hispatec Trigger', new HispatecTrigger().description],
	['Clientify Upsert', new ClientifyUpsert().description],
	['Clientify Index', new ClientifyIndex().description],
];

/** Words Title Case leaves in lower case inside a label (n8n's linter uses the title-case rules). */
const SMALL_WORDS = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'in',
	'of',
	'on',
	'or',
	'the',
	'to',
]);

function notTitleCase(label: string): string[] {
	return label
		.split(/[\s/]+/)
		.map((word) => word.replace(/^[("']+/, ''))
		.filter((word, index) => /^[a-z]/.test(word) && (index === 0 || !SMALL_WORDS.has(word)));
}

/** n8n's copy rule for tooltips: one sentence without a final period, several with one. */
function sentenceProblem(text: string): string | undefined {
	if (!/^[A-Z'"(]/.test(text)) return 'does not start with a capital';
	const plain = text.replace(/\be\.g\./g, 'eg');
	const sentences = plain.split(/[.!?]\s+(?=[A-Z'"(])/).length;
	if (sentences === 1 && plain.endsWith('.')) return 'one sentence ending in a period';
	if (sentences > 1 && !/[.)]$/.test(plain)) return 'several sentences without a final period';
	return undefined;
}

const byName = (a: string, b: string) => a.localeCompare(b);

describe.each(NODES)("%s panel follows n8n's UI guidelines", (_, description) => {
	const all = walk(description.properties);
	const shown = all.filter((f) => f.property.type !== 'notice' && f.property.type !== 'hidden');

	it('labels, dropdown values and collection entries are in Title Case', () => {
		const labels = [
			...shown.map((f) => f.path.split(' › ').pop() as string),
			...shown.flatMap((f) =>
				f.property.type === 'options' || f.property.type === 'multiOptions'
					? (f.property.options as INodePropertyOptions[]).map((o) => o.name)
					: [],
			),
		];
		expect(labels.filter((label) => notTitleCase(label).length > 0)).toEqual([]);
	});

	it('optional fields and dropdown values are in alphabetical order', () => {
		const unsorted: string[] = [];
		for (const { path, property } of all) {
			const names =
				property.type === 'collection'
					? (property.options as INodeProperties[]).map((o) => o.displayName)
					: property.type === 'options' || property.type === 'multiOptions'
						? (property.options as INodePropertyOptions[]).map((o) => o.name)
						: undefined;
			if (names && names.join('|') !== [...names].sort(byName).join('|')) unsorted.push(path);
		}
		expect(unsorted).toEqual([]);
	});

	it('option collections are called "Options" and open with "Add option"', () => {
		const collections = all.filter((f) => f.property.name === 'options');
		for (const { property } of collections) {
			expect(property).toMatchObject({
				displayName: 'Options',
				type: 'collection',
				placeholder: 'Add option',
			});
		}
		expect(collections.length).toBeGreaterThan(0);
	});

	it('resource and operation are fixed by the author (noDataExpression)', () => {
		for (const { property } of all.filter((f) =>
			['resource', 'operation'].includes(f.property.name),
		))
			expect(property.noDataExpression).toBe(true);
	});

	it('every boolean says "Whether …"; descriptions, hints and notices are sentences', () => {
		const wrong: string[] = [];
		for (const { path, property } of shown) {
			if (property.type === 'boolean' && !/^Whether /.test(property.description ?? ''))
				wrong.push(`${path}: boolean description must start with "Whether"`);
			for (const text of [property.description, property.hint]) {
				const problem = text ? sentenceProblem(text) : undefined;
				if (problem) wrong.push(`${path}: ${problem}`);
			}
			for (const option of property.type === 'options' || property.type === 'multiOptions'
				? (property.options as INodePropertyOptions[])
				: []) {
				const problem = option.description ? sentenceProblem(option.description) : undefined;
				if (problem) wrong.push(`${path} › ${option.name}: ${problem}`);
			}
		}
		for (const { path, property } of all.filter((f) => f.property.type === 'notice')) {
			const problem = sentenceProblem(property.displayName);
			if (problem) wrong.push(`${path}: ${problem}`);
		}
		expect(wrong).toEqual([]);
	});

	it('text placeholders are examples ("e.g. …"), as n8n\'s are', () => {
		const wrong = shown
			.filter((f) => f.property.type === 'string' && f.property.placeholder !== undefined)
			// n8n's linter asks for exactly this one on e-mail fields
			.filter((f) => !(f.property.name === 'email' && f.property.placeholder === 'name@email.com'))
			.filter((f) => !String(f.property.placeholder).startsWith('e.g. '))
			.map((f) => `${f.path}: ${String(f.property.placeholder)}`);
		expect(wrong).toEqual([]);
	});

	it('every JSON field starts as valid JSON (an empty one shows an error in the editor)', () => {
		for (const { property } of all.filter((f) => f.property.type === 'json'))
			expect(() => JSON.parse(String(property.default))).not.toThrow();
	});

	it("Return All and Limit read as n8n's own", () => {
		for (const { property } of all.filter((f) => f.property.name === 'returnAll')) {
			expect(property).toMatchObject({
				displayName: 'Return All',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			});
		}
		for (const { property } of all.filter((f) => f.property.name === 'limit')) {
			expect(property).toMatchObject({
				displayName: 'Limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				description: 'Max number of results to return',
				displayOptions: { show: expect.objectContaining({ returnAll: [false] }) },
			});
		}
	});

	it('collection entries fit the editor (28 characters, where it starts cutting)', () => {
		const long = all
			.filter((f) => f.inCollection)
			.map((f) => f.property.displayName)
			.filter((name) => name.length > 28);
		expect(long).toEqual([]);
	});
});
