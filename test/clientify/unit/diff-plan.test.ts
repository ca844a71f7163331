import {
	applyPlan,
	buildUpdateBody,
	classifyFailure,
	customFieldCreateBody,
	decideMatch,
	diffRecord,
	entityOfContentType,
	exactMatches,
	groupByTaxId,
	indexDefinitions,
	isEmptyPlan,
	parseRetryAfter,
	recordFromCreate,
	retryDelayMs,
	runPool,
	shouldIndex,
	DEFAULT_RETRY_TIMING,
	type ClientifyRecord,
	type DesiredRecord,
} from '../../../nodes/shared/clientify';

const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	scalars: { taxpayer_identification_number: '12345678Z', first_name: 'María', last_name: 'García' },
	emails: [{ email: 'maria@agro.es', type: 1 }],
	phones: [{ phone: '+34950123456', type: 3 }],
	addresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }],
	websites: [],
	tags: ['hispatec'],
	customFields: [
		{ name: 'hispatec_Cultivo', value: 'Tomate' },
		{ name: 'hispatec_Codigo', value: 'C1' },
	],
	warnings: [],
};

const sameAsDesired: ClientifyRecord = {
	id: 7,
	taxpayer_identification_number: '12345678z',
	first_name: 'María',
	last_name: ' García ',
	emails: [{ id: 1, email: 'MARIA@agro.es', type: 2 }],
	phones: [{ id: 2, phone: '950 12 34 56', type: 1 }],
	addresses: [{ id: 3, street: 'calle real, 1', city: 'EL EJIDO', postal_code: '04700', state: 'Almería', type: 5 }],
	tags: ['Hispatec', 'vip'],
	custom_fields: [
		{ id: 1, field: 'hispatec_Cultivo', value: 'Tomate' },
		{ id: 2, field: 'HISPATEC_codigo', value: 'C1' },
		{ id: 3, field: 'Other', value: 'kept' },
	],
};

describe('diffRecord', () => {
	it('finds nothing to do when only formatting differs (except the tax ID spelling)', () => {
		const plan = diffRecord({ ...sameAsDesired, taxpayer_identification_number: '12345678Z' }, desired);
		expect(isEmptyPlan(plan)).toBe(true);
		expect(buildUpdateBody(plan)).toBeUndefined();
	});

	it('rewrites a tax ID stored in another spelling', () => {
		const plan = diffRecord(sameAsDesired, desired);
		expect(plan.changedFields).toEqual(['taxpayer_identification_number']);
		expect(buildUpdateBody(plan)).toEqual({ taxpayer_identification_number: '12345678Z' });
	});

	it('sends only changed fields, merges custom fields and adds missing items', () => {
		const existing: ClientifyRecord = {
			id: 9,
			taxpayer_identification_number: '12345678Z',
			first_name: 'Maria',
			last_name: 'García',
			emails: [{ email: 'old@agro.es', type: 1 }],
			phones: [],
			addresses: [{ street: 'Otra 2', city: 'Almería', type: 1 }],
			tags: [],
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Pimiento' },
				{ field: 'Other', value: 'kept' },
				{ field: 'Blank', value: null },
			],
		};
		const plan = diffRecord(existing, desired);
		expect(plan).toEqual({
			scalars: { first_name: 'María' },
			customFields: [
				{ name: 'hispatec_Cultivo', value: 'Tomate' },
				{ name: 'hispatec_Codigo', value: 'C1' },
			],
			mergedCustomFields: [
				{ name: 'hispatec_Cultivo', value: 'Tomate' },
				{ name: 'Other', value: 'kept' },
				{ name: 'hispatec_Codigo', value: 'C1' },
			],
			addEmails: [{ email: 'maria@agro.es', type: 1 }],
			addPhones: [{ phone: '+34950123456', type: 3 }],
			addAddresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }],
			addWebsites: [],
			addTags: ['hispatec'],
			changedFields: [
				'first_name',
				'custom_fields.hispatec_Cultivo',
				'custom_fields.hispatec_Codigo',
				'emails',
				'phones',
				'addresses',
				'tags',
			],
		});
		expect(buildUpdateBody(plan)).toEqual({
			first_name: 'María',
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'Other', value: 'kept' },
				{ field: 'hispatec_Codigo', value: 'C1' },
			],
		});
		const after = applyPlan(existing, plan);
		expect(isEmptyPlan(diffRecord(after, desired))).toBe(true);
		expect(after.emails).toEqual([
			{ email: 'old@agro.es', type: 1 },
			{ email: 'maria@agro.es', type: 1 },
		]);
		expect(existing.first_name).toBe('Maria');
	});

	it('never blanks a value the source leaves empty', () => {
		const partial: DesiredRecord = { ...desired, scalars: { taxpayer_identification_number: '12345678Z' }, customFields: [] };
		const plan = diffRecord({ id: 1, taxpayer_identification_number: '12345678Z', first_name: 'Keep', tags: ['hispatec'],
			emails: [{ email: 'maria@agro.es', type: 1 }], phones: [{ phone: '950123456', type: 3 }],
			addresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }] }, partial);
		expect(plan.changedFields).toEqual([]);
	});
});

describe('recordFromCreate', () => {
	it('prefers the answer and keeps the body arrays the answer lacks', () => {
		expect(recordFromCreate({ first_name: 'A', tags: ['hispatec'], emails: [{ email: 'a@b.es', type: 1 }] }, { id: 5, first_name: 'A', emails: [] })).toEqual({
			id: 5,
			first_name: 'A',
			emails: [],
			tags: ['hispatec'],
		});
	});
});

