import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	buildInteractionRequest,
	collectLookup,
	NyneApiError,
	readCallback,
	startLookup,
	type LookupView,
} from '../../shared/index.js';
import { createNyneClient, STEP_BUDGET_MS } from './client.js';
import { lookupInput } from './fields.js';

/** Retries allowed while polling: the core never sleeps past the deadline, so they cannot outlive the step. */
const POLL_RETRIES = 3;

/**
 * Starts a lookup without a callback and waits for it within the step budget.
 * Returns the finished lookup, or the started one (still running) when time ran out.
 */
export async function startAndCollect(
	z: ZObject,
	bundle: Bundle,
	timeoutMs = STEP_BUDGET_MS,
): Promise<LookupView> {
	const client = createNyneClient(z, bundle, POLL_RETRIES);
	const started = await startLookup(client, buildInteractionRequest(lookupInput(bundle.inputData)));
	try {
		return await collectLookup(client, started.summary.request_id, { timeoutMs });
	} catch (error) {
		if (error instanceof NyneApiError && error.code === 'timeout') return started;
		throw error;
	}
}

/**
 * Nyne's callback body, read only for the request this subscription or step started (`expectedRequestId`),
 * with the connection's secrets redacted from anything Nyne sent.
 */
export function readOwnCallback(bundle: Bundle, expectedRequestId: unknown): LookupView {
	const secrets = [bundle.authData.api_key ?? '', bundle.authData.api_secret ?? ''].map(String);
	return readCallback(bundle.cleanedRequest, {
		secrets,
		expectedRequestId: typeof expectedRequestId === 'string' ? expectedRequestId : '',
	});
}

/** A lookup that failed is an error in Zapier, in the core's `lookup_failed` words; any other passes through. */
export function unlessFailed(view: LookupView): LookupView {
	if (view.failure) throw view.failure;
	return view;
}
