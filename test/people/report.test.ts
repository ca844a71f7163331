/**
 * The sales-team section of RELIABILITY.md: appended after the fault suite's part, replaced in
 * place on the next run, nothing else touched; and the simulation's random source is seeded.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { END, START, writePeopleSection } from './report';
import { Rng } from './rng';

describe('RELIABILITY.md people section', () => {
	let dir: string;
	let file: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-report-'));
		file = path.join(dir, 'RELIABILITY.md');
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	const section = (text: string) => `${START}\n\n${text}\n\n${END}\n`;

	it('is appended after the fault suite’s part, then replaced in place', () => {
		fs.writeFileSync(file, '# Reliability: the fault suite\n\n| a | b |\n');
		writePeopleSection(section('first'), file);
		expect(fs.readFileSync(file, 'utf8')).toBe(
			`# Reliability: the fault suite\n\n| a | b |\n\n${section('first')}`,
		);
		writePeopleSection(section('second'), file);
		expect(fs.readFileSync(file, 'utf8')).toBe(
			`# Reliability: the fault suite\n\n| a | b |\n\n${section('second')}`,
		);
	});

	it('keeps what follows the section and writes a missing file', () => {
		fs.writeFileSync(file, `head\n\n${section('old')}\ntail\n`);
		writePeopleSection(section('new'), file);
		expect(fs.readFileSync(file, 'utf8')).toBe(`head\n\n${START}\n\nnew\n\n${END}\n\ntail\n`);
		fs.rmSync(file);
		writePeopleSection(section('only'), file);
		expect(fs.readFileSync(file, 'utf8')).toBe(section('only'));
	});
});

describe('Rng', () => {
	it('gives the same sequence for the same seed, another for another seed', () => {
		const draw = (seed: number) => {
			const rng = new Rng(seed);
			return [rng.int(0, 1000), rng.next(), rng.pick(['a', 'b', 'c']), rng.distinct(3, 1, 9)];
		};
		expect(draw(7)).toEqual(draw(7));
		expect(draw(7)).not.toEqual(draw(8));
		const rng = new Rng(1);
		for (let i = 0; i < 1000; i++) {
			const n = rng.int(2, 5);
			expect(n >= 2 && n <= 5).toBe(true);
		}
	});
});
