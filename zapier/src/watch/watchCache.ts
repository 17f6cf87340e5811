import type { Bundle, ZObject } from 'zapier-platform-core';

import { HOUR_MS, type WatchRecord, type WatchStore } from '../../../shared/index.js';
import { scopedCache } from '../cache/cacheLock.js';
import { connectionDigest, digest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';

/** Watch records live per connection: z.cache's `auth` scope, on top of the connection in the key. */
export const WATCH_SCOPE = ['auth'];

/**
 * One cache entry per Zap (per connection and settings where Zapier gives no Zap ID), so two Zaps
 * watching the same profile each get every change. The key holds hashes only, never the API key.
 */
export function watchCacheKey(bundle: Bundle, triggerKey: string, watch: string): string {
	const zapId = bundle.meta?.zap?.id;
	const owner = zapId ? `zap:${zapId}` : `key:${connectionDigest(bundle)}`;
	return `nyne-watch:${triggerKey}:${digest(`${owner}|${watch}`)}`;
}

/** The watch's record in z.cache; the core reads it back (and sets an unreadable one aside). */
export function zcacheStore(z: ZObject, key: string, intervalMs: number): WatchStore {
	const ttl = Math.max(
		STATE_TTL_SECONDS,
		Math.ceil((4 * intervalMs) / 1000),
		Math.ceil((2 * HOUR_MS) / 1000),
	);
	return {
		read: async () => await scopedCache(z).get(key, WATCH_SCOPE),
		write: async (record: WatchRecord) => {
			await scopedCache(z).set(key, record, ttl, WATCH_SCOPE);
		},
	};
}
