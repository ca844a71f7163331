import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import type { HispatecSoapClient } from '../../shared/hispatec/soap/client';
import type { RecordType } from '../../shared/types';
import {
	readState,
	removedRecord,
	ScanMerger,
	SCAN_CHUNK_RECORDS,
	STATE_VERSION,
	writeState,
	type ScanCursor,
	type TriggerState,
} from '../helpers/changeTracker';
import {
	classifyRecord,
	collapseClassified,
	normalizeOptionsFor,
	readRecordOptions,
	skippedJson,
	validJson,
	type ClassifiedRecord,
	type RecordOptions,
} from '../helpers/records';
import { MANUAL_SAMPLE_SIZE } from './description';

interface TriggerOptions extends RecordOptions {
	onlyChangesFromNow?: boolean;
	useModifiedSince?: boolean;
	overlapMinutes?: number;
	fullScanHours?: number;
	skippedRecords?: 'emit' | 'count';
	emitRemovedRecords?: boolean;
}

/**
 * The Valid and Skipped outputs. `removed`: the entries a complete full scan dropped, emitted (with
 * "Emit Removed Records") after the new and changed records on Valid as `RemovedRecord` items: one
 * output, so a trigger wired to Clientify Upsert passes them on without another connection.
 */
function toOutputs(
	recordType: RecordType,
	records: readonly ClassifiedRecord[],
	options: TriggerOptions,
	removed: readonly string[] = [],
): INodeExecutionData[][] | null {
	const includeRaw = options.includeRawRecord === true;
	const valid: INodeExecutionData[] = [];
	const skipped: INodeExecutionData[] = [];
	const reasons: Record<string, number> = {};
	for (const record of records) {
		if (record.result.ok) {
			valid.push({
				json: validJson(record.result.record as unknown as IDataObject, record.raw, includeRaw),
			});
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
	if (options.emitRemovedRecords === true) {
		for (const entry of removed) {
			const item = removedRecord(recordType, entry);
			if (item) valid.push({ json: item as unknown as IDataObject });
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

/** Share of n8n's poll budget the trigger plans to use; the rest is left for emitting and saving. */
const POLL_BUDGET_SHARE = 0.8;

/**
 * n8n's poll budget in milliseconds (`IPollFunctions.getPollBudgetMs()`, n8n-workflow 2.38 and later),
 * or undefined where n8n has none (n8n 1.x) or gives no usable number.
 */
function pollBudgetMs(context: IPollFunctions): number | undefined {
	const get = (context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	if (typeof get !== 'function') return undefined;
	const budget = Number(get.call(context));
	return Number.isFinite(budget) && budget > 0 ? budget : undefined;
}

interface PollDependencies {
	/** The clock (ms), for the budget; tests inject one. */
	now?: () => number;
	/** Records merged at a time (`SCAN_CHUNK_RECORDS`); tests make it small. */
	chunkRecords?: number;
}

/**
 * One poll. Manual mode ("Fetch Test Event"): a small sample, static data untouched. Otherwise: read
 * (optionally since the last poll minus the overlap), compare fingerprints, store the new state, and
 * emit new or changed records (and, with "Emit Removed Records", the records a complete full scan
 * no longer found); `null` when there is nothing new.
 *
 * Poll budget: pages are read one by one; when the next page would likely end after
 * POLL_BUDGET_SHARE of the budget (judged by the slowest page so far), the poll stops after the page
 * it has, emits what changed in it, and leaves a cursor (`scan` in the state) so the next poll reads
 * on from the next page with the same "modified since". Every poll reads at least one page.
 *
 * Memory: pages are normalized as they arrive and merged into the fingerprints every
 * SCAN_CHUNK_RECORDS records (`ScanMerger`; one page at the default page size), so a poll holds one
 * chunk plus what it will emit; a first poll with "Only Changes From Now On" emits nothing and keeps
 * only the fingerprints.
 */
export async function pollRecords(
	this: IPollFunctions,
	client: HispatecSoapClient,
	dependencies: PollDependencies = {},
): Promise<INodeExecutionData[][] | null> {
	const now = dependencies.now ?? Date.now;
	const chunkRecords = dependencies.chunkRecords ?? SCAN_CHUNK_RECORDS;
	const startedMs = now();
	const recordType = this.getNodeParameter('resource') as RecordType;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const normalize = normalizeOptionsFor(recordType, readRecordOptions(options));
	const timeZone = this.getTimezone();

	if (this.getMode() === 'manual') {
		const { records } = await client.fetchRecords(recordType, {
			limit: MANUAL_SAMPLE_SIZE,
			timeZone,
		});
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
	const pollStart = new Date(startedMs);
	let scan: ScanCursor;
	if (state?.scan) {
		scan = state.scan;
	} else {
		const fullScanMs = Math.max(1, Number(options.fullScanHours ?? 24)) * 3_600_000;
		const fullScan =
			state === undefined ||
			options.useModifiedSince !== true ||
			pollStart.getTime() - Date.parse(state.lastFullScan) >= fullScanMs;
		const overlapMs = Math.max(0, Number(options.overlapMinutes ?? 10)) * 60_000;
		const modifiedSince =
			fullScan || state === undefined
				? undefined
				: new Date(Date.parse(state.lastPollStart) - overlapMs);
		scan = {
			startedAt: pollStart.toISOString(),
			fullScan,
			...(modifiedSince ? { modifiedSince: modifiedSince.toISOString() } : {}),
			nextPage: 0,
			seen: 0,
			firstPoll: state === undefined,
		};
	}

	const budget = pollBudgetMs(this);
	const deadline = budget === undefined ? undefined : startedMs + budget * POLL_BUDGET_SHARE;
	const emitsNothing = scan.firstPoll && options.onlyChangesFromNow === true;
	// Pages are classified as they arrive and merged in chunks, so a full scan of a large ERP never
	// holds all its records: only the fingerprints and the records it will emit.
	const merger = new ScanMerger(state?.fingerprints ?? [], state?.scan ? state.scan.seen : 0, {
		fullScan: scan.fullScan,
		firstPoll: scan.firstPoll,
		keepChanged: !emitsNothing,
		collapse: (chunk) => collapseClassified(chunk, timeZone),
	});
	let chunk: ClassifiedRecord[] = [];
	let read = 0;
	let complete = true;
	let nextPage = scan.nextPage;
	let slowestPageMs = 0;
	let pagesRead = 0;
	const pages = client.pages(recordType, {
		...(scan.modifiedSince ? { modifiedSince: new Date(scan.modifiedSince) } : {}),
		timeZone,
		startPage: scan.nextPage,
	});
	let pageStart = now();
	for await (const page of pages) {
		pagesRead++;
		read += page.records.length;
		for (const raw of page.records) chunk.push(classifyRecord(raw, recordType, normalize));
		nextPage = page.index + 1;
		const end = now();
		slowestPageMs = Math.max(slowestPageMs, end - pageStart);
		if (page.last !== true && deadline !== undefined && end + slowestPageMs > deadline) {
			// stop before a page that would likely run past the budget
			complete = false;
			break;
		}
		if (chunk.length >= chunkRecords) {
			merger.add(chunk);
			chunk = [];
		}
		pageStart = now();
	}
	if (!complete) await pages.return(undefined);
	merger.add(chunk);
	chunk = [];
	const scanned = merger.finish(complete);
	// Duplicates are collapsed within each chunk before change detection (a losing record is a skip,
	// its fingerprint says so), and once more over what is emitted, so that one poll never emits the
	// same tax ID twice. A scan split over several polls by the poll budget emits each part;
	// Clientify Upsert's sync state settles duplicates that land in different parts.
	const changed = collapseClassified(merger.changed, timeZone);

	const next: TriggerState = {
		version: STATE_VERSION,
		recordType,
		// until a scan completes, the last completed poll's times stand (its own start for a first scan)
		lastPollStart: complete ? scan.startedAt : (state?.lastPollStart ?? scan.startedAt),
		lastFullScan:
			complete && scan.fullScan ? scan.startedAt : (state?.lastFullScan ?? scan.startedAt),
		fingerprints: scanned.fingerprints,
		...(complete ? {} : { scan: { ...scan, nextPage, seen: scanned.seen } }),
	};
	writeState(staticData, next);
	this.logger?.debug('Hispatec Trigger poll', {
		recordType,
		read,
		pages: pagesRead,
		changed: changed.length,
		unchanged: merger.unchanged,
		deleted: scanned.deleted,
		untracked: merger.untracked,
		fullScan: scan.fullScan,
		modifiedSince: scan.modifiedSince,
		...(complete ? {} : { stoppedForBudget: true, budgetMs: budget, nextPage }),
	});

	if (emitsNothing) return null;
	return toOutputs(recordType, changed, options, scanned.removed);
}
