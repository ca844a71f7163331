/**
 * The address of a record: street, city, province, postal code and country, read from the record and
 * checked against each other.
 *
 * - Country: common spellings of Spain become `ES`; anything else is kept as given.
 * - Postal code (Spain): five digits whose first two are the INE province code (01–52).
 * - Province: the INE table (01–52), one display form each, plus the spellings found in ERP data
 *   (Spanish, co-official and INE sort forms) for comparison.
 */
import type { FieldMap, NormalizationWarning, NormalizedAddress, RawRecord } from '../types';
import { readField } from './fields';
import { cleanSingleLine, foldKey, quote } from './text';

// Country

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
function normalizeCountry(text: string): string {
	return SPAIN_SPELLINGS.has(foldKey(text)) ? 'ES' : text;
}

// Postal code

type PostalCodeResult =
	| { valid: true; value: string; provinceCode: string; padded: boolean }
	| { valid: false; value: string };

const POSTAL_CODE_SEPARATORS = /[\s.]+/g;
const FOUR_DIGITS = /^\d{4}$/;
const SPANISH_POSTAL_CODE = /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/;

/**
 * Validates a Spanish postal code. Removes spaces (and a thousands dot, `04.001`), left-pads a
 * 4-digit value lost by a numeric ERP column.
 */
function parseSpanishPostalCode(text: string): PostalCodeResult {
	let value = text.replace(POSTAL_CODE_SEPARATORS, '');
	let padded = false;
	if (FOUR_DIGITS.test(value)) {
		value = `0${value}`;
		padded = true;
	}
	if (!SPANISH_POSTAL_CODE.test(value)) return { valid: false, value: text };
	return { valid: true, value, provinceCode: value.slice(0, 2), padded };
}

// Province

/** INE code → display name (INE table; bilingual official names kept as INE writes them). */
const PROVINCES: Readonly<Record<string, string>> = Object.freeze({
	'01': 'Araba/Álava',
	'02': 'Albacete',
	'03': 'Alicante/Alacant',
	'04': 'Almería',
	'05': 'Ávila',
	'06': 'Badajoz',
	'07': 'Illes Balears',
	'08': 'Barcelona',
	'09': 'Burgos',
	'10': 'Cáceres',
	'11': 'Cádiz',
	'12': 'Castellón/Castelló',
	'13': 'Ciudad Real',
	'14': 'Córdoba',
	'15': 'A Coruña',
	'16': 'Cuenca',
	'17': 'Girona',
	'18': 'Granada',
	'19': 'Guadalajara',
	'20': 'Gipuzkoa',
	'21': 'Huelva',
	'22': 'Huesca',
	'23': 'Jaén',
	'24': 'León',
	'25': 'Lleida',
	'26': 'La Rioja',
	'27': 'Lugo',
	'28': 'Madrid',
	'29': 'Málaga',
	'30': 'Murcia',
	'31': 'Navarra',
	'32': 'Ourense',
	'33': 'Asturias',
	'34': 'Palencia',
	'35': 'Las Palmas',
	'36': 'Pontevedra',
	'37': 'Salamanca',
	'38': 'Santa Cruz de Tenerife',
	'39': 'Cantabria',
	'40': 'Segovia',
	'41': 'Sevilla',
	'42': 'Soria',
	'43': 'Tarragona',
	'44': 'Teruel',
	'45': 'Toledo',
	'46': 'Valencia/València',
	'47': 'Valladolid',
	'48': 'Bizkaia',
	'49': 'Zamora',
	'50': 'Zaragoza',
	'51': 'Ceuta',
	'52': 'Melilla',
});

