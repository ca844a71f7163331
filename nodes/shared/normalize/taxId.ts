/**
 * Spanish tax IDs (NIF): DNI, NIE, K/L/M NIFs and CIF (entity NIF).
 *
 * Specification: python-stdnum's `stdnum.es` rules (dni, nie, cif, nif), re-implemented from the
 * published algorithms, plus the clean-up extensions recommended for ERP data (docs/normalized-record.md, "Rules").
 */
import type { Kind, TaxIdType } from '../types';
import {
	ALL_DIGITS,
	checkCif,
	checkDni,
	checkNie,
	checkNifKlm,
	CIF_LETTERS,
	dniCheckLetter,
	type TypeCheck,
} from './taxIdChecks';

type SpanishTaxIdType = Exclude<TaxIdType, 'FOREIGN'>;

/** Why a value is not a usable Spanish tax ID. */
type TaxIdError = 'empty' | 'malformed' | 'wrong_check' | 'foreign';

/** A warning about the value itself; the caller adds the source field. */
interface TaxIdNote {
	code: string;
	message: string;
}

interface ValidTaxId {
	valid: true;
	/** Compact normalized form (`12345678Z`, `B58378431`). */
	value: string;
	type: SpanishTaxIdType;
	kind: Exclude<Kind, 'unknown'>;
	notes: TaxIdNote[];
}

interface InvalidTaxId {
	valid: false;
	error: TaxIdError;
	/** The value after clean-up (`''` when empty); for `foreign`, prefix + alphanumerics. */
	value: string;
	/** Human reason, to follow the field name and value: `has a wrong check letter (expected Z)`. */
	reason: string;
	/** `wrong_check` only: the expected check character(s), e.g. `Z` or `1 or A`. */
	expected?: string;
	/** `foreign` only: the two-letter country prefix. */
	country?: string;
	notes: TaxIdNote[];
}

export type TaxIdResult = ValidTaxId | InvalidTaxId;

/** Organization letters whose control is normally a letter (commonly cited rule). */
const CIF_LETTER_CONTROL = 'NPQRSW';
/** Organization letters whose control is normally a digit (commonly cited rule). */
const CIF_DIGIT_CONTROL = 'ABEH';

/**
 * Two-letter prefixes taken as another country's tax ID (ISO 3166-1 alpha-2, plus the VAT prefixes
 * EL Greece, XI Northern Ireland, EU non-Union OSS, and the common UK). `ES` is Spain's own prefix.
 */
const FOREIGN_PREFIXES: ReadonlySet<string> = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
		'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
		'DO DZ EC EE EG EH EL ER ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR ' +
		'GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM ' +
		'KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP ' +
		'MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL ' +
		'PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST ' +
		'SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UK UM US UY UZ VA VC VE ' +
		'VG VI VN VU WF WS XI XK YE YT ZA ZM ZW'
	).split(' '),
);

/** Unicode dashes python-stdnum maps to `-` (plus the minus sign); removed like `-`. */
const DASHES = /[\u058A\u05BE\u1806\u2010-\u2015\u203E\u2212\uFE58\uFE63\uFF0D]/g;
/** Invisible characters (zero-width space and joiners, word joiner, BOM, soft hyphen). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** What python-stdnum removes: spaces and hyphens (all whitespace here, NBSP included). */
const STDNUM_SEPARATORS = /[\s-]+/g;
/** Extra separators found in ERP data, removed with a warning. */
const EXTRA_SEPARATORS = /[._/,:]+/g;
const HAS_EXTRA_SEPARATORS = /[._/,:]/;
const SHORT_DNI = /^\d{1,7}[A-Z]$/;
const LEGACY_NIE = /^X0\d{7}[A-Z]$/;
const FOREIGN_SHAPE = /^([A-Z]{2})([A-Z0-9]{2,13})$/;
const HAS_DIGIT = /\d/;
const NOT_ALPHANUMERIC = /[^A-Z0-9]+/g;
/** A label typed before the number (`NIF: …`); no Spanish ID starts with these letters. */
const LABEL = /^(NIF|CIF|DNI|NIE|VAT)(?=[A-Z]{0,3}\d)/;
const SAME_DIGIT = /^(\d)\1*$/;
const EIGHT_DIGITS = /^\d{8}$/;

/**
 * Non-fatal check of the stricter, commonly cited rule on the kind of CIF control: letter for
 * N, P, Q, R, S, W and for non-residents (digits 2–3 `00`); digit for A, B, E, H; either otherwise.
 */
function cifControlTypeNote(cif: string): TaxIdNote | undefined {
	const org = cif[0];
	const isLetter = cif[8] >= 'A' && cif[8] <= 'Z';
	const nonResident = cif.slice(1, 3) === '00';
	if (!isLetter && (nonResident || CIF_LETTER_CONTROL.includes(org))) {
		return {
			code: 'cif_control_type_unusual',
			message: `CIF ${cif} ends in a digit; ${
				nonResident ? 'non-resident entities (digits 2–3 "00")' : `entities of type ${org}`
			} normally have a control letter`,
		};
	}
	if (isLetter && !nonResident && CIF_DIGIT_CONTROL.includes(org)) {
		return {
			code: 'cif_control_type_unusual',
			message: `CIF ${cif} ends in a letter; entities of type ${org} normally have a control digit`,
		};
	}
	return undefined;
}

/** All-same digits or a run of consecutive digits (`00000000`, `12345678`, `7654321`). */
function isPlaceholderNumber(digits: string): boolean {
	return SAME_DIGIT.test(digits) || '0123456789'.includes(digits) || '9876543210'.includes(digits);
}

