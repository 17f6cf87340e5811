import { createHash, randomUUID } from 'node:crypto';

import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { HOUR_MS } from '../../../shared/index.js';
import type { WatchEvent } from './watchItems.js';

const ENVELOPE_VERSION = 1;
/** Items waiting for a later poll: a lookup lists at most 1000 people. */
export const MAX_QUEUED = 1_000;
/** A poll holds its watch's lock at most this long (a step has 30 s). */
const LOCK_TTL_SECONDS = 60;
const MIN_STATE_TTL_SECONDS = 30 * 24 * 3600;

const envelopeSchema = zod.object({
	v: zod.literal(ENVELOPE_VERSION),
	/** The core watch's state; the core checks it. */
	watch: zod.unknown(),
	pending: zod
		.object({ requestId: zod.string().min(1).max(200), startedAt: zod.number().finite() })
		.nullable(),
	lastStartedAt: zod.number().finite().nullable(),
	/** Changes found but not yet handed to Zapier, oldest first. */
	queue: zod.array(zod.record(zod.unknown())).max(MAX_QUEUED),
});

export type WatchEnvelope = Omit<zod.infer<typeof envelopeSchema>, 'queue'> & {
	queue: WatchEvent[];
};

export function emptyEnvelope(): WatchEnvelope {
	return { v: ENVELOPE_VERSION, watch: null, pending: null, lastStartedAt: null, queue: [] };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * One cache entry per Zap (per connection and settings where Zapier gives no Zap ID), so two Zaps
 * watching the same profile each get every change. The key holds hashes only, never the API key.
 */
export function watchCacheKey(bundle: Bundle, triggerKey: string, watch: string): string {
	const zapId = bundle.meta?.zap?.id;
	const owner = zapId ? `zap:${zapId}` : `key:${sha256(String(bundle.authData?.api_key ?? ''))}`;
	return `nyne-watch:${triggerKey}:${sha256(`${owner}|${watch}`)}`;
}

/** The stored envelope, or an empty one (a new baseline) when it is missing or unreadable. */
export async function readEnvelope(z: ZObject, key: string): Promise<WatchEnvelope> {
	const stored: unknown = await z.cache.get(key);
	if (stored === null || stored === undefined) return emptyEnvelope();
	const parsed = envelopeSchema.safeParse(stored);
	if (parsed.success) return parsed.data as WatchEnvelope;
	z.console.log(
		`Nyne: the stored state of ${key} was unreadable; starting over with a new baseline.`,
	);
	return emptyEnvelope();
}

export async function writeEnvelope(
	z: ZObject,
	key: string,
	envelope: WatchEnvelope,
	intervalMs: number,
): Promise<void> {
	const ttl = Math.max(
		MIN_STATE_TTL_SECONDS,
		Math.ceil((4 * intervalMs) / 1000),
		Math.ceil((2 * HOUR_MS) / 1000),
	);
	await z.cache.set(key, envelope, ttl);
}

/**
 * Takes the watch's lock with `nx`, and checks it holds our token (a cache that ignores `nx` cannot
 * then hand it to two polls that asked one after the other). Returns a release function, or
 * undefined when another poll holds it.
 */
export async function lockWatch(
	z: ZObject,
	key: string,
): Promise<(() => Promise<void>) | undefined> {
	const lockKey = `${key}:lock`;
	const token = randomUUID();
	const set = await z.cache.set(lockKey, token, LOCK_TTL_SECONDS, undefined, true);
	if (set === false || set === null) return undefined;
	if ((await z.cache.get(lockKey)) !== token) return undefined;
	return async () => {
		if ((await z.cache.get(lockKey)) === token) await z.cache.delete(lockKey);
	};
}
