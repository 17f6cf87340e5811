import { createHmac, randomBytes } from 'crypto';

import { NyneValidationError, signCallbackReference } from '../../shared';
import type { Hmac } from '../../shared';

/** The query parameter that carries a Nyne Trigger's Secret Token, and the shortest token it accepts. */
export const TOKEN_QUERY_PARAMETER = 'token';
export const MIN_TOKEN_LENGTH = 16;

/** The core's HMAC port, for the Nyne node that signs a reference and the Nyne Trigger that checks it. */
export const hmacSha256: Hmac = (key, message) =>
	createHmac('sha256', key).update(message).digest('hex');

/**
 * A Nyne Trigger's callback URL (its Production URL with `?token=`) made to carry `reference`: the token is
 * taken out and the reference signed with it, so the URL Nyne holds gives away no secret and no way to make
 * another reference.
 */
export function withSignedReference(callbackUrl: string, reference: string, now: number): string {
	let token: string | null = null;
	try {
		token = new URL(callbackUrl).searchParams.get(TOKEN_QUERY_PARAMETER);
	} catch {
		token = null;
	}
	if (!token || token.length < MIN_TOKEN_LENGTH)
		throw new NyneValidationError(
			'invalid_callback_url',
			"A Reference travels to a Nyne Trigger, so the Callback URL must be that trigger's Production URL " +
				`with ?token= and its Secret Token (at least ${MIN_TOKEN_LENGTH} characters) appended.`,
			'callback_url',
		);
	const nonce = randomBytes(16).toString('base64url');
	return signCallbackReference(
		callbackUrl,
		{ reference, nonce, issuedAtMs: now },
		token,
		hmacSha256,
		TOKEN_QUERY_PARAMETER,
	);
}
