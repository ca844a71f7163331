import {
	classifyFailure,
	parseRetryAfter,
	retryDelayMs,
	DEFAULT_RETRY_TIMING,
	type ClientifyRecord,
	type DesiredRecord,
} from '../../../../nodes/shared/clientify';
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
