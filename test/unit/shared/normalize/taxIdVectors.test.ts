/**
 * Every vector in test/fixtures/tax-ids.json (python-stdnum verdicts; where they come from:
 * test/fixtures/README.md). If the file is missing this suite fails, it never skips.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseTaxId } from '../../../../nodes/shared/normalize/taxId';
import {
	checkCif,
	checkDni,
	checkNie,
	checkNifKlm,
	type TypeCheck,
} from '../../../../nodes/shared/normalize/taxIdChecks';

type VectorType = 'DNI' | 'NIE' | 'NIF_KLM' | 'CIF';
interface Vectors {
	valid: Record<VectorType, string[]>;
	invalid: Record<VectorType, string[]>;
	source: string;
	note: string;
}

const VECTORS_PATH = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'tax-ids.json');

function loadVectors(): Vectors {
	if (!fs.existsSync(VECTORS_PATH)) {
		throw new Error(
			`Tax-ID test vectors not found at ${VECTORS_PATH} (test/fixtures/tax-ids.json is part of the repository)`,
		);
	}
	return JSON.parse(fs.readFileSync(VECTORS_PATH, 'utf8')) as Vectors;
}

const vectors = loadVectors();
const TYPES: VectorType[] = ['DNI', 'NIE', 'NIF_KLM', 'CIF'];
const CHECKS: Record<VectorType, (compact: string) => TypeCheck> = {
	DNI: checkDni,
	NIE: checkNie,
	NIF_KLM: checkNifKlm,
	CIF: checkCif,
};

/**
 * Verdict of the NIF dispatcher (python-stdnum `es.nif.validate`) for every invalid vector:
 * InvalidChecksum → wrong_check with the expected character(s), InvalidFormat/InvalidLength →
 * malformed. Computed with python-stdnum 1.18, independently of this implementation. An "invalid"
 * vector is invalid for its list's type only: M1234567L (a CIF-list entry) is a valid K/L/M NIF.
 */
const DISPATCHER_VERDICTS: Record<
	string,
	{ error: 'wrong_check' | 'malformed'; expected?: string } | 'NIF_KLM'
> = {
	'54362315Z': { error: 'wrong_check', expected: 'K' },
	'11111111T': { error: 'wrong_check', expected: 'H' },
	'12345678A': { error: 'wrong_check', expected: 'Z' },
	'1234*678Z': { error: 'malformed' },
	'41989851A': { error: 'wrong_check', expected: 'Q' },
	'36822315D': { error: 'wrong_check', expected: 'M' },
	'67931854U': { error: 'wrong_check', expected: 'C' },
	'00000001A': { error: 'wrong_check', expected: 'R' },
	'0000000AA': { error: 'malformed' },
	X2482300A: { error: 'wrong_check', expected: 'W' },
	X1111111A: { error: 'wrong_check', expected: 'G' },
	X1234567A: { error: 'wrong_check', expected: 'L' },
	Z1234567C: { error: 'wrong_check', expected: 'R' },
	X9464186X: { error: 'wrong_check', expected: 'P' },
	Z00A000AA: { error: 'malformed' },
	Z2448415H: { error: 'wrong_check', expected: 'R' },
	L1111111C: { error: 'wrong_check', expected: 'G' },
	M2812345CR: { error: 'malformed' },
	L2841589T: { error: 'wrong_check', expected: 'P' },
	J99216583: { error: 'wrong_check', expected: '2 or B' },
	M1234567L: 'NIF_KLM',
	B64717839: { error: 'wrong_check', expected: '8 or H' },
	A48951310: { error: 'wrong_check', expected: '3 or C' },
	X13585626: { error: 'wrong_check', expected: 'K' },
	A0000002A: { error: 'wrong_check', expected: '6 or F' },
	A28017894: { error: 'wrong_check', expected: '5 or E' },
	B56109771: { error: 'wrong_check', expected: '0 or J' },
	R27038239: { error: 'wrong_check', expected: '1 or A' },
	W9188340B: { error: 'wrong_check', expected: '5 or E' },
	Z5021960I: { error: 'wrong_check', expected: 'F' },
};

/** Valid vectors whose number is a placeholder-like sequence (warned, still valid). */
const PLACEHOLDER_LIKE = new Set(['12345678Z', '01234567L', 'X1234567L', 'Z1234567R', 'M1234567L']);

describe('tax-ID test vectors file', () => {
	it('is present, documents its source and note, and holds every type in both lists', () => {
		expect(vectors.source).toContain('python-stdnum');
		expect(vectors.note).toContain("'invalid' means invalid for that type");
		for (const list of [vectors.valid, vectors.invalid]) {
			expect(Object.keys(list).sort()).toEqual([...TYPES].sort());
			for (const type of TYPES) expect(list[type].length).toBeGreaterThan(0);
		}
		const invalidCount = TYPES.reduce((n, type) => n + vectors.invalid[type].length, 0);
		expect(invalidCount).toBe(Object.keys(DISPATCHER_VERDICTS).length);
	});
});

describe.each(TYPES)('valid %s vectors', (type) => {
	it.each(vectors.valid[type])('%s is valid for its type and as a NIF', (value) => {
		expect(CHECKS[type](value)).toEqual({ valid: true });
		expect(parseTaxId(value)).toEqual({
			valid: true,
			value,
			type,
			kind: type === 'CIF' ? 'company' : 'person',
			notes: PLACEHOLDER_LIKE.has(value)
				? [
						{
							code: 'suspicious_placeholder',
							message: `Tax ID ${value} is valid but looks like a placeholder or test number`,
						},
					]
				: [],
		});
	});

	it.each(vectors.valid[type])(
		'%s survives ERP formatting (lower case, ES prefix, separators)',
		(value) => {
			const formatted = `  es ${value.slice(0, 3)}.${value.slice(3, 6)}-${value.slice(6).toLowerCase()}\u00a0`;
			const result = parseTaxId(formatted);
			expect(result.valid && result.value).toBe(value);
			expect(result.valid && result.type).toBe(type);
			expect(result.notes.map((note) => note.code)).toEqual([
				'tax_id_separators_removed',
				'tax_id_es_prefix_stripped',
				...(PLACEHOLDER_LIKE.has(value) ? ['suspicious_placeholder'] : []),
			]);
		},
	);
});

describe.each(TYPES)('invalid %s vectors', (type) => {
	it.each(vectors.invalid[type])(
		'%s is rejected by its type check and judged by the dispatcher',
		(value) => {
			expect(CHECKS[type](value).valid).toBe(false);
			const verdict = DISPATCHER_VERDICTS[value];
			const result = parseTaxId(value);
			if (verdict === 'NIF_KLM') {
				expect(result.valid && result.type).toBe('NIF_KLM');
				return;
			}
			expect(result.valid).toBe(false);
			if (result.valid) return;
			expect(result.error).toBe(verdict.error);
			expect(result.value).toBe(value);
			expect(result.expected).toBe(verdict.expected);
		},
	);
});
