import { createHash } from 'node:crypto';

import type { Bundle } from 'zapier-platform-core';

import { inputText } from '../inputText.js';

/** How long app state lives in z.cache after its last write: each use writes it again. */
export const STATE_TTL_SECONDS = 30 * 24 * 3600;

/** A short, one-way digest: cache keys carry hashes only, never a key, URL or profile. */
export const digest = (text: string): string =>
	createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The API key a step runs with, as a digest. Entries are also stored with scope ['auth'] (connectionCache.ts),
 * which is what keeps two connections with the same key apart.
 */
export function connectionDigest(bundle: Bundle): string {
	return digest(inputText((bundle.authData as Record<string, unknown> | undefined)?.api_key));
}
