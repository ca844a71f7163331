import { runPool, type ClientifyRecord, type DesiredRecord } from '../../../../nodes/shared/clientify';
const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	scalars: { taxpayer_identification_number: '12345678Z', first_name: 'María', last_name: 'García' },
	emails: [{ email: 'maria@agro.es', type: 1 }],
	phones: [{ phone: '+34950123456', type: 3 }],
	addresses: [{ street: 'Calle Real 1', city: 'El Ejido', postal_code: '04700', type: 1 }],
	websites: [],
	tags: ['hispatec'],
	customFields: [
		{ name: 'hispatec_Cultivo', value: 'Tomate' },
		{ name: 'hispatec_Codigo', value: 'C1' },
	],
	warnings: [],
};

const sameAsDesired: ClientifyRecord = {
	id: 7,
	taxpayer_identification_number: '12345678z',
	first_name: 'María',
	last_name: ' García ',
	emails: [{ id: 1, email: 'MARIA@agro.es', type: 2 }],
	phones: [{ id: 2, phone: '950 12 34 56', type: 1 }],
	addresses: [{ id: 3, street: 'calle real, 1', city: 'EL EJIDO', postal_code: '04700', state: 'Almería', type: 5 }],
	tags: ['Hispatec', 'vip'],
	custom_fields: [
		{ id: 1, field: 'hispatec_Cultivo', value: 'Tomate' },
		{ id: 2, field: 'HISPATEC_codigo', value: 'C1' },
		{ id: 3, field: 'Other', value: 'kept' },
	],
};

describe('runPool', () => {
	it('never runs more than the limit at once and runs every task', async () => {
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setImmediate(r));
			done.push(n);
			running--;
		});
		expect(peak).toBe(3);
		expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});
	it('starts no task once told to stop, and re-raises a worker failure after the others finish', async () => {
		const started: number[] = [];
		let stop = false;
		await runPool([0, 1, 2, 3], 1, async (n) => {
			started.push(n);
			if (n === 1) stop = true;
		}, () => stop);
		expect(started).toEqual([0, 1]);

		const finished: number[] = [];
		await expect(
			runPool([0, 1, 2, 3], 2, async (n) => {
				if (n === 0) throw new Error('boom');
				await new Promise((r) => setImmediate(r));
				finished.push(n);
			}),
		).rejects.toThrow('boom');
		expect(finished).toEqual([1]);
	});
});
