/**
 * The benchmark's quick deterministic mode (harness/syncCost.ts): scenarios (a)–(d) of the
 * large-ERP path with no latency and no rate limit, checked on call counts only (never times). Each
 * set-up takes about 2 s (600 records, 3,000 unrelated contacts): the default test timeout applies.
 */
import { quickScenarios, type ScenarioResult } from '../../harness/syncCost';

describe('sync cost per scenario (quick mode)', () => {
	let results: ScenarioResult[];
	beforeAll(async () => {
		results = await quickScenarios();
	});

	it('(a) first sync: every record created, at most 1.1 calls per record', () => {
		const [a] = results;
		expect(a.actions).toEqual({ created: 600 });
		expect(a.callsPerRecord).toBeLessThanOrEqual(1.1);
		expect(a.writes).toBe(600 + 4); // the records and four custom-field definitions (Codigo, Cultivo, Superficie, SyncState)
		expect(a.tooMany).toBe(0);
	});

	it('(b) re-sync with nothing changed: 0 writes, at most 0.02 calls per record', () => {
		const b = results[1];
		expect(b.actions).toEqual({ unchanged: 600 });
		expect(b.writes).toBe(0);
		expect(b.callsPerRecord).toBeLessThanOrEqual(0.02);
	});

	it('(c) re-sync with 5 % changed: writes equal the changed records', () => {
		const c = results[2];
		expect(c.actions).toEqual({ updated: 30, unchanged: 570 });
		expect(c.writes).toBe(c.changed);
		// one lookup per changed record, the listing and the definitions per page
		expect(c.reads).toBe(30 + 6 + 2);
	});

	it('(d) first sync into a CRM of 3,000 unrelated contacts: the listing, then one create per record', () => {
		const d = results[3];
		expect(d.actions).toEqual({ created: 600 });
		expect(d.writes).toBe(600 + 4);
		// the listing (30 pages) and the definitions (2), then the overlap re-check: per page of 500
		// creates, the records created since it started, 100 per call (keyset paging repeats one record a
		// call). Whether the first page's records still fall in the second page's window (a 2 s margin)
		// depends on the clock, so the re-check is bounded, not counted.
		expect(d.reads).toBeGreaterThanOrEqual(30 + 2 + 2);
		expect(d.reads).toBeLessThanOrEqual(30 + 2 + 2 * (Math.ceil(600 / 99) + 1));
		expect(d.callsPerRecord).toBeLessThanOrEqual(1.1);
	});
});

describe('sync cost with contacts linked to companies (issue 20, quick mode)', () => {
	let results: ScenarioResult[];
	beforeAll(async () => {
		results = await quickScenarios(true);
	});

	it('(a) first sync: every record created and every contact linked; at most 1.1 calls per record beside the link calls', () => {
		const [a] = results;
		// 600 contacts and their 30 companies (20 contacts each)
		expect(a.actions).toEqual({ created: 630 });
		const links = 600; // one PUT /companies/{id}/employees/{contactId}/ per contact
		expect(a.writes).toBe(630 + links + 6); // six custom-field definitions (each entity's SyncState, Codigo …)
		expect((a.calls - links) / a.records).toBeLessThanOrEqual(1.1);
		// the companies are found in the batch's own writes or, for a later page, by one search each
		expect(a.reads).toBeLessThanOrEqual(12 + 1 + 30);
	});

	it('(b) re-sync with nothing changed: 0 writes, at most 0.02 calls per record (Known Records serves the links)', () => {
		const b = results[1];
		expect(b.actions).toEqual({ unchanged: 630 });
		expect(b.writes).toBe(0);
		expect(b.callsPerRecord).toBeLessThanOrEqual(0.02);
	});

	it('(c) re-sync with 5 % changed: writes equal the changed records, links untouched', () => {
		const c = results[2];
		expect(c.actions).toEqual({ updated: 30, unchanged: 600 });
		expect(c.writes).toBe(c.changed);
	});
});
