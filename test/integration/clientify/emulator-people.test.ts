/**
 * The Clientify emulator's people side (issue 17): deals, tasks and notes per record, consent flags
 * kept by item endpoints and reset by a list PUT, stable item ids, `modified` on every change, the
 * controllable clock, the `people` hook, the request gate and several API keys.
 * Self-contained (imports only the emulator), so it runs whatever state the node's code is in.
 */
import axios, { type AxiosResponse } from 'axios';
import {
	startClientifyEmulator,
	type ClientifyEmulator,
	type ClientifyEmulatorOptions,
} from '../../../emulators/clientify';

async function call(
	emu: ClientifyEmulator,
	method: string,
	path: string,
	options: { body?: unknown; key?: string } = {},
): Promise<AxiosResponse> {
	return await axios({
		method,
		url: `${emu.baseUrl}${path}`,
		data: options.body,
		headers: { Authorization: `Token ${options.key ?? emu.apiKey}` },
		validateStatus: () => true,
		maxRedirects: 0,
		proxy: false,
	});
}

function useEmulator(options: ClientifyEmulatorOptions = {}): () => ClientifyEmulator {
	let emu: ClientifyEmulator | undefined;
	beforeAll(async () => {
		emu = await startClientifyEmulator(options);
	});
	afterAll(async () => await emu?.close());
	beforeEach(() => emu?.reset());
	return () => emu as ClientifyEmulator;
}

const ms = (stamp: unknown) => Date.parse(String(stamp));

