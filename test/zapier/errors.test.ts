import { describe, expect, it } from 'vitest';

import type { Sandbox } from '../../sandbox/index';
import type { ZObject } from '../../zapier/node_modules/zapier-platform-core';
import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	KEY,
	performOf,
	rejectionOf,
	SECRET,
	shownMessage,
	useSandbox,
	withSandbox,
} from '../helpers/zapier/harness';

const start = performOf(App.creates.start_interaction_lookup.operation.perform);
const search = performOf(App.searches.find_interaction_request.operation.perform);
const lookup = { type: 'followers', social_media_url: 'https://x.com/acme' };

const KEYS = {
	expired: {
		apiKey: 'zk_EXPIRED_key_should_never_leak_1',
		apiSecret: 'zs_EXPIRED_secret_never_leak_1',
		expired: true,
	},
	noSubscription: {
		apiKey: 'zk_NOSUB_key_should_never_leak_2',
		apiSecret: 'zs_NOSUB_secret_never_leak_2',
		subscription: 'none' as const,
	},
	noFeature: {
		apiKey: 'zk_NOFEAT_key_should_never_leak_3',
		apiSecret: 'zs_NOFEAT_secret_never_leak_3',
		subscription: 'no_feature' as const,
	},
	noCredits: {
		apiKey: 'zk_NOCRED_key_should_never_leak_4',
		apiSecret: 'zs_NOCRED_secret_never_leak_4',
		credits: 0,
	},
	denied: {
		apiKey: 'zk_DENIED_key_should_never_leak_5',
		apiSecret: 'zs_DENIED_secret_never_leak_5',
		accessDenied: true,
	},
	ipLocked: {
		apiKey: 'zk_IPLOCK_key_should_never_leak_6',
		apiSecret: 'zs_IPLOCK_secret_never_leak_6',
		allowedIps: ['203.0.113.9'],
	},
};

function throttleDelay(error: Error): number {
	return (JSON.parse(error.message) as { delay: number }).delay;
}

function expectNoKeyLeaks(error: Error): void {
	expectNoSecrets(error);
	const text = JSON.stringify(error, Object.getOwnPropertyNames(error));
	for (const key of Object.values(KEYS)) {
		expect(text).not.toContain(key.apiKey);
		expect(text).not.toContain(key.apiSecret);
	}
}

/** Runs `use` against a sandbox on real time (so its Retry-After says `seconds`) whose next POST answers 429. */
function withRateLimitedPost(seconds: number, use: (sandbox: Sandbox) => Promise<void>) {
	return withSandbox({ timeScale: 1 }, async (realTime) => {
		realTime.control.injectFault({
			kind: 'rate_limit',
			method: 'POST',
			times: 1,
			retryAfterSeconds: seconds,
		});
		await use(realTime);
	});
}

