/**
 * The fault matrix: one case per fault, what it switches on, and what its outcome must be beyond the
 * rules every case obeys (one outcome per record, 0 duplicates, the rerun converges, 0 secrets).
 */
import type { IDataObject } from 'n8n-workflow';
import type { ClientifyEmulator } from '../../emulators/clientify';
import type { FailureRule, HispatecEmulator } from '../../emulators/hispatec';
import {
	conflicts,
	echoingErrors,
	percentFaults,
	rateLimitStorm,
	seededHook,
	timeouts,
	type Decide,
	type FaultHookStats,
} from './faults';

export const SEED = 20261201;

/**
 * - `transient`: the fault is retried away: no step fails, no record fails, every record ends like
 *   in the clean run (synced or skipped with the same reason).
 * - `refused`: a security refusal (never retried): the named entity's read fails once, naming the
 *   call; the other entity ends like in the clean run.
 * - `degraded`: records may fail (each with an error), nothing else.
 * - `stepFails`: the named entity's read fails for good after its retries (`calls` SOAP calls of that
 *   operation), its records fail with that error, and the other entity ends like in the clean run.
 */
export type Expectation =
	| { kind: 'transient' }
	| {
			kind: 'refused';
			entity: 'company' | 'contact';
			operation: string;
			onCall: number;
			message: RegExp;
	  }
	| { kind: 'degraded'; errorMatches?: RegExp; atLeastOneFailed?: boolean }
	| {
			kind: 'stepFails';
			entity: 'company' | 'contact';
			operation: string;
			calls: number;
			message: RegExp;
	  };

export interface CaseContext {
	hispatec: HispatecEmulator;
	clientify: ClientifyEmulator;
	/** Clientify API key to restore after the run (the revoked-key case). */
	apiKey: string;
}

export interface FaultCase {
	id: string;
	side: 'Hispatec' | 'Clientify';
	fault: string;
	expect: Expectation;
	/** Extra Hispatec credential fields for the faulty run (e.g. a 1 s timeout). */
	hispatecCredential?: IDataObject;
	clientifyTimeoutCapMs?: number;
	/** Clientify API generation of the case (default v1; v2 answers 409 on a duplicate contact create itself). */
	clientifyApi?: 'v1' | 'v2';
	/** Switches the fault on; returns the hook counters for Clientify faults. */
	arm(ctx: CaseContext): FaultHookStats | void;
}

const hispatecFailure = (rule: FailureRule) => (ctx: CaseContext) =>
	ctx.hispatec.setOption('failure', rule);

const clientifyHook = (decide: Decide, salt: number) => (ctx: CaseContext) => {
	const { hook, stats } = seededHook(SEED + salt, decide);
	ctx.clientify.setOption('faultHook', hook);
	return stats;
};

/** `percent` % of Clientify requests fail with 500/502/504/dropped, before or after being applied. */
function percentCase(
	percent: number,
	when: 'before' | 'after',
	kind: 'transient' | 'degraded',
	salt: number,
): FaultCase {
	return {
		id: `clientify-${percent}pct-${when}`,
		side: 'Clientify',
		fault: `${percent} % of requests fail with 500/502/504/dropped ${when === 'before' ? 'before being applied' : 'after being applied (lost answers)'}`,
		expect: { kind },
		arm: clientifyHook(percentFaults(percent / 100, when), salt),
	};
}

