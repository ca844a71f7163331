/** Finding the company a contact names (nodes/ClientifyUpsert/actions/write/companies.ts). */
import { CompanyFinder } from '../../../../../nodes/ClientifyUpsert/actions/write/companies';
import { encodeSyncState } from '../../../../../nodes/shared/clientify/syncState';
import type { ClientifyRecord } from '../../../../../nodes/shared/clientify/types';
import { engineOptions, fakeClient, stepContext } from './fixtures';

const STATE = 'hispatec_SyncState';
const CIF = 'B12345674';

/** A company with the CIF, written by the sync for Hispatec code `code` (when given). */
function company(id: number, code?: string): ClientifyRecord {
	return {
		id,
		name: `Empresa ${id}`,
		taxpayer_identification_number: CIF,
		...(code
			? {
					custom_fields: [
						{ field: STATE, value: encodeSyncState({ v: 1, c: code, e: [], p: [], a: [] }) },
					],
				}
			: {}),
	};
}

function finder(routes: Record<string, unknown>, options = engineOptions()) {
	const fake = fakeClient(routes);
	return { ...fake, finder: new CompanyFinder(stepContext(fake.client, options)) };
}

describe('CompanyFinder', () => {
	it('a company this batch wrote is found without a call, by CIF or by code', async () => {
		const { finder: f, calls } = finder({});
		f.note(CIF, 'E1', { id: 4, name: 'Empresa 4' });
		await expect(f.resolve({ taxId: CIF }, STATE)).resolves.toEqual({
			kind: 'found',
			id: 4,
			name: 'Empresa 4',
		});
		await expect(f.resolve({ code: 'E1' }, STATE)).resolves.toMatchObject({ kind: 'found', id: 4 });
		expect(calls).toEqual([]);
		expect(f.names.get(4)).toBe('Empresa 4');
	});

	it('by CIF through the lookup, once per company and execution', async () => {
		const { finder: f, keys } = finder({ 'LIST /companies/': [company(8)] });
		await expect(f.resolve({ taxId: CIF }, STATE)).resolves.toEqual({
			kind: 'found',
			id: 8,
			name: 'Empresa 8',
		});
		await f.resolve({ taxId: CIF }, STATE);
		expect(keys()).toEqual(['LIST /companies/']);
	});

	it('several with the CIF: the one the sync wrote for the code, else ambiguous', async () => {
		const { finder: f } = finder({ 'LIST /companies/': [company(8, 'E1'), company(9, 'E2')] });
		await expect(f.resolve({ taxId: CIF, code: 'E2' }, STATE)).resolves.toMatchObject({
			kind: 'found',
			id: 9,
		});
		const none = await f.resolve({ taxId: CIF }, STATE);
		expect(none).toMatchObject({ kind: 'missing', warning: { code: 'company_ambiguous' } });
	});

	it('not found, or a lookup that fails: company_not_found, never an error', async () => {
		const { finder: f } = finder({
			'LIST /companies/': (n: number) => (n === 0 ? [] : new Error('down')),
		});
		await expect(f.resolve({ taxId: CIF }, STATE)).resolves.toMatchObject({
			kind: 'missing',
			warning: { code: 'company_not_found' },
		});
		const failed = await f.resolve({ taxId: 'A58818501' }, STATE);
		expect(failed.kind === 'missing' && failed.warning.message).toContain(
			'the lookup failed: down',
		);
	});

	it('a code alone is found only in an index', async () => {
		const { finder: f, calls } = finder({});
		const found = await f.resolve({ code: 'E1' }, STATE);
		expect(found.kind === 'missing' && found.warning.message).toContain(
			'found by its code only in an index',
		);
		expect(calls).toEqual([]);
	});

	it('Known Records: by CIF, without a call', async () => {
		const known = new Map([[CIF, '12:fp;c=E1']]);
		const { finder: f, calls } = finder({}, engineOptions({ knownRecords: { company: known } }));
		await expect(f.resolve({ taxId: CIF }, STATE)).resolves.toEqual({ kind: 'found', id: 12 });
		expect(calls).toEqual([]);
	});
});
