/**
 * Records that leave the ERP (option *When a Record Leaves the ERP*, docs/clientify-upsert.md
 * "Records that leave the ERP"): the rules, without I/O. The writes that apply them are in
 * nodes/ClientifyUpsert/actions/write/removals.ts (marking) and update.ts (a record that comes back),
 * every tag `DELETE` through nodes/shared/clientify/client/guarded.ts.
 *
 * - What leaves: an input item that is a `RemovedRecord` (`action: 'removed'`, from a removal
 *   detector), or a normalized record with `inactive: true` (the ERP's *baja* flag).
 * - The sync marks only a record it owns for that ERP record: its sync state is tied to it
 *   (`stateTied`) and names the item's Hispatec code (`c`). Every other record (people's own, one
 *   the sync state of another ERP record names, a copy) is never tagged: the item is skipped
 *   (`not_owned`).
 * - Marking adds the removal tag (`x: 1`); *Tag It and Remove the Sync Tag* also removes the sync's
 *   tags that are on the record (`x: 2`). The state says what the sync did, so a record that comes back
 *   loses exactly that: the removal tag goes, the sync's tags come back with the usual diff, `x` goes.
 * - A removal tag people put on the record themselves (no `x`) is theirs: the sync neither counts it as
 *   its mark nor ever removes it.
 * - Nothing is ever deleted: only tags and the sync state change.
 */
import { customFieldKey } from '../desired/source';
import { readSyncState, type SyncState } from '../syncState';
import type { ClientifyRecord } from '../types';
import { tagNames } from './diff';
import { stateTied } from './guard';

/** The option's values. */
export type RemovalMode = 'doNothing' | 'tag' | 'tagAndUntag';

/** Default of the option *Removal Tag*. */
export const DEFAULT_REMOVAL_TAG = 'hispatec-baja';

/** What an input item says about the ERP record: gone (`removed`), inactive, or neither. */
export function leavingKind(json: {
	action?: unknown;
	inactive?: unknown;
}): 'removed' | 'inactive' | undefined {
	if (json.action === 'removed') return 'removed';
	return json.inactive === true ? 'inactive' : undefined;
}

/** Whether `record` is the sync's record of the ERP record `code` (state tied to it, naming `code`). */
function ownedState(
	record: ClientifyRecord,
	stateField: string,
	code: string | undefined,
): SyncState | undefined {
	const state = readSyncState(record, stateField);
	if (!state || !code || state.c !== code || !stateTied(record, state)) return undefined;
	return state;
}

/**
 * Of the records found for the ERP record `code`, those the sync owns (`ownedState`), oldest first. A
 * copy made within the marker's allowance is tied by its creation marker too: a record that carries
 * the same marker as an older one is that one's copy, not the sync's (as for twins, plan/guard.ts).
 */
export function ownedRecords(
	records: ClientifyRecord[],
	stateField: string,
	code: string | undefined,
): ClientifyRecord[] {
	const owned = records
		.map((record) => ({ record, state: ownedState(record, stateField, code) }))
		.filter((o): o is { record: ClientifyRecord; state: SyncState } => o.state !== undefined)
		.sort((a, b) => a.record.id - b.record.id);
	return owned
		.filter(
			(o, at) =>
				o.state.i !== undefined || !owned.slice(0, at).some((older) => older.state.n === o.state.n),
		)
		.map((o) => o.record);
}

function hasTag(record: ClientifyRecord, tag: string): boolean {
	const key = tag.trim().toLowerCase();
	return tagNames(record).some((t) => t.trim().toLowerCase() === key);
}

export interface RemovalSettings {
	mode: Exclude<RemovalMode, 'doNothing'>;
	/** Option *Removal Tag*. */
	removalTag: string;
	/** The sync's tags (option *Tags*). */
	syncTags: readonly string[];
	/** Full name of the state's custom field (`<prefix>SyncState`). */
	stateField: string;
}

export type MarkPlan =
	| { kind: 'not_owned' }
	/** The sync marked it before (`x`): nothing to write. */
	| { kind: 'already_marked'; state: SyncState }
	/** People put the removal tag on it themselves: theirs, left as it is. */
	| { kind: 'tagged_by_people'; state: SyncState }
	| {
			kind: 'mark';
			/** The removal tag to add (absent when the sync added it before). */
			addTag?: string;
			/** The sync's tags to remove (*Tag It and Remove the Sync Tag*), those on the record. */
			removeTags: string[];
			/** The state to write after the tag writes, in the custom field as the record spells it. */
			state: SyncState;
			stateName: string;
	  };

/** The marking of `record` (read again just now) for the ERP record `code`. */
export function planMark(
	record: ClientifyRecord,
	code: string | undefined,
	settings: RemovalSettings,
): MarkPlan {
	const state = ownedState(record, settings.stateField, code);
	if (!state) return { kind: 'not_owned' };
	const removal = settings.removalTag.trim().toLowerCase();
	const syncTagsOn =
		settings.mode === 'tagAndUntag'
			? settings.syncTags.filter((t) => t.trim().toLowerCase() !== removal && hasTag(record, t))
			: [];
	const key = customFieldKey(settings.stateField);
	const stateName =
		(record.custom_fields ?? []).find(
			(c) => typeof c?.field === 'string' && customFieldKey(c.field) === key,
		)?.field ?? settings.stateField;
	if (state.x) {
		// Marked with the tag alone (Tag It before, or a removal of the sync's tags that failed):
		// under Tag It and Remove the Sync Tag, the sync's tags still go.
		if (state.x === 1 && syncTagsOn.length)
			return {
				kind: 'mark',
				removeTags: syncTagsOn,
				state: { ...state, i: record.id, x: 2 },
				stateName,
			};
		return { kind: 'already_marked', state };
	}
	if (hasTag(record, settings.removalTag)) return { kind: 'tagged_by_people', state };
	const next: SyncState = { ...state, i: record.id, x: syncTagsOn.length ? 2 : 1 };
	// Like every update, marking ends the creation marker (only an untouched record is a fresh twin).
	delete next.n;
	return {
		kind: 'mark',
		addTag: settings.removalTag,
		removeTags: syncTagsOn,
		state: next,
		stateName,
	};
}

/**
 * A record that comes back (an active ERP record whose tied state has `x`): the removal tag to remove,
 * when the sync added it and it is still there. The sync's tags come back with the usual diff and the
 * next state has no `x`.
 */
export function returningTags(
	record: ClientifyRecord,
	stateField: string,
	removalTag: string,
): string[] {
	const state = readSyncState(record, stateField);
	if (!state?.x || !stateTied(record, state)) return [];
	return hasTag(record, removalTag) ? [removalTag] : [];
}
