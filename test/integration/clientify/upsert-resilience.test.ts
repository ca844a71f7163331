/**
 * Retries (429 with Retry-After, 5xx, dropped connections), POST retried only after a lookup,
 * continue-on-fail, the error output, and failures without continue-on-fail.
 */
import { NodeApiError } from 'n8n-workflow';
import { CREATED_CONTACT_FIELDS } from '../../helpers/clientify';
import {
	actions,
	contact,
	dni,
	routeErrorOutput,
	runUpsert,
	runUpsertError,
	withClientifyEmulator,
	logLines,
	recheckLine,
} from './helpers';

const plain = (n: number) => contact(n, { sourceId: undefined });

describe('Clientify Upsert: failures and retries', () => {
	const emu = withClientifyEmulator();
	beforeEach(() => {
		// The node's sync-state field exists (a CRM synced before): these tests are about retries.
		emu.store.seedCustomField('contact', 'hispatec_SyncState');
	});

	it('recovers from 429 honouring Retry-After, from 500/504 and from a dropped connection', async () => {
		emu.store.seedContact({
			first_name: 'Viejo',
			taxpayer_identification_number: dni(2),
			tags: ['hispatec'],
		});
		emu.setOption('faults', [
			{ method: 'GET', path: '/contacts/', nth: 1, status: 429, retryAfter: 0 },
			{ method: 'GET', path: '/contacts/', nth: 2, drop: true },
			{ method: 'PUT', path: '/contacts/1/', status: 500 },
			{ method: 'PUT', path: '/contacts/1/', nth: 2, status: 504 },
		]);
		const result = await runUpsert(emu, [plain(2)], { parameters: { options: { tags: '' } } });
		expect(result.json[0]).toMatchObject({ action: 'updated', clientifyId: 1, warnings: [] });
		expect(emu.log.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
			'GET 429',
			'GET 0',
			'GET 200',
			'GET 200',
			'POST 201',
			'POST 201',
			'POST 201',
			'PUT 500',
			'PUT 504',
			'PUT 200',
		]);
		expect(emu.store.getContact(1)?.first_name).toBe('Nombre2');
	});

	it('retries a POST refused with 429 without a lookup (it was not applied)', async () => {
		emu.setOption('faults', [{ method: 'POST', path: '/contacts/', status: 429, retryAfter: '0' }]);
		const result = await runUpsert(emu, [plain(1)]);
		expect(actions(result)).toEqual(['created']);
		expect(logLines(emu)).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			'POST /v1/contacts/?force_insert=true',
			'POST /v1/contacts/?force_insert=true',
			recheckLine(),
		]);
	});

	it('a create whose answer is lost (504 after it was applied) is confirmed by a lookup, not sent twice', async () => {
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', status: 504, afterHandling: true },
		]);
		const result = await runUpsert(emu, [plain(1)]);
		expect(result.json[0]).toMatchObject({
			action: 'created',
			clientifyId: 1,
			changedFields: [...CREATED_CONTACT_FIELDS, 'custom_fields.hispatec_SyncState'],
			warnings: [
				{
					code: 'create_confirmed_by_lookup',
					message:
						'The answer to the create was lost (Clientify failed with 504 (Gateway Timeout)); a lookup found the record, so the create was not sent again',
				},
			],
		});
		expect(logLines(emu)).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			'POST /v1/contacts/?force_insert=true',
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			recheckLine(),
		]);
		expect(emu.store.snapshot().contacts).toHaveLength(1);
	});

	it('a create that failed before being applied is sent again only after a lookup found nothing', async () => {
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', status: 500 },
			{ method: 'POST', path: '/contacts/', nth: 2, drop: true },
		]);
		const result = await runUpsert(emu, [plain(1)]);
		expect(result.json[0]).toMatchObject({ action: 'created', clientifyId: 1, warnings: [] });
		expect(logLines(emu)).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			'POST /v1/contacts/?force_insert=true',
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'POST /v1/contacts/?force_insert=true',
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'POST /v1/contacts/?force_insert=true',
			recheckLine(),
		]);
		expect(emu.store.snapshot().contacts).toHaveLength(1);
	});

	it('an added e-mail whose answer is lost is checked with a GET before being sent again', async () => {
		emu.store.seedContact({
			first_name: 'Nombre1',
			last_name: 'Apellido1',
			taxpayer_identification_number: dni(1),
			tags: ['hispatec'],
		});
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/1/emails/', status: 502, afterHandling: true },
		]);
		const result = await runUpsert(emu, [
			contact(1, { sourceId: undefined, phones: [], phone: undefined, address: undefined }),
		]);
		expect(result.json[0]).toMatchObject({
			action: 'updated',
			changedFields: ['custom_fields.hispatec_SyncState', 'emails'],
		});
		expect(emu.log.lines()).toEqual([
			`GET /v1/contacts/?query=${dni(1)}&page_size=100`,
			'GET /v1/custom-fields/',
			'POST /v1/contacts/1/emails/',
			'GET /v1/contacts/1/emails/',
			'PUT /v1/contacts/1/',
		]);
		expect(emu.store.getContact(1)?.emails.map((e) => e.email)).toEqual(['c1@agro.es']);
	});

	it('gives up after the retries with a clear error', async () => {
		emu.setOption('faults', [{ method: 'GET', path: '/contacts/', status: 503, times: Infinity }]);
		const result = await runUpsert(emu, [plain(1)], { continueOnFail: true });
		expect(result.json[0]).toMatchObject({
			action: 'failed',
			httpCode: '503',
			error: 'Clientify failed with 503 (Service Unavailable) after 5 retries',
		});
		expect(emu.log.reads).toBe(6);
		expect(emu.log.writes).toBe(0);
	});

	it("does not retry a 400 and reports Clientify's field errors", async () => {
		emu.setOption('faults', [
			{
				method: 'POST',
				path: '/contacts/',
				status: 400,
				body: { first_name: ['Ensure this field has no more than 50 characters.'] },
			},
		]);
		const result = await runUpsert(
			emu,
			[contact(1, { sourceId: undefined, extra: { Cultivo: 'Tomate' } })],
			{ continueOnFail: true },
		);
		expect(result.json[0]).toEqual({
			action: 'failed',
			recordType: 'contact',
			taxId: dni(1),
			clientifyId: null,
			changedFields: [],
			customFieldsCreated: ['hispatec_Cultivo'],
			warnings: [],
			httpCode: '400',
			error:
				'Clientify rejected the request (400): first_name: Ensure this field has no more than 50 characters.',
		});
		expect(emu.log.count('POST', '/contacts/')).toBe(1);
	});

	it('continue-on-fail: a failing record never stops the batch', async () => {
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', nth: 2, status: 400, body: { detail: 'Bad data' } },
		]);
		const result = await runUpsert(emu, [1, 2, 3, 4].map(plain), {
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});
		expect(actions(result)).toEqual(['created', 'failed', 'created', 'created']);
		expect(result.json[1]).toMatchObject({
			recordType: 'contact',
			taxId: dni(2),
			error: 'Clientify rejected the request (400): Bad data',
		});
		expect(result.output[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.output[0].every((i) => i.error === undefined)).toBe(true);
	});

	it('error output: failed items are {error, message}, which n8n routes to the second output merged with the input', async () => {
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', nth: 2, status: 400, body: { detail: 'Bad data' } },
		]);
		const result = await runUpsert(emu, [1, 2, 3].map(plain), {
			continueOnFail: true,
			onError: 'continueErrorOutput',
			parameters: { options: { concurrency: 1 } },
		});
		const routed = routeErrorOutput(result.output);
		expect(routed.success.map((i) => [i.pairedItem, i.json.action])).toEqual([
			[{ item: 0 }, 'created'],
			[{ item: 2 }, 'created'],
		]);
		expect(routed.errors).toEqual([
			{
				json: {
					error: 'Clientify rejected the request (400): Bad data',
					message: 'POST /contacts/',
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('without continue-on-fail: throws a NodeApiError with the item index; no new record starts after it', async () => {
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', nth: 2, status: 400, body: { detail: 'Bad data' } },
		]);
		const error = await runUpsertError(emu, [1, 2, 3, 4].map(plain), {
			parameters: { options: { concurrency: 1 } },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Clientify rejected the request (400): Bad data');
		expect(error.context.itemIndex).toBe(1);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(emu.store.snapshot().contacts.map((c) => c.taxpayer_identification_number)).toEqual([
			dni(1),
		]);
		// Auto strategy: the empty CRM's first list page is the whole index. The record created
		// before the failure is still re-checked against overlapping runs.
		expect(logLines(emu)).toEqual([
			'GET /v1/contacts/?page_size=100',
			'GET /v1/custom-fields/',
			'POST /v1/contacts/?force_insert=true',
			'POST /v1/contacts/?force_insert=true',
			recheckLine(),
		]);
	});

	it('stops starting records when the execution is cancelled', async () => {
		const controller = new AbortController();
		emu.setOption('faults', [
			{ method: 'POST', path: '/contacts/', nth: 2, before: () => controller.abort() },
		]);
		const result = await runUpsert(emu, [1, 2, 3, 4].map(plain), {
			continueOnFail: true,
			abortSignal: controller.signal,
			parameters: { options: { concurrency: 1 } },
		});
		expect(actions(result)).toEqual(['created', 'failed', 'failed', 'failed']);
		expect(result.json.slice(2).map((j) => j.error)).toEqual([
			'The execution was cancelled before this record was synced',
			'The execution was cancelled before this record was synced',
		]);
		expect(emu.log.count('POST')).toBe(2);
	});

	it('a bad parameter (expression) fails its item before anything is sent', async () => {
		const error = await runUpsertError(emu, [plain(1), plain(2)], {
			itemParameters: [undefined, { options: { tags: { not: 'a string' } } }],
		});
		expect(error.message).toBe(
			'The option "Tags" must be a comma-separated text; got {"not":"a string"}',
		);
		expect(error.context.itemIndex).toBe(1);
		expect(emu.log.requests).toHaveLength(0);
	});
});
