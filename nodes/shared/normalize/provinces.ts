/**
 * Spanish provinces by INE code (01–52), one display form each, plus the spellings found in ERP
 * data (Spanish, co-official and INE sort forms) for comparison.
 */
import { foldKey } from './text';

/** INE code → display name (INE table; bilingual official names kept as INE writes them). */
export const PROVINCES: Readonly<Record<string, string>> = Object.freeze({
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
export function provinceCode(name: string): string | undefined {
	return PROVINCE_BY_KEY[foldKey(name)];
}
