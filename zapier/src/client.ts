import type { Bundle, ZObject } from 'zapier-platform-core';

import { abortReason, DEFAULT_BASE_URL, NyneClient } from '../../shared/index.js';
import { createZapierTransport } from './transport.js';

/** Zapier gives a step 30 s; waits inside a step stop well before that. */
export const STEP_BUDGET_MS = 25_000;

/** Right after a lookup starts Nyne may answer 404 for a moment; the core asks again, within this part of a step. */
export const YOUNG_NOT_FOUND_WAIT_MS = 15_000;

/** The credential's base URL, else NYNE_BASE_URL (local runs against the sandbox), else the real API. */
export function resolveBaseUrl(authData: Record<string, string | undefined>): string {
	return authData.base_url?.trim() || process.env.NYNE_BASE_URL?.trim() || DEFAULT_BASE_URL;
}

/** Waits `ms`, rejecting when `signal` aborts; the core cuts a long wait into timer-sized pieces (boundedSleep). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
	new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortReason(signal));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortReason(signal));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});

/**
 * Zapier runs steps in many short-lived processes and stops each after 30 s, so the app does not
 * wait for rate-limit room or back off inside a step: no in-process limiter, and `maxRetries` 0 for
 * single calls. Nyne's 429 (with Retry-After) and 5xx become ThrottledErrors and Zapier reschedules
 * the step. Polling within the step budget may retry, since the core never sleeps past its deadline.
 */
export function createNyneClient(z: ZObject, bundle: Bundle, maxRetries = 0): NyneClient {
	return new NyneClient({
		baseUrl: resolveBaseUrl(bundle.authData),
		apiKey: bundle.authData.api_key ?? '',
		apiSecret: bundle.authData.api_secret ?? '',
		// the app's beforeRequest middleware sets the key pair (the client leaves it to the platform)
		transport: createZapierTransport(z),
		sleep,
		now: () => Date.now(),
		limiter: false,
		maxRetries,
		maxWaitMs: STEP_BUDGET_MS,
	});
}
