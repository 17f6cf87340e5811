import { parseCallbackPayload } from './callbackPayload.js';
import type { NyneClient, WaitOptions } from './client.js';
import { toLookupView } from './lookupView.js';
import type { LookupView } from './lookupView.js';
import type { InteractionRequestBody } from './types.js';

/*
 * The lookup's life, once for both products: start it, collect it, read it by request ID, read its callback.
 * Each use case returns a LookupView; adapters only map that view to items or to their platform's errors.
 */

/** Sends a checked request (see buildInteractionRequest); the view of the lookup Nyne accepted. */
export async function startLookup(client: NyneClient, body: InteractionRequestBody, options: { signal?: AbortSignal } = {}): Promise<LookupView> {
	const submitted = await client.submit(body, options);
	return toLookupView(
		{
			requestId: submitted.requestId,
			status: submitted.status,
			interactionType: submitted.interactionType ?? body.type,
			platform: submitted.platform,
			createdOn: submitted.createdOn,
		},
		{ callbackUrl: body.callback_url },
	);
}

/** Waits until the lookup completes or fails (see NyneClient.waitForResult); throws `timeout` at the deadline. */
export async function collectLookup(client: NyneClient, requestId: string, options: WaitOptions = {}): Promise<LookupView> {
	return toLookupView(await client.waitForResult(requestId, options));
}

/**
 * The lookup as it is now, without waiting. A 404 while the request may still be too young to be known
 * (the core's one 404 rule) reads as `pending`; `submittedAt` is the caller's record of when it was started.
 */
export async function readLookup(client: NyneClient, requestId: string, options: { submittedAt?: number } = {}): Promise<LookupView> {
	try {
		return toLookupView(await client.getRequest(requestId));
	} catch (error) {
		if (!client.isEarlyNotFound(requestId, error, options.submittedAt)) throw error;
		return toLookupView({ requestId: requestId.trim(), status: 'pending' });
	}
}

/** The body Nyne POSTs to a callback URL; throws NyneValidationError when it is not a Nyne callback. */
export function readCallback(body: unknown): LookupView {
	return toLookupView(parseCallbackPayload(body));
}
