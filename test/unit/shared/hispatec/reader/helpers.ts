/** Shared by the reader tests. */
import { RecordReader } from '../../../../../nodes/shared/hispatec/reader/records';

type ReadOptions = ConstructorParameters<typeof RecordReader>[0];
type FlatRecord = Record<string, string | null>;
type Summary = ReturnType<RecordReader['summary']>;

export const SOAP_11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A SOAP envelope (1.1 unless another namespace is given) around `body`. */
export const env = (body: string, ns = SOAP_11_NS) =>
	`<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/**
 * Every record element of a whole document, one at a time, through the streaming reader in one
 * chunk; returns the record count and the requested scalar elements found outside records.
 */
export function* readRecords(
	xml: string,
	options: ReadOptions,
): Generator<FlatRecord, Summary, undefined> {
	const reader = new RecordReader(options);
	yield* reader.read(xml, true);
	return reader.summary();
}

/** Every record of a whole document in an array, with the summary. */
export function readAllRecords(
	xml: string,
	options: ReadOptions,
): { records: FlatRecord[]; summary: Summary } {
	const records: FlatRecord[] = [];
	const iterator = readRecords(xml, options);
	for (;;) {
		const step = iterator.next();
		if (step.done) return { records, summary: step.value };
		records.push(step.value);
	}
}
