import { describe, expect, it } from 'vitest';

import type { PersonItem } from '../../zapier/src/people';
import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	performOf,
	rejectionOf,
	shownMessage,
	useSandboxWithListener,
} from './harness';

const operation = App.triggers.interaction_results.operation;
// The schema types a trigger's operation as any kind (polling, hook, hook-to-poll); this one is a REST hook.
if (operation.type !== 'hook') throw new Error('interaction_results should be a REST hook trigger');
const trigger = operation;
const performSubscribe = performOf(trigger.performSubscribe);
const performUnsubscribe = performOf(trigger.performUnsubscribe);
const performList = performOf(trigger.performList);
type Person = PersonItem;

describe('trigger interaction_results (REST hook on the callback)', () => {
	const env = useSandboxWithListener();

	it('subscribes with the hook URL, and turns the callback into one item per person', async () => {
		const inputData = {
			type: 'followers',
			social_media_url: 'https://x.com/nyne_ai/',
			max_results: '12',
		};
		const subscribeData = (await appTester(performSubscribe, {
			authData: authFor(env.sandbox.url),
			inputData,
			targetUrl: env.listener.url,
		})) as { id: string; request_id: string };
		expect(subscribeData.request_id).toMatch(/^interaction_/);
		expect(subscribeData.id).toBe(subscribeData.request_id);

		const body = (await env.listener.nextBody()) as { request_id: string };
		expect(body.request_id).toBe(subscribeData.request_id);
		expect(env.sandbox.control.callbacks()[0]?.url).toBe(env.listener.url);

		const people = (await appTester(trigger.perform, {
			authData: authFor(env.sandbox.url),
			inputData,
			subscribeData,
			cleanedRequest: body,
		})) as Person[];
		expect(people).toHaveLength(12);
		expect(new Set(people.map((person) => person.id)).size).toBe(12);
		for (const person of people) {
			expect(person).toMatchObject({
				request_id: subscribeData.request_id,
				platform: 'twitter',
				interaction_type: 'followers',
				relation: 'follower',
				target_username: 'nyne_ai',
			});
			expect(person.id).toBe(`${subscribeData.request_id}:follower:${person.username}`);
		}
		expectNoSecrets(people);
	});

	it('gives the same ids when Nyne delivers the same callback twice', async () => {
		const subscribeData = (await appTester(performSubscribe, {
			authData: authFor(env.sandbox.url),
			inputData: {
				type: 'followers,following',
				social_media_url: 'https://twitter.com/acme',
				max_results: 5,
			},
			targetUrl: env.listener.url,
		})) as { id: string; request_id: string };
		const body = await env.listener.nextBody();
		const first = (await appTester(trigger.perform, {
			subscribeData,
			cleanedRequest: body,
		})) as Person[];
		const again = (await appTester(trigger.perform, {
			subscribeData,
			cleanedRequest: structuredClone(body),
		})) as Person[];
		expect(again.map((p) => p.id)).toEqual(first.map((p) => p.id));
		expect(new Set(first.map((p) => p.relation))).toEqual(new Set(['follower', 'following']));
	});

	it('turns a failed lookup into a clear error', async () => {
		const subscribeData = (await appTester(performSubscribe, {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: 'https://x.com/nodata_account' },
			targetUrl: env.listener.url,
		})) as { id: string; request_id: string };
		const body = (await env.listener.nextBody()) as { status: string };
		expect(body.status).toBe('failed');
		const error = await rejectionOf(
			appTester(trigger.perform, { subscribeData, cleanedRequest: body }),
		);
		expect(shownMessage(error)).toMatch(/The lookup failed: /);
		expect(shownMessage(error)).toMatch(/No interaction data found/);
	});

	it('rejects a body that is not a Nyne callback', async () => {
		const error = await rejectionOf(
			appTester(trigger.perform, { cleanedRequest: { hello: 'world' } }),
		);
		expect(shownMessage(error)).toMatch(/not a Nyne callback/);
	});

	it('checks the input before subscribing, so a wrong URL costs nothing', async () => {
		const error = await rejectionOf(
			appTester(performSubscribe, {
				authData: authFor(env.sandbox.url),
				inputData: { type: 'replies', social_media_url: 'https://x.com/nyne_ai' },
				targetUrl: env.listener.url,
			}),
		);
		expect(shownMessage(error)).toMatch(/post URL/);
		expect(shownMessage(error)).toMatch(/Fix the "Social Media URL" field/);
		expect(env.sandbox.control.stats().submissions).toBe(0);
	});

	it('has nothing to cancel on unsubscribe', async () => {
		const result = await appTester(performUnsubscribe, {
			subscribeData: { id: 'interaction_x_1' },
		});
		expect(result).toEqual({ request_id: 'interaction_x_1', cancelled: false });
		expect(env.sandbox.control.stats().requests).toBe(0);
	});

	it('lists real people for the editor (three at most when loading a sample)', async () => {
		const people = (await appTester(performList, {
			authData: authFor(env.sandbox.url),
			inputData: {
				type: 'replies',
				social_media_url: 'https://x.com/nyne_ai/status/1234567890',
				max_results: 20,
			},
			meta: { isLoadingSample: true },
		})) as Person[];
		expect(people).toHaveLength(3);
		expect(people[0]).toMatchObject({
			interaction_type: 'replies',
			reply_text: expect.any(String),
		});
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('falls back to the documented sample when the lookup outlasts the step', async () => {
		env.sandbox.control.setJobDurationMs(3_600_000_000);
		const people = (await appTester(performList, {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: 'https://x.com/slow_account' },
			meta: { isLoadingSample: true },
		})) as Person[];
		expect(people).toEqual([trigger.sample]);
	}, 60_000);
});
