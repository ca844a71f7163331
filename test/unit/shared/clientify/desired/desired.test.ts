/**
 * The record Clientify should hold (nodes/shared/clientify/desired/desired.ts): built from source
 * values, what the Clientify side accepts (e-mails follow the one e-mail rule of
 * nodes/shared/normalize/email.ts, in both input modes), and its create body.
 */
import {
	applyOverrides,
	sourceFromNormalizedRecord,
} from '../../../../../nodes/shared/clientify/desired/source';
import {
	buildCreateBody,
	buildDesiredRecord,
	createdFieldNames,
	recordFromCreate,
} from '../../../../../nodes/shared/clientify/desired/desired';
import { contactRecord, contactRecordLists, companyRecord } from '../fixtures';
import { CREATED_CONTACT_FIELDS } from '../../../../helpers/clientify';

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

describe('e-mails', () => {
	/** The e-mails and warnings the desired record gets from one source e-mail. */
	const email = (raw: string) => {
		const built = buildDesiredRecord({ taxId: '12345678Z', emails: [raw] }, 'contact', {
			tags: [],
		});
		if (!built.ok) throw new Error(built.message);
		return { emails: built.desired.emails, warnings: built.desired.warnings };
	};

	it('accepts addresses by the WHATWG rule, lower-cased, IDN domains in A-labels', () => {
		expect(email(' Ana.Garcia@Agro.es ')).toEqual({
			emails: [{ email: 'ana.garcia@agro.es', type: 1 }],
			warnings: [],
		});
		expect(email('info@bodegañ.es').emails).toEqual([{ email: 'info@xn--bodega-1wa.es', type: 1 }]);
		expect(email('')).toEqual({ emails: [], warnings: [] });
	});
	it('rejects, with a warning, addresses the old loose shape (x@y.z) let through', () => {
		for (const bad of ['ana@agro..es', 'ana@-agro.es', 'maría@agro.es', 'ana@agro_sl.es']) {
			expect(email(bad)).toEqual({
				emails: [],
				warnings: [
					{
						code: 'email_dropped',
						field: 'emails',
						message: `"${bad.toLowerCase()}" is not an e-mail address; not synced.`,
					},
				],
			});
		}
	});
});

describe('Define Below e-mail', () => {
	it('an address the old shape accepted but the e-mail rule rejects is not synced, and the item says why', () => {
		const source = applyOverrides(
			{ taxId: '12345678Z', customFields: {} },
			{ firstName: 'Ana', email: 'ana@agro..es; eva@agro.es' },
		);
		const built = buildDesiredRecord(source, 'contact', { tags: [] });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		expect(built.desired.emails).toEqual([{ email: 'eva@agro.es', type: 1 }]);
		expect(built.desired.warnings).toEqual([
			{
				code: 'email_dropped',
				field: 'emails',
				message: '"ana@agro..es" is not an e-mail address; not synced.',
			},
		]);
	});
});

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
