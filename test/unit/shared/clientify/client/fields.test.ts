/**
 * Which `fields=` a v2 GET gets, by path. What the lists hold comes from the field table and is
 * tested with it (test/unit/shared/clientify/fieldTable.test.ts).
 */
import { v2FieldsFor } from '../../../../../nodes/shared/clientify/client/fields';
import { v2ListFields, v2RecordFields } from '../../../../../nodes/shared/clientify/fieldTable';

describe('v2FieldsFor', () => {
	it('takes the resource of a record or list path, and the item list below a record', () => {
		const contacts = v2RecordFields('contact').join(',');
		expect(v2FieldsFor('/contacts/')).toBe(contacts);
		expect(v2FieldsFor('contacts/7/?page=2')).toBe(contacts);
		expect(v2FieldsFor('/companies/7/tags/')).toBe(v2ListFields().tags.join(','));
		expect(v2FieldsFor('/companies/7/')).toBe(v2RecordFields('company').join(','));
		expect(v2FieldsFor('/custom-fields/?page_size=100')).toBe('id,name,content_type,field_type');
		expect(v2FieldsFor('/me/')).toBe('id,email');
	});

	it('has nothing for an unknown resource or an empty path', () => {
		expect(v2FieldsFor('/deals-archive/')).toBeUndefined();
		expect(v2FieldsFor('/')).toBeUndefined();
		expect(v2FieldsFor('')).toBeUndefined();
	});
});