function invalid(
	error: TaxIdError,
	value: string,
	reason: string,
	notes: TaxIdNote[],
	extra?: { expected?: string; country?: string },
): InvalidTaxId {
	const result: InvalidTaxId = { valid: false, error, value, reason, notes };
	if (extra?.expected !== undefined) result.expected = extra.expected;
	if (extra?.country !== undefined) result.country = extra.country;
	return result;
}

/**
 * Cleans and validates one tax-ID value (any Spanish type). Clean-up: NFKC, upper-case, remove
 * whitespace (NBSP included), hyphens and Unicode dashes (python-stdnum), then `. _ / , :`, a typed
 * label (`NIF:`) and one `ES` (with warnings); zero-pad short DNIs and shorten legacy 10-character
 * NIEs (with warnings).
 */
export function parseTaxId(input: string | null | undefined): TaxIdResult {
	const notes: TaxIdNote[] = [];
	if (input === null || input === undefined) return invalid('empty', '', 'is empty', notes);
	let value = String(input).normalize('NFKC').toUpperCase();
	value = value.replace(INVISIBLE, '').replace(DASHES, '-').replace(STDNUM_SEPARATORS, '');
	if (HAS_EXTRA_SEPARATORS.test(value)) {
		value = value.replace(EXTRA_SEPARATORS, '');
		notes.push({
			code: 'tax_id_separators_removed',
			message: `Removed dots, slashes or other separators from the tax ID (now ${value})`,
		});
	}
	if (value.length === 0) return invalid('empty', '', 'is empty', notes);

	const label = LABEL.exec(value);
	if (label && value.length > label[0].length) {
		value = value.slice(label[0].length);
		notes.push({
			code: 'tax_id_label_removed',
			message: `Removed the label ${label[1]} before the tax ID`,
		});
	}

	if (value.startsWith('ES')) {
		value = value.slice(2);
		if (value.startsWith('ES')) {
			return invalid('malformed', value, 'is malformed (more than one ES prefix)', notes);
		}
		notes.push({
			code: 'tax_id_es_prefix_stripped',
			message: `Removed the ES prefix (now ${value})`,
		});
	} else {
		const foreign = FOREIGN_SHAPE.exec(value.replace(NOT_ALPHANUMERIC, ''));
		if (foreign && FOREIGN_PREFIXES.has(foreign[1]) && HAS_DIGIT.test(foreign[2])) {
			const country = foreign[1];
			return invalid(
				'foreign',
				foreign[0],
				`is a foreign tax ID (country prefix ${country})`,
				notes,
				{
					country,
				},
			);
		}
	}
	if (value.length === 0) return invalid('empty', '', 'is empty', notes);

	if (SHORT_DNI.test(value)) {
		const padded = value.padStart(9, '0');
		notes.push({
			code: 'tax_id_zero_padded',
			message: `Zero-padded a short DNI: ${value} → ${padded}`,
		});
		value = padded;
	} else if (LEGACY_NIE.test(value)) {
		const shortened = `X${value.slice(2)}`;
		notes.push({
			code: 'tax_id_nie_legacy_shortened',
			message: `Shortened a legacy 10-character NIE: ${value} → ${shortened}`,
		});
		value = shortened;
	}

	if (EIGHT_DIGITS.test(value)) {
		return invalid(
			'malformed',
			value,
			`is malformed (8 digits without the check letter, which would be ${dniCheckLetter(value)})`,
			notes,
		);
	}
	if (!ALL_DIGITS.test(value.slice(1, -1))) {
		return invalid(
			'malformed',
			value,
			'is malformed (expected 8 digits and a letter, or a letter, 7 digits and a check character)',
			notes,
		);
	}
	if (value.length !== 9) {
		return invalid(
			'malformed',
			value,
			`is malformed (${value.length} characters after clean-up; a NIF has 9)`,
			notes,
		);
	}

	const first = value[0];
	let type: SpanishTaxIdType;
	let check: TypeCheck;
	let body: string;
	if (first >= '0' && first <= '9') {
		type = 'DNI';
		check = checkDni(value);
		body = value.slice(0, 8);
	} else if (first === 'X' || first === 'Y' || first === 'Z') {
		type = 'NIE';
		check = checkNie(value);
		body = value.slice(1, 8);
	} else if (first === 'K' || first === 'L' || first === 'M') {
		type = 'NIF_KLM';
		check = checkNifKlm(value);
		body = value.slice(1, 8);
	} else if (CIF_LETTERS.includes(first)) {
		type = 'CIF';
		check = checkCif(value);
		body = value.slice(1, 8);
	} else {
		return invalid('malformed', value, `is malformed (no NIF starts with "${first}")`, notes);
	}

	if (!check.valid) {
		if (check.error === 'wrong_check') {
			const what = type === 'CIF' ? 'control character' : 'check letter';
			return invalid(
				'wrong_check',
				value,
				`has a wrong ${what} (expected ${check.expected})`,
				notes,
				{
					expected: check.expected,
				},
			);
		}
		return invalid('malformed', value, 'is malformed', notes);
	}

	if (type === 'CIF') {
		const note = cifControlTypeNote(value);
		if (note) notes.push(note);
	}
	if (isPlaceholderNumber(body)) {
		notes.push({
			code: 'suspicious_placeholder',
			message: `Tax ID ${value} is valid but looks like a placeholder or test number`,
		});
	}
	return { valid: true, value, type, kind: type === 'CIF' ? 'company' : 'person', notes };
}