export const CASES: FaultCase[] = [
	...[2, 3, 4, 5].map((n): FaultCase => ({
		id: `hispatec-500-call-${n}`,
		side: 'Hispatec',
		fault: `HTTP 500 soap:Server fault on SOAP call ${n} of the companies read (call 1 is Login)`,
		expect: { kind: 'transient' },
		arm: hispatecFailure({
			type: 'soapFault',
			onCall: n,
			faultCode: 'Server',
			faultString: 'Error interno del servidor',
		}),
	})),
	{
		id: 'hispatec-truncated-page',
		side: 'Hispatec',
		fault: 'ObtenerContactos page 3 cut off mid-body (HTTP 200)',
		expect: { kind: 'transient' },
		arm: hispatecFailure({ type: 'truncated', operation: 'ObtenerContactos', onCall: 3 }),
	},
	{
		id: 'hispatec-dropped-connection',
		side: 'Hispatec',
		fault: 'connection dropped without an answer on ObtenerEmpresas page 2',
		expect: { kind: 'transient' },
		arm: hispatecFailure({ type: 'drop', operation: 'ObtenerEmpresas', onCall: 2 }),
	},
	{
		id: 'hispatec-slow-page',
		side: 'Hispatec',
		fault: 'ObtenerContactos page 2 held 4 s, the credential timeout is 1 s',
		expect: { kind: 'transient' },
		hispatecCredential: { timeout: 1 },
		arm: hispatecFailure({ type: 'slow', operation: 'ObtenerContactos', onCall: 2, delayMs: 4000 }),
	},
	{
		id: 'hispatec-truncated-login',
		side: 'Hispatec',
		fault: 'the Login answer (with the session token) cut off mid-body',
		expect: { kind: 'transient' },
		arm: hispatecFailure({ type: 'truncated', operation: 'Login', onCall: 1 }),
	},
	{
		id: 'hispatec-fault-echoes-password',
		side: 'Hispatec',
		fault: 'a soap:Server fault on Login quoting the request envelope (with the password)',
		expect: { kind: 'transient' },
		arm: hispatecFailure({
			type: 'soapFault',
			operation: 'Login',
			onCall: 1,
			echoRequest: true,
			faultString: 'Excepcion no controlada',
		}),
	},
	{
		id: 'hispatec-fault-echoes-token',
		side: 'Hispatec',
		fault:
			'a soap:Server fault on ObtenerContactos page 2 quoting the request envelope (with the session token)',
		expect: { kind: 'transient' },
		arm: hispatecFailure({
			type: 'soapFault',
			operation: 'ObtenerContactos',
			onCall: 2,
			echoRequest: true,
			faultString: 'Excepcion no controlada',
		}),
	},
	{
		id: 'hispatec-token-expiry',
		side: 'Hispatec',
		fault: 'every session token expires after 3 data calls (mid-paging, several times per read)',
		expect: { kind: 'transient' },
		arm: (ctx) => ctx.hispatec.setOption('tokenMaxCalls', 3),
	},
	{
		id: 'hispatec-doctype-bomb',
		side: 'Hispatec',
		fault: 'ObtenerEmpresas page 2 answers with a DOCTYPE entity-expansion bomb',
		expect: {
			kind: 'refused',
			entity: 'company',
			operation: 'ObtenerEmpresas',
			onCall: 2,
			message: /DOCTYPE/i,
		},
		arm: hispatecFailure({ type: 'doctypeBomb', operation: 'ObtenerEmpresas', onCall: 2 }),
	},
	{
		id: 'hispatec-external-entity',
		side: 'Hispatec',
		fault:
			'ObtenerContactos page 1 declares an external entity (file:///etc/passwd) used in a record',
		expect: {
			kind: 'refused',
			entity: 'contact',
			operation: 'ObtenerContactos',
			onCall: 1,
			message: /DOCTYPE/i,
		},
		arm: hispatecFailure({ type: 'externalEntity', operation: 'ObtenerContactos', onCall: 1 }),
	},
	{
		id: 'hispatec-companies-down',
		side: 'Hispatec',
		fault:
			'every ObtenerEmpresas call answers HTTP 500 soap:Server (down for good): contacts must still sync',
		expect: {
			kind: 'stepFails',
			entity: 'company',
			operation: 'ObtenerEmpresas',
			calls: 4,
			message: /ObtenerEmpresas/,
		},
		arm: hispatecFailure({ type: 'soapFault', operation: 'ObtenerEmpresas', times: Infinity }),
	},
	{
		id: 'clientify-429-storm',
		side: 'Clientify',
		fault: 'half the distinct requests refused 2-3 times with 429, Retry-After: 2',
		expect: { kind: 'transient' },
		arm: clientifyHook(rateLimitStorm(2), 1),
	},
	percentCase(10, 'before', 'transient', 2),
	percentCase(10, 'after', 'transient', 3),
	percentCase(30, 'before', 'degraded', 4),
	percentCase(30, 'after', 'degraded', 5),
	{
		id: 'clientify-409',
		side: 'Clientify',
		fault: '30 % of creates answer 409 (tax ID exists: a concurrent create applied it)',
		expect: { kind: 'transient' },
		arm: clientifyHook(conflicts(0.3), 6),
	},
	{
		id: 'clientify-timeouts',
		side: 'Clientify',
		fault: '10 % of requests held 1.5 s past a 250 ms client timeout, half of them applied first',
		expect: { kind: 'transient' },
		clientifyTimeoutCapMs: 250,
		arm: clientifyHook(timeouts(0.1, 1500), 7),
	},
	{
		id: 'clientify-errors-echo-key',
		side: 'Clientify',
		fault:
			'10 % of distinct requests answer 500 with a debug body quoting the Authorization header, 8 times in a row (past the retries), before or after being applied',
		expect: { kind: 'degraded', atLeastOneFailed: true },
		arm: (ctx) => clientifyHook(echoingErrors(0.1, ctx.apiKey, 8), 8)(ctx),
	},
	{
		id: 'clientify-v2-10pct-after',
		side: 'Clientify',
		fault:
			'API v2: 10 % of requests fail with 500/502/504/dropped after being applied (lost answers)',
		expect: { kind: 'transient' },
		clientifyApi: 'v2',
		arm: clientifyHook(percentFaults(0.1, 'after'), 9),
	},
	{
		id: 'clientify-v2-30pct-before',
		side: 'Clientify',
		fault: 'API v2: 30 % of requests fail with 500/502/504/dropped before being applied',
		expect: { kind: 'degraded' },
		clientifyApi: 'v2',
		arm: clientifyHook(percentFaults(0.3, 'before'), 10),
	},
	{
		id: 'clientify-v2-409',
		side: 'Clientify',
		fault: 'API v2: 30 % of creates answer 409 (tax ID exists: a concurrent create applied it)',
		expect: { kind: 'transient' },
		clientifyApi: 'v2',
		arm: clientifyHook(conflicts(0.3), 11),
	},
	{
		id: 'clientify-key-revoked',
		side: 'Clientify',
		fault:
			'the API key is revoked after 30 requests (mid-companies) (401 from then on); restored for the rerun',
		expect: { kind: 'degraded', errorMatches: /401|auth|key|token/i, atLeastOneFailed: true },
		arm: (ctx) => {
			let seen = 0;
			ctx.clientify.setOption('faultHook', () => {
				seen++;
				return seen === 30
					? { before: () => ctx.clientify.setOption('apiKey', 'revoked-by-the-account-owner') }
					: undefined;
			});
		},
	},
];
