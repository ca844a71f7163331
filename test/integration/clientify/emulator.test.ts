/**
 * The Clientify emulator itself: the reference behaviours the node's tests rely on.
 */
import axios, { type AxiosResponse } from 'axios';
import { startClientifyEmulator, type ClientifyEmulator } from '../../../emulators/clientify';
import { withClientifyEmulator } from './helpers';

async function call(
	emu: ClientifyEmulator,
	method: string,
	path: string,
	options: { body?: unknown; key?: string | null; base?: string } = {},
): Promise<AxiosResponse> {
	const headers: Record<string, string> = {};
	const key = options.key === undefined ? emu.apiKey : options.key;
	if (key !== null) headers.Authorization = `Token ${key}`;
	return await axios({
		method,
		url: `${options.base ?? emu.baseUrl}${path}`,
		data: options.body,
		headers,
		validateStatus: () => true,
		maxRedirects: 0,
		proxy: false,
	});
}

describe('Clientify emulator (v1)', () => {
	const emu = withClientifyEmulator();

	it('has the auth quirks: 404 without key, 401 wrong key, HTML 404 for unknown routes', async () => {
		const none = await call(emu, 'GET', '/contacts/', { key: null });
		expect([none.status, none.data]).toEqual([404, { detail: 'Api key not provided.' }]);
		const wrong = await call(emu, 'GET', '/contacts/', { key: 'nope' });
		expect([wrong.status, wrong.data]).toEqual([401, { detail: 'Invalid token.' }]);
		const unknown = await call(emu, 'GET', '/nothing-here/');
		expect(unknown.status).toBe(404);
		expect(unknown.headers['content-type']).toMatch(/text\/html/);
		expect(String(unknown.data)).toContain('<h1>Not Found</h1>');
		const wrongBase = await call(emu, 'GET', '/v3/contacts/', { base: emu.origin });
		expect(wrongBase.status).toBe(404);
		expect(String(wrongBase.data)).toContain('Not Found');
	});

	it('redirects a path without trailing slash', async () => {
		const res = await call(emu, 'GET', '/contacts?page=1');
		expect(res.status).toBe(301);
		expect(res.headers.location).toBe(`${emu.baseUrl}/contacts/?page=1`);
	});

	it('paginates with absolute next URLs, default 10, page_size max 100', async () => {
		for (let i = 0; i < 23; i++) emu.store.seedContact({ first_name: `N${i}` });
		const first = await call(emu, 'GET', '/contacts/?query=n');
		expect(first.data.count).toBe(23);
		expect(first.data.results).toHaveLength(10);
		expect(first.data.next).toBe(`${emu.baseUrl}/contacts/?query=n&page=2`);
		expect(first.data.previous).toBeNull();
		const third = await axios.get(first.data.next.replace('page=2', 'page=3'), {
			headers: { Authorization: `Token ${emu.apiKey}` },
		});
		expect(third.data.results).toHaveLength(3);
		expect(third.data.next).toBeNull();
		const big = await call(emu, 'GET', '/contacts/?page_size=500');
		expect(big.data.results).toHaveLength(23);
		const invalid = await call(emu, 'GET', '/contacts/?page=9');
		expect([invalid.status, invalid.data]).toEqual([404, { detail: 'Invalid page.' }]);
	});

	it('searches contacts by substring over names, e-mails and tax ID; ignores a tax-ID filter on contacts', async () => {
		emu.store.seedContact({ first_name: 'Ana', taxpayer_identification_number: '12345678Z' });
		emu.store.seedContact({ first_name: 'Bea', taxpayer_identification_number: '112345678Z' });
		emu.store.seedContact({ first_name: 'Carla', emails: ['aestepamolina@gmail.com'] });
		const byTax = await call(emu, 'GET', '/contacts/?query=12345678Z');
		expect(byTax.data.results.map((r: { first_name: string }) => r.first_name)).toEqual([
			'Ana',
			'Bea',
		]);
		const byEmail = await call(emu, 'GET', '/contacts/?query=molina@gmail.com');
		expect(byEmail.data.results.map((r: { first_name: string }) => r.first_name)).toEqual([
			'Carla',
		]);
		const ignored = await call(emu, 'GET', '/contacts/?taxpayer_identification_number=12345678Z');
		expect(ignored.data.count).toBe(3);
	});

	it('filters companies by tax ID and searches them by name', async () => {
		emu.store.seedCompany({
			name: 'Agro B58378431 SL',
			taxpayer_identification_number: 'A58951310',
		});
		emu.store.seedCompany({
			name: 'Horponiente',
			business_name: 'Hortalizas SL',
			taxpayer_identification_number: 'B58378431',
		});
		const filtered = await call(emu, 'GET', '/companies/?taxpayer_identification_number=b58378431');
		expect(filtered.data.results.map((r: { id: number }) => r.id)).toEqual([2]);
		const query = await call(emu, 'GET', '/companies/?query=hortalizas');
		expect(query.data.results.map((r: { id: number }) => r.id)).toEqual([2]);
		const byName = await call(emu, 'GET', '/companies/?query=B58378431');
		expect(byName.data.results.map((r: { id: number }) => r.id)).toEqual([1]);
		emu.setOption('companyTaxIdFilter', false);
		const unfiltered = await call(
			emu,
			'GET',
			'/companies/?taxpayer_identification_number=B58378431',
		);
		expect(unfiltered.data.count).toBe(2);
		emu.setOption('companyTaxIdFilter', true);
	});

	it('creates with arrays, tags and custom fields by name; rejects unknown custom fields and bad type codes', async () => {
		emu.store.seedCustomField('contact', 'hispatec_Cultivo');
		const bad = await call(emu, 'POST', '/contacts/', {
			body: { first_name: 'A', custom_fields: [{ field: 'nope', value: 'x' }] },
		});
		expect([bad.status, bad.data]).toEqual([
			400,
			{ custom_fields: ['Custom field "nope" does not exist.'] },
		]);
		const badType = await call(emu, 'POST', '/contacts/', {
			body: { emails: [{ email: 'a@b.es', type: 9 }] },
		});
		expect([badType.status, badType.data]).toEqual([
			400,
			{ emails: ['"9" is not a valid choice.'] },
		]);
		const ok = await call(emu, 'POST', '/contacts/', {
			body: {
				first_name: 'Ana',
				taxpayer_identification_number: '12345678Z',
				emails: [{ email: 'ana@agro.es', type: 1 }],
				phones: [{ phone: '+34950123456', type: 3 }],
				tags: ['hispatec'],
				custom_fields: [{ field: 'HISPATEC_cultivo', value: 'Tomate' }],
			},
		});
		expect(ok.status).toBe(201);
		expect(ok.data).toMatchObject({
			id: 1,
			first_name: 'Ana',
			emails: [{ email: 'ana@agro.es', type: 1 }],
			phones: [{ phone: '+34950123456', type: 3, unsubscribed: false }],
			tags: ['hispatec'],
			custom_fields: [{ field: 'hispatec_Cultivo', value: 'Tomate' }],
			created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		const company = await call(emu, 'POST', '/companies/', { body: { business_name: 'X' } });
		expect([company.status, company.data]).toEqual([400, { name: ['This field is required.'] }]);
	});

	it('PUT is partial: custom fields merge by name, tags replace', async () => {
		emu.store.seedCustomField('contact', 'a');
		emu.store.seedCustomField('contact', 'b');
		const c = emu.store.seedContact({
			first_name: 'Ana',
			last_name: 'Gil',
			tags: ['x', 'y'],
			custom_fields: { a: '1', b: '2' },
		});
		const res = await call(emu, 'PUT', `/contacts/${c.id}/`, {
			body: { last_name: 'Gómez', custom_fields: [{ field: 'b', value: '3' }], tags: ['z'] },
		});
		expect(res.status).toBe(200);
		expect(emu.store.getContact(c.id)).toMatchObject({
			first_name: 'Ana',
			last_name: 'Gómez',
			tags: ['z'],
			custom_fields: [
				{ field: 'a', value: '1' },
				{ field: 'b', value: '3' },
			],
		});
		const nullValue = await call(emu, 'PUT', `/contacts/${c.id}/`, {
			body: { custom_fields: [{ field: 'a', value: null }] },
		});
		expect([nullValue.status, nullValue.data]).toEqual([
			400,
			{ custom_fields: ['The value of "a" may not be null.'] },
		]);
	});

	it('adds sub-resource items and tags without removing others', async () => {
		const c = emu.store.seedContact({ tags: ['vip'], emails: ['old@x.es'] });
		const email = await call(emu, 'POST', `/contacts/${c.id}/emails/`, {
			body: { email: 'new@x.es', type: 1 },
		});
		expect(email.status).toBe(201);
		const tag = await call(emu, 'POST', `/contacts/${c.id}/tags/`, { body: { name: 'hispatec' } });
		expect(tag.status).toBe(201);
		const again = await call(emu, 'POST', `/contacts/${c.id}/tags/`, {
			body: { name: 'hispatec' },
		});
		expect(again.status).toBe(200);
		const tags = await call(emu, 'GET', `/contacts/${c.id}/tags/`);
		expect(tags.data.results.map((t: { name: string }) => t.name)).toEqual(['vip', 'hispatec']);
		expect(emu.store.getContact(c.id)?.emails.map((e) => e.email)).toEqual([
			'old@x.es',
			'new@x.es',
		]);
	});

	it('lists and creates custom-field definitions (assumed creation API), and can refuse creation', async () => {
		const created = await call(emu, 'POST', '/custom-fields/', {
			body: { name: 'hispatec_X', field_type: 3, content_type: 'company' },
		});
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({
			id: 1,
			name: 'hispatec_X',
			content_type: 'companies | company',
			field_type: 3,
			field_type_display: 'Text',
		});
		const dup = await call(emu, 'POST', '/custom-fields/', {
			body: { name: 'hispatec_x', field_type: 3, content_type: 'company' },
		});
		expect([dup.status, dup.data]).toEqual([
			400,
			{ name: ['A custom field with this name already exists.'] },
		]);
		emu.setOption('customFieldCreation', { status: 405 });
		const refused = await call(emu, 'POST', '/custom-fields/', {
			body: { name: 'other', field_type: 3, content_type: 'contact' },
		});
		expect([refused.status, refused.data]).toEqual([405, { detail: 'Error 405' }]);
		const list = await call(emu, 'GET', '/custom-fields/');
		expect(list.data.results.map((d: { name: string }) => d.name)).toEqual(['hispatec_X']);
	});

	it('answers a taken definition name as configured (customFieldDuplicate, e.g. 409)', async () => {
		emu.setOption('customFieldDuplicate', {
			status: 409,
			body: { detail: 'Custom field already exists.' },
		});
		await call(emu, 'POST', '/custom-fields/', {
			body: { name: 'hispatec_X', field_type: 3, content_type: 'contact' },
		});
		const dup = await call(emu, 'POST', '/custom-fields/', {
			body: { name: 'HISPATEC_X', field_type: 3, content_type: 'contact' },
		});
		expect([dup.status, dup.data]).toEqual([409, { detail: 'Custom field already exists.' }]);
	});

	it('filters lists on created[gte|gt|lte|lt] and modified[…], orders with ordering=, deletes records (404 afterwards)', async () => {
		emu.store.seedContact({ first_name: 'Viejo', created: '2024-01-01T00:00:00.000Z' });
		emu.store.seedContact({ first_name: 'Medio', created: '2024-06-01T00:00:00.000Z' });
		const fresh = emu.store.seedContact({ first_name: 'Nuevo' });
		const names = async (qs: string) =>
			(
				(await call(emu, 'GET', `/contacts/?${qs}`)).data.results as Array<{ first_name: string }>
			).map((r) => r.first_name);
		expect(await names('created[gte]=2024-06-01T00:00:00.000Z')).toEqual(['Medio', 'Nuevo']);
		expect(await names('created%5Bgt%5D=2024-06-01T00:00:00Z')).toEqual(['Nuevo']);
		expect(await names('created[lt]=2024-06-01&ordering=-id')).toEqual(['Viejo']);
		expect(await names('created[lte]=2024-06-01T00:00:00Z&ordering=-id')).toEqual([
			'Medio',
			'Viejo',
		]);
		expect(await names(`modified[gte]=${encodeURIComponent(fresh.modified)}`)).toEqual(
			['Viejo', 'Medio', 'Nuevo'].slice(2),
		);
		expect(await names('created[gte]=not-a-date&ordering=-id')).toEqual([
			'Nuevo',
			'Medio',
			'Viejo',
		]);
		expect((await call(emu, 'DELETE', `/contacts/${fresh.id}/`)).status).toBe(204);
		expect((await call(emu, 'DELETE', `/contacts/${fresh.id}/`)).status).toBe(404);
		expect((await call(emu, 'GET', `/contacts/${fresh.id}/`)).data).toEqual({
			detail: 'Not found.',
		});
	});

	it('rate-limits with 429 and Retry-After past the limit of a window', async () => {
		emu.setOption('rateLimit', { limit: 2, windowMs: 600000, retryAfterSeconds: 3 });
		try {
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await call(emu, 'GET', '/contacts/')).status);
			expect(statuses).toEqual([200, 200, 429]);
			const limited = await call(emu, 'GET', '/contacts/');
			expect([limited.headers['retry-after'], limited.data]).toEqual([
				'3',
				{ detail: 'Request was throttled.' },
			]);
		} finally {
			emu.setOption('rateLimit', null);
		}
	});

	it('injects faults on the Nth matching request, drops connections, loses responses, and logs everything', async () => {
		emu.setOption('faults', [
			{ method: 'GET', path: '/contacts/', nth: 2, status: 429, retryAfter: 0 },
			{ method: 'POST', path: '/contacts/', status: 504, afterHandling: true },
			{ method: 'GET', path: '/companies/', drop: true },
		]);
		expect((await call(emu, 'GET', '/contacts/')).status).toBe(200);
		const limited = await call(emu, 'GET', '/contacts/');
		expect([limited.status, limited.headers['retry-after'], limited.data]).toEqual([
			429,
			'0',
			{ detail: 'Request was throttled.' },
		]);
		expect((await call(emu, 'GET', '/contacts/')).status).toBe(200);
		const lost = await call(emu, 'POST', '/contacts/', { body: { first_name: 'Lost' } });
		expect([lost.status, lost.data]).toEqual([504, { detail: 'Gateway Timeout' }]);
		expect(emu.store.snapshot().contacts.map((c) => c.first_name)).toEqual(['Lost']);
		await expect(call(emu, 'GET', '/companies/')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(emu.log.lines()).toEqual([
			'GET /v1/contacts/',
			'GET /v1/contacts/',
			'GET /v1/contacts/',
			'POST /v1/contacts/',
			'GET /v1/companies/',
		]);
		expect([emu.log.reads, emu.log.writes]).toEqual([4, 1]);
		expect(emu.log.requests.map((r) => r.faulted)).toEqual([false, true, false, true, true]);
	});
});

describe('Clientify emulator (v2)', () => {
	let emu: ClientifyEmulator;
	beforeAll(async () => {
		emu = await startClientifyEmulator({ apiVersion: 'v2' });
	});
	afterAll(async () => await emu.close());

	it('serves /v2, needs fields= on GETs, returns only those fields', async () => {
		expect(emu.baseUrl).toMatch(/\/v2$/);
		emu.store.seedContact({ first_name: 'Ana', taxpayer_identification_number: '12345678Z' });
		const bare = await call(emu, 'GET', '/contacts/');
		expect([bare.status, bare.data]).toEqual([
			400,
			['You must specify the fields param: fields = id, ...'],
		]);
		const ok = await call(emu, 'GET', '/contacts/?fields=id,first_name');
		expect(ok.data.results).toEqual([{ id: 1, first_name: 'Ana' }]);
	});

	it('answers 409 on a contact create with an existing tax ID, localizes content_type', async () => {
		const res = await call(emu, 'POST', '/contacts/', {
			body: { first_name: 'Dup', taxpayer_identification_number: '12345678z' },
		});
		expect([res.status, res.data]).toEqual([
			409,
			{ detail: 'Contact with this taxpayer_identification_number already exists.' },
		]);
		emu.store.seedCustomField('contact', 'hispatec_A');
		emu.store.seedCustomField('company', 'hispatec_B');
		const defs = await call(emu, 'GET', '/custom-fields/?fields=name,content_type');
		expect(defs.data.results).toEqual([
			{ name: 'hispatec_A', content_type: 'contacts | contacto' },
			{ name: 'hispatec_B', content_type: 'companies | empresa' },
		]);
	});
});