describe('Clientify emulator: deals, tasks and notes (v1)', () => {
	const emu = useEmulator();

	it('lists a record’s tasks and timeline (with and without trailing slash), paginated', async () => {
		const p = emu().people;
		const ana = p.create('contact', { first_name: 'Ana' });
		const other = p.create('contact', { first_name: 'Bea' });
		const acme = p.create('company', { name: 'Acme' });
		for (let i = 0; i < 12; i++) p.attachTask('contact', ana.id, { name: `Llamar ${i}` });
		p.attachTask('contact', other.id, { name: 'otra' });
		p.attachNote('contact', ana.id, { name: 'Visita', comment: 'Quiere 3 t' });
		p.attachTask('company', acme.id, { name: 'Oferta' });
		p.attachNote('company', acme.id, { comment: 'Cliente desde 1990' });

		const tasks = await call(emu(), 'GET', `/contacts/${ana.id}/tasks/`);
		expect(tasks.status).toBe(200);
		expect(tasks.data).toMatchObject({ count: 12, previous: null });
		expect(tasks.data.results).toHaveLength(10);
		expect(tasks.data.next).toBe(`${emu().baseUrl}/contacts/${ana.id}/tasks/?page=2`);
		expect(tasks.data.results[0]).toMatchObject({
			name: 'Llamar 0',
			contact: `${emu().baseUrl}/contacts/${ana.id}/`,
			contact_id: ana.id,
			company: null,
		});
		const companyTasks = await call(emu(), 'GET', `/companies/${acme.id}/tasks/`);
		expect(companyTasks.data.results.map((t: { name: string }) => t.name)).toEqual(['Oferta']);

		for (const path of [`/contacts/${ana.id}/wallentries`, `/contacts/${ana.id}/wallentries/`]) {
			const wall = await call(emu(), 'GET', path);
			expect(wall.status).toBe(200);
			expect(wall.data.count).toBe(1);
			expect(wall.data.results[0]).toMatchObject({
				type: 'note',
				name: 'Visita',
				comment: 'Quiere 3 t',
			});
		}
		const companyWall = await call(emu(), 'GET', `/companies/${acme.id}/wallentries/`);
		expect(companyWall.data.results[0].comment).toBe('Cliente desde 1990');
		const missing = await call(emu(), 'GET', `/contacts/999/tasks/`);
		expect(missing.status).toBe(404);
	});

	it('lists deals per contact and per company (ASSUMED filters), all without a filter', async () => {
		const p = emu().people;
		const ana = p.create('contact', { first_name: 'Ana' });
		const acme = p.create('company', { name: 'Acme' });
		p.attachDeal('contact', ana.id, { name: 'D1', amount: 100 });
		p.attachDeal('company', acme.id, { name: 'D2', amount: 200 });
		const posted = await call(emu(), 'POST', '/deals/', {
			body: {
				name: 'D3',
				amount: 300,
				contact: `${emu().baseUrl}/contacts/${ana.id}/`,
				company: acme.id,
			},
		});
		expect(posted.status).toBe(201);
		const names = (r: AxiosResponse) => r.data.results.map((d: { name: string }) => d.name);
		expect(names(await call(emu(), 'GET', `/deals/?contact=${ana.id}`))).toEqual(['D1', 'D3']);
		expect(names(await call(emu(), 'GET', `/deals/?company=${acme.id}`))).toEqual(['D2', 'D3']);
		expect(names(await call(emu(), 'GET', '/deals/'))).toEqual(['D1', 'D2', 'D3']);
		expect((await call(emu(), 'GET', `/deals/?contact=999`)).data.count).toBe(0);
		const bad = await call(emu(), 'POST', '/deals/', { body: { name: 'X', contact: 999 } });
		expect(bad.status).toBe(400);
		const one = await call(emu(), 'GET', `/deals/${posted.data.id}/`);
		expect(one.data).toMatchObject({ name: 'D3', amount: 300, company_id: acme.id });
	});

	it('creates notes and tasks through the API without moving the record’s modified', async () => {
		const ana = emu().store.seedContact({ first_name: 'Ana' });
		const before = ana.modified;
		const note = await call(emu(), 'POST', `/contacts/${ana.id}/note/`, {
			body: { name: 'Nota', comment: 'texto' },
		});
		expect(note.status).toBe(201);
		const task = await call(emu(), 'POST', '/tasks/', { body: { name: 'T', contact: ana.id } });
		expect(task.status).toBe(201);
		emu().people.attachDeal('contact', ana.id);
		expect(emu().store.getContact(ana.id)?.modified).toBe(before);
		expect(
			emu()
				.people.workOn('contact', ana.id)
				.map((w) => w.kind),
		).toEqual(['deal', 'task', 'note']);
	});

	it('keeps the work of a deleted record and counts it as lost; export and re-import moves it', async () => {
		const p = emu().people;
		const ana = p.create('contact', { first_name: 'Ana' });
		const bea = p.create('contact', { first_name: 'Bea' });
		p.attachDeal('contact', ana.id);
		p.attachNote('contact', ana.id);
		p.attachDeal('contact', bea.id);
		expect(p.workLost()).toEqual([]);
		expect((await call(emu(), 'DELETE', `/contacts/${ana.id}/`)).status).toBe(204);
		expect(p.workLost().map((w) => [w.kind, w.contact])).toEqual([
			['deal', ana.id],
			['note', ana.id],
		]);
		expect((await call(emu(), 'GET', `/deals/?contact=${ana.id}`)).data.count).toBe(1);
		const copy = p.exportReimport('contact', bea.id);
		expect(p.exists('contact', bea.id)).toBe(false);
		expect(p.workOn('contact', copy.id)).toHaveLength(1);
		expect(p.workLost()).toHaveLength(2);
	});
});

