/**
 * Custom-field definitions for one execution (created in `execute()`, never module-scoped).
 *
 * - Definitions are listed once (all pages), the first time a record needs one.
 * - A missing definition is created before the first record that needs it, exactly once: the
 *   creation promise is stored synchronously in a map keyed by entity and name, so concurrent
 *   records await the same creation.
 * - A failed creation is remembered too: every record that needs the field syncs without it, with
 *   a warning. Creation is an assumed API (see `customFieldCreateBody`).
 */
import {
	customFieldCreateBody,
	customFieldKey,
	definitionMayAlreadyExist,
	indexDefinitions,
} from '../../../shared/clientify/desired/source';
import type {
	CustomFieldDefinition,
	CustomFieldEntry,
	DesiredRecord,
	Entity,
} from '../../../shared/clientify/types';
import type { NormalizationWarning } from '../../../shared/types';
import { ClientifyApiError } from '../../../Clientify/transport';
import { isUncertain } from '../../../shared/clientify/client/errors';
import type { ClientifyClient } from '../../../shared/clientify/client/client';
import { guardedPost } from '../../../shared/clientify/client/guarded';
import { settle } from '../../../shared/settle';
import type { PlannedRequest } from './types';

export const CUSTOM_FIELDS_PATH = '/custom-fields/';

type Creation = { ok: true; name: string; createdHere: boolean } | { ok: false; reason: string };

interface ResolvedCustomFields {
	desired: DesiredRecord;
	/** Definitions this record's sync created (or, in a dry run, would create). */
	created: string[];
	warnings: NormalizationWarning[];
	planned: PlannedRequest[];
}

function errorText(error: unknown): string {
	if (error instanceof ClientifyApiError) return error.message;
	return error instanceof Error ? error.message : String(error);
}

export class CustomFieldRegistry {
	private listing?: Promise<
		| { ok: true; byEntity: Map<Entity, Map<string, CustomFieldDefinition>> }
		| { ok: false; reason: string }
	>;

	private readonly creations = new Map<string, Promise<Creation>>();

	constructor(
		private readonly client: ClientifyClient,
		private readonly options: { create: boolean; dryRun: boolean },
	) {}

	/** How many definition creations were started (for tests and diagnostics). */
	get creationsStarted(): number {
		return this.creations.size;
	}

	private async load() {
		if (!this.listing) {
			this.listing = (async () => {
				const outcome = await settle(
					this.client.listAll<CustomFieldDefinition>(CUSTOM_FIELDS_PATH),
				);
				if (!outcome.ok) return { ok: false as const, reason: errorText(outcome.error) };
				const all = outcome.value.results;
				const byEntity = new Map<Entity, Map<string, CustomFieldDefinition>>([
					['contact', indexDefinitions(all, 'contact')],
					['company', indexDefinitions(all, 'company')],
				]);
				return { ok: true as const, byEntity };
			})();
		}
		return await this.listing;
	}

	/**
	 * The record with its custom fields resolved to existing definitions (their spelling), missing
	 * ones created, and the ones that cannot be written left out with a warning.
	 */
	async resolve(desired: DesiredRecord): Promise<ResolvedCustomFields> {
		const result: ResolvedCustomFields = { desired, created: [], warnings: [], planned: [] };
		if (!desired.customFields.length) return result;
		const listing = await this.load();
		if (!listing.ok) {
			result.warnings.push({
				code: 'custom_fields_unavailable',
				message: `Custom fields were not synced: the definitions could not be listed (${listing.reason})`,
			});
			result.desired = { ...desired, customFields: [] };
			return result;
		}
		const known = listing.byEntity.get(desired.entity) ?? new Map<string, CustomFieldDefinition>();
		const kept: CustomFieldEntry[] = [];
		for (const entry of desired.customFields) {
			const key = customFieldKey(entry.name);
			const definition = known.get(key);
			if (definition) {
				kept.push({ name: definition.name, value: entry.value });
				continue;
			}
			if (!this.options.create) {
				result.warnings.push({
					code: 'custom_field_missing',
					field: entry.name,
					message: `Custom field "${entry.name}" does not exist in Clientify and "Create Custom Fields" is off; its value was not synced`,
				});
				continue;
			}
			const mapKey = `${desired.entity}:${key}`;
			let creation = this.creations.get(mapKey);
			const mine = creation === undefined;
			if (!creation) {
				creation = this.create(entry.name, desired.entity, known);
				this.creations.set(mapKey, creation);
			}
			const outcome = await creation;
			if (outcome.ok) {
				kept.push({ name: outcome.name, value: entry.value });
				if (mine && outcome.createdHere) {
					result.created.push(outcome.name);
					if (this.options.dryRun) {
						result.planned.push({
							method: 'POST',
							path: CUSTOM_FIELDS_PATH,
							body: customFieldCreateBody(entry.name, desired.entity),
						});
					}
				}
			} else {
				result.warnings.push({
					code: 'custom_field_not_created',
					field: entry.name,
					message: `Custom field "${entry.name}" could not be created in Clientify (${outcome.reason}); the record was synced without it`,
				});
			}
		}
		result.desired = { ...desired, customFields: kept };
		return result;
	}

	/** Creates one definition; on an uncertain failure or "already exists", re-lists to check. */
	private async create(
		name: string,
		entity: Entity,
		known: Map<string, CustomFieldDefinition>,
	): Promise<Creation> {
		if (this.options.dryRun) return { ok: true, name, createdHere: true };
		const posted = await guardedPost({
			post: async () =>
				await this.client.request<CustomFieldDefinition>('POST', CUSTOM_FIELDS_PATH, {
					body: customFieldCreateBody(name, entity),
					retry: 'rejectedOnly',
				}),
			shouldLook: (error) =>
				isUncertain(error) ||
				(error instanceof ClientifyApiError && definitionMayAlreadyExist(error.status)),
			look: async () => {
				const fresh = await settle(this.client.listAll<CustomFieldDefinition>(CUSTOM_FIELDS_PATH));
				return fresh.ok
					? indexDefinitions(fresh.value.results, entity).get(customFieldKey(name))
					: undefined;
			},
			maxRetries: this.client.config.timing.maxRetries,
			wait: async (attempt) => await this.client.wait(attempt),
		});
		if (posted.kind === 'posted') {
			const definition =
				posted.value && typeof posted.value.name === 'string'
					? posted.value
					: { id: 0, name, content_type: entity };
			known.set(customFieldKey(definition.name), definition);
			return { ok: true, name: definition.name, createdHere: true };
		}
		if (posted.kind === 'found') {
			known.set(customFieldKey(posted.found.name), posted.found);
			// After a lost answer our POST made it; after "already exists", someone else did.
			return { ok: true, name: posted.found.name, createdHere: isUncertain(posted.error) };
		}
		return { ok: false, reason: errorText(posted.error) };
	}
}
