/**
 * A response body read as text while it arrives: charset decoding across chunk boundaries, the size
 * cap enforced during the download, and network errors mapped to typed errors. No n8n imports.
 */
import { detectCharset, headerValue } from './http';
import { classifyTransportError, HispatecSoapError, tooLarge } from './errors';

/** What a transport may hand back as the body: a stream (preferred), a Buffer or a string. */
export type SoapBody =
	string | Uint8Array | ArrayBuffer | AsyncIterable<unknown> | null | undefined;

interface RequestInfo {
	url: string;
	operation: string;
	timeoutMs: number;
	maxResponseBytes: number;
}

function errorCodeOf(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.cause?.code === 'string') return e.cause.code;
	return '';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return (
		!!value &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function toBytes(chunk: unknown): Uint8Array | string {
	if (typeof chunk === 'string' || chunk instanceof Uint8Array) return chunk;
	if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
	return String(chunk);
}

export class ResponseText {
	private readonly iterator: AsyncIterator<unknown> | undefined;
	private pending: Array<Uint8Array | string> | undefined;
	private decode: ((bytes: Uint8Array, final: boolean) => string) | undefined;
	private done = false;
	/** Bytes received so far. */
	bytes = 0;

	constructor(
		body: SoapBody,
		private readonly headers: Record<string, unknown>,
		private readonly request: RequestInfo,
	) {
		if (isAsyncIterable(body)) this.iterator = body[Symbol.asyncIterator]();
		else if (body === null || body === undefined) this.pending = [];
		else if (body instanceof ArrayBuffer) this.pending = [new Uint8Array(body)];
		else this.pending = [body];
	}

	private decoderFor(first: Uint8Array): (bytes: Uint8Array, final: boolean) => string {
		const head = Buffer.from(
			first.buffer,
			first.byteOffset,
			Math.min(first.byteLength, 200),
		).toString('latin1');
		if (detectCharset(headerValue(this.headers, 'content-type'), head) === 'latin1') {
			return (bytes) =>
				Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		}
		const decoder = new TextDecoder('utf-8');
		return (bytes, final) => decoder.decode(bytes, { stream: !final });
	}

	private async nextRaw(): Promise<Uint8Array | string | null> {
		if (this.pending) return this.pending.shift() ?? null;
		if (!this.iterator || this.done) return null;
		let step: IteratorResult<unknown> | undefined;
		let failure: unknown;
		try {
			step = await this.iterator.next();
		} catch (error) {
			failure = error;
		}
		if (step === undefined) {
			this.done = true;
			throw this.readFailure(failure);
		}
		if (step.done) {
			this.done = true;
			return null;
		}
		return toBytes(step.value);
	}

	/** A network error while the body arrives: the server answered, then the connection broke. */
	private readFailure(error: unknown): HispatecSoapError {
		const classified = classifyTransportError(error, this.request);
		if (classified.kind !== 'unreachable') return classified;
		return new HispatecSoapError(
			'unreachable',
			`The connection to Hispatec broke while reading the answer to ${this.request.operation} (${errorCodeOf(error) || (error as Error)?.message || 'closed'})`,
			{
				...classified.details,
				hint: 'The server or something in between (proxy, firewall) closed the connection mid-answer; it is retried. If it keeps happening, lower the Page Size or raise the Timeout.',
			},
		);
	}

	/** The next piece of decoded text, or `null` at the end of the body. */
	async next(): Promise<string | null> {
		for (;;) {
			const chunk = await this.nextRaw();
			if (chunk === null) {
				this.done = true;
				return this.decode ? this.decode(new Uint8Array(0), true) || null : null;
			}
			if (typeof chunk === 'string') {
				this.bytes += chunk.length;
				this.checkSize();
				if (chunk !== '') return chunk;
				continue;
			}
			this.bytes += chunk.byteLength;
			this.checkSize();
			this.decode ??= this.decoderFor(chunk);
			const text = this.decode(chunk, false);
			if (text !== '') return text;
		}
	}

	/** Everything not read yet, as one string. */
	async rest(): Promise<string> {
		let out = '';
		for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) out += chunk;
		return out;
	}

	/** Stops reading (releases the connection of a stream). */
	async close(): Promise<void> {
		if (this.done) return;
		this.done = true;
		try {
			await this.iterator?.return?.();
		} catch {
			// The stream is being discarded; an error while closing it changes nothing.
		}
	}

	private checkSize(): void {
		if (this.bytes > this.request.maxResponseBytes) {
			void this.close();
			throw tooLarge(this.request.operation, this.request.url, this.request.maxResponseBytes);
		}
	}
}

export { HispatecSoapError };
