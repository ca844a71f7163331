/**
 * The streaming record reader for SOAP responses. No n8n imports, no dependencies.
 *
 * `RecordReader` takes the text in chunks as it arrives (a network stream) and yields one flat record at a
 * time (child local name → string | null), keeping only the unfinished tail of the input.
 * - Elements are matched by **local name**: prefixes and namespace URIs are ignored.
 * - Values are trimmed. Empty and self-closing elements read as `''`; `xsi:nil="true"` (any prefix)
 *   reads as `null`.
 * - The keys `__proto__`, `constructor` and `prototype` are never created.
 */
import { FORBIDDEN_KEYS } from '../../normalize/fields';
import { XmlReadError } from './errors';
import { localName, ownValue } from './text';
import { Scanner, Token } from './tokenizer';

/** A flat record: child local name → trimmed text, `null` for `xsi:nil`. */
type FlatRecord = Record<string, string | null>;

interface ReadRecordsOptions {
	/** Local name of the record element (`Contacto`, `Empresa`, DataSet `Table`). */
	recordElement: string;
	/**
	 * Local name of the record's parent (`Contactos`). Empty or omitted: a record element anywhere in
	 * the document counts (needed for DataSets, whose parent name varies).
	 */
	containerElement?: string;
	/**
	 * Leaf elements outside the records whose text is collected (first occurrence wins) and returned
	 * when the generator finishes, e.g. `['Total', 'Pagina']`.
	 */
	scalarElements?: readonly string[];
	/** Throw once more than this many records are read (default: unlimited). */
	maxRecords?: number;
}

interface ReadRecordsSummary {
	count: number;
	/** Collected scalar elements (only the names found). */
	scalars: Record<string, string | null>;
}

function hasForbiddenSegment(key: string): boolean {
	if (FORBIDDEN_KEYS.has(key)) return true;
	if (key.indexOf('.') === -1) return false;
	return key.split('.').some((segment) => FORBIDDEN_KEYS.has(segment));
}

function setField(record: FlatRecord, key: string, value: string | null): void {
	// Also refuse `__proto__.x`: harmless here, but a path for anything that later applies dotted keys.
	if (hasForbiddenSegment(key)) return;
	if (record[key] === undefined || !Object.prototype.hasOwnProperty.call(record, key)) {
		record[key] = value;
		return;
	}
	// A repeated child element: keep every value, as `Name_2`, `Name_3`, …
	for (let n = 2; ; n++) {
		const candidate = `${key}_${n}`;
		if (!Object.prototype.hasOwnProperty.call(record, candidate)) {
			record[candidate] = value;
			return;
		}
	}
}

/**
 * Reads record elements from text that arrives in chunks (`read(chunk, final)`), in one pass, keeping
 * only the unfinished tail of the input. Yields each record as soon as its end tag has been read.
 * Nested elements inside a field are flattened with dots (`Direccion.Calle`).
 */
export class RecordReader {
	private readonly recordElement: string;
	private readonly container: string;
	private readonly scalarNames: ReadonlySet<string>;
	private readonly maxRecords: number;
	private readonly scanner = new Scanner('', false);
	private readonly scalars: Record<string, string | null> = {};
	/** Local names of open elements outside records (to check the record's parent). */
	private readonly outer: string[] = [];
	private count = 0;
	private finished = false;

	// Record state
	private record: FlatRecord | null = null;
	private recordDepth = 0;
	private recordNil = false;
	// Field frames inside the record (index 0 = a direct child of the record)
	private readonly frameName: string[] = [];
	private readonly frameText: string[] = [];
	private readonly frameNil: boolean[] = [];
	private readonly frameHasChild: boolean[] = [];
	private frames = 0;
	/** Qualified and local names of the previous record's fields, by position (name reuse). */
	private readonly shapeNames: string[] = [];
	private readonly shapeLocals: string[] = [];
	private fieldIndex = 0;
	private recordName = '';

	// Scalar capture state
	private scalarName = '';
	private scalarDepth = 0;
	private scalarText = '';
	private scalarNil = false;
	private scalarIsLeaf = true;

	constructor(options: ReadRecordsOptions) {
		this.recordElement = options.recordElement;
		this.container = options.containerElement ?? '';
		this.scalarNames = new Set(options.scalarElements ?? []);
		this.maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
	}

