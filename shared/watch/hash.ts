/** A remembered person is an 8-character hash: 10,000 of them take 80 kB of stored state. */
export const HASH_WIDTH = 8;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const PACKED_HASHES = /^(?:[A-Za-z0-9_-]{8})*$/;

/** 48 bits of a 64-bit string hash (cyrb53's mixing), in base64url. Pure, so the core needs no `crypto`. */
export function hashKey(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	let out = '';
	for (const half of [h1 >>> 0, h2 >>> 0]) {
		for (let shift = 18; shift >= 0; shift -= 6) out += ALPHABET[(half >>> shift) & 63];
	}
	return out;
}

export function unpackHashes(packed: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < packed.length; i += HASH_WIDTH) out.push(packed.slice(i, i + HASH_WIDTH));
	return out;
}
