/**
 * Country: common spellings of Spain become `ES`; anything else is kept as given.
 */
import { foldKey } from './text';

/** Folded spellings taken as Spain. */
const SPAIN_SPELLINGS: ReadonlySet<string> = new Set([
	'es',
	'esp',
	'espana',
	'spain',
	'espagne',
	'spanien',
	'spagna',
	'espanha',
	'espanya',
	'reino de espana',
	'kingdom of spain',
	'724',
]);

/** `ES` for Spain's common spellings (ES, ESP, España, ESPAÑA, Spain, …); other values unchanged. */
export function normalizeCountry(text: string): string {
	return SPAIN_SPELLINGS.has(foldKey(text)) ? 'ES' : text;
}