describe('Zapier error mapping', () => {
	const env = useSandbox({ extraKeys: Object.values(KEYS) });

	const run = (authData: Record<string, string>, inputData: Record<string, unknown> = lookup) =>
		rejectionOf(appTester(start, { authData, inputData }));

	it.each([
		[
			'a wrong secret',
			() => authFor(env.sandbox.url, KEY, 'not_the_secret'),
			/secret does not match .*"API Secret" field/,
		],
		[
			'an unknown key',
			() => authFor(env.sandbox.url, 'zk_nobody_knows_this_key', SECRET),
			/does not know this API key.*"API Key" field/,
		],
		[
			'a key without a secret',
			() => ({ base_url: env.sandbox.url, api_key: KEY }),
			/no API key or secret/,
		],
		[
			'an expired key',
			() => authFor(env.sandbox.url, KEYS.expired.apiKey, KEYS.expired.apiSecret),
			/expired/,
		],
		['no key at all', () => ({ base_url: env.sandbox.url }), /no API key or secret/],
	])('asks to reconnect for %s (401)', async (_name, auth, message) => {
		const error = await run(auth());
		expect(error.name).toBe('ExpiredAuthError');
		expect(shownMessage(error)).toMatch(message);
		expectNoKeyLeaks(error);
	});

	it.each([
		['no_active_subscription', KEYS.noSubscription, /no active Nyne subscription/],
		['subscription_required', KEYS.noFeature, /plan does not include/],
		['insufficient_credits', KEYS.noCredits, /Not enough Nyne credits/],
		['access_denied', KEYS.denied, /denied access/],
		['ip_not_allowed', KEYS.ipLocked, /allowed list/],
	])('halts without switching the Zap off on %s (403)', async (_code, key, message) => {
		const error = await run(authFor(env.sandbox.url, key.apiKey, key.apiSecret));
		expect(error.name).toBe('HaltedError');
		expect(shownMessage(error)).toMatch(message);
		expectNoKeyLeaks(error);
	});

	it('throttles with the Retry-After delay on 429 rate_limit_exceeded', async () => {
		await withRateLimitedPost(42, async (realTime) => {
			const error = await run(authFor(realTime.url));
			expect(error.name).toBe('ThrottledError');
			expect(throttleDelay(error)).toBe(42);
			expect(shownMessage(error)).toMatch(/rate limit/);
			expect(realTime.control.stats().submissions).toBe(0);
		});
	});

	it('throttles until the next billing cycle on monthly_limit_exceeded', async () => {
		await withSandbox({ rateLimit: { monthly: 1 } }, async (limited) => {
			await appTester(start, { authData: authFor(limited.url), inputData: lookup });
			const error = await run(authFor(limited.url));
			expect(error.name).toBe('ThrottledError');
			expect(shownMessage(error)).toMatch(/monthly request limit/);
			expect(throttleDelay(error)).toBeGreaterThan(0);
		});
	});

	it('retries later on a server error (5xx), for a submit and for a status check', async () => {
		env.sandbox.control.injectFault({ kind: 'server_error', method: 'POST', times: 1 });
		const submitError = await run(authFor(env.sandbox.url));
		expect(submitError.name).toBe('ThrottledError');
		expect(shownMessage(submitError)).toMatch(/internal error/);

		env.sandbox.control.injectFault({ kind: 'server_error', method: 'GET', times: 1 });
		const statusError = await rejectionOf(
			appTester(search, {
				authData: authFor(env.sandbox.url),
				inputData: { request_id: 'interaction_abc_1' },
			}),
		);
		expect(statusError.name).toBe('ThrottledError');
	});

	it('never resends a submit whose answer was lost, and says so', async () => {
		env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST', times: 1 });
		const error = await run(authFor(env.sandbox.url));
		expect(shownMessage(error)).toMatch(/never paid for twice/);
		expect(env.sandbox.control.stats().byEndpoint['POST /person/interactions']).toBe(1);
	});

	it('signs a request made with z.request directly with the key pair (the beforeRequest middleware)', async () => {
		const post = (z: ZObject) =>
			z
				.request({
					url: `${env.sandbox.url}/person/interactions`,
					method: 'POST',
					body: { type: 'followers', social_media_url: 'https://x.com/acme' },
				})
				.then((response) => response.data);
		const data = (await appTester(post, { authData: authFor(env.sandbox.url) })) as {
			data: { request_id: string };
		};
		expect(data.data.request_id).toMatch(/^interaction_/);
	});

	it('does not let Zapier re-run a start whose POST got a 504 (the lookup may exist)', async () => {
		env.sandbox.control.injectFault({
			kind: 'server_error',
			method: 'POST',
			status: 504,
			times: 1,
		});
		const error = await run(authFor(env.sandbox.url));
		expect(error.name).not.toBe('ThrottledError');
		expect(shownMessage(error)).toMatch(/not sent again/);
		expect(env.sandbox.control.stats().submissions).toBeLessThanOrEqual(1);
		expectNoKeyLeaks(error);
	});
});
