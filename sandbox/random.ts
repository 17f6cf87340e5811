import { createHash } from 'node:crypto';

export type Rng = () => number;

export function seedOf(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** mulberry32: small, fast, deterministic; plenty for synthetic data. */
export function rngFrom(seed: number | string): Rng {
	let state = (typeof seed === 'string' ? seedOf(seed) : seed) >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function intBetween(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)];
}