describe('Clientify emulator: consent flags and item ids', () => {
	const emu = useEmulator();

	it('creates e-mails and phones subscribed; item PUT/PATCH keep id, unsubscribed and unknown attributes', async () => {
		const created = await call(emu(), 'POST', '/contacts/', {
			body: {
				first_name: 'Ana',
				emails: [{ email: 'ana@agro.es', type: 1 }],
				phones: [{ phone: '+34950000001', type: 3 }],
			},
		});
		expect(created.data.emails[0]).toEqual({
			id: expect.any(Number),
			email: 'ana@agro.es',
			type: 1,
			unsubscribed: false,
		});
		const id = created.data.id as number;
		const phoneId = created.data.phones[0].id as number;
		const emailId = created.data.emails[0].id as number;
		emu().people.unsubscribe('contact', id, 'phones', phoneId);
		emu().people.unsubscribe('contact', id, 'emails', emailId);
		(emu().store.getContact(id)?.phones[0] as unknown as Record<string, unknown>).extension = '12';

		const put = await call(emu(), 'PUT', `/contacts/${id}/phones/${phoneId}/`, {
			body: { phone: '+34950000002', type: 2 },
		});
		expect(put.data).toEqual({
			id: phoneId,
			phone: '+34950000002',
			type: 2,
			unsubscribed: true,
			extension: '12',
		});
		const patch = await call(emu(), 'PATCH', `/contacts/${id}/emails/${emailId}/`, {
			body: { type: 3 },
		});
		expect(patch.data).toEqual({ id: emailId, email: 'ana@agro.es', type: 3, unsubscribed: true });
		const resubscribe = await call(emu(), 'PUT', `/contacts/${id}/emails/${emailId}/`, {
			body: { unsubscribed: false },
		});
		expect(resubscribe.data.unsubscribed).toBe(false);
		const bad = await call(emu(), 'PUT', `/contacts/${id}/emails/${emailId}/`, {
			body: { unsubscribed: 'yes' },
		});
		expect(bad.status).toBe(400);
	});

	it('a list PUT rebuilds the list: ids sent are kept, unsubscribed only when sent, others new', async () => {
		const rec = emu().store.seedContact({
			phones: [
				{ phone: '+34950000001', unsubscribed: true },
				{ phone: '+34950000002', unsubscribed: true },
				{ phone: '+34950000003', unsubscribed: true },
			],
		});
		const [a, b, c] = rec.phones;
		const res = await call(emu(), 'PUT', `/contacts/${rec.id}/`, {
			body: {
				phones: [
					{ id: c.id, phone: c.phone, type: 1, unsubscribed: true },
					{ id: a.id, phone: a.phone, type: 1 },
					{ phone: b.phone, type: 1 },
					{ id: a.id, phone: '+34950000009', type: 1 },
					{ id: 123456, phone: '+34950000008', type: 1 },
				],
			},
		});
		expect(res.status).toBe(200);
		const phones = res.data.phones as Array<{ id: number; phone: string; unsubscribed: boolean }>;
		expect(phones.map((p) => [p.phone, p.unsubscribed])).toEqual([
			['+34950000003', true],
			['+34950000001', false],
			['+34950000002', false],
			['+34950000009', false],
			['+34950000008', false],
		]);
		expect(phones[0].id).toBe(c.id);
		expect(phones[1].id).toBe(a.id);
		const fresh = phones.slice(2).map((p) => p.id);
		for (const id of fresh) expect([a.id, b.id, c.id, 123456]).not.toContain(id);
		expect(new Set(fresh).size).toBe(3);
	});

	it('sub-resource POST answers the new item with its flag; GET lists them', async () => {
		const rec = emu().store.seedContact({});
		const added = await call(emu(), 'POST', `/contacts/${rec.id}/emails/`, {
			body: { email: 'x@agro.es', type: 1 },
		});
		expect(added.data).toMatchObject({ email: 'x@agro.es', unsubscribed: false });
		const listed = await call(emu(), 'GET', `/contacts/${rec.id}/emails/`);
		expect(listed.data.results).toEqual([added.data]);
	});
});

