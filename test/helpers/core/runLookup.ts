import {
	DEFAULT_WAIT_TIMEOUT_MS,
	toLookupView,
	type CompletedLookup,
	type InteractionRequestBody,
	type NyneClient,
	type WaitOptions,
} from '../../../shared';

/**
 * A whole lookup through the client's public path, as the products run it: submit (within the wait's time), then
 * waitForResult; a failed lookup throws the core's `lookup_failed`. Gives the API's own fields for the tests to read.
 */
export async function runLookup(
	client: NyneClient,
	request: InteractionRequestBody,
	options: WaitOptions = {},
): Promise<CompletedLookup> {
	const submitted = await client.submit(request, {
		signal: options.signal,
		timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
	});
	const finished = await client.waitForResult(submitted.request_id, options);
	if (finished.status === 'failed') throw toLookupView(finished).failure;
	return finished;
}
