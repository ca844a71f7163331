/**
 * Custom-field naming and definition matching.
 *
 * - Each `extra` entry of a normalized record becomes the custom field `<prefix><SourceFieldName>`.
 * - Definitions (`GET /custom-fields/`) name their entity in `content_type`: v1
 *   `"contacts | contact"`, v2 localized `"contacts | contacto"`, before Dec 2023 plain `"contact"`.
 *   Only the trimmed part before `|` is compared, so every language matches.
 * - Names are matched case-insensitively (trimmed); values are then sent under the definition's own
 *   spelling.
 */
import type { CustomFieldDefinition, Entity } from '../types';

export const DEFAULT_CUSTOM_FIELD_PREFIX = 'hispatec_';

/** Clientify's `field_type` for a free-text field ("Text", "Texto" on v2). */
const CUSTOM_FIELD_TYPE_TEXT = 3;

/** `<prefix><SourceFieldName>`, trimmed. */
export function customFieldName(prefix: string, sourceField: string): string {
	return `${prefix}${sourceField}`.trim();
}

/** Comparison key for custom-field names. */
export function customFieldKey(name: string): string {
	return name.trim().toLowerCase();
}

/** The entity a definition belongs to, from its `content_type`; undefined for deals, products, … */
export function entityOfContentType(contentType: unknown): Entity | undefined {
	if (typeof contentType !== 'string') return undefined;
	const head = contentType.split('|')[0].trim().toLowerCase();
	if (head === 'contacts' || head === 'contact') return 'contact';
	if (head === 'companies' || head === 'company') return 'company';
	return undefined;
}

/** Index of one entity's definitions by `customFieldKey`. */
export function indexDefinitions(
	definitions: CustomFieldDefinition[],
	entity: Entity,
): Map<string, CustomFieldDefinition> {
	const index = new Map<string, CustomFieldDefinition>();
	for (const definition of definitions) {
		if (typeof definition?.name !== 'string') continue;
		if (entityOfContentType(definition.content_type) !== entity) continue;
		const key = customFieldKey(definition.name);
		if (!index.has(key)) index.set(key, definition);
	}
	return index;
}

/**
 * ASSUMED API (docs/clientify-upsert.md "Assumed Clientify behaviour" #1): the body that creates a text custom field.
 * No public client creates custom fields; `content_type` might instead want the
 * `"contacts | contact"` label or a numeric id. Only this function needs to change if so.
 */
export function customFieldCreateBody(
	name: string,
	entity: Entity,
): { name: string; field_type: number; content_type: string } {
	return { name, field_type: CUSTOM_FIELD_TYPE_TEXT, content_type: entity };
}

/**
 * ASSUMED API (docs/clientify-upsert.md "Assumed Clientify behaviour"): how Clientify refuses a definition whose name
 * the entity already has (another run created it a moment ago). Unknown: a DRF 400
 * (`{"name": ["… already exists."]}`), a 409 or a 422 are all taken as "maybe it exists", and the
 * definitions are listed again before anything is concluded.
 */
export function definitionMayAlreadyExist(status: number | undefined): boolean {
	return status === 400 || status === 409 || status === 422;
}