	/** Records read so far. */
	get recordCount(): number {
		return this.count;
	}

	/** The record count and the scalar elements (call after the final chunk). */
	summary(): ReadRecordsSummary {
		return { count: this.count, scalars: { ...this.scalars } };
	}

	/**
	 * Consumes a chunk of text and yields the records it completes. With `final`, the document must
	 * end here (an unfinished document is reported as truncated).
	 */
	*read(text: string, final: boolean): Generator<FlatRecord, void, undefined> {
		if (this.finished) throw new Error('RecordReader: read() after the final chunk');
		this.finished = final;
		const scanner = this.scanner;
		scanner.feed(text, final);
		for (;;) {
			scanner.nameHint =
				this.record === null
					? this.recordName
					: this.frames === 0
						? (this.shapeNames[this.fieldIndex] ?? '')
						: '';
			const token = scanner.next();
			if (token === Token.Eof || token === Token.NeedMore) return;
			if (this.record !== null) {
				const done = this.inRecord(token);
				if (done !== null) yield done;
				continue;
			}
			if (token === Token.Start) {
				const name = localName(scanner.name);
				if (
					name === this.recordElement &&
					(this.container === '' || this.outer[this.outer.length - 1] === this.container)
				) {
					this.record = {};
					this.recordDepth = scanner.depth;
					this.recordNil = scanner.isNil();
					this.recordName = scanner.name;
					this.frames = 0;
					this.fieldIndex = 0;
					continue;
				}
				if (this.scalarName !== '') this.scalarIsLeaf = false;
				else if (
					this.scalarNames.has(name) &&
					!FORBIDDEN_KEYS.has(name) &&
					!Object.prototype.hasOwnProperty.call(this.scalars, name)
				) {
					this.scalarName = name;
					this.scalarDepth = scanner.depth;
					this.scalarText = '';
					this.scalarNil = scanner.isNil();
					this.scalarIsLeaf = true;
				}
				this.outer.push(name);
			} else if (token === Token.Text) {
				if (this.scalarName !== '' && scanner.depth === this.scalarDepth)
					this.scalarText += scanner.text();
			} else if (token === Token.End) {
				this.outer.pop();
				if (this.scalarName !== '' && scanner.depth < this.scalarDepth) {
					if (this.scalarIsLeaf)
						this.scalars[this.scalarName] = this.scalarNil ? null : ownValue(this.scalarText);
					this.scalarName = '';
				}
			}
		}
	}

	/** Handles a token inside a record; returns the record when it ends. */
	private inRecord(token: Token): FlatRecord | null {
		const scanner = this.scanner;
		const record = this.record as FlatRecord;
		const frames = this.frames;
		if (token === Token.Start) {
			let name: string;
			if (frames === 0) {
				const index = this.fieldIndex++;
				if (scanner.name === this.shapeNames[index]) name = this.shapeLocals[index];
				else {
					name = localName(scanner.name);
					this.shapeNames[index] = scanner.name;
					this.shapeLocals[index] = name;
				}
			} else {
				name = localName(scanner.name);
				this.frameHasChild[frames - 1] = true;
			}
			this.frameName[frames] = frames > 0 ? `${this.frameName[frames - 1]}.${name}` : name;
			this.frameText[frames] = '';
			this.frameNil[frames] = scanner.isNil();
			this.frameHasChild[frames] = false;
			this.frames = frames + 1;
			return null;
		}
		if (token === Token.Text) {
			if (frames > 0) this.frameText[frames - 1] += scanner.text();
			return null;
		}
		// End
		if (frames > 0) {
			const f = frames - 1;
			this.frames = f;
			if (!this.frameHasChild[f])
				setField(record, this.frameName[f], this.frameNil[f] ? null : ownValue(this.frameText[f]));
			this.frameText[f] = '';
			return null;
		}
		if (scanner.depth >= this.recordDepth) return null;
		this.record = null;
		if (this.recordNil) return null;
		if (this.count >= this.maxRecords) {
			throw new XmlReadError(
				'too_many_records',
				`The response holds more than ${this.maxRecords} records (the configured maximum)`,
				scanner.offset(scanner.tagStart),
			);
		}
		this.count++;
		return record;
	}
}
