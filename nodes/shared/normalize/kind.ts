/**
 * Person or company from the data, for records whose tax ID cannot tell (FOREIGN).
 * A valid Spanish tax ID always decides: DNI/NIE/K/L/M → person, CIF → company.
 */
import type { Kind } from '../types';
import { stripAccents } from './text';

/** Legal-form words that may appear anywhere in a name (accents removed, upper-case). */
const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set([
	'SL',
	'SLU',
	'SLL',
	'SLP',
	'SLNE',
	'SAU',
	'SCOOP',
	'SCCL',
	'SCA',
	'SCL',
	'SCV',
	'SAT',
	'UTE',
	'AIE',
	'COOP',
	'COOPERATIVA',
	'ASOCIACION',
	'FUNDACION',
	'AYUNTAMIENTO',
	'SOCIEDAD',
	'CONSORCIO',
	'MANCOMUNIDAD',
	'DIPUTACION',
	'LTD',
	'LTDA',
	'LDA',
	'GMBH',
	'SARL',
	'SRL',
	'SPA',
	'BV',
	'NV',
	'LLC',
	'INC',
]);

/** Short forms that are also words or surnames (Sá, …): legal forms only as the last word. */
const LEGAL_FORM_LAST_WORDS: ReadonlySet<string> = new Set([
	'SA',
	'SAL',
	'SC',
	'CB',
	'SCP',
	'SAS',
	'AG',
	'AB',
	'OY',
]);

/** Multi-word legal forms (on the folded name, with single spaces). */
const LEGAL_FORM_PHRASES = [
	' S COOP ',
	' SOC COOP ',
	' COOP AGRARIA ',
	' COMUNIDAD DE REGANTES ',
	' COMUNIDAD DE BIENES ',
	' COMUNIDAD DE PROPIETARIOS ',
	' HEREDEROS DE ',
	' HERENCIA YACENTE ',
];

const NOT_ALPHANUMERIC = /[^A-Z0-9]+/g;

function foldName(name: string): string {
	return stripAccents(name).toUpperCase().replace(NOT_ALPHANUMERIC, ' ').trim();
}

/**
 * True when a name carries a legal-form word (S.L., S.A., S.COOP., SAT, C.B., …), tolerant of dots
 * and spaces (`S. L. U.`). Short forms that are also surnames (`SA`, `SAL`, …) count only as the last
 * word, and only when `shortForms` is on.
 */
function hasLegalForm(name: string, shortForms = true): boolean {
	const folded = foldName(name);
	if (folded.length === 0) return false;
	const words = folded.split(' ');
	const last = words.length - 1;
	for (let i = 0; i < words.length; i++) {
		const word = words[i];
		if (LEGAL_FORM_WORDS.has(word)) return true;
		if (shortForms && i === last && i > 0 && LEGAL_FORM_LAST_WORDS.has(word)) return true;
		if (word.length !== 1) continue;
		// A run of single letters (`S A T` from `S.A.T.`): try each prefix of the run joined.
		let joined = word;
		for (let j = i + 1; j < words.length && words[j].length === 1; j++) {
			joined += words[j];
			if (LEGAL_FORM_WORDS.has(joined)) return true;
			if (shortForms && j === last && i > 0 && LEGAL_FORM_LAST_WORDS.has(joined)) return true;
		}
	}
	const padded = ` ${folded} `;
	return LEGAL_FORM_PHRASES.some((phrase) => padded.includes(phrase));
}

/**
 * Kind from names only: a legal form in a name → company (in first/last name only the unambiguous
 * forms); a company record with a name and no
 * surname → company; first and last name → person; otherwise unknown.
 */
export function kindFromData(input: {
	recordType: 'contact' | 'company';
	firstName?: string;
	lastName?: string;
	name?: string;
	tradeName?: string;
}): Kind {
	if (input.name && hasLegalForm(input.name)) return 'company';
	if (input.tradeName && hasLegalForm(input.tradeName)) return 'company';
	const personName = [input.firstName, input.lastName].filter(Boolean).join(' ');
	if (personName && hasLegalForm(personName, false)) return 'company';
	if (input.recordType === 'company' && input.name && !input.lastName) return 'company';
	if (input.firstName && input.lastName) return 'person';
	return 'unknown';
}
