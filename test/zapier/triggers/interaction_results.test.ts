import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StartedOutput } from '../../../zapier/src/lookupOutput';
import type { PersonItem } from '../../../zapier/src/people';
import {
	App,
	appCache,
	appTester,
	authFor,
	clearAppCache,
	expectNoSecrets,
	performOf,
	rejectionOf,
	shownMessage,
	startCallbackListener,
	useSandboxWithListener,
	type CallbackListener,
} from '../../helpers/zapier/harness';
import { invokeWithZcache, startZcacheRpcServer } from '../../helpers/zapier/zcacheRpcServer';
import { completedCallback } from '../../helpers/core/callbackFixtures';

const operation = App.triggers.interaction_results.operation;
// The schema types a trigger's operation as any kind (polling, hook, hook-to-poll); this one is a REST hook.
if (operation.type !== 'hook') throw new Error('interaction_results should be a REST hook trigger');
const trigger = operation;
const performSubscribe = performOf(trigger.performSubscribe);
const performUnsubscribe = performOf(trigger.performUnsubscribe);
const performList = performOf(trigger.performList);
const start = performOf(App.creates.start_interaction_lookup.operation.perform);
type Person = PersonItem;
type Subscription = { id: string; registered_at: string };
/** A callback nobody but a forger would post: one planted person. */
const plantedCallback = (requestId: string) =>
	completedCallback(requestId, 'acme', [{ username: 'planted' }]);

/**
 * The instant Zap (Zap A: "Interaction Lookup Completed") and the Zaps that start lookups (Zap B:
 * "Start Interaction Lookup") share one connection and, as in Zapier, one app cache.
 */
