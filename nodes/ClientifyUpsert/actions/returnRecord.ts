/**
 * Option *Return Clientify Record*: each created, updated or unchanged item gets `clientifyRecord`,
 * the record as Clientify holds it after the write, taken from answers the sync already received:
 * - created: the answer to `POST /contacts/` (Clientify answers with the whole record);
 * - updated: the answer to `PUT /contacts/{id}/`, unless sub-resources (emails, phones, addresses,
 *   websites, tags) were added or edited after it; then, and only then, one `GET /contacts/{id}/`;
 * - unchanged: the record as the lookup found it (search or listing);
 * - dry run: nothing is written, so the record as found (null for a record that would be created).
 * The engine is untouched: a client subclass notes the records in the answers it passes on.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Entity } from '../../shared/clientify/types';
import { ClientifyClient, type RetryMode } from '../../shared/clientify/client/client';
import type { HttpMethod } from '../../shared/clientify/client/io';
import type { UpsertResult } from './write/types';

const ENTITY_OF_SEGMENT: Record<string, Entity> = { contacts: 'contact', companies: 'company' };
const SEGMENT_OF_ENTITY: Record<Entity, string> = { contact: 'contacts', company: 'companies' };
const SUB_RESOURCES = new Set(['emails', 'phones', 'addresses', 'websites', 'tags']);

function keyOf(entity: Entity, id: unknown): string | undefined {
	return typeof id === 'number' && id > 0 ? `${entity}:${id}` : undefined;
}

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

export class RecordingClient extends ClientifyClient {
	/** Latest full representation seen per `entity:id`. */
	private readonly latest = new Map<string, IDataObject>();

	/** Records changed (sub-resources added) after their latest representation. */
	private readonly stale = new Set<string>();

	/** Extra `GET /…/{id}/` calls made for the output (for tests and logs). */
	refetches = 0;

	override async request<T = unknown>(
		method: HttpMethod,
		pathOrUrl: string,
		options: { qs?: IDataObject; body?: IDataObject; retry?: RetryMode } = {},
	): Promise<T> {
		const body = await super.request<T>(method, pathOrUrl, options);
		this.note(method, pathOrUrl, body);
		return body;
	}

	/** Path below the Base URL, without the query: `/contacts/12/emails/`. */
	private pathOf(pathOrUrl: string): string {
		const base = new URL(this.config.baseUrl).pathname.replace(/\/+$/, '');
		let path = /^https?:\/\//i.test(pathOrUrl)
			? new URL(pathOrUrl).pathname
			: pathOrUrl.split('?')[0];
		if (base && path.startsWith(`${base}/`)) path = path.slice(base.length);
		return path.startsWith('/') ? path : `/${path}`;
	}

	private keep(entity: Entity, record: unknown): void {
		if (!isRecord(record)) return;
		const key = keyOf(entity, record.id);
		if (!key) return;
		this.latest.set(key, record);
		this.stale.delete(key);
	}

	private note(method: HttpMethod, pathOrUrl: string, body: unknown): void {
		const segments = this.pathOf(pathOrUrl).split('/').filter(Boolean);
		const entity = ENTITY_OF_SEGMENT[segments[0] ?? ''];
		if (!entity) return;
		if (segments.length === 1) {
			if (method === 'GET' && isRecord(body) && Array.isArray(body.results))
				body.results.forEach((r) => this.keep(entity, r));
			else if (method === 'POST') this.keep(entity, body);
			return;
		}
		const id = Number(segments[1]);
		if (!Number.isInteger(id)) return;
		if (segments.length === 2 && (method === 'PUT' || method === 'PATCH' || method === 'GET')) {
			this.keep(entity, body);
		} else if (segments[0] === 'companies' && segments[2] === 'employees' && method !== 'GET') {
			// A contact's company link (write/links.ts) changes the contact, not the company.
			const key = keyOf('contact', Number(segments[3]));
			if (key) this.stale.add(key);
		} else if (segments.length >= 3 && SUB_RESOURCES.has(segments[2]) && method !== 'GET') {
			const key = keyOf(entity, id);
			if (key) this.stale.add(key);
		}
	}

	/**
	 * The record to return for one result, or null (skipped, failed, or created in a dry run). Makes
	 * a `GET` only when the last answer about the record is older than writes made after it.
	 */
	async recordFor(result: UpsertResult, dryRun: boolean): Promise<IDataObject | null> {
		if (result.action !== 'created' && result.action !== 'updated' && result.action !== 'unchanged')
			return null;
		if (!result.recordType) return null;
		const key = keyOf(result.recordType, result.clientifyId);
		if (!key) return null;
		const known = this.latest.get(key);
		if (known && (!this.stale.has(key) || dryRun)) return known;
		if (dryRun) return null;
		this.refetches++;
		return await this.request<IDataObject>(
			'GET',
			`/${SEGMENT_OF_ENTITY[result.recordType]}/${result.clientifyId}/`,
		);
	}
}
