/**
 * Cross-check with node-soap: the node-soap server accepts our envelopes (it parses them against the
 * WSDL, so the arguments it sees are typed by the schema), and for the same calls our reader yields the
 * same records as a node-soap client reading the same service.
 */
import * as soap from 'soap';
import type { RawRecord } from '../../../nodes/shared/types';
import type { HispatecEmulator } from '../../../emulators/hispatec';
import { clientFor, useHispatecEmulator } from './helpers';

type SoapValue = string | number | Date | null | undefined | { attributes?: unknown };

/** node-soap's record object → our flat shape (dates compared as instants). */
function fromNodeSoap(record: Record<string, SoapValue>): Record<string, string | number | null> {
	const out: Record<string, string | number | null> = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === 'attributes') continue;
		if (value instanceof Date) out[key] = value.getTime();
		else if (value === null || value === undefined) out[key] = null;
		else if (typeof value === 'object')
			throw new Error(`node-soap returned an object for ${key}: ${JSON.stringify(value)}`);
		else out[key] = String(value);
	}
	return out;
}

function fromOurs(record: RawRecord): Record<string, string | number | null> {
	const out: Record<string, string | number | null> = {};
	for (const [key, value] of Object.entries(record)) {
		out[key] = key === 'FechaModificacion' && value ? Date.parse(value) : (value ?? null);
	}
	return out;
}

type DataResult = Record<
	string,
	{ Total: number; Pagina: number } & Record<
		string,
		Record<string, Array<Record<string, SoapValue>>>
	>
>;

interface NodeSoapClient {
	LoginAsync(args: unknown): Promise<[{ LoginResult: { Token: string } }]>;
	ObtenerContactosAsync(args: unknown): Promise<[DataResult]>;
	ObtenerEmpresasAsync(args: unknown): Promise<[DataResult]>;
}

describe('cross-check with node-soap', () => {
	const useEmu = useHispatecEmulator();
	let emu: HispatecEmulator;
	beforeEach(() => {
		emu = useEmu();
	});

	it.each([
		['contact', 'ObtenerContactos', 'ObtenerContactosResult', 'Contactos', 'Contacto', 72],
		['company', 'ObtenerEmpresas', 'ObtenerEmpresasResult', 'Empresas', 'Empresa', 42],
	] as const)(
		'%s: our reader and a node-soap client read the same records',
		async (type, op, result, container, element, count) => {
			const nodeSoap = (await soap.createClientAsync(emu.wsdlUrl, {
				handleNilAsNull: true,
			})) as unknown as NodeSoapClient;
			const [login] = await nodeSoap.LoginAsync({ Usuario: emu.username, Password: emu.password });
			const [theirs] = await nodeSoap[`${op}Async` as const]({
				Token: login.LoginResult.Token,
				Pagina: 1,
				TamanoPagina: 500,
			});
			const theirRecords = theirs[result][container][element].map(fromNodeSoap);
			expect(theirs[result].Total).toBe(count);

			const ours = await (await clientFor(emu)).fetchRecords(type);
			expect(ours.records).toHaveLength(count);
			expect(ours.records.map(fromOurs)).toEqual(theirRecords);

			// Both clients' requests, as node-soap's server parsed them against the WSDL: same typed arguments.
			const dataCalls = emu.stats.requests.filter((r) => r.operation === op);
			expect(dataCalls).toHaveLength(2);
			const withoutToken = (args: Record<string, unknown> | undefined) => ({
				...args,
				Token: typeof args?.Token,
			});
			expect(withoutToken(dataCalls[1].args)).toEqual(withoutToken(dataCalls[0].args));
			expect(withoutToken(dataCalls[1].args)).toEqual({
				Token: 'string',
				Pagina: 1,
				TamanoPagina: 500,
			});
			const logins = emu.stats.requests.filter((r) => r.operation === 'Login');
			expect(logins.map((r) => r.args)).toEqual([
				{ Usuario: 'integracion', Password: `Cosecha&"2024"<'ñ'>` },
				{ Usuario: 'integracion', Password: `Cosecha&"2024"<'ñ'>` },
			]);
		},
	);

	it('SOAP 1.2: node-soap accepts our 1.2 envelopes and both read the same page', async () => {
		emu.setOption('soapVersion', '1.2');
		const nodeSoap = (await soap.createClientAsync(emu.wsdlUrl, {
			handleNilAsNull: true,
			forceSoap12Headers: true,
		})) as unknown as NodeSoapClient;
		const [login] = await nodeSoap.LoginAsync({ Usuario: emu.username, Password: emu.password });
		const [theirs] = await nodeSoap.ObtenerEmpresasAsync({
			Token: login.LoginResult.Token,
			Pagina: 2,
			TamanoPagina: 10,
		});
		const client = await clientFor(emu, { soapVersion: '1.2' });
		const page = await client.fetchPage('company', 1, 10);
		expect(page.total).toBe(42);
		expect(page.records.map(fromOurs)).toEqual(
			theirs.ObtenerEmpresasResult.Empresas.Empresa.map(fromNodeSoap),
		);
		expect(emu.stats.requests.map((r) => [r.operation, r.soapVersion, r.status])).toEqual([
			['Login', '1.2', 200],
			['ObtenerEmpresas', '1.2', 200],
			['Login', '1.2', 200],
			['ObtenerEmpresas', '1.2', 200],
		]);
	});
});
