import { properties } from '../../../../nodes/Hispatec/actions/properties';
import { operations } from '../../../../nodes/Hispatec/actions/router';

describe('the Hispatec node parameters', () => {
	it("list each resource's operations in alphabetical order, from the operation files", () => {
		const lists = properties.filter((p) => p.name === 'operation');
		expect(lists.map((p) => p.displayOptions?.show?.resource)).toEqual([['contact'], ['company']]);
		for (const [index, resource] of (['contact', 'company'] as const).entries()) {
			expect(lists[index].options).toEqual([
				operations.findDuplicates.option[resource],
				operations.getAll.option[resource],
				operations.getPage.option[resource],
			]);
		}
	});

	it("follow the resource and the operation lists with every operation's parameters, in order", () => {
		expect(properties.slice(3)).toEqual([
			...operations.getAll.description,
			...operations.getPage.description,
			...operations.findDuplicates.description,
		]);
	});
});
