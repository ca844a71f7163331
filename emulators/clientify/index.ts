/**
 * Clientify API emulator: in memory, over real HTTP (node:http), with the behaviours of
 * docs/clientify-api.md (confirmed ones, plus the assumed ones of its last section, marked in
 * server.ts). Used by the tests, the benchmark, the demo and the end-to-end suite.
 *
 *   const emu = await startClientifyEmulator({ apiVersion: 'v2' });
 *   // credential: { apiKey: emu.apiKey, baseUrl: emu.baseUrl }   (baseUrl ends in /v1 or /v2)
 *   emu.store.seedContact({ first_name: 'Ana', taxpayer_identification_number: '12345678Z' });
 *   emu.log.reads; emu.log.writes; emu.log.lines(); emu.log.reset();
 *   emu.setOption('faults', [{ method: 'POST', path: '/contacts/', status: 504, afterHandling: true }]);
 *   emu.people.attachDeal('contact', 12, { amount: 900 });   // a person at work (people.ts)
 *   emu.advanceClock(7 * 24 * 3600_000);                     // a week passes
 *   await emu.close();
 *
 * Options: see `ClientifyEmulatorOptions` in server.ts (apiVersion, apiKey, apiKeys, host, port,
 * defaultPageSize, maxPageSize, latencyMs, rateLimit, faults, faultHook, gate, customFieldCreation,
 * customFieldDuplicate, companyTaxIdFilter, requireFieldsParam, conflictOnDuplicateTaxId).
 */
import {
	ClientifyServer,
	type ClientifyEmulatorOptions,
	type FaultHookRequest,
	type FaultRule,
	type LoggedRequest,
	type RateLimitOptions,
	RequestLog,
} from './server';
import type { ClientifyStore } from './store';
import type { ClientifyPeople } from './people';

export type {
	ClientifyEmulatorOptions,
	FaultHookRequest,
	FaultRule,
	LoggedRequest,
	RateLimitOptions,
	RequestLog,
};
export type {
	ClientifyStore,
	StoredRecord,
	SeedRecord,
	CustomFieldDefinitionRow,
	EmailItem,
	PhoneItem,
	AddressItem,
	EntityName,
	RecordMeta,
	RecordOrigin,
	WorkItemRow,
} from './store';
export type { ClientifyPeople, PersonEntity, ItemListName } from './people';

export interface ClientifyEmulator {
	/** Base URL for the credential, including `/v1` or `/v2`. */
	baseUrl: string;
	/** The accepted API key. */
	apiKey: string;
	/** `http://127.0.0.1:<port>` (no base path). */
	origin: string;
	store: ClientifyStore;
	/** A test acting as people in Clientify's web app, directly on the store (people.ts). */
	people: ClientifyPeople;
	log: RequestLog;
	/** Moves the emulator's clock forward (`created`/`modified` stamps jump; still strictly increasing). */
	advanceClock(ms: number): void;
	setOption<K extends keyof ClientifyEmulatorOptions>(
		name: K,
		value: ClientifyEmulatorOptions[K],
	): void;
	/** Empties the store and the log and restores the options it started with (same port and API version). */
	reset(): void;
	close(): Promise<void>;
}

export async function startClientifyEmulator(
	options: ClientifyEmulatorOptions = {},
): Promise<ClientifyEmulator> {
	const server = new ClientifyServer(options);
	await server.listen();
	const initial = { ...server.options };
	return {
		baseUrl: `${server.origin}${server.basePath}`,
		apiKey: server.options.apiKey,
		origin: server.origin,
		store: server.store,
		people: server.people,
		log: server.log,
		advanceClock: (ms) => server.store.advanceClock(ms),
		setOption: (name, value) => server.setOption(name, value),
		reset: () => {
			server.store.reset();
			server.log.reset();
			for (const key of Object.keys(initial) as Array<keyof ClientifyEmulatorOptions>) {
				if (key !== 'port' && key !== 'host' && key !== 'apiVersion')
					server.setOption(key, initial[key]);
			}
		},
		close: async () => await server.close(),
	};
}
