import type { Bundle, ZObject } from 'zapier-platform-core';

import { HOUR_MS, type WatchRecord, type WatchStore } from '../../../shared/index.js';
import { getForConnection, setForConnection } from '../cache/connectionCache.js';
import { connectionDigest, digest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';

/**
 * One cache entry per Zap (per connection and settings where Zapier gives no Zap ID), so two Zaps
 * watching the same profile each get every change. The key holds hashes only, never the API key.
 */
export function watchCacheKey(bundle: Bundle, triggerKey: string, watch: string): string {
	const zapId = bundle.meta?.zap?.id;
	const owner = zapId ? `zap:${zapId}` : `key:${connectionDigest(bundle)}`;
	return `nyne-watch:${triggerKey}:${digest(`${owner}|${watch}`)}`;
}

/** The watch's record in z.cache, per connection (scope auth); the core reads it back (and sets an unreadable one aside). */
export function zcacheStore(z: ZObject, key: string, intervalMs: number): WatchStore {
	const ttl = Math.max(
		STATE_TTL_SECONDS,
		Math.ceil((4 * intervalMs) / 1000),
		Math.ceil((2 * HOUR_MS) / 1000),
	);
	return {
		read: async () => await getForConnection(z, key),
		write: async (record: WatchRecord) => {
			await setForConnection(z, key, record, ttl);
		},
	};
}
