import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { NyneValidationError, readCallback } from '../../shared';
import type { CallbackReading, LookupView } from '../../shared';

/** Compares a token from a query string with the expected one in constant time (hashes first, so lengths do not leak). */
export function tokensMatch(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received === '' || expected === '') return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/** Answers the webhook call itself and starts nothing. */
export function respond(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * A call to a Nyne callback URL: the lookup it carries when its query has the expected token and its body is a
 * Nyne callback (about the expected request, when one is given); else the answer that refuses it (403 for the
 * token or another request, 400 for the body), which starts nothing.
 */
export function acceptCallback(
	context: IWebhookFunctions,
	token: { parameter: string; expected: string; refusal: string },
	reading?: CallbackReading,
): { view: LookupView } | { answer: IWebhookResponseData } {
	const query = context.getQueryData() as IDataObject;
	if (!tokensMatch(query[token.parameter], token.expected))
		return { answer: respond(context, 403, { error: token.refusal }) };
	return readCallbackBody(context, reading);
}

/** The lookup a caller already let in posts, or the answer that refuses its body (400; 403 for another request). */
export function readCallbackBody(
	context: IWebhookFunctions,
	reading?: CallbackReading,
): { view: LookupView } | { answer: IWebhookResponseData } {
	try {
		return { view: readCallback(context.getBodyData(), reading) };
	} catch (error) {
		const status =
			error instanceof NyneValidationError && error.code === 'callback_request_mismatch'
				? 403
				: 400;
		return {
			answer: respond(context, status, {
				error: error instanceof Error ? error.message : 'Not a Nyne callback.',
			}),
		};
	}
}
