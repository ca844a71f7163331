/**
 * The one error type of the XML reader, with a code and the character offset of the problem. No n8n imports.
 */

export type XmlReadErrorCode = 'doctype' | 'malformed' | 'truncated' | 'too_many_records';

export class XmlReadError extends Error {
	readonly code: XmlReadErrorCode;
	/** Character offset in the document where the problem was found. */
	readonly position: number;

	constructor(code: XmlReadErrorCode, message: string, position: number) {
		super(message);
		this.name = 'XmlReadError';
		this.code = code;
		this.position = position;
	}
}
