/** Phone numbers: Spanish numbers to E.164 with their type, foreign numbers, several in one field. */
import { readPhones } from '../../../../nodes/shared/normalize/phone';
import type { NormalizationWarning } from '../../../../nodes/shared/types';

/**
 * One phone field through readPhones: what each number became, in order within each kind —
 * `{status: 'spanish', number, type}`, `{status: 'foreign', number}` (kept as `other`, with a
 * warning), or `{status: 'invalid', text}` (dropped, the text quoted in its warning).
 */
function readField(value: string) {
	const warnings: NormalizationWarning[] = [];
	const phones = readPhones({ Telefono: value }, ['Telefono'], warnings);
	const foreign = new Set<string>();
	const invalid: Array<{ status: 'invalid'; text: string }> = [];
	for (const w of warnings) {
		expect(w.field).toBe('Telefono');
		if (w.code === 'foreign_phone_unverified') {
			const kept = /^Kept the non-Spanish number (\S+) without checking it$/.exec(w.message);
			expect(kept).not.toBeNull();
			foreign.add((kept as RegExpExecArray)[1]);
		} else {
			expect(w.code).toBe('phone_invalid');
			const dropped =
				/^Dropped a phone number that is neither Spanish nor international: "(.*)"$/s.exec(
					w.message,
				);
			expect(dropped).not.toBeNull();
			invalid.push({ status: 'invalid', text: (dropped as RegExpExecArray)[1] });
		}
	}
	const found = phones.map((phone) => {
		expect(phone.field).toBe('Telefono');
		if (foreign.has(phone.number)) {
			expect(phone.type).toBe('other');
			return { status: 'foreign' as const, number: phone.number };
		}
		return { status: 'spanish' as const, number: phone.number, type: phone.type };
	});
	expect(found.filter((f) => f.status === 'foreign')).toHaveLength(foreign.size);
	return { found, invalid };
}

/** One number as written: what readPhones makes of a field holding only it. */
function parseOne(text: string) {
	const { found, invalid } = readField(text);
	expect(found.length + invalid.length).toBe(1);
	return found[0] ?? invalid[0];
}

describe('phone', () => {
	it.each([
		['600123456', 'mobile'],
		['712345678', 'mobile'],
		['741234567', 'mobile'],
		['700123456', 'other'],
		['590100123', 'mobile'],
		['973901234', 'mobile'],
		['950123456', 'landline'],
		['912345678', 'landline'],
		['881234567', 'landline'],
		['900123456', 'other'],
		['902123456', 'other'],
		['803123456', 'other'],
		['511234567', 'other'],
	])('%s is %s', (nsn, type) => {
		expect(parseOne(nsn)).toEqual({ status: 'spanish', number: `+34${nsn}`, type });
	});

	it.each([
		['+34 950 12 34 56', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['+34-600-123-456', { status: 'spanish', number: '+34600123456', type: 'mobile' }],
		['(+34) 600 123 456', { status: 'spanish', number: '+34600123456', type: 'mobile' }],
		['0034950123456', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['34950123456', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950.12.34.56', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950 123 456 ext. 12', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['950123456 extensión 3', { status: 'spanish', number: '+34950123456', type: 'landline' }],
		['Móvil: 666 55 44 33', { status: 'spanish', number: '+34666554433', type: 'mobile' }],
		['+351 912 345 678', { status: 'foreign', number: '+351912345678' }],
		['0044 20 7946 0958', { status: 'foreign', number: '+442079460958' }],
		['+1 (212) 555-0100', { status: 'foreign', number: '+12125550100' }],
		['+34 60012345', { status: 'invalid', text: '+34 60012345' }],
		['012345678', { status: 'invalid', text: '012345678' }],
		['450123456', { status: 'invalid', text: '450123456' }],
		['12345', { status: 'invalid', text: '12345' }],
		['950+123456', { status: 'invalid', text: '950+123456' }],
		['+12345', { status: 'invalid', text: '+12345' }],
		['+0 123 456 789', { status: 'invalid', text: '+0 123 456 789' }],
		['+1234567890123456', { status: 'invalid', text: '+1234567890123456' }],
	])('one number %j', (input, expected) => {
		expect(parseOne(input)).toEqual(expected);
	});

	it.each([
		['950123456 / 600123456', ['+34950123456', '+34600123456']],
		['950123456; 600123456', ['+34950123456', '+34600123456']],
		['950123456, 600123456', ['+34950123456', '+34600123456']],
		['950123456 y 600123456', ['+34950123456', '+34600123456']],
		['950123456 o 600123456', ['+34950123456', '+34600123456']],
		['950123456 | 600123456', ['+34950123456', '+34600123456']],
		['950123456\n600123456', ['+34950123456', '+34600123456']],
		['950123456 600123456', ['+34950123456', '+34600123456']],
		['950123456-600123456', ['+34950123456', '+34600123456']],
		['950 12 34 56 600 12 34 56', ['+34950123456', '+34600123456']],
		['123456789 600123456', ['invalid:123456789 600123456']],
		['Tel/Fax: 950 12 34 56', ['+34950123456']],
		['950 12 34 56 / 12', ['+34950123456', 'invalid:12']],
		['no tiene', ['invalid:no tiene']],
	])('several numbers in a field %j', (input, expected) => {
		const { found, invalid } = readField(input);
		// the numbers in order, then the invalid parts in order
		const numbers = [
			...found.map((candidate) => candidate.number),
			...invalid.map((candidate) => `invalid:${candidate.text}`),
		];
		expect(numbers).toEqual(expected);
	});
});
