/**
 * Valid Spanish tax IDs for test data (scripts, suites, emulator seeds), made with the rules the nodes
 * apply (nodes/shared/normalize/taxIdChecks.ts): the DNI letter from `dniCheckLetter`, the CIF
 * control from `checkCif`, which names the expected control when it is wrong. No rule is written
 * twice.
 */
import { checkCif, dniCheckLetter } from '../nodes/shared/normalize/taxIdChecks';

/** A valid DNI: the 8 digits and their check letter. */
export function validDni(digits: string): string {
	return `${digits}${dniCheckLetter(digits)}`;
}

/** A valid CIF in its digit form: the organization letter (`B` by default), the 7 body digits and the control digit. */
export function validCif(body: string, organization = 'B'): string {
	const probe = `${organization}${body}0`;
	const check = checkCif(probe);
	if (check.valid) return probe;
	if (check.error !== 'wrong_check' || check.expected === undefined)
		throw new Error(`No CIF has the organization letter ${organization} and the body ${body}`);
	// `expected` is "<digit> or <letter>"
	return `${organization}${body}${check.expected[0]}`;
}
