import { DateTime } from 'luxon';
import { parseErpTimestamp } from '../../../nodes/shared/erpDate';

describe('parseErpTimestamp', () => {
	it('reads ISO stamps with an offset exactly as luxon does, valid or not (seeded sample)', () => {
		let seed = 1;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const pad = (n: number, width = 2) => String(n).padStart(width, '0');
		const mismatches: string[] = [];
		for (let i = 0; i < 5000; i++) {
			const year = pick([0, 1, 4, 1900, 2000, 2023, 2024, 2100, 9999]);
			const [month, day] = [Math.floor(random() * 14), Math.floor(random() * 33)];
			const [hour, minute, second] = [26, 61, 61].map((n) => Math.floor(random() * n));
			const seconds =
				random() < 0.8
					? `:${pad(second)}${pick(['', '.5', '.123', '.1234567', '.999999999'])}`
					: '';
			const offset = pick(['Z', '+01:00', '-05:30', '+14:00', '+00:00', '+23:59', '-00:60']);
			const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${seconds}${offset}`;
			const luxon = DateTime.fromISO(text, { zone: 'Europe/Madrid' });
			const expected = luxon.isValid ? luxon.toMillis() : undefined;
			if (parseErpTimestamp(text, 'Europe/Madrid') !== expected) mismatches.push(text);
		}
		expect(mismatches).toEqual([]);
	});

	it('reads stamps without an offset in the time zone, and the Spanish day-first form', () => {
		expect(parseErpTimestamp('2024-05-01T08:30:00', 'Europe/Madrid')).toBe(
			Date.parse('2024-05-01T06:30:00Z'),
		);
		expect(parseErpTimestamp('2024-05-01 08:30:00', 'UTC')).toBe(
			Date.parse('2024-05-01T08:30:00Z'),
		);
		expect(parseErpTimestamp('01/05/2024 08:30', 'Europe/Madrid')).toBe(
			Date.parse('2024-05-01T06:30:00Z'),
		);
		expect(parseErpTimestamp('2024-02-30T10:00:00Z')).toBeUndefined();
		expect(parseErpTimestamp('  ')).toBeUndefined();
		expect(parseErpTimestamp(20240501)).toBeUndefined();
	});
});
