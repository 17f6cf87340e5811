import { randomUUID } from 'node:crypto';

import type { ZObject } from 'zapier-platform-core';

import { sleep } from '../client.js';
import { deleteForConnection, getForConnection, setForConnection } from './connectionCache.js';

/** A lock is held at most this long (a step has 30 s). */
const LOCK_TTL_SECONDS = 60;

export type ReleaseLock = () => Promise<void>;

/**
 * Takes the connection's lock on `key` with `nx`, and checks it holds our token (a cache that ignores `nx`
 * cannot then hand it to two steps that asked one after the other). Returns a release function, or
 * undefined when another step holds it.
 */
export async function tryLock(z: ZObject, key: string): Promise<ReleaseLock | undefined> {
	const lockKey = `${key}:lock`;
	const token = randomUUID();
	const set = await setForConnection(z, lockKey, token, LOCK_TTL_SECONDS, true);
	if (set === false || set === null) return undefined;
	if ((await getForConnection(z, lockKey)) !== token) return undefined;
	return async () => {
		if ((await getForConnection(z, lockKey)) === token) await deleteForConnection(z, lockKey);
	};
}

/** Runs `work` holding the lock on `key`, asking `attempts` times `retryMs` apart; undefined when it stayed busy. */
export async function withLock<T>(
	z: ZObject,
	key: string,
	work: () => Promise<T>,
	{ attempts, retryMs }: { attempts: number; retryMs: number },
): Promise<{ value: T } | undefined> {
	for (let attempt = 0; attempt < attempts; attempt += 1) {
		if (attempt > 0) await sleep(retryMs);
		const release = await tryLock(z, key);
		if (!release) continue;
		try {
			return { value: await work() };
		} finally {
			await release();
		}
	}
	return undefined;
}
