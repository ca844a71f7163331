import { phoneKey, websiteKey } from '../../../../../nodes/shared/clientify/plan/keys';

describe('comparison keys', () => {
	it('phoneKey drops the Spanish prefix and punctuation', () => {
		expect(phoneKey('+34 950 12 34 56')).toBe('950123456');
		expect(phoneKey('0034950123456')).toBe('950123456');
		expect(phoneKey('950-12-34-56')).toBe('950123456');
		expect(phoneKey('+33 1 23 45 67 89')).toBe('33123456789');
	});
	it('websiteKey ignores scheme, www and trailing slash', () => {
		expect(websiteKey('HTTPS://www.Agro.es/')).toBe('agro.es');
	});
});
