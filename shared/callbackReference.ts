import { HOUR_MS } from './constants.js';
import { NyneValidationError } from './errors.js';

/*
 * A reference (a row ID, the input URL) that goes out with a lookup in its callback URL's query and comes back
 * with its result. Nyne's callbacks carry only Nyne's fields, so this is the only way a receiver can tell which
 * item a result belongs to. The query is signed with an HMAC under a secret only the sender and the receiver
 * hold (a Nyne Trigger's token, a connection's API secret) and never carries that secret, so:
 * - nobody without the secret can make a URL with a reference of their choosing (the signature would not match);
 * - a signed URL is good for one lookup (the receiver keeps its nonce with the first request it delivered, and
 *   refuses it for any other) and for REFERENCE_URL_LIFETIME_MS after it was made.
 * The HMAC comes in as a port: the core has no crypto of its own.
 */

/** HMAC-SHA256 of `message` under `key`, hex. */
export type Hmac = (key: string, message: string) => string;

export const REFERENCE_QUERY = {
	reference: 'nyne_ref',
	nonce: 'nyne_nonce',
	issuedAt: 'nyne_t',
	signature: 'nyne_sig',
} as const;

export const MAX_REFERENCE_LENGTH = 256;
/** Lookups end within minutes and Nyne retries a callback a few times; a signed URL older than this is refused. */
export const REFERENCE_URL_LIFETIME_MS = 6 * HOUR_MS;
/** A signed URL made this far in the receiver's future (clocks differ) is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SECONDS = /^[0-9]{1,12}$/;

export interface CallbackReference {
	reference: string;
	/** Random, unique per lookup: what the receiver remembers to refuse a second use of the URL. */
	nonce: string;
	issuedAtMs: number;
}

/** What a callback's query says about its reference. */
export type ReferenceReading =
	| { kind: 'none' }
	| { kind: 'signed'; reference: string; nonce: string }
	| { kind: 'refused'; reason: string };

/** The reference a user mapped, as it travels: text, trimmed; empty means none. */
export function checkReference(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
		throw new NyneValidationError(
			'invalid_reference',
			'The reference must be text or a number (a row ID, the input URL), not a list or an object.',
			'reference',
		);
	const text = String(value).trim();
	if (text === '') return undefined;
	if (text.length > MAX_REFERENCE_LENGTH)
		throw new NyneValidationError(
			'invalid_reference',
			`The reference is ${text.length} characters long; it travels in the callback URL, so at most ` +
				`${MAX_REFERENCE_LENGTH} fit. Map a row ID or another short key instead.`,
			'reference',
		);
	return text;
}

function messageOf(reference: string, nonce: string, issuedSeconds: string): string {
	return `nyne-callback-reference|1|${issuedSeconds}|${nonce}|${reference}`;
}

/** `callbackUrl` with the signed reference in its query, and without the `dropParameter` (a secret) it had. */
export function signCallbackReference(
	callbackUrl: string,
	ref: CallbackReference,
	key: string,
	hmac: Hmac,
	dropParameter?: string,
): string {
	if (!NONCE.test(ref.nonce)) throw new Error('a callback reference needs a random nonce');
	const url = new URL(callbackUrl);
	if (dropParameter) url.searchParams.delete(dropParameter);
	const issued = String(Math.floor(ref.issuedAtMs / 1000));
	url.searchParams.set(REFERENCE_QUERY.reference, ref.reference);
	url.searchParams.set(REFERENCE_QUERY.nonce, ref.nonce);
	url.searchParams.set(REFERENCE_QUERY.issuedAt, issued);
	url.searchParams.set(
		REFERENCE_QUERY.signature,
		hmac(key, messageOf(ref.reference, ref.nonce, issued)),
	);
	return url.toString();
}

/** Compares two strings in time that depends on their lengths only. */
function sameText(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++)
		diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return diff === 0;
}

const single = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/**
 * Checks the reference a callback's query carries against `key`: none when the query has none of its
 * parameters, signed when the signature matches and the URL is young enough, else refused (with why).
 */
export function readCallbackReference(
	query: Record<string, unknown>,
	key: string,
	hmac: Hmac,
	now: number,
): ReferenceReading {
	const [reference, nonce, issued, signature] = [
		REFERENCE_QUERY.reference,
		REFERENCE_QUERY.nonce,
		REFERENCE_QUERY.issuedAt,
		REFERENCE_QUERY.signature,
	].map((name) => single(query[name]));
	if ([reference, nonce, issued, signature].every((value) => value === undefined))
		return Object.keys(query).some((name) => name.startsWith('nyne_') && name !== 'nyne_token')
			? { kind: 'refused', reason: 'its reference is incomplete' }
			: { kind: 'none' };
	if (reference === undefined || !nonce || !issued || !signature || key === '')
		return { kind: 'refused', reason: 'its reference is incomplete' };
	if (!NONCE.test(nonce) || !SECONDS.test(issued))
		return { kind: 'refused', reason: 'its reference is malformed' };
	if (!sameText(signature, hmac(key, messageOf(reference, nonce, issued))))
		return { kind: 'refused', reason: 'its reference is not signed with this secret' };
	const age = now - Number(issued) * 1000;
	if (age > REFERENCE_URL_LIFETIME_MS || age < -CLOCK_SKEW_MS)
		return { kind: 'refused', reason: 'its callback URL has expired' };
	return { kind: 'signed', reference, nonce };
}
