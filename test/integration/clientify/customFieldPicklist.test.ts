/**
 * Custom Fields rows of Clientify Upsert: the Name is a resource locator whose "From List" mode lists
 * the account's custom fields for the chosen Record Type (GET /custom-fields/, every page), and whose
 * "By Name" mode takes a field the account does not have yet. Both end up written by name.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { ClientifyTokenApi } from '../../../credentials/ClientifyTokenApi.credentials';
import { ClientifyUpsert } from '../../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { createLoadOptionsContext } from '../../../harness/nodeContext';
import { contact, runUpsert, useClientifyEmulator } from './helpers';

const node = new ClientifyUpsert();

describe('Clientify Upsert: custom fields from the account', () => {
	const useEmu = useClientifyEmulator();

	async function search(recordType: string, filter?: string) {
		const emu = useEmu();
		const ctx = createLoadOptionsContext({
			parameters: { recordType, customFields: {} },
			credentials: { clientifyTokenApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			credentialTypes: { clientifyTokenApi: new ClientifyTokenApi() },
		});
		return await node.methods.listSearch.searchCustomFields.call(ctx, filter);
	}

	it('declares the row name as a resource locator: a pick-list or a new name', () => {
		const rows = node.description.properties.find(
			(p) => p.name === 'customFields',
		) as INodeProperties;
		const name = ((rows.options as INodePropertyCollection[])[0].values as INodeProperties[]).find(
			(v) => v.name === 'name',
		)!;
		expect(name.type).toBe('resourceLocator');
		expect(name.default).toEqual({ mode: 'list', value: '' });
		expect(name.modes?.map((m) => [m.name, m.type, m.typeOptions?.searchListMethod])).toEqual([
			['list', 'list', 'searchCustomFields'],
			['name', 'string', undefined],
		]);
	});

	it("lists the chosen entity's fields, every page, sorted, by the name Clientify spells", async () => {
		const emu = useEmu();
		emu.store.seedCustomField('contact', 'Cultivo');
		emu.store.seedCustomField('contact', 'hispatec_Superficie');
		emu.store.seedCustomField('company', 'Sector Agrícola');
		for (let i = 0; i < 105; i++)
			emu.store.seedCustomField('contact', `Campo ${String(i).padStart(3, '0')}`);
		emu.log.reset();

		const contacts = await search('contact');
		expect(contacts.results).toHaveLength(107);
		expect(contacts.results.slice(0, 2)).toEqual([
			{ name: 'Campo 000', value: 'Campo 000' },
			{ name: 'Campo 001', value: 'Campo 001' },
		]);
		expect(contacts.results.slice(-2)).toEqual([
			{ name: 'Cultivo', value: 'Cultivo' },
			{ name: 'hispatec_Superficie', value: 'hispatec_Superficie' },
		]);
		// the emulator pages custom fields 10 at a time: 108 definitions, 11 pages, each read once
		expect(emu.log.lines()).toEqual([
			'GET /v1/custom-fields/',
			...Array.from({ length: 10 }, (_, i) => `GET /v1/custom-fields/?page=${i + 2}`),
		]);

		expect((await search('company')).results).toEqual([
			{ name: 'Sector Agrícola', value: 'Sector Agrícola' },
		]);
		const auto = await search('auto', 'c');
		expect(auto.results.map((r) => r.name).filter((n) => !n.startsWith('Campo'))).toEqual([
			'Cultivo (contact)',
			'hispatec_Superficie (contact)',
			'Sector Agrícola (company)',
		]);
		expect((await search('contact', 'SUPERF')).results).toEqual([
			{ name: 'hispatec_Superficie', value: 'hispatec_Superficie' },
		]);
	});

	it('writes a picked field and a new one typed by name (created first), and still reads old string rows', async () => {
		const emu = useEmu();
		emu.store.seedCustomField('contact', 'Cultivo');
		const rows = {
			field: [
				{
					name: { __rl: true, mode: 'list', value: 'Cultivo', cachedResultName: 'Cultivo' },
					value: 'Tomate',
				},
				{ name: { __rl: true, mode: 'name', value: 'Variedad' }, value: 'Raf' },
				{ name: 'Finca', value: 'Los Llanos' },
				{ name: { __rl: true, mode: 'list', value: '' }, value: 'ignored: no name' },
			],
		};
		const run = await runUpsert(emu, [contact(1)], { parameters: { customFields: rows } });
		expect(run.json[0]).toMatchObject({
			action: 'created',
			customFieldsCreated: ['hispatec_Codigo', 'Variedad', 'Finca', 'hispatec_SyncState'],
		});
		const stored = emu.store.findByTaxId('contact', contact(1).taxId)[0];
		expect(stored.custom_fields.map((f) => [f.field, f.value])).toEqual(
			expect.arrayContaining([
				['Cultivo', 'Tomate'],
				['Variedad', 'Raf'],
				['Finca', 'Los Llanos'],
			]),
		);
	});
});
