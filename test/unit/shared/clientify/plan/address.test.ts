/**
 * Address equality (nodes/shared/clientify/plan/address.ts): the diff and the re-check after a lost
 * sub-resource add share this one rule.
 */
import { addressMatches } from '../../../../../nodes/shared/clientify/plan/address';
import { diffRecord } from '../../../../../nodes/shared/clientify/plan/diff';
import { sameSubItem } from '../../../../../nodes/shared/clientify/plan/subItem';
import {
	type ClientifyAddress,
	type DesiredRecord,
} from '../../../../../nodes/shared/clientify/types';

const work = (parts: Omit<ClientifyAddress, 'type'>): ClientifyAddress => ({ type: 1, ...parts });

/** The body of the add-address POST: all six keys (update.ts, guarded.ts itemBody), the ones the address lacks empty. */
const EMPTY_ADDRESS = { street: '', city: '', state: '', country: '', postal_code: '' };
const postBody = (address: ClientifyAddress) => ({ ...EMPTY_ADDRESS, ...address });

describe('addressMatches', () => {
	it('compares street, postal code and city ignoring case, accents and punctuation', () => {
		expect(
			addressMatches(
				work({ street: '  Avda. de Almería, 3 ' }),
				work({ street: 'avda de almeria 3' }),
			),
		).toBe(true);
		expect(
			addressMatches(
				work({ street: 'Calle Real 1', postal_code: '04700', city: 'EL EJIDO' }),
				work({ street: 'calle real, 1', postal_code: '04700', city: 'El Ejido' }),
			),
		).toBe(true);
		expect(
			addressMatches(
				work({ street: 'Calle Real 1', postal_code: '04700', city: 'El Ejido' }),
				work({ street: 'Calle Real 2', postal_code: '04700', city: 'El Ejido' }),
			),
		).toBe(false);
	});

	it('compares only the parts the desired address has: one Clientify has more of is the same address', () => {
		expect(
			addressMatches(
				work({ street: 'Calle Real 1', postal_code: '04700', city: 'El Ejido', state: 'Almería' }),
				work({ street: 'Calle Real 1', city: 'El Ejido' }),
			),
		).toBe(true);
		expect(
			addressMatches(
				work({ street: 'Calle Real 1' }),
				work({ street: 'Calle Real 1', postal_code: '04700' }),
			),
		).toBe(false);
	});

	it('without street, postal code and city: by state and country; without any part: held by any address', () => {
		expect(
			addressMatches(
				work({ street: 'Calle Real 1', state: 'Almería', country: 'ES' }),
				work({ state: 'almeria', country: 'es' }),
			),
		).toBe(true);
		expect(
			addressMatches(
				work({ state: 'Granada', country: 'ES' }),
				work({ state: 'Almería', country: 'ES' }),
			),
		).toBe(false);
		expect(addressMatches(work({ street: 'x' }), work({}))).toBe(true);
	});

	it('reads numbers and nulls as Clientify may return them', () => {
		expect(
			addressMatches(
				{ type: 1, postal_code: 4700 as unknown as string, city: null as unknown as string },
				work({ postal_code: '4700' }),
			),
		).toBe(true);
	});
});

describe('the re-check after a lost add agrees with the diff (the cases where the two rules differed)', () => {
	const desiredWith = (address: ClientifyAddress): DesiredRecord => ({
		entity: 'contact',
		taxId: '12345678Z',
		scalars: {},
		emails: [],
		phones: [],
		addresses: [address],
		websites: [],
		tags: [],
		customFields: [],
		warnings: [],
	});
	const cases: Array<[string, ClientifyAddress, ClientifyAddress]> = [
		[
			'Clientify has a postal code the ERP lacks',
			work({ street: 'Calle Real 1', postal_code: '04700', city: 'El Ejido' }),
			work({ street: 'Calle Real 1', city: 'El Ejido' }),
		],
		[
			'only state and country, another province',
			work({ state: 'Granada', country: 'ES' }),
			work({ state: 'Almería', country: 'ES' }),
		],
		[
			'only state and country, the same province',
			work({ state: 'Almería', country: 'ES' }),
			work({ state: 'Almería', country: 'ES' }),
		],
		[
			'street only, another street',
			work({ street: 'Calle Real 2' }),
			work({ street: 'Calle Real 1' }),
		],
	];
	it.each(cases)('%s', (_name, existing, added) => {
		const diffAdds =
			diffRecord({ id: 1, addresses: [existing] }, desiredWith(added)).addAddresses.length > 0;
		expect(sameSubItem('addresses', { ...existing }, postBody(added))).toBe(!diffAdds);
	});
	it('a postal code only Clientify has: the add counts as applied (the old rule posted it again)', () => {
		expect(
			sameSubItem(
				'addresses',
				{ street: 'Calle Real 1', postal_code: '04700', city: 'El Ejido' },
				postBody(work({ street: 'Calle Real 1', city: 'El Ejido' })),
			),
		).toBe(true);
	});
	it('state and country only: another province is not the add (the old rule took any address without street, postal code and city)', () => {
		expect(
			sameSubItem(
				'addresses',
				{ state: 'Granada', country: 'ES' },
				postBody(work({ state: 'Almería', country: 'ES' })),
			),
		).toBe(false);
	});
});
