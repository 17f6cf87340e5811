import type { Bundle, ZObject } from 'zapier-platform-core';

import { getForConnection, setForConnection } from '../cache/connectionCache.js';
import { connectionDigest, digest, STATE_TTL_SECONDS } from '../cache/connectionKey.js';

/*
 * The lookups whose results the instant trigger already handed to Zapier on this connection: Nyne (or anyone
 * replaying its post) may send a callback more than once, and each lookup fires the Zap once.
 */

const deliveredKey = (bundle: Bundle, requestId: string) =>
	`nyne-delivered:${connectionDigest(bundle)}:${digest(requestId)}`;

/**
 * Records `requestId` as delivered and answers true, or answers false when it already was. The write is
 * `nx`, so two posts of one callback arriving together fire once. A cache that cannot be reached answers
 * true: a paid result delivered twice beats one never delivered.
 */
export async function claimDelivery(
	z: ZObject,
	bundle: Bundle,
	requestId: string,
	now: number,
): Promise<boolean> {
	const key = deliveredKey(bundle, requestId);
	try {
		if ((await getForConnection(z, key)) !== null) return false;
		const record = { delivered_at: new Date(now).toISOString() };
		const set = await setForConnection(z, key, record, STATE_TTL_SECONDS, true);
		return set !== false && set !== null;
	} catch (error) {
		z.console.log(`Nyne: the record of delivered lookups could not be used (${String(error)}).`);
		return true;
	}
}
