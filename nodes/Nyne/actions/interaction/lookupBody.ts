import { createHash, createHmac, timingSafeEqual } from 'crypto';

import { buildInteractionRequest } from '../../../../shared';
import type { InteractionRequestBody, InteractionType } from '../../../../shared';

export type LookupOperation = 'getReplies' | 'getFollowers' | 'getFollowing' | 'getFollowersAndFollowing';

export const INTERACTION_TYPE_BY_OPERATION: Record<LookupOperation, InteractionType> = {
	getReplies: 'replies',
	getFollowers: 'followers',
	getFollowing: 'following',
	getFollowersAndFollowing: 'followers,following',
};

export const CALLBACK_TOKEN_PARAMETER = 'nyne_token';

/** Reads one node parameter for the item at hand (execute and webhook contexts read them differently). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** The request body without callback_url, from the item's own parameters; throws NyneValidationError on bad input. */
export function buildLookupBody(operation: LookupOperation, read: ParameterReader): InteractionRequestBody {
	return buildInteractionRequest({
		type: INTERACTION_TYPE_BY_OPERATION[operation],
		socialMediaUrl: String(read('socialMediaUrl', '') ?? ''),
		maxResults: read('maxResults', 100) as number | string,
	});
}

/**
 * Binds a resume URL to this execution, this node and this request, keyed by the API secret:
 * n8n's resume URLs are guessable, so only a caller holding this token may resume the execution.
 */
export function callbackToken(apiSecret: string, executionId: string, nodeId: string, body: InteractionRequestBody): string {
	const request = JSON.stringify([body.type, body.social_media_url, body.max_results ?? null]);
	return createHmac('sha256', apiSecret).update(`nyne-resume|${executionId}|${nodeId}|${request}`).digest('hex').slice(0, 40);
}

export function tokensMatch(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received === '') return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

export function withQueryParameter(url: string, name: string, value: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set(name, value);
	return parsed.toString();
}
