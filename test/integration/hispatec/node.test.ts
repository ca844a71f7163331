import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
} from 'n8n-workflow';
import { Hispatec } from '../../../nodes/Hispatec/Hispatec.node';
import { normalizeRecord } from '../../../nodes/shared/normalize/record';
import type { RecordType } from '../../../nodes/shared/types';
import type { HispatecEmulator } from '../../../emulators/hispatec';
import { createExecuteContext } from '../../../harness/nodeContext';
import {
	expectedRaw,
	getAllParameters,
	harnessOptions,
	routeToErrorOutput,
	SEED_SKIPPED,
	useHispatecEmulator,
} from './helpers';

// Retry waits return at once: the node builds its client itself with n8n's `sleep`, injected here.
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('./instantSleep')>('./instantSleep')
		.n8nWorkflowWithInstantSleep(),
);

const node = new Hispatec();

async function run(
	emu: HispatecEmulator,
	parameters: IDataObject,
	extra: {
		items?: number;
		continueOnFail?: boolean;
		itemParameters?: IDataObject[];
		credentials?: IDataObject;
	} = {},
) {
	const items: INodeExecutionData[] = Array.from({ length: extra.items ?? 1 }, (_, i) => ({
		json: { i },
	}));
	const { context } = createExecuteContext(
		items,
		harnessOptions(emu, extra.credentials ?? {}, {
			parameters,
			...(extra.itemParameters ? { itemParameters: extra.itemParameters } : {}),
			continueOnFail: extra.continueOnFail ?? false,
			nodeType: 'n8n-nodes-hispatec.hispatec',
			nodeName: 'Hispatec',
		}),
	);
	return await node.execute.call(context);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to throw');
}

/** What the Valid and Skipped outputs must hold for these emulator records, computed independently. */
function expectedOutputs(
	emu: HispatecEmulator,
	type: RecordType,
	item = 0,
	options: Parameters<typeof normalizeRecord>[2] = {},
) {
	const valid: INodeExecutionData[] = [];
	const skipped: INodeExecutionData[] = [];
	for (const record of emu.dataset.list(type)) {
		const raw = expectedRaw(record);
		const result = normalizeRecord(raw, type, options);
		if (result.ok)
			valid.push({ json: result.record as unknown as IDataObject, pairedItem: { item } });
		else
			skipped.push({
				json: { ...(result.skip as unknown as IDataObject), raw: raw as IDataObject },
				pairedItem: { item },
			});
	}
	return [valid, skipped];
}

