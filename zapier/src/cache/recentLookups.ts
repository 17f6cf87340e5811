import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { LookupView } from '../../../shared/index.js';
import { withLock } from './cacheLock.js';
import { getForConnection, setForConnection } from './connectionCache.js';
import { connectionDigest, STATE_TTL_SECONDS } from './connectionKey.js';

/*
 * The lookups the app started on a connection, newest first: the dropdown of "Find Interaction Request",
 * the editor's sample of the instant trigger, and the instant trigger's check that a callback is about a
 * lookup of this connection. Best effort: a record lost to a race or eviction only means the instant
 * trigger asks Nyne instead.
 */

const MAX_RECENT = 200;
/** A Start step waits a little for the lock; after that the record is skipped (and logged by the caller). */
const LOCK = { attempts: 8, retryMs: 250 };

const recentSchema = zod.object({
	request_id: zod.string().min(1),
	interaction_type: zod.string().nullable(),
	social_media_url: zod.string(),
	started_at: zod.string(),
});
export type RecentLookup = zod.infer<typeof recentSchema>;

const recentKey = (bundle: Bundle) => `nyne-lookups:${connectionDigest(bundle)}`;

export async function recentLookups(z: ZObject, bundle: Bundle): Promise<RecentLookup[]> {
	const parsed = zod.array(recentSchema).safeParse(await getForConnection(z, recentKey(bundle)));
	return parsed.success ? parsed.data : [];
}

export async function rememberLookup(
	z: ZObject,
	bundle: Bundle,
	view: LookupView,
	socialMediaUrl: string,
	now: number,
): Promise<void> {
	const entry: RecentLookup = {
		request_id: view.summary.request_id,
		interaction_type: view.summary.interaction_type,
		social_media_url: socialMediaUrl,
		started_at: new Date(now).toISOString(),
	};
	const key = recentKey(bundle);
	const done = await withLock(
		z,
		key,
		async () => {
			const kept = (await recentLookups(z, bundle)).filter(
				(e) => e.request_id !== entry.request_id,
			);
			await setForConnection(z, key, [entry, ...kept].slice(0, MAX_RECENT), STATE_TTL_SECONDS);
		},
		LOCK,
	);
	if (!done) throw new Error('the record of lookups is being written by another step');
}

export async function isRecentLookup(
	z: ZObject,
	bundle: Bundle,
	requestId: string,
): Promise<boolean> {
	return (await recentLookups(z, bundle)).some((entry) => entry.request_id === requestId);
}
