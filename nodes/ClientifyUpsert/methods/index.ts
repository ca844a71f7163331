/**
 * Editor helpers of Clientify Upsert: the custom-field pick-list of *Custom Fields* rows
 * (resource locator mode "From List"), read from the account's `GET /custom-fields/`. The node
 * uses `listSearch` alone.
 */
import {
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { customFieldKey, entityOfContentType } from '../../shared/clientify/desired/source';
import { DEFAULT_RETRY_TIMING } from '../../shared/clientify/client/timing';
import { type CustomFieldDefinition, type Entity } from '../../shared/clientify/types';
import { CUSTOM_FIELDS_PATH } from '../actions/write/customFields';
import { ClientifyClient } from '../../shared/clientify/client/client';
import { clientConfigFromCredentials } from '../../Clientify/transport';

/** The entities a *Record Type* value covers: Auto may write either. */
function entitiesFor(recordType: unknown): Entity[] {
	return recordType === 'contact' || recordType === 'company'
		? [recordType]
		: ['contact', 'company'];
}

/**
 * The pick-list entries for the definitions of `entities`, filtered by `filter` (case-insensitive,
 * anywhere in the name), sorted by name. Values are the names as Clientify spells them, which is
 * what the node writes; with two entities the label names the entity, and a name both have is
 * listed once per entity with the same value.
 */
function customFieldOptions(
	definitions: readonly CustomFieldDefinition[],
	entities: readonly Entity[],
	filter?: string,
): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const seen = new Set<string>();
	const items: INodeListSearchItems[] = [];
	for (const definition of definitions) {
		if (typeof definition?.name !== 'string' || definition.name.trim() === '') continue;
		const entity = entityOfContentType(definition.content_type);
		if (!entity || !entities.includes(entity)) continue;
		const key = `${entity}:${customFieldKey(definition.name)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (wanted && !definition.name.toLowerCase().includes(wanted)) continue;
		items.push({
			name: entities.length > 1 ? `${definition.name} (${entity})` : definition.name,
			value: definition.name,
		});
	}
	return items.sort(
		(a, b) =>
			a.name.localeCompare(b.name, 'es', { sensitivity: 'base' }) || a.name.localeCompare(b.name),
	);
}

async function searchCustomFields(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const config = await clientConfigFromCredentials(this, {
		timing: { ...DEFAULT_RETRY_TIMING, maxRetries: 1 },
	});
	const client = new ClientifyClient(config);
	const { results } = await client.listAll<CustomFieldDefinition>(CUSTOM_FIELDS_PATH);
	return {
		results: customFieldOptions(
			results,
			entitiesFor(this.getCurrentNodeParameter('recordType')),
			filter,
		),
	};
}

export const listSearch = { searchCustomFields };