describe('Clientify emulator: modified and the clock', () => {
	const emu = useEmulator();

	it('moves modified on every change through the API, and not on a failed one', async () => {
		const rec = emu().store.seedContact({ emails: ['a@agro.es'], phones: ['+34950000001'] });
		emu().store.seedCustomField('contact', 'Cultivo');
		let last = ms(rec.modified);
		const expectMoved = async (method: string, path: string, body?: unknown) => {
			const res = await call(emu(), method, path, { body });
			expect(res.status).toBeLessThan(300);
			const now = ms(emu().store.getContact(rec.id)?.modified);
			expect(now).toBeGreaterThan(last);
			last = now;
		};
		const emailId = rec.emails[0].id;
		await expectMoved('PUT', `/contacts/${rec.id}/`, { description: 'x' });
		await expectMoved('PUT', `/contacts/${rec.id}/`, {
			custom_fields: [{ field: 'Cultivo', value: 'tomate' }],
		});
		await expectMoved('POST', `/contacts/${rec.id}/emails/`, { email: 'b@agro.es', type: 1 });
		await expectMoved('PUT', `/contacts/${rec.id}/emails/${emailId}/`, { type: 2 });
		await expectMoved('DELETE', `/contacts/${rec.id}/emails/${emailId}/`);
		await expectMoved('POST', `/contacts/${rec.id}/tags/`, { name: 'vip' });
		const tagId = (await call(emu(), 'GET', `/contacts/${rec.id}/tags/`)).data.results[0].id;
		await expectMoved('DELETE', `/contacts/${rec.id}/tags/${tagId}/`);
		const refused = await call(emu(), 'PUT', `/contacts/${rec.id}/`, {
			body: { custom_fields: [{ field: 'Nope', value: '1' }] },
		});
		expect(refused.status).toBe(400);
		expect(ms(emu().store.getContact(rec.id)?.modified)).toBe(last);
	});

	it('moves modified on every person’s change except attaching work', () => {
		const p = emu().people;
		const rec = p.create('contact', { emails: ['a@agro.es'], phones: ['+34950000001'] });
		let last = ms(rec.modified);
		const moved = (action: () => unknown, expected = true) => {
			action();
			const now = ms(p.get('contact', rec.id)?.modified);
			if (expected) expect(now).toBeGreaterThan(last);
			else expect(now).toBe(last);
			last = now;
		};
		const email = rec.emails[0].id;
		const phone = rec.phones[0].id;
		moved(() => p.setScalar('contact', rec.id, 'description', 'Compra en marzo'));
		moved(() => p.addEmail('contact', rec.id, 'b@agro.es'));
		moved(() => p.moveItem('contact', rec.id, 'emails', email, 1));
		moved(() => p.unsubscribe('contact', rec.id, 'phones', phone));
		moved(() => p.addPhone('contact', rec.id, '+34600000000', { at: 0 }));
		moved(() => p.removeItem('contact', rec.id, 'emails', email));
		moved(() => p.addTag('contact', rec.id, 'cliente-vip'));
		moved(() => p.setCustomField('contact', rec.id, 'Comercial', 'Luis'));
		moved(() => p.typeTaxId('contact', rec.id, '12345678Z'));
		moved(() => p.attachDeal('contact', rec.id), false);
		moved(() => p.attachTask('contact', rec.id), false);
		moved(() => p.attachNote('contact', rec.id), false);
		const after = p.get('contact', rec.id);
		expect(after?.emails.map((e) => e.email)).toEqual(['b@agro.es']);
		expect(after?.phones.map((x) => [x.phone, x.unsubscribed])).toEqual([
			['+34600000000', false],
			['+34950000001', true],
		]);
		expect(after?.custom_fields).toEqual([
			{ id: expect.any(Number), field: 'Comercial', value: 'Luis' },
		]);
		expect(emu().store.findDefinition('contacts', 'Comercial')).toBeDefined();
		expect(after?.tags).toEqual(['cliente-vip']);
		expect(after?.taxpayer_identification_number).toBe('12345678Z');
	});

	it('advanceClock makes stamps jump, still strictly increasing, and the list filters follow', async () => {
		const first = emu().store.seedContact({ first_name: 'A' });
		const week = 7 * 24 * 3600 * 1000;
		emu().advanceClock(week);
		const second = emu().store.seedContact({ first_name: 'B' });
		expect(ms(second.created) - ms(first.created)).toBeGreaterThanOrEqual(week);
		expect(emu().store.clock()).toBeGreaterThanOrEqual(ms(second.created));
		const stamps = Array.from({ length: 50 }, () => ms(emu().store.now()));
		for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThan(stamps[i - 1]);
		const since = new Date(ms(first.created) + week / 2).toISOString();
		const listed = await call(emu(), 'GET', `/contacts/?created[gte]=${since}`);
		expect(listed.data.results.map((r: { first_name: string }) => r.first_name)).toEqual(['B']);
		expect(() => emu().advanceClock(-1)).toThrow();
	});
});

