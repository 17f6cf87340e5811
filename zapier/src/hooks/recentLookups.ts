import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import type { LookupView } from '../../../shared/index.js';
import { connectionDigest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';

/*
 * The lookups the app started on a connection, newest first: the dropdown of "Find Interaction Request",
 * the editor's sample of the instant trigger, and the instant trigger's check that a callback is about a
 * lookup of this connection. Best effort: a record lost to a race or eviction only means the instant
 * trigger asks Nyne instead.
 */

const MAX_RECENT = 200;

const recentSchema = zod.object({
	request_id: zod.string().min(1),
	interaction_type: zod.string().nullable(),
	social_media_url: zod.string(),
	started_at: zod.string(),
});
export type RecentLookup = zod.infer<typeof recentSchema>;

const recentKey = (bundle: Bundle) => `nyne-lookups:${connectionDigest(bundle)}`;

export async function recentLookups(z: ZObject, bundle: Bundle): Promise<RecentLookup[]> {
	const parsed = zod.array(recentSchema).safeParse(await z.cache.get(recentKey(bundle)));
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
	const kept = (await recentLookups(z, bundle)).filter((e) => e.request_id !== entry.request_id);
	await z.cache.set(recentKey(bundle), [entry, ...kept].slice(0, MAX_RECENT), STATE_TTL_SECONDS);
}

export async function isRecentLookup(
	z: ZObject,
	bundle: Bundle,
	requestId: string,
): Promise<boolean> {
	return (await recentLookups(z, bundle)).some((entry) => entry.request_id === requestId);
}
