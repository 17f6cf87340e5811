import { parseCallbackPayload } from './callbackPayload.js';
import type { CallbackReading } from './callbackPayload.js';
import type { NyneClient, SubmitOptions, WaitOptions } from './client.js';
import { toLookupView } from './lookupView.js';
import type { LookupView } from './lookupView.js';
import type { InteractionRequestBody } from './types.js';
import { settle } from './settle.js';

/*
 * The lookup's life, once for both products: start it, collect it, read it by request ID, read its callback.
 * Each use case returns a LookupView; adapters only map that view to items or to their platform's errors.
 */

/** Sends a checked request (see buildInteractionRequest); the view of the lookup Nyne accepted. */
export async function startLookup(
	client: NyneClient,
	body: InteractionRequestBody,
	options: SubmitOptions = {},
): Promise<LookupView> {
	return toLookupView(await client.submit(body, options), { callbackUrl: body.callback_url });
}

/** Waits until the lookup completes or fails (see NyneClient.waitForResult); throws `timeout` at the deadline. */
export async function collectLookup(
	client: NyneClient,
	requestId: string,
	options: WaitOptions = {},
): Promise<LookupView> {
	return toLookupView(await client.waitForResult(requestId, options));
}

export interface ReadLookupOptions {
	/** The caller's record of when the request was started (a trigger's state, a Zapier bundle). */
	submittedAt?: number;
	/** Ask again through a 404 while the request is young, for at most `maxWaitMs` (default: while young). */
	waitWhileYoung?: boolean;
	maxWaitMs?: number;
	signal?: AbortSignal;
	/** When every wait of the read must be over (ms since the epoch), e.g. the end of a trigger's poll. */
	deadline?: number;
}

/**
 * The lookup as it is now. A 404 while the request may still be too young to be known (the core's one 404
 * rule) is asked again while `waitWhileYoung` allows, and otherwise reads as `pending`.
 */
export async function readLookup(
	client: NyneClient,
	requestId: string,
	options: ReadLookupOptions = {},
): Promise<LookupView> {
	const read = await settle(() => client.getRequest(requestId, options));
	if (read.ok) return toLookupView(read.value);
	const meaning = client.notFoundMeaning(requestId, read.error, {
		submittedAt: options.submittedAt,
	});
	if (meaning !== 'not_visible_yet') throw read.error;
	return toLookupView({ request_id: requestId.trim(), status: 'pending' });
}

/** The body Nyne POSTs to a callback URL; throws NyneValidationError when it is not a Nyne callback. */
export function readCallback(body: unknown, reading?: CallbackReading): LookupView {
	return toLookupView(parseCallbackPayload(body, reading));
}
