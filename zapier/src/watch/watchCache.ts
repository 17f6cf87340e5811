import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { HOUR_MS } from '../../../shared/index.js';
import { connectionDigest, digest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';
import type { WatchEvent } from './watchItems.js';

const ENVELOPE_VERSION = 1;
/** Items waiting for a later poll: a lookup lists at most 1000 people. */
export const MAX_QUEUED = 1_000;

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

/**
 * One cache entry per Zap (per connection and settings where Zapier gives no Zap ID), so two Zaps
 * watching the same profile each get every change. The key holds hashes only, never the API key.
 */
export function watchCacheKey(bundle: Bundle, triggerKey: string, watch: string): string {
	const zapId = bundle.meta?.zap?.id;
	const owner = zapId ? `zap:${zapId}` : `key:${connectionDigest(bundle)}`;
	return `nyne-watch:${triggerKey}:${digest(`${owner}|${watch}`)}`;
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
		STATE_TTL_SECONDS,
		Math.ceil((4 * intervalMs) / 1000),
		Math.ceil((2 * HOUR_MS) / 1000),
	);
	await z.cache.set(key, envelope, ttl);
}
