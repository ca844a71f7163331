/** Values shared by the Clientify Upsert action unit tests. */
import type { INode } from 'n8n-workflow';
import type { RecordItem } from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';

/** The Clientify Upsert node, as n8n hands it to the actions. */
export const upsertNode: INode = {
	id: '1',
	name: 'Clientify Upsert',
	type: 'n8n-nodes-hispatec.clientifyUpsert',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** An item to write at `index`: fails on several matches, state in hispatec_SyncState, makes primary. */
export function recordItem(
	desired: DesiredRecord,
	index = 0,
	overrides: Partial<RecordItem> = {},
): RecordItem {
	return {
		kind: 'record',
		index,
		desired,
		onMultipleMatches: 'fail',
		stateField: 'hispatec_SyncState',
		makePrimary: true,
		...overrides,
	};
}
