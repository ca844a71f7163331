/**
 * What the editor shows of the nodes' panels (issue 19's panel points): readable subtitles, an
 * empty Known Records that is valid, company upserts offering only company fields, labels that fit.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { ClientifyUpsert } from '../../nodes/ClientifyUpsert/ClientifyUpsert.node';
import { Hispatec } from '../../nodes/Hispatec/Hispatec.node';
import { HispatecTrigger } from '../../nodes/Hispatec/HispatecTrigger.node';
import { parseKnownRecords } from '../../nodes/shared/clientify/plan/fingerprint';

/** The subtitle expression evaluated as n8n does, over `$parameter`. */
function subtitle(description: INodeTypeDescription, parameters: Record<string, unknown>): string {
	const code = String(description.subtitle).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	return new Function('$parameter', `return (${code});`)(parameters) as string;
}

function property(description: INodeTypeDescription, name: string): INodeProperties {
	const found = description.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

describe('node panels', () => {
	it('subtitles read as n8n\'s own ("Get many companies")', () => {
		const hispatec = new Hispatec().description;
		expect(subtitle(hispatec, { operation: 'getAll', resource: 'company' })).toBe(
			'Get many companies',
		);
		expect(subtitle(hispatec, { operation: 'getPage', resource: 'contact' })).toBe(
			'Get a page of contacts',
		);
		expect(subtitle(hispatec, { operation: 'findDuplicates', resource: 'contact' })).toBe(
			'Find duplicate tax IDs of contacts',
		);
		expect(subtitle(new HispatecTrigger().description, { resource: 'company' })).toBe(
			'New or changed companies',
		);
	});

	it('an empty Known Records is valid JSON that means "no index"', () => {
		const known = property(new ClientifyUpsert().description, 'knownRecords');
		expect(JSON.parse(String(known.default))).toEqual({});
		expect(parseKnownRecords(known.default)).toEqual({});
	});

	it('Field Overrides offer contact fields to contacts and company fields to companies', () => {
		const fields = property(new ClientifyUpsert().description, 'fields')
			.options as INodeProperties[];
		const shown = (recordType: string) =>
			fields
				.filter((f) => !(f.displayOptions?.hide?.['/recordType'] ?? []).includes(recordType))
				.map((f) => f.displayName);
		expect(shown('company')).not.toEqual(expect.arrayContaining(['First Name']));
		expect(shown('company')).not.toContain('Last Name');
		expect(shown('contact')).not.toContain('Company Name');
		expect(shown('contact')).not.toContain('Business Name');
		expect(shown('auto')).toEqual(fields.map((f) => f.displayName));
	});

	it('option labels fit the editor (28 characters, where it starts cutting)', () => {
		const options = property(new ClientifyUpsert().description, 'options')
			.options as INodeProperties[];
		const long = options.map((o) => o.displayName).filter((name) => name.length > 28);
		expect(long).toEqual([]);
	});
});
