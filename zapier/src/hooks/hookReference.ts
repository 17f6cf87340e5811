import { createHmac, randomBytes } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	readCallbackReference,
	REFERENCE_URL_LIFETIME_MS,
	signCallbackReference,
	type Hmac,
	type ReferenceReading,
} from '../../../shared/index.js';
import { getForConnection, setForConnection } from '../cache/connectionCache.js';
import { connectionDigest, digest } from '../cache/connectionKey.js';
import { inputText } from '../inputText.js';

/*
 * "Start Interaction Lookup"'s Reference rides to "Interaction Lookup Completed" in the hook URL's query, signed
 * with the connection's API secret (the core's rule, with node's HMAC), so a post to the hook URL cannot
 * choose one; each signed URL delivers one lookup.
 */

const hmacSha256: Hmac = (key, message) => createHmac('sha256', key).update(message).digest('hex');
const secretOf = (bundle: Bundle): string =>
	inputText((bundle.authData as Record<string, unknown> | undefined)?.api_secret);

/** The hook URL this lookup reports to, carrying `reference`. */
export function signHookUrl(bundle: Bundle, hookUrl: string, reference: string): string {
	return signCallbackReference(
		hookUrl,
		{ reference, nonce: randomBytes(16).toString('base64url'), issuedAtMs: Date.now() },
		secretOf(bundle),
		hmacSha256,
	);
}

/** The query of the post that ran the trigger, wherever Zapier puts it (raw, parsed, or merged into the body). */
function postedQuery(bundle: Bundle): Record<string, unknown> {
	const raw = bundle.rawRequest?.querystring;
	if (typeof raw === 'string' && raw !== '')
		return Object.fromEntries(new URLSearchParams(raw.replace(/^\?/, '')));
	const cleaned = bundle.cleanedRequest as Record<string, unknown> | undefined;
	const parsed = cleaned?.querystring;
	if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
	return cleaned ?? {};
}

export function readHookReference(bundle: Bundle): ReferenceReading {
	return readCallbackReference(postedQuery(bundle), secretOf(bundle), hmacSha256, Date.now());
}

/**
 * Keeps a signed URL's nonce with the first lookup it delivered: true for that lookup (again, for Nyne's
 * retries), false for any other. A cache that cannot be reached answers true: the signature still holds.
 */
export async function claimHookReference(
	z: ZObject,
	bundle: Bundle,
	nonce: string,
	requestId: string,
): Promise<boolean> {
	const key = `nyne-reference:${connectionDigest(bundle)}:${digest(nonce)}`;
	try {
		const ownerOf = async () =>
			((await getForConnection(z, key)) as { request_id?: unknown } | null)?.request_id;
		const before = await ownerOf();
		if (before !== undefined) return before === requestId;
		const ttl = Math.ceil(REFERENCE_URL_LIFETIME_MS / 1000);
		// nx: of two posts arriving together, the first write wins and the read below sees it.
		await setForConnection(z, key, { request_id: requestId }, ttl, true);
		const after = await ownerOf();
		return after === undefined || after === requestId;
	} catch (error) {
		z.console.log(`Nyne: the record of used references could not be read (${String(error)}).`);
		return true;
	}
}
