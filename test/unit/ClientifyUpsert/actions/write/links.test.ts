/** A contact's link to its company (nodes/ClientifyUpsert/actions/write/links.ts), on a fake client. */
import { CompanyFinder } from '../../../../../nodes/ClientifyUpsert/actions/write/companies';
import {
	applyLink,
	linkExisting,
	linkNew,
} from '../../../../../nodes/ClientifyUpsert/actions/write/links';
import { encodeSyncState } from '../../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';
import { desired } from '../../../shared/clientify/fixtures';
import { engineOptions, fakeClient, notes, recordItem, stepContext } from './fixtures';

const linked = recordItem(desired, 0, { link: { kind: 'found', id: 900 } });

function setup(routes: Record<string, unknown>, options = engineOptions()) {
	const fake = fakeClient(routes, { generation: 'v2' });
	const ctx = stepContext(fake.client, options);
	return { ...fake, ctx, finder: new CompanyFinder(ctx) };
}

/** A contact as v2 reads it, of company `companyId`, with the sync state tied to it naming `k`. */
function contact(companyId: number | undefined, k?: number): ClientifyRecord {
	return {
		id: 7,
		created: '2026-01-01T00:00:00Z',
		...(companyId ? { company_id: companyId } : {}),
		custom_fields: [
			{
				field: 'hispatec_SyncState',
				value: encodeSyncState({ v: 1, i: 7, k, e: [], p: [], a: [] }),
			},
		],
	};
}

describe('linkNew', () => {
	it('a new contact is linked to its company: one PUT on the company’s employees', async () => {
		const { ctx, finder, keys } = setup({ 'PUT /companies/900/employees/7/': {} });
		const n = notes();
		await linkNew(ctx, finder, linked, 7, n);
		expect(keys()).toEqual(['PUT /companies/900/employees/7/']);
		expect(n.link).toEqual({ companyId: 900, action: 'linked' });
	});

	it('a company not found: no call, the contact says so', async () => {
		const { ctx, finder, calls } = setup({});
		const missing = recordItem(desired, 0, {
			link: { kind: 'missing', warning: { code: 'company_not_found', message: 'm' } },
		});
		const n = notes();
		await linkNew(ctx, finder, missing, 7, n);
		expect(calls).toEqual([]);
		expect(n.link).toEqual({ companyId: null, action: 'not_found' });
		expect(n.warnings.map((w) => w.code)).toEqual(['company_not_found']);
	});

	it('a failing link never fails the contact: company_link_failed', async () => {
		const { ctx, finder } = setup({ 'PUT /companies/900/employees/7/': new Error('503') });
		const n = notes();
		await linkNew(ctx, finder, linked, 7, n);
		expect(n.link).toEqual({ companyId: 900, action: 'failed' });
		expect(n.warnings.map((w) => w.code)).toEqual(['company_link_failed']);
	});

	it('dry run: the PUT planned, nothing sent', async () => {
		const { ctx, finder, calls } = setup({}, engineOptions({ dryRun: true }));
		const n = notes(true);
		await linkNew(ctx, finder, linked, 0, n);
		expect(calls).toEqual([]);
		expect(n.plannedRequests).toEqual([
			{ method: 'PUT', path: '/companies/900/employees/0/', body: {} },
		]);
	});
});

describe('linkExisting', () => {
	it('already linked: nothing sent, k kept', async () => {
		const { ctx, finder, calls } = setup({}, engineOptions());
		const existing = contact(900, 900);
		const n = notes();
		const k = await linkExisting(
			ctx,
			finder,
			linked,
			existing,
			{ v: 1, i: 7, k: 900, e: [], p: [], a: [] },
			n,
		);
		expect(k).toBe(900);
		expect(calls).toEqual([]);
		expect(n.link).toEqual({ companyId: 900, action: 'unchanged' });
	});

	it('linked by people to another company: kept, with a warning', async () => {
		const { ctx, finder, calls } = setup({});
		const n = notes();
		await linkExisting(ctx, finder, linked, contact(55), undefined, n);
		expect(calls).toEqual([]);
		expect(n.link).toEqual({ companyId: 900, action: 'kept' });
		expect(n.warnings.map((w) => w.code)).toEqual(['company_link_kept']);
	});

	it('the sync’s own link moved: the contact read again, the old link removed, the new one added', async () => {
		const existing = contact(55, 55);
		const { ctx, finder, keys } = setup({
			'GET /contacts/7/': existing,
			'DELETE /companies/55/employees/7/': {},
			'PUT /companies/900/employees/7/': {},
		});
		const n = notes();
		const state = { v: 1 as const, i: 7, k: 55, e: [], p: [], a: [] };
		await expect(linkExisting(ctx, finder, linked, existing, state, n)).resolves.toBe(900);
		expect(keys()).toEqual([
			'GET /contacts/7/',
			'DELETE /companies/55/employees/7/',
			'PUT /companies/900/employees/7/',
		]);
		expect(n.link).toEqual({ companyId: 900, action: 'moved' });
	});
});

describe('applyLink', () => {
	it('no link asked for: nothing happens, k as given', async () => {
		const { ctx, finder, calls } = setup({});
		const n = notes();
		await expect(applyLink(ctx, finder, recordItem(desired), 7, undefined, 3, n)).resolves.toBe(3);
		expect(calls).toEqual([]);
		expect(n.link).toBeUndefined();
	});
});
