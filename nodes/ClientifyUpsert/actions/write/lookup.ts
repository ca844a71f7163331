/**
 * Finding existing records by tax ID, per execution.
 *
 * - Search Each: contacts `GET /contacts/?query=<taxId>` (a substring search over names, e-mails and
 *   tax ID); companies `GET /companies/?taxpayer_identification_number=<taxId>`, falling back to
 *   `query=` when the filter turns out to be ignored (it returned records with other tax IDs).
 *   Every page is followed and only exact matches on the normalized tax ID count.
 * - Index All: every record of the entity is listed once (`page_size=100`) and indexed by tax ID.
 * - Auto: with at least two distinct tax IDs of an entity, the first listing page is read; its
 *   `count` decides whether finishing the listing costs fewer calls than one search per tax ID.
 *   That first page is part of the listing, so nothing is wasted when the CRM fits in one page.
 * - After the batch, the re-check's listing of the records created since it started
 *   (`createdSince`, nodes/shared/clientify/overlap.ts), indexed by tax ID like Index All.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	AUTO_MIN_GROUPS_TO_PROBE,
	MAX_PAGE_SIZE,
	exactMatches,
	shouldIndex,
	taxIdMatchKey,
} from '../../../shared/clientify/plan/match';
import { listCreatedSince } from '../../../shared/clientify/overlap';
import type { ClientifyRecord, Entity, LookupStrategy } from '../../../shared/clientify/types';
import { ENTITY_PATH } from '../../../shared/clientify/client/client';
import {
	eachRecord,
	type ClientifyClient,
	type ListPage,
} from '../../../shared/clientify/client/client';
import { settle } from '../../../shared/settle';

type Mode =
	| { mode: 'search' }
	| { mode: 'index'; index: Map<string, ClientifyRecord[]> }
	| { mode: 'failed'; error: unknown };

export class Lookup {
	private readonly modes = new Map<Entity, Mode>();

	/** Whether `taxpayer_identification_number=` filters companies (learned on first use). */
	private companyFilter: 'unknown' | 'works' | 'ignored' = 'unknown';

	constructor(
		private readonly client: ClientifyClient,
		private readonly strategy: LookupStrategy,
	) {}

	/** Chosen mode per entity, for diagnostics and tests. */
	modeOf(entity: Entity): 'search' | 'index' | 'failed' | undefined {
		return this.modes.get(entity)?.mode;
	}

	/** Chooses and prepares the lookup for each entity, given how many distinct tax IDs it has. */
	async prepare(groupsPerEntity: Map<Entity, number>): Promise<void> {
		await Promise.all(
			[...groupsPerEntity.entries()].map(async ([entity, groups]) => {
				const outcome = await settle(this.prepareEntity(entity, groups));
				this.modes.set(
					entity,
					outcome.ok ? outcome.value : { mode: 'failed', error: outcome.error },
				);
			}),
		);
	}

	private async prepareEntity(entity: Entity, groups: number): Promise<Mode> {
		if (this.strategy === 'searchEach') return { mode: 'search' };
		if (this.strategy === 'auto' && groups < AUTO_MIN_GROUPS_TO_PROBE) return { mode: 'search' };
		const first = await this.client.listPage<ClientifyRecord>(ENTITY_PATH[entity], {
			page_size: MAX_PAGE_SIZE,
		});
		if (this.strategy === 'auto' && first.next && !shouldIndex(groups, first.count, 1))
			return { mode: 'search' };
		return { mode: 'index', index: buildIndex(await this.client.rest(first)) };
	}

	/** Every record of the entity's index, when it was indexed (Index All, or Auto that chose it). */
	indexed(entity: Entity): ClientifyRecord[] | undefined {
		const mode = this.modes.get(entity);
		return mode?.mode === 'index' ? [...mode.index.values()].flat() : undefined;
	}

	/** Existing records with this tax ID (exact matches only). */
	async find(entity: Entity, taxId: string): Promise<ClientifyRecord[]> {
		const mode = this.modes.get(entity) ?? { mode: 'search' };
		if (mode.mode === 'failed') throw mode.error;
		if (mode.mode === 'index') return [...(mode.index.get(taxId) ?? [])];
		return await this.search(entity, taxId);
	}

	/** A live search (also used after a failed or conflicting create, when an index is stale). */
	async search(entity: Entity, taxId: string): Promise<ClientifyRecord[]> {
		if (entity === 'contact') {
			const { results } = await this.client.listAll<ClientifyRecord>(ENTITY_PATH.contact, {
				query: taxId,
				page_size: MAX_PAGE_SIZE,
			});
			return exactMatches(results, taxId);
		}
		if (this.companyFilter !== 'ignored') {
			const first: ListPage<ClientifyRecord> = await this.client.listPage<ClientifyRecord>(
				ENTITY_PATH.company,
				{
					taxpayer_identification_number: taxId,
					page_size: MAX_PAGE_SIZE,
				},
			);
			const honoured = first.results.every(
				(r) => taxIdMatchKey(r.taxpayer_identification_number) === taxId,
			);
			if (honoured) {
				this.companyFilter = first.results.length ? 'works' : this.companyFilter;
				return exactMatches(await this.client.rest(first), taxId);
			}
			this.companyFilter = 'ignored';
		}
		const { results } = await this.client.listAll<ClientifyRecord>(ENTITY_PATH.company, {
			query: taxId,
			page_size: MAX_PAGE_SIZE,
		});
		return exactMatches(results, taxId);
	}

	/** Every record of `entity`, page by page (`eachRecord`): the removals' index of Hispatec codes. */
	async each(entity: Entity, onRecord: (record: ClientifyRecord) => void): Promise<void> {
		await eachRecord(this.client, entity, onRecord);
	}

	/** The records of `entity` created since `since` (one keyset listing), by tax ID. */
	async createdSince(
		entity: Entity,
		since: Parameters<typeof listCreatedSince>[0],
	): Promise<Map<string, ClientifyRecord[]>> {
		const listed = await listCreatedSince(since, MAX_PAGE_SIZE, async (qs, next) =>
			next
				? await this.client.listPage<ClientifyRecord>(next)
				: await this.client.listPage<ClientifyRecord>(ENTITY_PATH[entity], qs as IDataObject),
		);
		return buildIndex(listed);
	}
}

function buildIndex(records: ClientifyRecord[]): Map<string, ClientifyRecord[]> {
	const index = new Map<string, ClientifyRecord[]>();
	for (const record of records) {
		const key = taxIdMatchKey(record?.taxpayer_identification_number);
		if (!key) continue;
		const list = index.get(key);
		if (list) {
			if (!list.some((r) => r.id === record.id)) list.push(record);
		} else index.set(key, [record]);
	}
	return index;
}