/** Other spellings (besides each part of the display name), compared with `foldKey`. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
	'01': ['Álava', 'Araba', 'Alava Araba'],
	'03': ['Alicante', 'Alacant'],
	'07': ['Baleares', 'Islas Baleares', 'Balears', 'Balears Illes', 'Baleares Islas', 'Mallorca'],
	'12': ['Castellón', 'Castelló', 'Castellón de la Plana', 'Castelló de la Plana'],
	'15': ['La Coruña', 'Coruña', 'Coruña A', 'Coruña La', 'A Coruna'],
	'17': ['Gerona'],
	'20': ['Guipúzcoa', 'Guipuzkoa'],
	'25': ['Lérida'],
	'26': ['Rioja', 'Rioja La'],
	'31': ['Nafarroa', 'Navarra Nafarroa', 'Comunidad Foral de Navarra'],
	'32': ['Orense'],
	'33': ['Oviedo', 'Principado de Asturias'],
	'35': ['Palmas', 'Palmas Las', 'Las Palmas de Gran Canaria', 'Gran Canaria'],
	'38': ['Tenerife', 'S C Tenerife', 'Sta Cruz de Tenerife', 'Santa Cruz Tenerife'],
	'39': ['Santander'],
	'30': ['Región de Murcia'],
	'28': ['Comunidad de Madrid'],
	'46': ['Valencia', 'València'],
	'48': ['Vizcaya', 'Bizcaia'],
};

function buildAliasIndex(): Readonly<Record<string, string>> {
	const index: Record<string, string> = Object.create(null);
	for (const code of Object.keys(PROVINCES)) {
		const name = PROVINCES[code];
		for (const spelling of [name, ...name.split('/'), ...(ALIASES[code] ?? [])]) {
			index[foldKey(spelling)] = code;
		}
	}
	return Object.freeze(index);
}

/** Folded spelling → INE code (built once at load; read-only). */
const PROVINCE_BY_KEY = buildAliasIndex();

/** The INE code of a province written in any known spelling; undefined when unknown. */
function provinceCode(name: string): string | undefined {
	return PROVINCE_BY_KEY[foldKey(name)];
}

// The address of a record

/** The record's address, or undefined when it has none; warnings for what was dropped or contradicts. */
export function readAddress(
	raw: RawRecord,
	map: Readonly<FieldMap>,
	warnings: NormalizationWarning[],
): NormalizedAddress | undefined {
	const street = cleanSingleLine(readField(raw, map.street));
	const city = cleanSingleLine(readField(raw, map.city));
	let province = cleanSingleLine(readField(raw, map.province));
	const postalText = cleanSingleLine(readField(raw, map.postalCode));
	const countryText = cleanSingleLine(readField(raw, map.country));
	const country = countryText === undefined ? undefined : normalizeCountry(countryText);

	let postalCode: string | undefined;
	if (postalText !== undefined) {
		if (country === undefined || country === 'ES') {
			const parsed = parseSpanishPostalCode(postalText);
			if (parsed.valid) {
				postalCode = parsed.value;
				const fromPostalCode = PROVINCES[parsed.provinceCode];
				if (parsed.padded) {
					warnings.push({
						code: 'postal_code_zero_padded',
						field: map.postalCode,
						message: `Left-padded the 4-digit postal code ${postalText} to ${postalCode}`,
					});
				}
				if (province === undefined) {
					province = fromPostalCode;
				} else {
					const given = provinceCode(province);
					if (given !== undefined && given !== parsed.provinceCode) {
						warnings.push({
							code: 'province_mismatch',
							field: map.province,
							message: `${map.province} ${quote(province)} contradicts postal code ${postalCode} (${fromPostalCode}); kept ${quote(province)}`,
						});
					}
				}
			} else {
				warnings.push({
					code: 'postal_code_invalid',
					field: map.postalCode,
					message: `Dropped an invalid Spanish postal code: ${quote(postalText)} (5 digits, province 01–52)`,
				});
			}
		} else {
			postalCode = postalText;
		}
	}

	province = canonicalProvince(province, postalCode, warnings);
	if (!street && !city && !province && !postalCode && !country) return undefined;
	const address: NormalizedAddress = {};
	if (street) address.street = street;
	if (city) address.city = city;
	if (province) address.province = province;
	if (postalCode) address.postalCode = postalCode;
	if (country) address.country = country;
	return address;
}

/**
 * A province the INE table recognizes (any alias, case or accents: `ALMERIA`, `Vizcaya`, `baleares`)
 * is written in its INE display form (`Almería`, `Bizkaia`, `Illes Balears`), so one province has one
 * spelling in the CRM. Unrecognized text (a comarca, a foreign region) and a province that contradicts
 * the postal code (already warned about) are kept as given.
 */
function canonicalProvince(
	province: string | undefined,
	postalCode: string | undefined,
	warnings: readonly NormalizationWarning[],
): string | undefined {
	if (province === undefined) return undefined;
	const code = provinceCode(province);
	if (code === undefined) return province;
	if (postalCode !== undefined && warnings.some((w) => w.code === 'province_mismatch'))
		return province;
	return PROVINCES[code];
}
