import type { Bundle, ZObject } from 'zapier-platform-core';

import { DEFAULT_BASE_URL, NyneClient, RateLimiterRegistry } from '../../shared/index.js';
import { createZapierTransport } from './transport.js';

/** Zapier gives a step 30 s; waits inside a step stop well before that. */
export const STEP_BUDGET_MS = 25_000;

/** One limiter per API key for as long as this process lives (a warm Zapier worker runs many steps). */
const limiters = new RateLimiterRegistry();

/** The credential's base URL, else NYNE_BASE_URL (local runs against the sandbox), else the real API. */
export function resolveBaseUrl(authData: Record<string, string | undefined>): string {
	return authData.base_url?.trim() || process.env.NYNE_BASE_URL?.trim() || DEFAULT_BASE_URL;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
	new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});

/**
 * `maxRetries` stays 0 for single calls: the core honours Retry-After, and a long wait would
 * outlive the step, so Zapier's own retry (a ThrottledError) takes over. Waits with a deadline
 * (polling within the step budget) may retry, since the core never sleeps past the deadline.
 */
export function createNyneClient(z: ZObject, bundle: Bundle, maxRetries = 0): NyneClient {
	const apiKey = bundle.authData.api_key ?? '';
	return new NyneClient({
		baseUrl: resolveBaseUrl(bundle.authData),
		apiKey,
		apiSecret: bundle.authData.api_secret ?? '',
		transport: createZapierTransport(z),
		sleep,
		now: Date.now,
		limiter: limiters.forKey(apiKey),
		maxRetries,
	});
}
