import {
	buildCreateBody,
	createdFieldNames,
	recordFromCreate,
} from '../../../../../nodes/shared/clientify/desired/createBody';
import { buildDesiredRecord } from '../../../../../nodes/shared/clientify/desired/desired';
import { sourceFromNormalizedRecord } from '../../../../../nodes/shared/clientify/desired/source';
import { CREATED_CONTACT_FIELDS } from '../../../../helpers/clientify';
import { contactRecord, contactRecordLists } from '../fixtures';

describe('create body', () => {
	it('holds scalars, arrays with type codes, tags and custom fields by name', () => {
		const result = buildDesiredRecord(
			sourceFromNormalizedRecord(contactRecord(), 'contact', 'hispatec_'),
			'contact',
			{
				tags: ['hispatec'],
			},
		);
		if (!result.ok) throw new Error('expected ok');
		expect(buildCreateBody(result.desired)).toEqual({
			taxpayer_identification_number: '12345678Z',
			first_name: 'María José',
			last_name: 'García Núñez',
			...contactRecordLists,
			tags: ['hispatec'],
			custom_fields: [
				{ field: 'hispatec_Cultivo', value: 'Tomate' },
				{ field: 'hispatec_Superficie', value: '12.5' },
				{ field: 'hispatec_Codigo', value: 'C0001' },
			],
		});
		expect(createdFieldNames(result.desired)).toEqual([
			...CREATED_CONTACT_FIELDS,
			'custom_fields.hispatec_Cultivo',
			'custom_fields.hispatec_Superficie',
			'custom_fields.hispatec_Codigo',
		]);
	});
});

describe('recordFromCreate', () => {
	it('prefers the answer and keeps the body arrays the answer lacks', () => {
		expect(
			recordFromCreate(
				{ first_name: 'A', tags: ['hispatec'], emails: [{ email: 'a@b.es', type: 1 }] },
				{ id: 5, first_name: 'A', emails: [] },
			),
		).toEqual({
			id: 5,
			first_name: 'A',
			emails: [],
			tags: ['hispatec'],
		});
	});
});
