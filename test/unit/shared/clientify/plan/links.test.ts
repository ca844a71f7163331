/**
 * plan/links.ts: which link action for which state (issue 20). The sync owns only the link it made
 * (`k`); a link people made to a company the ERP does not name is never removed nor replaced.
 */
import {
	companyLinkOf,
	employeePath,
	planLink,
	type CompanyLink,
} from '../../../../../nodes/shared/clientify/plan/links';

const NONE: CompanyLink = { kind: 'none' };
const id = (n: number): CompanyLink => ({ kind: 'id', id: n });
const name = (text: string): CompanyLink => ({ kind: 'name', name: text });

describe('companyLinkOf (ASSUMED #27: how a contact read shows its company)', () => {
	it('v2: company_id; none when empty or not a positive integer', () => {
		expect(companyLinkOf({ id: 1, company_id: 7, company_name: 'A' }, 'v2')).toEqual(id(7));
		expect(companyLinkOf({ id: 1, company_id: null }, 'v2')).toEqual(NONE);
		expect(companyLinkOf({ id: 1, company_id: 0 }, 'v2')).toEqual(NONE);
		expect(companyLinkOf({ id: 1, company: 'Agrícola SL' }, 'v2')).toEqual(NONE);
	});

	it("v1: `company`, the company's name (trimmed); none when empty", () => {
		expect(companyLinkOf({ id: 1, company: ' Agrícola SL ' }, 'v1')).toEqual(name('Agrícola SL'));
		expect(companyLinkOf({ id: 1, company: '' }, 'v1')).toEqual(NONE);
		expect(companyLinkOf({ id: 1, company: null }, 'v1')).toEqual(NONE);
	});

	it('the link path (ASSUMED #28)', () => {
		expect(employeePath(12, 345)).toBe('/companies/12/employees/345/');
	});
});

describe('planLink', () => {
	const target = { id: 20 };

	it('no company yet → linked (k = the company)', () => {
		expect(planLink({ current: NONE, target })).toEqual({ action: 'linked', put: 20, k: 20 });
		// whatever the state says: an unlinked contact is linked
		expect(planLink({ current: NONE, k: 10, target })).toEqual({
			action: 'linked',
			put: 20,
			k: 20,
		});
	});

	it('already linked to that company → unchanged, k as it was (a person’s same link stays theirs)', () => {
		expect(planLink({ current: id(20), k: 20, target })).toEqual({ action: 'unchanged', k: 20 });
		expect(planLink({ current: id(20), target })).toEqual({ action: 'unchanged', k: undefined });
	});

	it("linked by the sync to the company the ERP named before → moved (remove the sync's own link)", () => {
		expect(planLink({ current: id(10), k: 10, target })).toEqual({
			action: 'moved',
			remove: 10,
			put: 20,
			k: 20,
		});
	});

	it('linked to another company by people → kept (no k, or k names another company)', () => {
		expect(planLink({ current: id(30), target })).toEqual({
			action: 'kept',
			current: id(30),
			k: undefined,
		});
		// the sync linked 10, a person moved the contact to 30: 30 is theirs
		expect(planLink({ current: id(30), k: 10, target })).toMatchObject({ action: 'kept', k: 10 });
		// the sync linked 20 (the ERP's), a person moved it to 30: theirs too
		expect(planLink({ current: id(30), k: 20, target })).toMatchObject({ action: 'kept' });
	});

	describe('v1 (the read shows a name)', () => {
		const named = { id: 20, name: 'Agrícola Veinte SL' };

		it('the same name as the company → unchanged (case and spaces aside)', () => {
			expect(planLink({ current: name('agrícola  veinte sl'), target: named })).toEqual({
				action: 'unchanged',
				k: undefined,
			});
		});

		it("the name unknown but the sync's own link is that company → unchanged, no read", () => {
			expect(planLink({ current: name('Whatever'), k: 20, target })).toEqual({
				action: 'unchanged',
				k: 20,
			});
		});

		it('names needed → verify those companies first, then decide', () => {
			expect(planLink({ current: name('Agrícola Diez SL'), k: 10, target })).toEqual({
				action: 'verify',
				companyIds: [20, 10],
			});
			const names = new Map([
				[20, 'Agrícola Veinte SL'],
				[10, 'Agrícola Diez SL'],
			]);
			expect(
				planLink({ current: name('Agrícola Diez SL'), k: 10, target, names, verified: true }),
			).toEqual({ action: 'moved', remove: 10, put: 20, k: 20 });
			// a person's company (another name) stays
			expect(
				planLink({ current: name('Cooperativa'), k: 10, target, names, verified: true }),
			).toMatchObject({ action: 'kept' });
		});

		it('names that could not be read → kept (when in doubt, leave it)', () => {
			expect(
				planLink({ current: name('Agrícola Diez SL'), k: 10, target, verified: true }),
			).toMatchObject({ action: 'kept' });
		});
	});
});
