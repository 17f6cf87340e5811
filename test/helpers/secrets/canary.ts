import { inspect } from 'node:util';

/** Distinctive credentials: if any 10-character piece of their unusual part shows up somewhere, it leaked. */
export const CANARY_KEY = 'nyne_key_Kq7CANARYkey4Zx81Lp';
export const CANARY_SECRET = 'nyne_sec_Wm2CANARYsecret9Tr55Vb';

const DISTINCT = [CANARY_KEY.slice(9), CANARY_SECRET.slice(9)];
const PIECE = 10;

function pieces(text: string): string[] {
	const out: string[] = [];
	for (let i = 0; i + PIECE <= text.length; i++) out.push(text.slice(i, i + PIECE));
	return out;
}

const ALL_PIECES = DISTINCT.flatMap(pieces);

/** The canary pieces found in `text` (empty when clean). */
export function leaksIn(text: string): string[] {
	return ALL_PIECES.filter((piece) => text.includes(piece));
}

/** Every way an error might be shown or stored: message, String(), JSON, stack, and a deep inspect of all its fields. */
export function everyRendering(value: unknown): string {
	const parts = [String(value), inspect(value, { depth: 8, showHidden: true, getters: true })];
	try {
		parts.push(JSON.stringify(value) ?? '');
	} catch (error) {
		parts.push(`unserializable: ${String(error)}`);
	}
	if (value instanceof Error) parts.push(value.message, value.stack ?? '');
	return parts.join('\n');
}

/** Variants of the canaries for other keys in the same sandbox (expired key, 403 keys, ...). */
export function canaryPair(tag: string): { apiKey: string; apiSecret: string } {
	return { apiKey: `${CANARY_KEY}_${tag}`, apiSecret: `${CANARY_SECRET}_${tag}` };
}
