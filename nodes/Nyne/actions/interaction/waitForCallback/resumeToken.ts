import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * A fresh token for each run that waits: a random nonce and its signature for this execution and node under the
 * API secret. n8n's resume URLs are guessable, so only a caller holding it may resume; the signature lets the
 * resume check it where the execution's custom data cannot be read back (n8n 1.x's resume webhook).
 */
export function newResumeToken(apiSecret: string, executionId: string, nodeId: string): string {
	const nonce = randomBytes(16).toString('hex');
	return `${nonce}.${signNonce(apiSecret, executionId, nodeId, nonce)}`;
}

function signNonce(apiSecret: string, executionId: string, nodeId: string, nonce: string): string {
	return createHmac('sha256', apiSecret)
		.update(`nyne-resume|${executionId}|${nodeId}|${nonce}`)
		.digest('hex')
		.slice(0, 40);
}

/**
 * The waiting run's own mark of its token, kept with the item it leaves on the execution's stack (as `wait_id`):
 * a one-way digest, so it resumes nothing by itself, and it needs no API secret to check (a rotated secret still
 * lets the paid result in).
 */
export function waitIdOf(token: string): string {
	return createHash('sha256').update(`nyne-wait|${token}`).digest('hex').slice(0, 32);
}

/** Whether a token was made by newResumeToken for this execution and node under this API secret. */
export function isSignedResumeToken(
	token: unknown,
	apiSecret: string,
	executionId: string,
	nodeId: string,
): boolean {
	if (typeof token !== 'string') return false;
	const [nonce, signature] = token.split('.');
	if (!nonce || !signature || !/^[0-9a-f]{32}$/.test(nonce)) return false;
	const expected = Buffer.from(signNonce(apiSecret, executionId, nodeId, nonce));
	const received = Buffer.from(signature);
	return received.length === expected.length && timingSafeEqual(received, expected);
}
