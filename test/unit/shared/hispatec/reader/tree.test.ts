import {
	elementText,
	findElement,
	parseXmlTree,
} from '../../../../../nodes/shared/hispatec/reader/tree';
import { env } from './helpers';

describe('parseXmlTree', () => {
	it('parses a login response', () => {
		const root = parseXmlTree(
			env(
				'<LoginResponse xmlns="urn:x"><LoginResult><Token> abc&amp;def </Token><Caducidad>2030-01-01T00:00:00Z</Caducidad></LoginResult></LoginResponse>',
			),
		);
		expect(elementText(findElement(root, 'Token')!)).toBe('abc&def');
		expect(elementText(findElement(root, 'Caducidad')!)).toBe('2030-01-01T00:00:00Z');
		expect(findElement(root, 'Nothing')).toBeUndefined();
	});
});