describe('Clientify emulator: people', () => {
	const emu = useEmulator();

	it('tells who created a record: the API (with its key), a seed or a person', async () => {
		const posted = await call(emu(), 'POST', '/contacts/', { body: { first_name: 'Api' } });
		const seeded = emu().store.seedContact({});
		const person = emu().people.create('contact', {});
		expect(emu().store.originOf('contacts', posted.data.id)).toEqual({
			origin: 'api',
			apiKey: emu().apiKey,
		});
		expect(emu().store.originOf('contacts', seeded.id)?.origin).toBe('seed');
		expect(emu().store.originOf('contacts', person.id)?.origin).toBe('people');
		await call(emu(), 'DELETE', `/contacts/${posted.data.id}/`);
		expect(emu().store.originOf('contacts', posted.data.id)?.origin).toBe('api');
	});

	it('duplicates a record with all its data (also the sync state), new id, item ids and created', () => {
		const p = emu().people;
		const rec = p.create('contact', {
			first_name: 'Ana',
			taxpayer_identification_number: '12345678Z',
			emails: ['a@agro.es'],
			phones: [{ phone: '+34950000001', unsubscribed: true }],
			addresses: [{ street: 'Calle 1', city: 'El Ejido' }],
			tags: ['hispatec'],
			custom_fields: { hispatec_SyncState: '{"v":1,"n":1}', Comercial: 'Luis' },
		});
		p.attachDeal('contact', rec.id);
		const copy = p.duplicate('contact', rec.id);
		expect(copy.id).not.toBe(rec.id);
		expect(ms(copy.created)).toBeGreaterThan(ms(rec.created));
		const strip = (r: typeof rec) => ({
			...r,
			id: 0,
			created: '',
			modified: '',
			emails: r.emails.map((e) => ({ ...e, id: 0 })),
			phones: r.phones.map((e) => ({ ...e, id: 0 })),
			addresses: r.addresses.map((e) => ({ ...e, id: 0 })),
			custom_fields: r.custom_fields.map((e) => ({ ...e, id: 0 })),
		});
		expect(strip(copy)).toEqual(strip(rec));
		expect(copy.emails[0].id).not.toBe(rec.emails[0].id);
		expect(p.workOn('contact', copy.id)).toEqual([]);
		expect(p.workOn('contact', rec.id)).toHaveLength(1);
		expect(p.withTaxId('contact', '12.345.678-z').map((r) => r.id)).toEqual([rec.id, copy.id]);
		expect(emu().store.originOf('contacts', copy.id)?.origin).toBe('people');
	});

	it('refuses actions on a record that does not exist, and non-scalars', () => {
		const p = emu().people;
		expect(() => p.addTag('contact', 42, 'x')).toThrow(/does not exist/);
		const rec = p.create('company', { name: 'Acme' });
		expect(() => p.setScalar('company', rec.id, 'emails', 'x')).toThrow(/not a scalar/);
		expect(() => p.setScalar('company', rec.id, 'first_name', 'x')).toThrow(/no scalar/);
		expect(p.setScalar('company', rec.id, 'description', 'x').description).toBe('x');
	});
});

