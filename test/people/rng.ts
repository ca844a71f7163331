/**
 * A small seeded random source (mulberry32): the same seed gives the same sequence, so the same
 * simulation. Nothing in test/people may use Math.random.
 */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max] (both included). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (!items.length) throw new Error('Rng.pick: empty list');
		return items[Math.floor(this.next() * items.length)];
	}

	/** A key of `weights` drawn in proportion to its weight (keys in the object's order). */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as Array<[K, number]>;
		const total = entries.reduce((n, [, w]) => n + w, 0);
		let x = this.next() * total;
		for (const [key, w] of entries) {
			x -= w;
			if (x < 0) return key;
		}
		return entries[entries.length - 1][0];
	}

	/** `count` distinct integers of [min, max], ascending. */
	distinct(count: number, min: number, max: number): number[] {
		const out = new Set<number>();
		const wanted = Math.min(count, max - min + 1);
		while (out.size < wanted) out.add(this.int(min, max));
		return [...out].sort((a, b) => a - b);
	}

	/** A derived generator (its own sequence), so one part of the simulation does not shift another. */
	fork(salt: number): Rng {
		return new Rng((Math.imul(this.int(0, 0x7fffffff), 2654435761) ^ salt) >>> 0);
	}
}
