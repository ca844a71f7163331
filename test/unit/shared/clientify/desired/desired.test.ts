import { buildDesiredRecord } from '../../../../../nodes/shared/clientify/desired/desired';
import { sourceFromNormalizedRecord } from '../../../../../nodes/shared/clientify/desired/source';
import { contactRecord, contactRecordLists, companyRecord } from '../fixtures';

describe('sourceFromNormalizedRecord + buildDesiredRecord', () => {
	it('maps a person contact with every field', () => {
		const source = sourceFromNormalizedRecord(contactRecord(), 'contact', 'hispatec_');
		const result = buildDesiredRecord(source, 'contact', { tags: ['hispatec'] });
		expect(result).toEqual({
			ok: true,
			desired: {
				entity: 'contact',
				taxId: '12345678Z',
				scalars: {
					taxpayer_identification_number: '12345678Z',
					first_name: 'María José',
					last_name: 'García Núñez',
				},
				...contactRecordLists,
				websites: [],
				tags: ['hispatec'],
				customFields: [
					{ name: 'hispatec_Cultivo', value: 'Tomate' },
					{ name: 'hispatec_Superficie', value: '12.5' },
					{ name: 'hispatec_Codigo', value: 'C0001' },
				],
				sourceId: 'C0001',
				modifiedAt: '2024-05-01T10:00:00',
				warnings: [],
			},
		});
	});

	it('puts a CIF holder kept as a contact in first_name only', () => {
		const record = contactRecord({
			kind: 'company',
			firstName: undefined,
			lastName: undefined,
			name: 'Agrícola Sur SA',
		});
		const result = buildDesiredRecord(
			sourceFromNormalizedRecord(record, 'contact', 'x_'),
			'contact',
			{ tags: [] },
		);
		expect(result.ok && result.desired.scalars).toEqual({
			taxpayer_identification_number: '12345678Z',
			first_name: 'Agrícola Sur SA',
		});
	});

	it('maps a company: trade name → name, legal name → business_name, web site', () => {
		const result = buildDesiredRecord(
			sourceFromNormalizedRecord(companyRecord, 'company', 'hispatec_'),
			'company',
			{
				tags: ['hispatec', ' ERP '],
			},
		);
		expect(result).toEqual({
			ok: true,
			desired: {
				entity: 'company',
				taxId: 'B58378431',
				scalars: {
					taxpayer_identification_number: 'B58378431',
					name: 'Horponiente',
					business_name: 'Hortalizas del Poniente SL',
				},
				emails: [{ email: 'info@horponiente.es', type: 1 }],
				phones: [],
				addresses: [],
				websites: [{ website: 'https://www.horponiente.es', type: 1 }],
				tags: ['hispatec', 'ERP'],
				customFields: [],
				warnings: [],
			},
		});
	});

	it('skips a record without tax ID and one without a match key', () => {
		expect(buildDesiredRecord({ taxId: '  ' }, 'contact', { tags: [] })).toEqual({
			ok: false,
			reason: 'missing_tax_id',
			message: 'The record has no tax ID (NIF/CIF); it cannot be matched in Clientify.',
		});
		expect(buildDesiredRecord({ taxId: '-/-' }, 'contact', { tags: [] })).toEqual({
			ok: false,
			reason: 'invalid_tax_id',
			message:
				'The tax ID "-/-" is not a valid NIF/NIE/CIF; the record cannot be matched in Clientify.',
		});
	});

	it('drops empty values, bad e-mails and phones with warnings, and de-duplicates', () => {
		const result = buildDesiredRecord(
			{
				taxId: 'b58378431',
				companyName: '  ',
				businessName: null,
				emails: ['A@B.ES', 'a@b.es', 'not-an-email', ''],
				phones: [
					{ number: '950 12 34 56', type: 'landline' },
					{ number: '+34 950123456', type: 'mobile' },
					{ number: 'n/a', type: 'other' },
				],
				address: { street: ' ', city: undefined },
				customFields: { ' Campo ': 'x', Vacío: '  ', campo: 'y', Num: 3 },
			},
			'company',
			{ tags: ['', 'hispatec', 'HISPATEC'] },
		);
		expect(result).toEqual({
			ok: true,
			desired: {
				entity: 'company',
				taxId: 'B58378431',
				scalars: { taxpayer_identification_number: 'B58378431' },
				emails: [{ email: 'a@b.es', type: 1 }],
				phones: [{ phone: '950 12 34 56', type: 3 }],
				addresses: [],
				websites: [],
				tags: ['hispatec'],
				customFields: [
					{ name: 'campo', value: 'y' },
					{ name: 'Num', value: '3' },
				],
				warnings: [
					{
						code: 'email_dropped',
						field: 'emails',
						message: '"not-an-email" is not an e-mail address; not synced.',
					},
					{
						code: 'phone_dropped',
						field: 'phones',
						message: '"n/a" is not a phone number; not synced.',
					},
				],
			},
		});
	});
});