describe('Clientify emulator: request gate and several API keys', () => {
	const emu = useEmulator({ apiKeys: ['run-b'] });

	it('accepts every configured key and tells them apart to the hooks', async () => {
		const seen: string[] = [];
		emu().setOption('gate', (r) => {
			seen.push(`${r.apiKey}#${r.seq}/${r.keySeq} ${r.method} ${r.path}`);
		});
		expect((await call(emu(), 'GET', '/contacts/')).status).toBe(200);
		expect((await call(emu(), 'GET', '/contacts/', { key: 'run-b' })).status).toBe(200);
		expect((await call(emu(), 'GET', '/deals/', { key: 'run-b' })).status).toBe(200);
		expect((await call(emu(), 'GET', '/contacts/', { key: 'run-c' })).status).toBe(401);
		expect(seen).toEqual([
			`${emu().apiKey}#1/1 GET /contacts/`,
			'run-b#2/1 GET /contacts/',
			'run-b#3/2 GET /deals/',
			'run-c#4/1 GET /contacts/',
		]);
	});

	it('holds a request until a promise resolves while others go on', async () => {
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const order: string[] = [];
		emu().setOption('gate', async (r) => {
			if (r.apiKey === emu().apiKey && r.keySeq === 1) await released;
		});
		const held = call(emu(), 'POST', '/contacts/', { body: { first_name: 'A' } }).then((res) => {
			order.push('A');
			return res;
		});
		await new Promise((r) => setTimeout(r, 20));
		const other = await call(emu(), 'POST', '/contacts/', {
			body: { first_name: 'B' },
			key: 'run-b',
		});
		order.push('B');
		release();
		const a = await held;
		expect(order).toEqual(['B', 'A']);
		expect(a.data.id).toBeGreaterThan(other.data.id);
		expect(emu().store.originOf('contacts', other.data.id)?.apiKey).toBe('run-b');
	});

	it('a fault rule’s before hook sees the request (a person edits at the Nth request)', async () => {
		const rec = emu().store.seedContact({});
		emu().setOption('faults', [
			{
				nth: 2,
				before: (_store, r) => {
					emu().people.addTag('contact', rec.id, `at-${r.seq}`);
				},
			},
		]);
		await call(emu(), 'GET', '/contacts/');
		await call(emu(), 'GET', '/contacts/');
		expect(emu().store.getContact(rec.id)?.tags).toEqual(['at-2']);
	});
});

describe('Clientify emulator: v2 fields= on the new lists', () => {
	const emu = useEmulator({ apiVersion: 'v2' });

	it('picks the requested fields on tasks, timeline and deals, and needs fields=', async () => {
		const p = emu().people;
		const ana = p.create('contact', { first_name: 'Ana' });
		p.attachTask('contact', ana.id, { name: 'T' });
		p.attachNote('contact', ana.id, { name: 'N' });
		p.attachDeal('contact', ana.id, { name: 'D', amount: 5 });
		expect((await call(emu(), 'GET', `/contacts/${ana.id}/tasks/`)).status).toBe(400);
		const tasks = await call(emu(), 'GET', `/contacts/${ana.id}/tasks/?fields=id,name`);
		expect(tasks.data.results).toEqual([{ id: expect.any(Number), name: 'T' }]);
		const wall = await call(emu(), 'GET', `/contacts/${ana.id}/wallentries?fields=id,type`);
		expect(wall.data.results).toEqual([{ id: expect.any(Number), type: 'note' }]);
		const deals = await call(emu(), 'GET', `/deals/?contact=${ana.id}&fields=id,contact,amount`);
		expect(deals.data.results).toEqual([{ id: expect.any(Number), contact: ana.id, amount: 5 }]);
		const emails = await call(emu(), 'GET', `/contacts/${ana.id}/emails/?fields=id`);
		expect(emails.status).toBe(200);
	});
});
