import { randomUUID } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

/** A lock is held at most this long (a step has 30 s). */
const LOCK_TTL_SECONDS = 60;

export type ReleaseLock = () => Promise<void>;

/**
 * Takes the lock on `key` with `nx`, and checks it holds our token (a cache that ignores `nx` cannot
 * then hand it to two steps that asked one after the other). Returns a release function, or
 * undefined when another step holds it.
 */
export async function tryLock(z: ZObject, key: string): Promise<ReleaseLock | undefined> {
	const lockKey = `${key}:lock`;
	const token = randomUUID();
	const set = await z.cache.set(lockKey, token, LOCK_TTL_SECONDS, undefined, true);
	if (set === false || set === null) return undefined;
	if ((await z.cache.get(lockKey)) !== token) return undefined;
	return async () => {
		if ((await z.cache.get(lockKey)) === token) await z.cache.delete(lockKey);
	};
}
