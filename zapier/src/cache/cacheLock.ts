import { randomUUID } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

/** A lock is held at most this long (a step has 30 s). */
const LOCK_TTL_SECONDS = 60;

export type ReleaseLock = () => Promise<void>;

/** z.cache as zapier-platform-core runs it: get and delete take a scope too (its types say only set does). */
export interface ScopedCache {
	get(key: string, scope?: string[]): Promise<unknown>;
	set(
		key: string,
		value: unknown,
		ttl?: number,
		scope?: string[],
		nx?: boolean,
	): Promise<boolean | null>;
	delete(key: string, scope?: string[]): Promise<boolean>;
}

export const scopedCache = (z: ZObject): ScopedCache => z.cache;

/**
 * Takes the lock on `key` with `nx`, and checks it holds our token (a cache that ignores `nx` cannot
 * then hand it to two steps that asked one after the other). Returns a release function, or
 * undefined when another step holds it. `scope` is z.cache's (['auth']: per connection).
 */
export async function tryLock(
	z: ZObject,
	key: string,
	scope?: string[],
): Promise<ReleaseLock | undefined> {
	const cache = scopedCache(z);
	const lockKey = `${key}:lock`;
	const token = randomUUID();
	const set = await cache.set(lockKey, token, LOCK_TTL_SECONDS, scope, true);
	if (set === false || set === null) return undefined;
	if ((await cache.get(lockKey, scope)) !== token) return undefined;
	return async () => {
		if ((await cache.get(lockKey, scope)) === token) await cache.delete(lockKey, scope);
	};
}