describe('Hispatec node', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	it('describes itself per the n8n conventions', () => {
		expect(node.description.name).toBe('hispatec');
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.outputNames).toEqual(['Valid', 'Skipped']);
		// tested by the credential's own declarative test, not by a node method
		expect(node.description.credentials).toEqual([{ name: 'hispatecApi', required: true }]);
	});

	it.each(['contact', 'company'] as const)(
		'Get Many %s (Return All): every record ends on Valid or Skipped, in order',
		async (type) => {
			const outputs = await run(emu, getAllParameters(type));
			expect(outputs).toEqual(expectedOutputs(emu, type));
			expect(outputs[1].map((i) => [i.json.sourceId, i.json.reason])).toEqual(SEED_SKIPPED[type]);
			expect(outputs[0].length + outputs[1].length).toBe(emu.dataset.count(type));
			expect(emu.stats.calls.Login).toBe(1);
		},
	);

	it('normalizes the tricky seed values (ES prefix, separators, alternative fields, CDATA, numeric references)', async () => {
		const [valid] = await run(emu, getAllParameters('contact'));
		const byCode = Object.fromEntries(valid.map((i) => [i.json.sourceId, i.json]));
		expect([byCode.C00061.taxId, byCode.C00061.taxIdField]).toEqual([
			'54362315K',
			'IdentificacionFiscalCliente',
		]);
		expect([
			byCode.C00062.taxId,
			byCode.C00063.taxIdField,
			byCode.C00064.taxIdType,
			byCode.C00064.taxIdField,
		]).toEqual(['36698729K', 'NIF', 'NIE', 'DNI']);
		expect(byCode.C00070.firstName).toBe('Muñoz & Cía');
		expect((byCode.C00070.extra as IDataObject).Observaciones).toBe(
			'Entrega en <almacén> nº 2 & muelle "B"',
		);
		expect(byCode.C00069.lastName).toBe("D'Alessandro <Socio>");
	});

	it('honours Limit, Include Raw Record, Allow Foreign Tax IDs and Alternative Tax ID Fields', async () => {
		const [limited, limitedSkipped] = await run(emu, {
			resource: 'company',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			options: { includeRawRecord: true },
		});
		expect(limited.map((i) => i.json.sourceId)).toEqual(['E00001', 'E00002', 'E00003']);
		expect(limited[0].json.raw).toEqual(expectedRaw(emu.dataset.get('company', 'E00001')!));
		expect(limitedSkipped).toEqual([]);

		const [valid, skipped] = await run(
			emu,
			getAllParameters('contact', { allowForeignTaxIds: true, alternativeTaxIdFields: ' DNI ' }),
		);
		const expected = expectedOutputs(emu, 'contact', 0, {
			allowForeignTaxIds: true,
			taxIdFields: ['IdentificacionFiscalCliente', 'DNI'],
		});
		expect([valid, skipped]).toEqual(expected);
		expect(valid.find((i) => i.json.sourceId === 'C00067')?.json.taxIdType).toBe('FOREIGN');
		expect(skipped.map((i) => [i.json.sourceId, i.json.reason])).toEqual([
			['C00063', 'missing_tax_id'],
			['C00065', 'invalid_tax_id'],
			['C00066', 'missing_tax_id'],
			['C00072', 'missing_name'],
		]);
	});

	it('runs once per input item with per-item parameters and logs in once', async () => {
		const outputs = await run(
			emu,
			{ operation: 'getAll', returnAll: false, limit: 2, options: {} },
			{ items: 2, itemParameters: [{ resource: 'contact' }, { resource: 'company', limit: 1 }] },
		);
		expect(outputs[0].map((i) => [i.json.sourceId, i.pairedItem])).toEqual([
			['C00001', { item: 0 }],
			['C00002', { item: 0 }],
			['E00001', { item: 1 }],
		]);
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerContactos: 1, ObtenerEmpresas: 1 });
	});

	it('sends Modified Since in the workflow time zone', async () => {
		emu.dataset.setModified('company', 'E00005', '2025-03-01T09:00:00+01:00');
		const [valid] = await run(
			emu,
			getAllParameters('company', { modifiedSince: '2025-03-01T00:00:00' }),
		);
		expect(valid.map((i) => i.json.sourceId)).toEqual(['E00005']);
		expect(emu.stats.requests[1].args?.ModificadoDesde).toBe('2025-02-28T23:00:00Z');

		const error = await failure(
			run(emu, getAllParameters('company', { modifiedSince: 'yesterday' })),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Modified Since is not a date: "yesterday"');
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
	});

	it('a transient ERP failure on one page is retried: the output is complete, the wait went through the injected sleep', async () => {
		const { sleep } = jest.requireMock<typeof import('n8n-workflow')>('n8n-workflow');
		(sleep as jest.Mock).mockClear();
		emu.setOption('failure', {
			type: 'soapFault',
			operation: 'ObtenerEmpresas',
			onCall: 2,
			faultString: 'Base de datos no disponible',
		});
		const outputs = await run(emu, getAllParameters('company'), { credentials: { pageSize: 10 } });
		expect(outputs).toEqual(expectedOutputs(emu, 'company'));
		expect(emu.stats.calls).toEqual({ Login: 1, ObtenerEmpresas: 6 });
		expect(sleep).toHaveBeenCalledTimes(1);
		const [delay] = (sleep as jest.Mock).mock.calls[0] as [number];
		expect(delay).toBeGreaterThanOrEqual(500);
		expect(delay).toBeLessThanOrEqual(1000);
	});

	it('collapses the same tax ID written twice: the newer record is Valid, the older one Skipped as duplicate_tax_id', async () => {
		const base = emu.dataset.get('contact', 'C00001')!;
		emu.dataset.add('contact', {
			...base,
			Codigo: 'C00073',
			IdentificacionFiscalCliente: '70963442R',
			Nombre: 'Antigua',
			FechaModificacion: '2024-03-01T10:00:00+01:00',
		});
		emu.dataset.add('contact', {
			...base,
			Codigo: 'C00074',
			IdentificacionFiscalCliente: '70.963.442-r',
			Nombre: 'Nueva',
			FechaModificacion: '2024-05-02T10:00:00+01:00',
		});
		const outputs = await run(emu, getAllParameters('contact'));
		const [valid, skipped] = expectedOutputs(emu, 'contact');
		const loser = valid.find((i) => i.json.sourceId === 'C00073')!;
		expect(outputs[0]).toEqual(valid.filter((i) => i !== loser));
		expect(
			outputs[0]
				.filter((i) => i.json.taxId === '70963442R')
				.map((i) => [i.json.sourceId, i.json.firstName]),
		).toEqual([['C00074', 'Nueva']]);
		expect(outputs[1]).toEqual([
			...skipped,
			{
				json: {
					recordType: 'contact',
					reason: 'duplicate_tax_id',
					message:
						'Duplicate tax ID 70963442R: Hispatec record C00074 has the same tax ID and is newer (FechaModificacion 2024-05-02T10:00:00+01:00 against 2024-03-01T10:00:00+01:00); only that contact is synced',
					sourceId: 'C00073',
					taxIdCandidate: '70963442R',
					duplicateOf: 'C00074',
					warnings: loser.json.warnings,
					raw: expectedRaw(emu.dataset.get('contact', 'C00073')!) as IDataObject,
				},
				pairedItem: { item: 0 },
			},
		]);
		// Every record on exactly one output.
		expect(outputs[0].length + outputs[1].length).toBe(74);
	});

	it('throws a NodeApiError carrying the fault text', async () => {
		emu.setOption('failure', {
			type: 'soapFault',
			operation: 'ObtenerContactos',
			faultString: 'Base de datos no disponible',
			faultDetail: 'x',
			times: Infinity,
		});
		const error = await failure(run(emu, getAllParameters('contact')));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Hispatec returned a SOAP fault for ObtenerContactos: soap:Server: Base de datos no disponible (tried 4 times)',
		);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect((error as NodeApiError).context.itemIndex).toBe(0);

		const wrong = await failure(
			run(emu, getAllParameters('contact'), { credentials: { password: 'x' } }),
		);
		expect(wrong).toBeInstanceOf(NodeApiError);
		expect(wrong.message).toBe(
			'Hispatec rejected the username or password: Credenciales no validas',
		);
		expect((wrong as NodeApiError).description).toBe(
			'Check the Username and Password of the Hispatec credential.',
		);

		const settings = await failure(
			run(emu, getAllParameters('contact'), { credentials: { serverUrl: 'erp.local' } }),
		);
		expect(settings).toBeInstanceOf(NodeOperationError);
		expect(settings.message).toBe(
			'Server URL must start with http:// or https:// (got "erp.local")',
		);
	});

	it.each(['1.x', '2.x'] as const)(
		'On Error → Continue (using error output): error items are {error, message}, which n8n %s moves to the error output; no secret in them',
		async (line) => {
			const outputs = await run(
				emu,
				{ operation: 'getAll', returnAll: false, limit: 2, options: {} },
				{
					items: 3,
					continueOnFail: true,
					itemParameters: [{ resource: 'contact' }, { resource: 'company' }, { resource: 'nope' }],
					credentials: { password: 'wrong-Secret-123' },
				},
			);
			const [valid, skipped, errors] = routeToErrorOutput(outputs, line);
			expect(valid).toEqual([]);
			expect(skipped).toEqual([]);
			expect(errors).toEqual([
				{
					json: {
						error: 'Hispatec rejected the username or password: Credenciales no validas',
						message: 'Check the Username and Password of the Hispatec credential.',
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						error: 'Hispatec rejected the username or password: Credenciales no validas',
						message: 'Check the Username and Password of the Hispatec credential.',
					},
					pairedItem: { item: 1 },
				},
				{
					json: {
						error: 'The resource "nope" is not known',
						message: 'The Hispatec read for this item failed; see error.',
					},
					pairedItem: { item: 2 },
				},
			]);
			expect(JSON.stringify(outputs)).not.toContain('wrong-Secret-123');
			expect(emu.stats.calls).toEqual({ Login: 2 }); // a wrong password is never retried

			// Good items keep flowing on Valid / Skipped next to the error items.
			emu.setOption('failure', {
				type: 'soapFault',
				operation: 'ObtenerContactos',
				times: Infinity,
				faultString: 'Base de datos no disponible',
			});
			const mixed = routeToErrorOutput(
				await run(
					emu,
					{ operation: 'getAll', returnAll: true, options: {} },
					{
						items: 2,
						continueOnFail: true,
						itemParameters: [{ resource: 'contact' }, { resource: 'company' }],
					},
				),
				line,
			);
			const [companiesValid, companiesSkipped] = expectedOutputs(emu, 'company', 1);
			expect(mixed[0]).toEqual(companiesValid);
			expect(mixed[1]).toEqual(companiesSkipped);
			expect(mixed[2].map((i) => [i.pairedItem, Object.keys(i.json), i.json.error])).toEqual([
				[
					{ item: 0 },
					['error', 'message'],
					'Hispatec returned a SOAP fault for ObtenerContactos: soap:Server: Base de datos no disponible (tried 4 times)',
				],
			]);
		},
	);

	it('with Continue On Fail, a failing item becomes an error item and the others still run', async () => {
		emu.setOption('failure', { type: 'http503', operation: 'ObtenerContactos', times: Infinity });
		const outputs = await run(
			emu,
			{ operation: 'getAll', returnAll: false, limit: 1, options: {} },
			{
				items: 2,
				continueOnFail: true,
				itemParameters: [{ resource: 'contact' }, { resource: 'company' }],
			},
		);
		expect(outputs).toEqual([
			[
				{
					json: {
						error:
							'Hispatec answered HTTP 503 Service Unavailable to ObtenerContactos (an HTML page, not a SOAP envelope) (tried 4 times)',
						message:
							'The Hispatec server failed: try again later, or ask its administrator. The call failed 4 times in a row; raise "Retries" or "Retry Base Delay" in the credential if the server needs longer to recover.',
					},
					pairedItem: { item: 0 },
				},
				{ json: expectedOutputs(emu, 'company', 1)[0][0].json, pairedItem: { item: 1 } },
			],
			[],
		]);
	});
});

