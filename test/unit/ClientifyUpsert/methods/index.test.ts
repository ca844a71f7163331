/**
 * The custom-field pick-list of Clientify Upsert (nodes/ClientifyUpsert/methods/index.ts): the
 * definitions `GET /custom-fields/` answers (every page), grouped by entity, filtered and sorted,
 * for the entities the *Record Type* covers. Answers are scripted; the account's HTTP is not needed.
 */
import type { ILoadOptionsFunctions, INode } from 'n8n-workflow';
import { listSearch } from '../../../../nodes/ClientifyUpsert/methods';

const BASE_URL = 'https://api.clientify.net/v1';

interface Definition {
	id: number;
	name: unknown;
	content_type: unknown;
}

/**
 * A load-options context whose credential points at `BASE_URL` and whose HTTP helper answers the
 * custom-field listing from `pages` (each page's `next` links the following one). Records the URLs.
 */
function loadOptions(recordType: unknown, pages: Definition[][]) {
	const urls: string[] = [];
	const node: INode = {
		id: '1',
		name: 'Clientify Upsert',
		type: 'n8n-nodes-hispatec.clientifyUpsert',
		typeVersion: 2,
		position: [0, 0],
		parameters: {},
	};
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'secret-key', baseUrl: BASE_URL }),
		getCurrentNodeParameter: (name: string) => (name === 'recordType' ? recordType : undefined),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
				urls.push(options.url);
				const at = urls.length - 1;
				const results = pages[at];
				if (!results) throw new Error(`unexpected request ${options.url}`);
				const next = at + 1 < pages.length ? `${BASE_URL}/custom-fields/?page=${at + 2}` : null;
				return { statusCode: 200, headers: {}, body: { count: 0, next, results } };
			},
		},
	} as unknown as ILoadOptionsFunctions;
	return { ctx, urls };
}

async function search(recordType: unknown, pages: Definition[][], filter?: string) {
	const { ctx, urls } = loadOptions(recordType, pages);
	const { results } = await listSearch.searchCustomFields.call(ctx, filter);
	return { results, urls };
}

const DEFS: Definition[] = [
	{ id: 1, name: 'A', content_type: 'contacts | contact' },
	{ id: 2, name: 'B', content_type: 'contacts | contacto' },
	{ id: 3, name: 'C', content_type: 'contact' },
	{ id: 4, name: 'D', content_type: 'deals | deal' },
	{ id: 5, name: ' ', content_type: 'contacts | contact' },
	{ id: 6, name: 'a', content_type: 'contacts | contact' },
	{ id: 7, name: 'E', content_type: 'companies | empresa' },
];

describe('listSearch.searchCustomFields', () => {
	it('groups by the part of content_type before "|" (v1, v2 localized, legacy) and skips deals and blanks', async () => {
		expect((await search('contact', [DEFS])).results.map((o) => o.value)).toEqual(['A', 'B', 'C']);
		expect((await search('company', [DEFS])).results.map((o) => o.value)).toEqual(['E']);
	});

	it('one entity: the names as Clientify spells them, sorted (case and accents aside)', async () => {
		const defs: Definition[] = [
			{ id: 1, name: 'Zona', content_type: 'contacts | contact' },
			{ id: 2, name: 'árbol', content_type: 'contacts | contact' },
			{ id: 3, name: 'Cultivo', content_type: 'contacts | contact' },
			{ id: 4, name: 42, content_type: 'contacts | contact' },
			{ id: 5, name: 'Sin tipo', content_type: undefined },
		];
		expect((await search('contact', [defs])).results).toEqual([
			{ name: 'árbol', value: 'árbol' },
			{ name: 'Cultivo', value: 'Cultivo' },
			{ name: 'Zona', value: 'Zona' },
		]);
	});

	it('Auto (or no Record Type): both entities, the label names the entity, a shared name listed once per entity', async () => {
		const defs: Definition[] = [
			{ id: 1, name: 'Cultivo', content_type: 'contacts | contact' },
			{ id: 2, name: 'Cultivo', content_type: 'companies | company' },
			{ id: 3, name: 'cultivo ', content_type: 'companies | company' },
			{ id: 4, name: 'Sector', content_type: 'companies | company' },
		];
		const expected = [
			{ name: 'Cultivo (company)', value: 'Cultivo' },
			{ name: 'Cultivo (contact)', value: 'Cultivo' },
			{ name: 'Sector (company)', value: 'Sector' },
		];
		expect((await search('auto', [defs])).results).toEqual(expected);
		expect((await search(undefined, [defs])).results).toEqual(expected);
	});

	it('the filter: case-insensitive, anywhere in the name, blanks around it ignored', async () => {
		const defs: Definition[] = [
			{ id: 1, name: 'hispatec_Superficie', content_type: 'contacts | contact' },
			{ id: 2, name: 'Cultivo', content_type: 'contacts | contact' },
			{ id: 3, name: 'Superficie útil', content_type: 'companies | company' },
		];
		expect((await search('contact', [defs], ' SUPERF ')).results).toEqual([
			{ name: 'hispatec_Superficie', value: 'hispatec_Superficie' },
		]);
		expect((await search('auto', [defs], 'superf')).results.map((o) => o.name)).toEqual([
			'hispatec_Superficie (contact)',
			'Superficie útil (company)',
		]);
		expect((await search('contact', [defs], '')).results).toHaveLength(2);
	});

	it('reads every page of GET /custom-fields/, each once', async () => {
		const page = (from: number) =>
			Array.from({ length: 3 }, (_, i) => ({
				id: from + i,
				name: `Campo ${from + i}`,
				content_type: 'contacts | contact',
			}));
		const { results, urls } = await search('contact', [page(1), page(4), page(7)]);
		expect(results.map((o) => o.value)).toEqual([
			'Campo 1',
			'Campo 2',
			'Campo 3',
			'Campo 4',
			'Campo 5',
			'Campo 6',
			'Campo 7',
			'Campo 8',
			'Campo 9',
		]);
		expect(urls).toEqual([
			`${BASE_URL}/custom-fields/`,
			`${BASE_URL}/custom-fields/?page=2`,
			`${BASE_URL}/custom-fields/?page=3`,
		]);
	});
});
