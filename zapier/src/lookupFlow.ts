import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	NyneApiError,
	parseCallbackPayload,
	type CompletedLookup,
	type RequestStatus,
} from '../../shared/index.js';
import { createNyneClient, STEP_BUDGET_MS } from './client.js';
import { lookupInput } from './fields.js';

/** Retries allowed while polling: the core never sleeps past the deadline, so they cannot outlive the step. */
const POLL_RETRIES = 3;

/**
 * Submits without a callback and polls until done or the step budget is spent.
 * Returns the final status, or the last known status when time ran out (`status` still running).
 */
export async function submitAndPoll(z: ZObject, bundle: Bundle, timeoutMs = STEP_BUDGET_MS): Promise<RequestStatus> {
	const client = createNyneClient(z, bundle, POLL_RETRIES);
	const submitted = await client.submit(buildInteractionRequest(lookupInput(bundle.inputData)));
	try {
		return await client.waitForResult(submitted.requestId, { timeoutMs });
	} catch (error) {
		if (error instanceof NyneApiError && error.code === 'timeout') {
			return { requestId: submitted.requestId, status: 'processing', interactionType: submitted.interactionType, platform: submitted.platform };
		}
		throw error;
	}
}

/**
 * A completed callback body as the core's lookup; a failed lookup throws the core's `lookup_failed`.
 * Only the request this subscription or step started is read (`expectedRequestId`); secrets are redacted.
 */
export function completedFromCallback(body: unknown, bundle: Bundle, expectedRequestId: string): CompletedLookup {
	const secrets = [bundle.authData.api_key ?? '', bundle.authData.api_secret ?? ''];
	const outcome = parseCallbackPayload(body, { secrets, expectedRequestId });
	if (outcome.status === 'failed') {
		throw new NyneApiError('lookup_failed', { requestId: outcome.requestId, serverMessage: outcome.error });
	}
	return outcome;
}

export function failedLookupError(status: RequestStatus): NyneApiError {
	return new NyneApiError('lookup_failed', { requestId: status.requestId, serverMessage: status.error });
}