describe('Hispatec node: company references and the inactive flag (issue 20)', () => {
	// three contacts and two companies marked inactive (Baja: 'S') by the emulator
	const useEmu = useHispatecEmulator({ inactive: { contacts: 3, companies: 2 } });
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	const markedInactive = (type: RecordType) =>
		emu.dataset
			.list(type)
			.filter((r) => r.Baja === 'S')
			.map((r) => r.Codigo);

	it('Get Many contacts: the company reference of each contact, most naming an existing company', async () => {
		const outputs = await run(emu, getAllParameters('contact'));
		expect(outputs).toEqual(expectedOutputs(emu, 'contact'));
		const [valid] = outputs;
		const companies = emu.dataset.list('company');
		const companyCodes = new Set(companies.map((c) => c.Codigo));
		const companyCifs = new Set(companies.map((c) => String(c.CIF ?? '').toUpperCase()));
		const refs = valid.map((i) => [i.json.sourceId, i.json.companyRef] as const);
		const existing = refs.filter(
			([, ref]) =>
				ref !== undefined &&
				(companyCodes.has(String((ref as IDataObject).code)) ||
					companyCifs.has(String((ref as IDataObject).taxId))),
		);
		expect(existing.length).toBeGreaterThanOrEqual(55);
		const byCode = Object.fromEntries(refs);
		// the emulator's deliberate cases: no company, a missing company, a wrong CIF
		expect([byCode.C00012, byCode.C00024]).toEqual([undefined, undefined]);
		expect([byCode.C00008, byCode.C00041]).toEqual([
			{ code: 'E09001', taxId: 'B98765431' },
			{ code: 'E09002' },
		]);
		for (const code of ['C00021', 'C00051']) {
			const item = valid.find((i) => i.json.sourceId === code)!.json;
			expect(Object.keys(item.companyRef as IDataObject)).toEqual(['code']);
			expect((item.warnings as IDataObject[]).map((w) => w.code)).toContain('company_ref_invalid');
		}
		// the elements are consumed: the custom fields (extra) are those of before
		expect(valid.every((i) => !('CodigoEmpresa' in (i.json.extra as IDataObject)))).toBe(true);
	});

	it.each(['contact', 'company'] as const)(
		'Get Many %s: exactly the records the ERP marks inactive carry inactive: true',
		async (type) => {
			const [valid, skipped] = await run(emu, getAllParameters(type));
			const inactive = valid.filter((i) => i.json.inactive === true).map((i) => i.json.sourceId);
			const skippedCodes = new Set(skipped.map((i) => i.json.sourceId));
			expect(inactive).toEqual(markedInactive(type).filter((c) => !skippedCodes.has(c)));
			expect(inactive.length).toBeGreaterThan(0);
			expect(valid.every((i) => i.json.inactive === undefined || i.json.inactive === true)).toBe(
				true,
			);
			if (type === 'company')
				expect(valid.every((i) => i.json.companyRef === undefined)).toBe(true);
		},
	);

	it('Inactive Flag Field and Values options: another field, other values, or off', async () => {
		const code = markedInactive('contact')[0];
		emu.dataset.update('contact', 'C00001', { Baja: undefined, Estado: 'Bloqueado' });
		const inactiveOf = async (options: IDataObject) =>
			(await run(emu, getAllParameters('contact', options)))[0]
				.filter((i) => i.json.inactive === true)
				.map((i) => i.json.sourceId);
		expect(
			await inactiveOf({ inactiveField: 'Estado', inactiveValues: 'bloqueado, baja' }),
		).toEqual(['C00001']);
		expect(await inactiveOf({ inactiveField: '' })).toEqual([]);
		expect(await inactiveOf({ inactiveValues: 'N' })).toEqual([]);
		expect(await inactiveOf({ inactiveValues: '  ' })).toContain(code);
	});
});
