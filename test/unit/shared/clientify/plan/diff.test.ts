import {
	applyPlan,
	buildUpdateBody,
	diffRecord,
	isEmptyPlan,
} from '../../../../../nodes/shared/clientify/plan/diff';
import {
	type ClientifyRecord,
	type DesiredRecord,
} from '../../../../../nodes/shared/clientify/types';
import { desired, sameAsDesired } from '../fixtures';

describe('diffRecord', () => {
	it('finds nothing to do when only formatting differs (except the tax ID spelling)', () => {
		const plan = diffRecord(
			{ ...sameAsDesired, taxpayer_identification_number: '12345678Z' },
			desired,
		);
		expect(isEmptyPlan(plan)).toBe(true);
		expect(buildUpdateBody(plan)).toBeUndefined();
	});

	it('rewrites a tax ID stored in another spelling', () => {
		const plan = diffRecord(sameAsDesired, desired);
		expect(plan.changedFields).toEqual(['taxpayer_identification_number']);
		expect(buildUpdateBody(plan)).toEqual({ taxpayer_identification_number: '12345678Z' });
	});

	it("sends only changed fields and only the changed custom fields (never a person's), and adds missing items", () => {
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
			// Every desired e-mail, phone, address and tag is missing from `existing`.
			addEmails: desired.emails,
			addPhones: desired.phones,
			addAddresses: desired.addresses,
			addWebsites: [],
			addTags: desired.tags,
			itemEdits: [],
			reorder: [],
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
		const partial: DesiredRecord = {
			...desired,
			scalars: { taxpayer_identification_number: '12345678Z' },
			customFields: [],
		};
		const plan = diffRecord(
			{
				id: 1,
				taxpayer_identification_number: '12345678Z',
				first_name: 'Keep',
				tags: ['hispatec'],
				emails: [{ email: 'maria@agro.es', type: 1 }],
				phones: [{ phone: '950123456', type: 3 }],
				addresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }],
			},
			partial,
		);
		expect(plan.changedFields).toEqual([]);
	});
});
