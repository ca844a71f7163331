/** The one constructor of output items (nodes/ClientifyUpsert/actions/write/results.ts). */
import { NodeOperationError } from 'n8n-workflow';
import {
	cancelledResult,
	duplicateSkipResult,
	failedResult,
	missingNameResult,
	preparedSkipResult,
	startResult,
} from '../../../../../nodes/ClientifyUpsert/actions/write/results';
import type { RecordItem } from '../../../../../nodes/ClientifyUpsert/actions/write/types';
import type { DesiredRecord } from '../../../../../nodes/shared/clientify/types';
import { recordItem, upsertNode } from './fixtures';

const node = upsertNode;
const warning = { code: 'email_dropped', field: 'emails', message: 'x' };
const desired: DesiredRecord = {
	entity: 'contact',
	taxId: '12345678Z',
	sourceId: 'C1',
	scalars: {},
	emails: [],
	phones: [],
	addresses: [],
	websites: [],
	tags: [],
	customFields: [],
	warnings: [warning],
};
const item: RecordItem = recordItem(desired);

describe('results', () => {
	it("startResult: unchanged, the record's warnings copied; a dry run lists planned requests", () => {
		const result = startResult(desired, false);
		expect(result).toEqual({
			action: 'unchanged',
			recordType: 'contact',
			taxId: '12345678Z',
			clientifyId: null,
			sourceId: 'C1',
			changedFields: [],
			customFieldsCreated: [],
			warnings: [warning],
		});
		expect(result.warnings).not.toBe(desired.warnings);
		expect(startResult(desired, true)).toMatchObject({ dryRun: true, plannedRequests: [] });
	});

	it('keeps one key order for every result (the output JSON)', () => {
		const base = [
			'action',
			'recordType',
			'taxId',
			'clientifyId',
			'sourceId',
			'changedFields',
			'customFieldsCreated',
			'warnings',
		];
		expect(
			Object.keys(
				preparedSkipResult({
					kind: 'skip',
					index: 0,
					recordType: 'contact',
					taxId: null,
					sourceId: 'C1',
					reason: 'missing_tax_id',
					message: 'm',
					warnings: [],
				}),
			),
		).toEqual([...base, 'reason', 'message']);
		expect(Object.keys(duplicateSkipResult(item, 'C2', null, 'batch'))).toEqual([
			...base,
			'reason',
			'message',
			'winnerSourceId',
		]);
		expect(Object.keys(cancelledResult())).toEqual([
			'action',
			'recordType',
			'taxId',
			'clientifyId',
			'changedFields',
			'customFieldsCreated',
			'warnings',
			'error',
		]);
	});

	it('failedResult keeps what was known and the HTTP code', () => {
		const error = new NodeOperationError(node, 'boom');
		const partial = {
			...startResult(desired, false),
			clientifyId: 7,
			changedFields: ['emails'],
			customFieldsCreated: ['hispatec_X'],
		};
		expect(failedResult('contact', '12345678Z', 'C1', error, partial)).toEqual({
			action: 'failed',
			recordType: 'contact',
			taxId: '12345678Z',
			clientifyId: 7,
			sourceId: 'C1',
			changedFields: ['emails'],
			customFieldsCreated: ['hispatec_X'],
			warnings: [warning],
			error: 'boom',
		});
		expect(
			failedResult(
				null,
				null,
				undefined,
				Object.assign(new NodeOperationError(node, 'x'), { httpCode: '503' }),
			).httpCode,
		).toBe('503');
	});

	it('skips: a duplicate tax ID names the winner; a company without a name', () => {
		expect(duplicateSkipResult(item, 'C2', 9, 'stored')).toMatchObject({
			action: 'skipped',
			clientifyId: 9,
			reason: 'duplicate_tax_id',
			winnerSourceId: 'C2',
			message: expect.stringContaining(
				'The Clientify contact with tax ID 12345678Z (id 9) belongs to Hispatec record C2',
			),
		});
		expect(missingNameResult(startResult(desired, false))).toMatchObject({
			action: 'skipped',
			reason: 'missing_name',
		});
	});
});