describe('matching and planning', () => {
	const r = (id: number, tax: string, created?: string): ClientifyRecord => ({ id, taxpayer_identification_number: tax, created });

	it('keeps exact matches only (query is a substring search)', () => {
		expect(exactMatches([r(1, '12345678Z'), r(2, '112345678Z'), r(3, 'ES-12345678-z'), r(3, '12345678Z'), r(4, '')], '12345678Z').map((x) => x.id)).toEqual([1, 3]);
	});

	it('decides none / one / ambiguous / oldest', () => {
		expect(decideMatch([], 'fail')).toEqual({ kind: 'none' });
		expect(decideMatch([r(4, 'X')], 'fail')).toEqual({ kind: 'one', record: r(4, 'X') });
		const many = [r(9, 'X', '2024-03-01T00:00:00Z'), r(3, 'X', '2024-05-01T00:00:00Z'), r(5, 'X')];
		expect(decideMatch(many, 'fail')).toEqual({ kind: 'ambiguous', ids: [3, 5, 9] });
		expect(decideMatch(many, 'updateOldest')).toEqual({ kind: 'one', record: many[0], ambiguousIds: [9, 3, 5] });
	});

	it('groups by entity and tax ID in first-appearance order', () => {
		expect(
			groupByTaxId([
				{ index: 0, entity: 'contact', taxId: 'A' },
				{ index: 1, entity: 'company', taxId: 'A' },
				{ index: 2, entity: 'contact', taxId: 'B' },
				{ index: 3, entity: 'contact', taxId: 'A' },
			]),
		).toEqual([
			{ key: 'contact:A', entity: 'contact', taxId: 'A', indexes: [0, 3] },
			{ key: 'company:A', entity: 'company', taxId: 'A', indexes: [1] },
			{ key: 'contact:B', entity: 'contact', taxId: 'B', indexes: [2] },
		]);
	});

	it('indexes when the rest of the listing costs fewer calls than the searches', () => {
		expect(shouldIndex(2, 100, 1)).toBe(true);
		expect(shouldIndex(2, 0, 1)).toBe(true);
		expect(shouldIndex(9, 1000, 1)).toBe(false);
		expect(shouldIndex(10, 1000, 1)).toBe(true);
		expect(shouldIndex(10, 1001, 1)).toBe(false);
		expect(shouldIndex(11, 1001, 1)).toBe(true);
	});
});

describe('custom-field definitions', () => {
	it('reads the entity from the part of content_type before |', () => {
		expect(entityOfContentType('contacts | contact')).toBe('contact');
		expect(entityOfContentType('contacts | contacto')).toBe('contact');
		expect(entityOfContentType('companies | empresa')).toBe('company');
		expect(entityOfContentType('company')).toBe('company');
		expect(entityOfContentType('deals | oportunidad')).toBeUndefined();
		expect(entityOfContentType(7)).toBeUndefined();
	});
	it('indexes one entity by lower-case name', () => {
		const index = indexDefinitions(
			[
				{ id: 1, name: 'Hispatec_Cultivo', content_type: 'contacts | contacto' },
				{ id: 2, name: 'hispatec_cultivo', content_type: 'companies | empresa' },
				{ id: 3, name: 'x', content_type: 'deals | deal' },
			],
			'contact',
		);
		expect([...index.entries()].map(([k, d]) => [k, d.id])).toEqual([['hispatec_cultivo', 1]]);
	});
	it('creation body (assumed API)', () => {
		expect(customFieldCreateBody('hispatec_Cultivo', 'company')).toEqual({ name: 'hispatec_Cultivo', field_type: 3, content_type: 'company' });
	});
});

describe('retry policy', () => {
	it('classifies failures', () => {
		expect(classifyFailure(429, false)).toBe('rateLimited');
		expect(classifyFailure(500, false)).toBe('serverError');
		expect(classifyFailure(504, false)).toBe('serverError');
		expect(classifyFailure(undefined, true)).toBe('network');
		expect(classifyFailure(400, false)).toBe('fatal');
		expect(classifyFailure(409, false)).toBe('fatal');
	});
	it('parses Retry-After seconds and dates', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter('0', 0)).toBe(0);
		expect(parseRetryAfter(['2'], 0)).toBe(2000);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
	});
	it('backs off exponentially with jitter, capped; Retry-After wins', () => {
		const t = DEFAULT_RETRY_TIMING;
		expect(retryDelayMs(0, t, undefined, () => 0)).toBe(500);
		expect(retryDelayMs(0, t, undefined, () => 1)).toBe(1000);
		expect(retryDelayMs(3, t, undefined, () => 0.5)).toBe(6000);
		expect(retryDelayMs(10, t, undefined, () => 1)).toBe(30000);
		expect(retryDelayMs(2, t, 0)).toBe(0);
		expect(retryDelayMs(2, t, 999999)).toBe(120000);
	});
});

describe('runPool', () => {
	it('never runs more than the limit at once and runs every task', async () => {
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setImmediate(r));
			done.push(n);
			running--;
		});
		expect(peak).toBe(3);
		expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});
	it('starts no task once told to stop, and re-raises a worker failure after the others finish', async () => {
		const started: number[] = [];
		let stop = false;
		await runPool([0, 1, 2, 3], 1, async (n) => {
			started.push(n);
			if (n === 1) stop = true;
		}, () => stop);
		expect(started).toEqual([0, 1]);

		const finished: number[] = [];
		await expect(
			runPool([0, 1, 2, 3], 2, async (n) => {
				if (n === 0) throw new Error('boom');
				await new Promise((r) => setImmediate(r));
				finished.push(n);
			}),
		).rejects.toThrow('boom');
		expect(finished).toEqual([1]);
	});
});
