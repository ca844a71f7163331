/**
 * The check rules of each Spanish tax-ID type, one function per python-stdnum module (`stdnum.es.dni`,
 * `nie`, `nif` K/L/M branch, `cif`), on a compact value (no separators, upper case). No n8n imports.
 * Clean-up, type detection and the messages are taxId.ts (`parseTaxId`).
 */

/** Check letters of DNI, NIE and K/L/M NIFs, indexed by number mod 23. */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** CIF control letters, indexed by the control digit. */
const CIF_CONTROL_LETTERS = 'JABCDEFGHI';
/** First letters of a CIF (Orden EHA/451/2008). */
export const CIF_LETTERS = 'ABCDEFGHJNPQRSUVW';

/** Only ASCII digits (the empty string included). */
export const ALL_DIGITS = /^\d*$/;

/** The DNI check letter for a string of digits (8 for DNI/NIE, 7 for K/L/M). */
export function dniCheckLetter(digits: string): string {
	return DNI_LETTERS[Number(digits) % 23];
}

/** The CIF control digit for the 7 body digits (its letter is `CIF_CONTROL_LETTERS[digit]`). */
function cifControlDigit(body: string): number {
	let sum = 0;
	for (let i = 0; i < 7; i++) {
		const digit = body.charCodeAt(i) - 48;
		if (i % 2 === 0) {
			// positions 1, 3, 5, 7: doubled, digits summed
			const doubled = digit * 2;
			sum += doubled > 9 ? doubled - 9 : doubled;
		} else {
			sum += digit;
		}
	}
	return (10 - (sum % 10)) % 10;
}

/** Result of a per-type check on a compact value (python-stdnum's `validate` of that module). */
export interface TypeCheck {
	valid: boolean;
	error?: 'malformed' | 'wrong_check';
	expected?: string;
}

const OK: TypeCheck = { valid: true };
const MALFORMED: TypeCheck = { valid: false, error: 'malformed' };

/** python-stdnum `es.dni`: 8 digits + check letter. */
export function checkDni(compact: string): TypeCheck {
	if (!ALL_DIGITS.test(compact.slice(0, -1)) || compact.length !== 9) return MALFORMED;
	const expected = dniCheckLetter(compact.slice(0, 8));
	return compact[8] === expected ? OK : { valid: false, error: 'wrong_check', expected };
}

/** python-stdnum `es.nie`: X/Y/Z + 7 digits + check letter. */
export function checkNie(compact: string): TypeCheck {
	const prefix = 'XYZ'.indexOf(compact[0]);
	if (prefix < 0 || !ALL_DIGITS.test(compact.slice(1, -1)) || compact.length !== 9)
		return MALFORMED;
	const expected = dniCheckLetter(String(prefix) + compact.slice(1, 8));
	return compact[8] === expected ? OK : { valid: false, error: 'wrong_check', expected };
}

/** python-stdnum `es.nif`, K/L/M branch: the DNI rule over the 7 digits only. */
export function checkNifKlm(compact: string): TypeCheck {
	if (!'KLM'.includes(compact[0] ?? '?')) return MALFORMED;
	if (!ALL_DIGITS.test(compact.slice(1, -1)) || compact.length !== 9) return MALFORMED;
	const expected = dniCheckLetter(compact.slice(1, 8));
	return compact[8] === expected ? OK : { valid: false, error: 'wrong_check', expected };
}

/** python-stdnum `es.cif`: organization letter + 7 digits + control digit or letter (either). */
export function checkCif(compact: string): TypeCheck {
	if (!ALL_DIGITS.test(compact.slice(1, -1)) || compact.length !== 9) return MALFORMED;
	if (!CIF_LETTERS.includes(compact[0])) return MALFORMED;
	const digit = cifControlDigit(compact.slice(1, 8));
	const letter = CIF_CONTROL_LETTERS[digit];
	const control = compact[8];
	return control === String(digit) || control === letter
		? OK
		: { valid: false, error: 'wrong_check', expected: `${digit} or ${letter}` };
}
