import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../shared/soap/client';
import type { RecordType } from '../../shared/types';
import { detectChanges, readState, STATE_VERSION, writeState } from '../helpers/changeTracker';
import { classifyRecord, collapseClassified, normalizeOptionsFor, skippedJson, validJson, type ClassifiedRecord, type RecordOptions } from '../helpers/records';
import { MANUAL_SAMPLE_SIZE } from './description';

interface TriggerOptions extends RecordOptions {
	onlyChangesFromNow?: boolean;
	useModifiedSince?: boolean;
	overlapMinutes?: number;
	fullScanHours?: number;
	skippedRecords?: 'emit' | 'count';
}

function recordOptions(options: TriggerOptions): RecordOptions {
	return {
		...(typeof options.alternativeTaxIdFields === 'string' && options.alternativeTaxIdFields.trim() !== ''
			? { alternativeTaxIdFields: options.alternativeTaxIdFields }
			: {}),
		allowForeignTaxIds: options.allowForeignTaxIds === true,
		includeRawRecord: options.includeRawRecord === true,
	};
}

function toOutputs(
	recordType: RecordType,
	records: readonly ClassifiedRecord[],
	options: TriggerOptions,
): INodeExecutionData[][] | null {
	const includeRaw = options.includeRawRecord === true;
	const valid: INodeExecutionData[] = [];
	const skipped: INodeExecutionData[] = [];
	const reasons: Record<string, number> = {};
	for (const record of records) {
		if (record.result.ok) {
			valid.push({ json: validJson(record.result.record as unknown as IDataObject, record.raw, includeRaw) });
			continue;
		}
		const json = skippedJson(recordType, record);
		if (options.skippedRecords === 'count') {
			const reason = String(json.reason);
			reasons[reason] = (reasons[reason] ?? 0) + 1;
		} else {
			skipped.push({ json });
		}
	}
	const counted = Object.values(reasons).reduce((a, b) => a + b, 0);
	if (counted > 0) {
		const summary = Object.entries(reasons)
			.map(([reason, n]) => `${n} ${reason}`)
			.join(', ');
		skipped.push({
			json: {
				recordType,
				skippedCount: counted,
				byReason: reasons,
				message: `${counted} new or changed ${recordType === 'contact' ? 'contacts' : 'companies'} could not be synced (${summary})`,
			},
		});
	}
	if (valid.length === 0 && skipped.length === 0) return null;
	return [valid, skipped];
}

/**
 * One poll. Manual mode ("Fetch Test Event"): a small sample, static data untouched. Otherwise: read
 * (optionally since the last poll minus the overlap), compare fingerprints, store the new state, and
 * emit new or changed records; `null` when there is nothing new.
 */
export async function pollRecords(this: IPollFunctions, client: HispatecSoapClient): Promise<INodeExecutionData[][] | null> {
	const recordType = this.getNodeParameter('resource') as RecordType;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const normalize = normalizeOptionsFor(recordType, recordOptions(options));
	const timeZone = this.getTimezone();

	if (this.getMode() === 'manual') {
		const { records } = await client.fetchRecords(recordType, { limit: MANUAL_SAMPLE_SIZE, timeZone });
		return toOutputs(
			recordType,
			collapseClassified(
				records.map((raw) => classifyRecord(raw, recordType, normalize)),
				timeZone,
			),
			options,
		);
	}

	const staticData = this.getWorkflowStaticData('node');
	const state = readState(staticData, recordType);
	const pollStart = new Date();
	const fullScanMs = Math.max(1, Number(options.fullScanHours ?? 24)) * 3_600_000;
	const fullScan =
		state === undefined || options.useModifiedSince !== true || pollStart.getTime() - Date.parse(state.lastFullScan) >= fullScanMs;
	const overlapMs = Math.max(0, Number(options.overlapMinutes ?? 10)) * 60_000;
	const modifiedSince = fullScan || state === undefined ? undefined : new Date(Date.parse(state.lastPollStart) - overlapMs);

	const { records } = await client.fetchRecords(recordType, { ...(modifiedSince ? { modifiedSince } : {}), timeZone });
	// Duplicates are collapsed over the whole read, before change detection: a losing record is a skip
	// (its fingerprint says so), so the records emitted never hold the same tax ID twice.
	const classified = collapseClassified(
		records.map((raw) => classifyRecord(raw, recordType, normalize)),
		timeZone,
	);
	const changes = detectChanges(state?.fingerprints ?? [], classified, { fullScan, firstPoll: state === undefined });

	writeState(staticData, {
		version: STATE_VERSION,
		recordType,
		lastPollStart: pollStart.toISOString(),
		lastFullScan: fullScan ? pollStart.toISOString() : (state as { lastFullScan: string }).lastFullScan,
		fingerprints: changes.fingerprints,
	});
	this.logger?.debug('Hispatec Trigger poll', {
		recordType,
		read: records.length,
		changed: changes.changed.length,
		unchanged: changes.unchanged,
		deleted: changes.deleted,
		untracked: changes.untracked,
		fullScan,
		modifiedSince: modifiedSince?.toISOString(),
	});

	if (state === undefined && options.onlyChangesFromNow === true) return null;
	return toOutputs(recordType, changes.changed, options);
}
