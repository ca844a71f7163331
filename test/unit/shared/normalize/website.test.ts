/** Websites: scheme added, host lower-cased (IDN to A-labels), anything but http(s) refused. */
import { normalizeWebsite } from '../../../../nodes/shared/normalize/website';

describe('website', () => {
	it.each<[string, string | undefined]>([
		['www.finca.es', 'https://www.finca.es'],
		['WWW.Finca.ES', 'https://www.finca.es'],
		['http://finca.es', 'http://finca.es'],
		['https://Finca.es/Tienda?x=1#a', 'https://finca.es/Tienda?x=1#a'],
		['finca.es/', 'https://finca.es/'],
		['//finca.es', 'https://finca.es'],
		['www.bodega-ñ.es', 'https://www.xn--bodega--b0a.es'],
		['https://finca.es:8080/x', 'https://finca.es:8080/x'],
		['finca', undefined],
		['ftp://finca.es', undefined],
		['mailto:ana@finca.es', undefined],
		['http://user:pass@finca.es', undefined],
		['www.finca .es', undefined],
		['http://192.168.1.1', undefined],
		['http://', undefined],
	])('normalizeWebsite(%j) = %j', (input, expected) => {
		expect(normalizeWebsite(input)).toBe(expected);
	});
});
