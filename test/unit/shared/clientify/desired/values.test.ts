import { cleanTags } from '../../../../../nodes/shared/clientify/desired/desired';
import { splitList } from '../../../../../nodes/shared/clientify/desired/values';

describe('source values as text', () => {
	it('splitList and cleanTags', () => {
		expect(splitList(['a, b', 'c;d', null, 5])).toEqual(['a', 'b', 'c', 'd', '5']);
		expect(cleanTags([' x ', 'X', '', null, 'y'])).toEqual(['x', 'y']);
	});
});