describe('trigger interaction_results (REST hook for every lookup of the connection)', () => {
	const env = useSandboxWithListener();
	const extraListeners: CallbackListener[] = [];
	const auth = () => authFor(env.sandbox.url);
	const subscribe = async (targetUrl: string) =>
		(await appTester(performSubscribe, {
			authData: auth(),
			inputData: {},
			targetUrl,
		})) as Subscription;
	const unsubscribe = (subscribeData: Subscription) =>
		appTester(performUnsubscribe, { authData: auth(), subscribeData });
	const startLookup = async (socialMediaUrl: string, extra: Record<string, unknown> = {}) =>
		(await appTester(start, {
			authData: auth(),
			inputData: { type: 'followers', social_media_url: socialMediaUrl, max_results: 12, ...extra },
		})) as StartedOutput;
	/** What the Zap editor shows when it loads a sample of the trigger. */
	const loadSample = () =>
		appTester(performList, { authData: auth(), inputData: {}, meta: { isLoadingSample: true } });
	const perform = async (subscribeData: Subscription, body: unknown) =>
		(await appTester(trigger.perform, {
			authData: auth(),
			subscribeData,
			cleanedRequest: body,
		})) as Person[];

	/** The instant Zap turned on, one lookup started without a callback URL, and the body Nyne posted to the hook. */
	const lookupPostedToHook = async (socialMediaUrl: string) => {
		const subscribeData = await subscribe(env.listener.url);
		const started = await startLookup(socialMediaUrl);
		return { subscribeData, started, body: await env.listener.nextBody() };
	};
	/** The trigger's items are Nyne's own people of the started lookup, read with `gets` status requests. */
	const expectNyneAnswer = (people: Person[], started: StartedOutput, gets: number) => {
		expect(people).toHaveLength(12);
		expect(people.every((p) => p.request_id === started.request_id)).toBe(true);
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(gets);
	};

	// Each test starts with no instant Zap on and no lookup recorded.
	beforeEach(async () => {
		await clearAppCache();
	});
	afterEach(async () => {
		for (const listener of extraListeners.splice(0)) await listener.close();
	});

	it('two Zaps on one connection: each Start Interaction Lookup reaches the instant Zap once, with its people', async () => {
		const subscribeData = await subscribe(env.listener.url);
		expect(env.sandbox.control.stats().requests).toBe(0);

		const first = await startLookup('https://x.com/acme');
		const second = await startLookup('https://instagram.com/acme_ig');
		for (const started of [first, second]) {
			expect(started.reaches_instant_trigger).toBe(true);
			// Zapier's hook URL is the instant Zap's secret: it goes to Nyne, never into a step's output.
			expect(started.callback_url).toBeNull();
		}
		const bodies = [await env.listener.nextBody(), await env.listener.nextBody()] as Array<{
			request_id: string;
		}>;
		expect(bodies.map((b) => b.request_id).sort()).toEqual(
			[first.request_id, second.request_id].sort(),
		);
		expect(
			env.sandbox.control.callbacks().filter((d) => d.url === env.listener.url && !d.duplicate),
		).toHaveLength(2);

		for (const body of bodies) {
			const people = await perform(subscribeData, body);
			expect(people).toHaveLength(12);
			for (const person of people) {
				expect(person.request_id).toBe(body.request_id);
				expect(person.id).toBe(`${body.request_id}:follower:${person.username}`);
			}
			expectNoSecrets(people);
		}
		// The people come from Nyne's own answer, one status read per callback, never from the posted body.
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0).toBe(2);
		expect(env.sandbox.control.stats().submissions).toBe(2);
	});

	it('with several instant Zaps, the newest receives lookups; turning it off hands them back', async () => {
		const older = await subscribe(env.listener.url);
		const newerListener = await startCallbackListener();
		extraListeners.push(newerListener);
		const newer = await subscribe(newerListener.url);

		const toNewer = await startLookup('https://x.com/newer_gets_it');
		expect(((await newerListener.nextBody()) as { request_id: string }).request_id).toBe(
			toNewer.request_id,
		);

		await unsubscribe(newer);
		const toOlder = await startLookup('https://x.com/older_gets_it');
		expect(((await env.listener.nextBody()) as { request_id: string }).request_id).toBe(
			toOlder.request_id,
		);

		expect(await unsubscribe(older)).toEqual({ id: older.id, unregistered: true });
		const toNobody = await startLookup('https://x.com/nobody_listens');
		expect(toNobody.reaches_instant_trigger).toBe(false);
		expect(toNobody.callback_url).toBeNull();
		expect(env.sandbox.control.callbacks().map((d) => d.url)).toEqual([
			newerListener.url,
			env.listener.url,
		]);
	});

	it('a Callback URL typed into Start Interaction Lookup wins over the instant Zap', async () => {
		await subscribe(env.listener.url);
		const own = await startCallbackListener();
		extraListeners.push(own);
		const started = await startLookup('https://x.com/own_hook', { callback_url: own.url });
		expect(started.reaches_instant_trigger).toBe(false);
		expect(((await own.nextBody()) as { request_id: string }).request_id).toBe(started.request_id);
		expect(env.sandbox.control.callbacks().map((d) => d.url)).toEqual([own.url]);
	});

	it('fires once per lookup: the same callback posted again (3 replays) triggers nothing more', async () => {
		const subscribeData = await subscribe(env.listener.url);
		await startLookup('https://twitter.com/acme', { type: 'followers,following', max_results: 5 });
		const body = await env.listener.nextBody();
		const firstRun = await perform(subscribeData, body);
		expect(firstRun).toHaveLength(20);
		expect(new Set(firstRun.map((p) => p.relation))).toEqual(new Set(['follower', 'following']));
		for (let replay = 0; replay < 3; replay++)
			expect(await perform(subscribeData, structuredClone(body))).toEqual([]);
	});

	it('two posts of one callback arriving together fire once, on a z.cache that honours nx', async () => {
		const { subscribeData, started, body } = await lookupPostedToHook('https://x.com/posted_twice');
		const rpc = await startZcacheRpcServer();
		const runs = (await Promise.all(
			[1, 2, 3].map(() =>
				invokeWithZcache(
					App,
					'triggers.interaction_results.operation.perform',
					{ authData: auth(), subscribeData, cleanedRequest: structuredClone(body) },
					rpc.url,
				),
			),
		).finally(() => rpc.close())) as Person[][];
		expect(runs.map((people) => people.length).sort()).toEqual([0, 0, 12]);
		expect(runs.flat().every((p) => p.request_id === started.request_id)).toBe(true);
	});

	it('a forged body about a lookup this connection started fires Nyne’s people, not the body’s', async () => {
		const { subscribeData, started, body } = await lookupPostedToHook('https://x.com/forged_own');
		const forged = structuredClone(body) as { data: { interactions: Array<{ username: string }> } };
		forged.data.interactions = [{ username: 'fake_one' }, { username: 'fake_two' }];
		const people = await perform(subscribeData, forged);
		expect(people.map((p) => p.username)).not.toContain('fake_one');
		expectNyneAnswer(people, started, 1);
	});

	it('a post about an unknown request ID that looks young costs at most 3 reads', async () => {
		const subscribeData = await subscribe(env.listener.url);
		const youngId = `interaction_unknown0000_${Math.floor(Date.now() / 1000)}`;
		const people = await perform(subscribeData, plantedCallback(youngId));
		expect(people).toEqual([]);
		const reads = env.sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0;
		expect(reads).toBeGreaterThanOrEqual(1);
		expect(reads).toBeLessThanOrEqual(3);
	});

	it('turns a failed lookup into a clear error', async () => {
		const subscribeData = await subscribe(env.listener.url);
		await startLookup('https://x.com/nodata_account');
		const body = (await env.listener.nextBody()) as { status: string };
		expect(body.status).toBe('failed');
		const error = await rejectionOf(perform(subscribeData, body));
		expect(shownMessage(error)).toMatch(/The lookup failed: /);
		expect(shownMessage(error)).toMatch(/No interaction data found/);
	});

	it('asks Nyne about a callback for a lookup it has no record of, and uses Nyne’s answer', async () => {
		const { subscribeData, started, body } = await lookupPostedToHook('https://x.com/record_lost');
		// The record is gone (another connection's cache, an eviction), and the body was tampered with.
		await clearAppCache();
		(body as { data: { interactions: Array<{ username: string }> } }).data.interactions = [
			{ username: 'planted_by_a_forger' },
		];
		const people = await perform(subscribeData, body);
		expect(people.map((p) => p.username)).not.toContain('planted_by_a_forger');
		expectNyneAnswer(people, started, 1);
	});

	it('asks Nyne again through a 404 while the unrecorded lookup is young, so its paid result still triggers', async () => {
		const { subscribeData, started, body } = await lookupPostedToHook('https://x.com/young_404');
		await clearAppCache();
		env.sandbox.control.injectFault({ kind: 'early_404' });
		expectNyneAnswer(await perform(subscribeData, body), started, 2);
	});

	it('a z.cache that cannot be read does not lose a callback: it is checked with Nyne', async () => {
		const { subscribeData, started, body } = await lookupPostedToHook('https://x.com/cache_gone');
		const rpc = await startZcacheRpcServer({ fails: () => true });
		const people = (await invokeWithZcache(
			App,
			'triggers.interaction_results.operation.perform',
			{ authData: auth(), subscribeData, cleanedRequest: body },
			rpc.url,
		).finally(() => rpc.close())) as Person[];
		expectNyneAnswer(people, started, 1);
	});

	it('triggers nothing for a forged callback about a lookup Nyne does not know', async () => {
		const subscribeData = await subscribe(env.listener.url);
		const people = await perform(
			subscribeData,
			plantedCallback('interaction_forged00000_1700000000'),
		);
		expect(people).toEqual([]);
	});

	it('refuses to turn on without a hook URL, and keeps the registered Zaps', async () => {
		await subscribe(env.listener.url);
		const error = await rejectionOf(
			appTester(performSubscribe, { authData: auth(), inputData: {}, targetUrl: 'not a url' }),
		);
		expect(shownMessage(error)).toMatch(/no hook URL/);
		expect((await startLookup('https://x.com/still_there')).reaches_instant_trigger).toBe(true);
		await env.listener.nextBody();
	});

	it('a corrupt registry entry is dropped on its own; a corrupt registry only means no instant Zap', async () => {
		await subscribe(env.listener.url);
		const cache = await appCache();
		const key = Object.keys(cache).find((k) => k.startsWith('nyne-hooks:')) as string;
		const stored = JSON.parse(String(cache[key])) as { hooks: unknown[] };
		cache[key] = JSON.stringify({ ...stored, hooks: [...stored.hooks, { id: 7, url: 'nope' }] });
		const kept = await startLookup('https://x.com/entry_dropped');
		expect(kept.reaches_instant_trigger).toBe(true);
		expect(((await env.listener.nextBody()) as { request_id: string }).request_id).toBe(
			kept.request_id,
		);

		cache[key] = '42';
		const none = await startLookup('https://x.com/no_registry');
		expect(none.reaches_instant_trigger).toBe(false);
		expect(none.request_id).toMatch(/^interaction_/);
	});

	it('rejects a body that is not a Nyne callback', async () => {
		const error = await rejectionOf(
			appTester(trigger.perform, { authData: auth(), cleanedRequest: { hello: 'world' } }),
		);
		expect(shownMessage(error)).toMatch(/not a Nyne callback/);
	});

	it('turning the Zap on and off touches only the app cache, never Nyne (nothing to pay, nothing to cancel)', async () => {
		const subscribeData = await subscribe(env.listener.url);
		expect(subscribeData.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(new Date(subscribeData.registered_at).toISOString()).toBe(subscribeData.registered_at);
		expect(await unsubscribe(subscribeData)).toEqual({ id: subscribeData.id, unregistered: true });
		expect(env.sandbox.control.stats().requests).toBe(0);
	});

	it('lists the newest finished lookup of the connection for the editor, at no cost (three at most for a sample)', async () => {
		await subscribe(env.listener.url);
		const started = await startLookup('https://x.com/nyne_ai');
		await env.listener.nextBody();
		const submissions = env.sandbox.control.stats().submissions;
		const people = (await loadSample()) as Person[];
		expect(people).toHaveLength(3);
		expect(people.every((p) => p.request_id === started.request_id)).toBe(true);
		expect(env.sandbox.control.stats().submissions).toBe(submissions);
	});

	it('falls back to the documented sample when the connection has no finished lookup yet', async () => {
		await subscribe(env.listener.url);
		expect(await loadSample()).toEqual([trigger.sample]);
		env.sandbox.control.setJobDurationMs(3_600_000_000);
		await startLookup('https://x.com/slow_account');
		expect(await loadSample()).toEqual([trigger.sample]);
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});
});
