import { describe, expect, it } from 'vitest';

import {
	App,
	appTester,
	authFor,
	clearAppCache,
	expectNoSecrets,
	performOf,
	rejectionOf,
	shownMessage,
	useSandbox,
} from '../helpers/zapier/harness';
import { completedCallback } from '../helpers/core/callbackFixtures';

const start = performOf(App.creates.start_interaction_lookup.operation.perform);
const fetchPerform = performOf(App.creates.fetch_interactions.operation.perform);
const performResume = performOf(App.creates.fetch_interactions.operation.performResume);
const search = performOf(App.searches.find_interaction_request.operation.perform);
const hook = App.triggers.interaction_results.operation;
if (hook.type !== 'hook') throw new Error('interaction_results should be a REST hook trigger');
const lookup = { type: 'followers', social_media_url: 'https://x.com/paid_once', max_results: 10 };
const DISABLED = {
	apiKey: 'zk_DISABLED_key_should_never_leak',
	apiSecret: 'zs_DISABLED_secret_never_leak',
	disabled: true,
};

describe('Zapier: field hardening against the sandbox', () => {
	const env = useSandbox({ jobDurationMs: 0, extraKeys: [DISABLED] });

	/** Asks (free) until Nyne has finished the lookup; its number of people. */
	const completedCount = async (requestId: string): Promise<number> => {
		for (let attempt = 0; attempt < 100; attempt++) {
			const [found] = (await appTester(search, {
				authData: authFor(env.sandbox.url),
				inputData: { request_id: requestId },
			})) as Array<{ status: string; count: number }>;
			if (found?.status === 'completed') return found.count;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`lookup ${requestId} did not finish`);
	};
	const callbackBody = (requestId: string) =>
		completedCallback(requestId, 'someone', [{ username: 'forged_person' }]);

	it.each([
		[
			'start_interaction_lookup',
			() => appTester(start, { authData: authFor(env.sandbox.url), inputData: lookup }),
		],
		[
			'fetch_interactions',
			() => appTester(fetchPerform, { authData: authFor(env.sandbox.url), inputData: lookup }),
		],
	])(
		'%s: a proxy answering the POST with an HTML 500 after creating the job halts (no ThrottledError, no re-run): jobs created == 1',
		async (_step, run) => {
			env.sandbox.control.injectFault({
				kind: 'server_error',
				method: 'POST',
				status: 500,
				body: 'html',
				afterProcessing: true,
				times: 10,
			});
			const error = await rejectionOf(run());
			expect(error.name).toBe('HaltedError');
			expect(error.name).not.toBe('ThrottledError');
			expect(shownMessage(error)).toMatch(/HTTP 500 .*may still arrive.*not sent again/s);
			expect(env.sandbox.control.stats()).toMatchObject({
				submissions: 1,
				byEndpoint: { 'POST /person/interactions': 1 },
			});
			expectNoSecrets(error);
		},
	);

	it('an empty 502 after creation halts too: jobs created == 1', async () => {
		env.sandbox.control.injectFault({
			kind: 'server_error',
			method: 'POST',
			status: 502,
			body: 'empty',
			afterProcessing: true,
			times: 10,
		});
		const error = await rejectionOf(
			appTester(start, { authData: authFor(env.sandbox.url), inputData: lookup }),
		);
		expect(error.name).toBe('HaltedError');
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('find waits through a young 404 (the core\'s rule), and says "not found" at once for an old request', async () => {
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: lookup,
		})) as { request_id: string };
		env.sandbox.control.injectFault({ kind: 'early_404', times: 2 });
		const [found] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: started.request_id },
		})) as Array<{ request_id: string }>;
		expect(found?.request_id).toBe(started.request_id);
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(3);

		const old = await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: 'interaction_abc123def456_1700000000' },
		});
		expect(old).toEqual([]);
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(4);
	});

	it('find reads a result with a nameless person and a text total_count, and says how many were dropped', async () => {
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: lookup,
		})) as { request_id: string };
		env.sandbox.control.injectFault({ kind: 'odd_result', shape: 'nameless_person' });
		const [found] = (await appTester(search, {
			authData: authFor(env.sandbox.url),
			inputData: { request_id: started.request_id },
		})) as Array<{ status: string; count: number; dropped_count: number }>;
		expect(found).toMatchObject({ status: 'completed', count: 10, dropped_count: 1 });
	});

	it("the REST hook triggers nothing for a forged callback about a lookup Nyne does not know; an older subscription's own lookup still triggers", async () => {
		const subscribeData = {
			id: 'interaction_mine000000_1700000000',
			request_id: 'interaction_mine000000_1700000000',
		};
		const forged = await appTester(performOf(hook.perform), {
			authData: authFor(env.sandbox.url),
			subscribeData,
			cleanedRequest: callbackBody('interaction_other00000_1700000000'),
		});
		expect(forged).toEqual([]);
		// The older version's subscription started a real lookup; its callback fires with Nyne's answer.
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: lookup,
		})) as { request_id: string };
		await clearAppCache();
		const finished = await completedCount(started.request_id);
		const older = { id: started.request_id, request_id: started.request_id };
		const mine = (await appTester(performOf(hook.perform), {
			authData: authFor(env.sandbox.url),
			subscribeData: older,
			cleanedRequest: callbackBody(started.request_id),
		})) as unknown[];
		expect(mine).toHaveLength(finished);
	});

	it('performResume refuses a callback about another request than its step started, naming the one to fetch', async () => {
		const outputData = { request_id: 'interaction_mine000000_1700000000' };
		const error = await rejectionOf(
			appTester(performResume, {
				authData: authFor(env.sandbox.url),
				outputData,
				cleanedRequest: callbackBody('interaction_other00000_1700000000'),
			}),
		);
		expect(shownMessage(error)).toMatch(/another lookup .*interaction_mine000000_1700000000/);
		expect(shownMessage(error)).not.toContain('forged_person');
	});

	it('the start action shows the callback URL with its token masked', async () => {
		const callback_url = 'https://n8n.example.com/webhook/abc/nyne?token=0123456789abcdef';
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: { ...lookup, callback_url },
		})) as { callback_url: string };
		expect(started.callback_url).toBe('https://n8n.example.com/webhook/abc/nyne?token=***');
		expect(JSON.stringify(started)).not.toContain('0123456789abcdef');
	});

	it.each(['0x10', '1e3', '12.5', 'ten'])(
		'max_results %j is refused before anything is sent',
		async (max_results) => {
			const error = await rejectionOf(
				appTester(start, {
					authData: authFor(env.sandbox.url),
					inputData: { ...lookup, max_results },
				}),
			);
			expect(shownMessage(error)).toMatch(/decimal digits.*Fix the "Max Results" field/);
			expect(env.sandbox.control.stats().requests).toBe(0);
		},
	);

	it('Instagram followers are accepted', async () => {
		const started = (await appTester(start, {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: 'https://instagram.com/nyne_ai' },
		})) as { platform: string };
		expect(started.platform).toBe('instagram');
	});

	it('a disabled key (403 api_key_disabled) asks to reconnect, naming the fields to fix', async () => {
		const error = await rejectionOf(
			appTester(start, {
				authData: authFor(env.sandbox.url, DISABLED.apiKey, DISABLED.apiSecret),
				inputData: lookup,
			}),
		);
		expect(error.name).toBe('ExpiredAuthError');
		expect(shownMessage(error)).toMatch(/disabled.*"API Key"/);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(
			DISABLED.apiSecret,
		);
	});
});
