/**
 * Benchmark for the normalization core: normalizes N synthetic Hispatec records (realistic mix of
 * clean and messy values) and prints records/s and heap use.
 *
 *   npx tsx scripts/bench-normalize.ts [records=50000] [rounds=3]
 */
import { normalizeRecord } from '../nodes/shared/normalize/record';
import { dniCheckLetter } from '../nodes/shared/normalize/taxIdChecks';
import type { NormalizationResult, RawRecord } from '../nodes/shared/types';
import * as v8 from 'v8';
import * as vm from 'vm';

const FIRST = [
	'José',
	'María',
	'Antonio',
	'Carmen',
	'Francisco',
	'Ana',
	'Juan',
	'Isabel',
	'Manuel',
	'Dolores',
];
const LAST = [
	'García López',
	'Martínez',
	'Fernández Ruiz',
	'Sánchez',
	'Pérez Gómez',
	'Muñoz',
	'Jiménez',
];
const CITIES = ['El Ejido', 'Roquetas de Mar', 'Níjar', 'Vícar', 'Almería', 'Adra', 'Berja'];

function pseudoRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		return state;
	};
}

function makeRecords(count: number): RawRecord[] {
	const next = pseudoRandom(42);
	const records: RawRecord[] = [];
	for (let i = 0; i < count; i++) {
		const n = 10000000 + (next() % 89999999);
		const letter = dniCheckLetter(String(n));
		const messy = i % 4 === 0;
		const taxId = messy
			? `es-${String(n).slice(0, 2)}.${String(n).slice(2, 5)}.${String(n).slice(5)}-${letter.toLowerCase()}`
			: `${n}${letter}`;
		records.push({
			Codigo: `C${i}`,
			Nombre: ` ${FIRST[next() % FIRST.length]} `,
			Apellidos: LAST[next() % LAST.length],
			IdentificacionFiscalCliente: i % 10 === 0 ? null : taxId,
			NIF: i % 10 === 0 ? taxId : '',
			DNI: null,
			Email: messy
				? `mailto:Cliente${i}@Example.ES; otro${i}@example.es`
				: `cliente${i}@example.es`,
			Telefono: messy
				? `950 ${100000 + (next() % 899999)} / 6${String(next() % 100000000).padStart(8, '0')}`
				: `+34 950${String(next() % 1000000).padStart(6, '0')}`,
			TelefonoMovil: i % 3 === 0 ? `6${String(next() % 100000000).padStart(8, '0')}` : '',
			Direccion: 'C/ Real,  12',
			Poblacion: CITIES[next() % CITIES.length],
			Provincia: i % 5 === 0 ? 'Almeria' : '',
			CodigoPostal: i % 7 === 0 ? '4700' : '04700',
			Pais: i % 2 === 0 ? 'España' : '',
			FechaModificacion: '2024-05-01T10:00:00',
			TipoCliente: 'Agricultor',
			Cultivo: i % 2 === 0 ? 'Tomate' : 'N/A',
			Superficie: '12,5',
			Observaciones: i % 9 === 0 ? '-' : 'Cliente desde 2015',
		});
	}
	return records;
}

function mb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// A real garbage collection before each heap reading, so the figures are what the results retain.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const count = Number(process.argv[2] ?? 50000);
const rounds = Number(process.argv[3] ?? 3);
const records = makeRecords(count);
let results: NormalizationResult[] = [];
for (let round = 1; round <= rounds; round++) {
	results = [];
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	let ok = 0;
	let skipped = 0;
	let warnings = 0;
	const started = process.hrtime.bigint();
	for (let i = 0; i < records.length; i++) {
		const result = normalizeRecord(records[i], 'contact');
		results.push(result);
		if (result.ok) {
			ok++;
			warnings += result.record.warnings.length;
		} else {
			skipped++;
		}
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	gc();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	console.log(
		`round ${round}: ${count} records in ${seconds.toFixed(3)} s = ${Math.round(count / seconds)} records/s ` +
			`(ok ${ok}, skipped ${skipped}, ${warnings} warnings); results retain ${mb(retained)} ` +
			`(${Math.round(retained / count)} bytes/record); heap ${mb(process.memoryUsage().heapUsed)}`,
	);
}
console.log(
	`rss ${mb(process.memoryUsage().rss)}; node ${process.version}; ${results.length} results held`,
);
