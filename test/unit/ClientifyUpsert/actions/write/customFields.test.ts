/** Custom-field definitions per execution (nodes/ClientifyUpsert/actions/write/customFields.ts). */
import { CustomFieldRegistry } from '../../../../../nodes/ClientifyUpsert/actions/write/customFields';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { desired as base } from '../../../shared/clientify/fixtures';
import { apiError, fakeClient } from './fixtures';

const desired: DesiredRecord = {
	...base,
	customFields: [{ name: 'hispatec_cultivo', value: 'Tomate' }],
};
const cultivo = { id: 2, name: 'hispatec_Cultivo', content_type: 'contacts' };

function registry(routes: Record<string, unknown>, create = true, dryRun = false) {
	const fake = fakeClient(routes);
	return { ...fake, registry: new CustomFieldRegistry(fake.client, { create, dryRun }) };
}

describe('CustomFieldRegistry', () => {
	it('an existing definition is used with its own spelling; definitions are listed once', async () => {
		const { registry: r, keys } = registry({ 'LIST /custom-fields/': [cultivo] });
		const first = await r.resolve(desired);
		await r.resolve(desired);
		expect(first.desired.customFields).toEqual([{ name: 'hispatec_Cultivo', value: 'Tomate' }]);
		expect(first.created).toEqual([]);
		expect(keys()).toEqual(['LIST /custom-fields/']);
	});

	it('missing with Create Custom Fields off: the value is left out, with a warning', async () => {
		const { registry: r } = registry({ 'LIST /custom-fields/': [] }, false);
		const resolved = await r.resolve(desired);
		expect(resolved.desired.customFields).toEqual([]);
		expect(resolved.warnings.map((w) => w.code)).toEqual(['custom_field_missing']);
	});

	it('missing: created once for concurrent records, reported by the record that created it', async () => {
		const { registry: r, keys } = registry({
			'LIST /custom-fields/': [],
			'POST /custom-fields/': cultivo,
		});
		const [a, b] = await Promise.all([r.resolve(desired), r.resolve(desired)]);
		expect(keys()).toEqual(['LIST /custom-fields/', 'POST /custom-fields/']);
		expect(r.creationsStarted).toBe(1);
		expect([a.created, b.created]).toEqual([['hispatec_Cultivo'], []]);
		expect(b.desired.customFields).toEqual([{ name: 'hispatec_Cultivo', value: 'Tomate' }]);
	});

	it('a lost answer to the create: listed again, found, not posted twice', async () => {
		const { registry: r, keys } = registry({
			'LIST /custom-fields/': (n: number) => (n === 0 ? [] : [cultivo]),
			'POST /custom-fields/': apiError(undefined, 'POST', '/custom-fields/'),
		});
		const resolved = await r.resolve(desired);
		expect(resolved.created).toEqual(['hispatec_Cultivo']);
		expect(keys()).toEqual([
			'LIST /custom-fields/',
			'POST /custom-fields/',
			'LIST /custom-fields/',
		]);
	});

	it('a create refused: the record syncs without the field, with custom_field_not_created', async () => {
		const { registry: r } = registry({
			'LIST /custom-fields/': [],
			'POST /custom-fields/': apiError(403, 'POST', '/custom-fields/'),
		});
		const resolved = await r.resolve(desired);
		expect(resolved.desired.customFields).toEqual([]);
		expect(resolved.warnings.map((w) => w.code)).toEqual(['custom_field_not_created']);
	});

	it('definitions that cannot be listed: no custom field is synced, custom_fields_unavailable', async () => {
		const { registry: r } = registry({ 'LIST /custom-fields/': new Error('down') });
		const resolved = await r.resolve(desired);
		expect(resolved.desired.customFields).toEqual([]);
		expect(resolved.warnings.map((w) => w.code)).toEqual(['custom_fields_unavailable']);
	});

	it('dry run: the definition’s create planned, nothing posted', async () => {
		const { registry: r, keys } = registry({ 'LIST /custom-fields/': [] }, true, true);
		const resolved = await r.resolve(desired);
		expect(keys()).toEqual(['LIST /custom-fields/']);
		expect(resolved.planned.map((p) => `${p.method} ${p.path}`)).toEqual(['POST /custom-fields/']);
	});
});
