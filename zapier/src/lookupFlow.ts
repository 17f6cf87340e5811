import type { Bundle, ZObject } from 'zapier-platform-core';

import {
	collectLookup,
	isNotFound,
	NyneApiError,
	readCallback,
	readLookup,
	startLookup,
	type InteractionRequestBody,
	type LookupView,
	type NyneClient,
	type ReadLookupOptions,
} from '../../shared/index.js';
import { createNyneClient, STEP_BUDGET_MS } from './client.js';
import { rememberLookup } from './cache/recentLookups.js';

/** Retries allowed while polling: the core never sleeps past the deadline, so they cannot outlive the step. */
const POLL_RETRIES = 3;

/**
 * Starts a lookup and records it for the connection (the request dropdown, the instant trigger's checks).
 * Once Nyne has accepted the lookup nothing may fail the step, or Zapier's re-run would pay for it again:
 * a record that cannot be written is only logged (the instant trigger then checks with Nyne).
 */
export async function startRecorded(
	z: ZObject,
	bundle: Bundle,
	client: NyneClient,
	body: InteractionRequestBody,
): Promise<LookupView> {
	const started = await startLookup(client, body);
	try {
		await rememberLookup(z, bundle, started, body.social_media_url, Date.now());
	} catch (error) {
		z.console.log(
			`Nyne: lookup ${started.summary.request_id} started, but it could not be recorded for this ` +
				`connection (${error instanceof Error ? error.message : String(error)}).`,
		);
	}
	return started;
}

/**
 * Starts the step's checked lookup (without a callback) and waits for it within the step budget.
 * Returns the finished lookup, or the started one (still running) when time ran out.
 */
export async function startAndCollect(
	z: ZObject,
	bundle: Bundle,
	request: InteractionRequestBody,
	timeoutMs = STEP_BUDGET_MS,
): Promise<LookupView> {
	const client = createNyneClient(z, bundle, POLL_RETRIES);
	const started = await startRecorded(z, bundle, client, request);
	try {
		return await collectLookup(client, started.summary.request_id, { timeoutMs });
	} catch (error) {
		if (error instanceof NyneApiError && error.code === 'timeout') return started;
		throw error;
	}
}

const secretsOf = (bundle: Bundle) =>
	[bundle.authData.api_key ?? '', bundle.authData.api_secret ?? ''].map(String);

/**
 * Nyne's callback body, read only for the request this step started (`expectedRequestId`),
 * with the connection's secrets redacted from anything Nyne sent.
 */
export function readOwnCallback(bundle: Bundle, expectedRequestId: unknown): LookupView {
	return readCallback(bundle.cleanedRequest, {
		secrets: secretsOf(bundle),
		expectedRequestId: typeof expectedRequestId === 'string' ? expectedRequestId : '',
	});
}

/** Nyne's callback body for whichever request it names (the caller checks that request), secrets redacted. */
export function readPostedCallback(bundle: Bundle): LookupView {
	return readCallback(bundle.cleanedRequest, { secrets: secretsOf(bundle) });
}

/** A lookup that failed is an error in Zapier, in the core's `lookup_failed` words; any other passes through. */
export function throwIfFailed(view: LookupView): LookupView {
	if (view.failure) throw view.failure;
	return view;
}

/** The lookup as Nyne has it now (the core's `readLookup`), or undefined when Nyne does not know the request. */
export async function readKnownLookup(
	z: ZObject,
	bundle: Bundle,
	requestId: string,
	options: ReadLookupOptions = {},
): Promise<LookupView | undefined> {
	try {
		return await readLookup(createNyneClient(z, bundle), requestId, options);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw error;
	}
}
