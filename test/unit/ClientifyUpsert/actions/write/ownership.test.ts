/** Who writes a tax ID (nodes/ClientifyUpsert/actions/write/ownership.ts). */
import type { BatchState } from '../../../../../nodes/ClientifyUpsert/actions/write/context';
import {
	collapseDuplicates,
	noteBatchCodes,
	ownedByOther,
} from '../../../../../nodes/ClientifyUpsert/actions/write/ownership';
import type {
	RecordItem,
	UpsertResult,
} from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import { groupByTaxId } from '../../../../../nodes/shared/clientify/plan/match';
import { type DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { type SyncState } from '../../../../../nodes/shared/clientify/syncState';
import { recordItem } from './fixtures';

function item(
	index: number,
	sourceId: string,
	modifiedAt?: string,
	taxId = '12345678Z',
): RecordItem {
	const desired = {
		entity: 'contact',
		taxId,
		sourceId,
		modifiedAt,
		warnings: [],
	} as unknown as DesiredRecord;
	return recordItem(desired, index);
}

describe('collapseDuplicates', () => {
	it('one item per tax ID: the newest FechaModificacion wins, the others are skipped naming the winner', () => {
		const items = [
			item(0, 'C1', '2024-06-01'),
			item(1, 'C2', '2024-01-01'),
			item(2, 'C3', undefined, '87654321X'),
		];
		const groups = groupByTaxId(
			items.map((i) => ({ index: i.index, entity: 'contact', taxId: i.desired.taxId })),
		);
		const results: Array<UpsertResult | undefined> = [];
		const losers = collapseDuplicates(groups, new Map(items.map((i) => [i.index, i])), results);
		expect([...losers]).toEqual([[1, 0]]);
		expect(groups.map((g) => g.indexes)).toEqual([[0], [2]]);
		expect(results[1]).toMatchObject({
			action: 'skipped',
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C1',
		});
		expect(results[0]).toBeUndefined();
	});
});

describe('ownedByOther', () => {
	/** A stored sync state owned by source C2, modified 2024-06-01. */
	const ownerC2: SyncState = { v: 1, c: 'C2', m: '2024-06-01T00:00:00.000Z', e: [], p: [], a: [] };
	const batch = (): BatchState => ({ startedAt: 0, creations: [], codes: new Map() });
	it('the stored owner keeps the record when it is newer; never against itself or a stale owner of this batch', () => {
		const b = batch();
		expect(ownedByOther(b, item(0, 'C1', '2024-01-01'), ownerC2)).toBe('C2');
		expect(ownedByOther(b, item(0, 'C1', '2024-07-01'), ownerC2)).toBeUndefined();
		expect(ownedByOther(b, item(0, 'C2'), { v: 1, c: 'C2', e: [], p: [], a: [] })).toBeUndefined();
		noteBatchCodes(b, [item(5, 'C2', undefined, '99999999R')]);
		expect(ownedByOther(b, item(0, 'C1', '2024-01-01'), ownerC2)).toBeUndefined();
	});
});
