/**
 * Option "Return Clientify Record": the record as Clientify holds it after the write, from the
 * write's own answer (POST, PUT), from the lookup for an unchanged record, and with one extra GET
 * only when sub-resources were added after the PUT. Call counts are checked against the same run
 * with the option off.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { company, contact, runUpsert, withClientifyEmulator } from './helpers';

describe.each(['v1', 'v2'] as const)(
	'Clientify Upsert: Return Clientify Record (%s)',
	(apiVersion) => {
		const emu = withClientifyEmulator({ apiVersion });

		/** What Clientify holds now, read straight from the emulator (not counted in the node's calls). */
		async function held(entity: 'contacts' | 'companies', id: unknown): Promise<IDataObject> {
			const before = emu.log.lines().length;
			const res = await axios.get(`${emu.baseUrl}/${entity}/${String(id)}/`, {
				headers: { Authorization: `Token ${emu.apiKey}` },
				params:
					apiVersion === 'v2'
						? {
								fields:
									'id,first_name,last_name,name,emails,phones,addresses,websites,tags,custom_fields,taxpayer_identification_number',
							}
						: {},
			});
			emu.log.requests.splice(before);
			return res.data as IDataObject;
		}

		/**
		 * The returned record equals what Clientify holds. v2 answers a GET with the requested fields
		 * only, so there the fields both have are compared (and must include the ones that matter).
		 */
		async function expectHeld(record: unknown, entity: 'contacts' | 'companies', id: unknown) {
			const now = await held(entity, id);
			if (apiVersion === 'v1') {
				expect(record).toEqual(now);
				return;
			}
			const got = record as IDataObject;
			const common = Object.keys(now).filter((k) => k in got);
			expect(common).toEqual(
				expect.arrayContaining(['id', 'taxpayer_identification_number', 'emails', 'tags']),
			);
			expect(Object.fromEntries(common.map((k) => [k, got[k]]))).toEqual(
				Object.fromEntries(common.map((k) => [k, now[k]])),
			);
		}

		/** Runs the same sync twice from the same starting state (emulator reset + prepare), option off then on. */
		/** The request log, with the overlap re-check's `created[gte]` stamp (a clock reading) blanked. */
		function callLines(emu: { log: { lines(): string[] } }): string[] {
			return emu.log
				.lines()
				.map((line) => line.replace(/created%5Bgte%5D=[^&]*/, 'created%5Bgte%5D=<stamp>'));
		}

		async function offAndOn(
			records: object[],
			prepare: () => Promise<unknown> | void,
			options: IDataObject = {},
		) {
			emu.reset();
			await prepare();
			emu.log.reset();
			const off = await runUpsert(emu, records, { parameters: { options } });
			const offLines = callLines(emu);
			emu.reset();
			await prepare();
			emu.log.reset();
			const on = await runUpsert(emu, records, {
				parameters: { options: { ...options, returnRecord: true } },
			});
			return { off, on, offLines, onLines: callLines(emu) };
		}

		it('created: the answer to the POST, no extra call', async () => {
			const { off, on, offLines, onLines } = await offAndOn(
				[contact(1), company(2)],
				() => undefined,
			);
			expect(off.json.map((j) => 'clientifyRecord' in j)).toEqual([false, false]);
			expect(onLines).toEqual(offLines);
			expect(on.json.map((j) => j.action)).toEqual(['created', 'created']);
			const [c, e] = on.json;
			await expectHeld(c.clientifyRecord, 'contacts', c.clientifyId);
			await expectHeld(e.clientifyRecord, 'companies', e.clientifyId);
			expect(c.clientifyRecord).toMatchObject({
				id: c.clientifyId,
				first_name: 'Nombre1',
				taxpayer_identification_number: contact(1).taxId,
			});
			// everything else in the output is as without the option
			const { clientifyRecord: _c, ...rest } = c;
			expect(rest).toEqual(off.json[0]);
		});

		it('updated with a PUT only: the answer to the PUT, no extra call', async () => {
			const { off, on, offLines, onLines } = await offAndOn(
				[contact(1, { lastName: 'Nuevo' })],
				async () => {
					await runUpsert(emu, [contact(1)]);
				},
			);
			expect(off.json[0].action).toBe('updated');
			expect(onLines).toEqual(offLines);
			expect(onLines.filter((l) => l.startsWith('PUT '))).toHaveLength(1);
			expect(on.json[0].clientifyRecord).toMatchObject({ last_name: 'Nuevo' });
			await expectHeld(on.json[0].clientifyRecord, 'contacts', on.json[0].clientifyId);
		});

		it("updated with an added e-mail and tag: the record's PUT, sent last, answers with it; no extra call", async () => {
			const { on, offLines, onLines } = await offAndOn(
				[contact(1, { lastName: 'Nuevo', emails: ['c1@agro.es', 'otro@agro.es'] })],
				async () => {
					await runUpsert(emu, [contact(1)]);
				},
				{ tags: 'hispatec, cosecha' },
			);
			expect(onLines).toEqual(offLines);
			expect(offLines[offLines.length - 1]).toMatch(
				new RegExp(`^PUT /${apiVersion}/contacts/${String(on.json[0].clientifyId)}/`),
			);
			const record = on.json[0].clientifyRecord as IDataObject;
			await expectHeld(record, 'contacts', on.json[0].clientifyId);
			expect((record.emails as IDataObject[]).map((e) => e.email)).toEqual([
				'c1@agro.es',
				'otro@agro.es',
			]);
			expect(record.tags).toEqual(expect.arrayContaining(['hispatec', 'cosecha']));
		});

		it('unchanged: the record the lookup found, no extra call (search and index-all)', async () => {
			for (const lookupStrategy of ['searchEach', 'indexAll']) {
				const { on, offLines, onLines } = await offAndOn(
					[contact(1)],
					async () => await runUpsert(emu, [contact(1)]),
					{ lookupStrategy },
				);
				expect(on.json[0].action).toBe('unchanged');
				expect(onLines).toEqual(offLines);
				expect(onLines.every((l) => l.startsWith('GET '))).toBe(true);
				expect(on.json[0].clientifyRecord).toMatchObject({
					id: on.json[0].clientifyId,
					taxpayer_identification_number: contact(1).taxId,
				});
			}
		});

		it('skipped and dry run: null where nothing is held, the found record where nothing was written', async () => {
			await runUpsert(emu, [contact(1)]);
			emu.log.reset();
			const run = await runUpsert(
				emu,
				[
					{ reason: 'missing_tax_id', message: 'no NIF', sourceId: 'C9' },
					contact(1, { lastName: 'Otro' }),
					contact(2),
				],
				{
					parameters: { options: { returnRecord: true, dryRun: true } },
				},
			);
			expect(
				run.json.map((j) => [
					j.action,
					j.clientifyRecord === null ? null : typeof j.clientifyRecord,
				]),
			).toEqual([
				['skipped', null],
				['updated', 'object'],
				['created', null],
			]);
			expect(run.json[1].clientifyRecord).toMatchObject({ last_name: 'Apellido1' });
			expect(emu.log.writes).toBe(0);
		});
	},
);
