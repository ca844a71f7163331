import type { NormalizedRecord } from '../../../../nodes/shared/types';
import { taxIdMatchKey } from '../../../../nodes/shared/clientify/plan/match';
import type {
	ClientifyRecord,
	DesiredRecord,
	Entity,
} from '../../../../nodes/shared/clientify/types';
import {
	addToIndex,
	lookupKnown,
	type FingerprintScope,
} from '../../../../nodes/shared/clientify/plan/fingerprint';
import { ejidoAddress } from '../../../helpers/clientify';

/** Records shared by the Clientify unit tests. */

export function contactRecord(overrides: Partial<NormalizedRecord> = {}): NormalizedRecord {
	return {
		recordType: 'contact',
		taxId: '12345678Z',
		taxIdType: 'DNI',
		taxIdField: 'IdentificacionFiscalCliente',
		kind: 'person',
		firstName: 'María José',
		lastName: 'García Núñez',
		name: 'María José García Núñez',
		email: 'mj.garcia@agro.es',
		emails: ['mj.garcia@agro.es', 'facturas@agro.es'],
		phone: '+34950123456',
		phones: [
			{ number: '+34950123456', type: 'landline', field: 'Telefono' },
			{ number: '+34600111222', type: 'mobile', field: 'TelefonoMovil' },
		],
		address: {
			street: 'Calle Real 1',
			city: 'El Ejido',
			province: 'Almería',
			postalCode: '04700',
			country: 'ES',
		},
		sourceId: 'C0001',
		modifiedAt: '2024-05-01T10:00:00',
		extra: { Cultivo: 'Tomate', Superficie: '12.5' },
		warnings: [],
		...overrides,
	};
}

/** `contactRecord()`'s e-mails, phones and address as Clientify writes them. */
export const contactRecordLists = {
	emails: [
		{ email: 'mj.garcia@agro.es', type: 1 },
		{ email: 'facturas@agro.es', type: 1 },
	],
	phones: [
		{ phone: '+34950123456', type: 3 },
		{ phone: '+34600111222', type: 2 },
	],
	addresses: [ejidoAddress('Calle Real 1')],
};

export const companyRecord: NormalizedRecord = {
	recordType: 'company',
	taxId: 'B58378431',
	taxIdType: 'CIF',
	taxIdField: 'CIF',
	kind: 'company',
	name: 'Hortalizas del Poniente SL',
	tradeName: 'Horponiente',
	emails: ['info@horponiente.es'],
	phones: [],
	website: 'https://www.horponiente.es',
	extra: {},
	warnings: [],
};

export const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	scalars: {
		taxpayer_identification_number: '12345678Z',
		first_name: 'María',
		last_name: 'García',
	},
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

export const sameAsDesired: ClientifyRecord = {
	id: 7,
	taxpayer_identification_number: '12345678z',
	first_name: 'María',
	last_name: ' García ',
	emails: [{ id: 1, email: 'MARIA@agro.es', type: 2 }],
	phones: [{ id: 2, phone: '950 12 34 56', type: 1 }],
	addresses: [
		{
			id: 3,
			street: 'calle real, 1',
			city: 'EL EJIDO',
			postal_code: '04700',
			state: 'Almería',
			type: 5,
		},
	],
	tags: ['Hispatec', 'vip'],
	custom_fields: [
		{ id: 1, field: 'hispatec_Cultivo', value: 'Tomate' },
		{ id: 2, field: 'HISPATEC_codigo', value: 'C1' },
		{ id: 3, field: 'Other', value: 'kept' },
	],
};

/** A Clientify record's fingerprint as Clientify Index puts it in the Known Records index. */
export function indexedFingerprint(
	record: ClientifyRecord,
	entity: Entity,
	scope: FingerprintScope,
): string {
	const index = new Map<string, string>();
	addToIndex(index, record, entity, scope);
	const found = lookupKnown(index, taxIdMatchKey(record.taxpayer_identification_number));
	if (found.kind !== 'one') throw new Error(`record ${record.id} is not in the index`);
	return found.fingerprint;
}
