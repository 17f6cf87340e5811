import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StartedOutput } from '../../zapier/src/lookupOutput';
import type { PersonItem } from '../../zapier/src/people';
import type { RecentLookupItem } from '../../zapier/src/samples';
import {
	App,
	authFor,
	KEY,
	startCallbackListener,
	useSandboxWithListener,
	type CallbackListener,
} from '../helpers/zapier/harness';
import {
	invokeWithZcache,
	startZcacheRpcServer,
	type ZcacheRpcServer,
} from '../helpers/zapier/zcacheRpcServer';

type Subscription = { id: string; registered_at: string };
interface Identity {
	user: string;
	auth: string;
}

/**
 * Two Zapier users (their own connections) with the same API key and secret, as a team sharing a key or
 * someone who copied one, on a z.cache that keeps `scope: ['auth']` entries to their connection as Zapier does.
 */
describe('Zapier: one connection never sees another connection’s lookups', () => {
	const env = useSandboxWithListener();
	const alice: Identity = { user: 'alice', auth: 'alice-connection' };
	const mallory: Identity = { user: 'mallory', auth: 'mallory-connection' };
	let rpc: ZcacheRpcServer;
	const listeners: CallbackListener[] = [];

	beforeEach(async () => {
		rpc = await startZcacheRpcServer();
	});
	afterEach(async () => {
		await rpc.close();
		for (const listener of listeners.splice(0)) await listener.close();
	});

	const run = (who: Identity, method: string, bundle: object) =>
		invokeWithZcache(
			App,
			method,
			{ authData: authFor(env.sandbox.url), ...bundle },
			rpc.urlAs(who),
		);
	const subscribe = async (who: Identity, targetUrl: string) =>
		(await run(who, 'triggers.interaction_results.operation.performSubscribe', {
			inputData: {},
			targetUrl,
		})) as Subscription;
	const unsubscribe = (who: Identity, subscribeData: Subscription) =>
		run(who, 'triggers.interaction_results.operation.performUnsubscribe', { subscribeData });
	const start = async (who: Identity, socialMediaUrl: string) =>
		(await run(who, 'creates.start_interaction_lookup.operation.perform', {
			inputData: { type: 'followers', social_media_url: socialMediaUrl, max_results: 12 },
		})) as StartedOutput;
	const dropdown = async (who: Identity) =>
		(await run(who, 'triggers.recent_lookup.operation.perform', {})) as RecentLookupItem[];
	const fire = async (who: Identity, subscribeData: Subscription, body: unknown) =>
		(await run(who, 'triggers.interaction_results.operation.perform', {
			subscribeData,
			cleanedRequest: body,
		})) as PersonItem[];
	const newListener = async () => {
		const listener = await startCallbackListener();
		listeners.push(listener);
		return listener;
	};

	it('another user’s instant Zap, turned on later with the same key, never receives this user’s lookups', async () => {
		const alicesZap = await subscribe(alice, env.listener.url);
		const mallorysHook = await newListener();
		await subscribe(mallory, mallorysHook.url);

		const started = await start(alice, 'https://x.com/alice_target');
		expect(started.reaches_instant_trigger).toBe(true);
		const body = (await env.listener.nextBody()) as { request_id: string };
		expect(body.request_id).toBe(started.request_id);
		// Nyne posts each lookup to one address: Alice's, so Mallory's hook got nothing.
		expect(env.sandbox.control.callbacks().map((d) => d.url)).toEqual([env.listener.url]);
		expect(mallorysHook.waiting()).toBe(0);

		// Alice's own instant Zap still fires with her people.
		const people = await fire(alice, alicesZap, body);
		expect(people).toHaveLength(12);
		expect(people.every((p) => p.request_id === started.request_id)).toBe(true);
	});

	it('with no instant Zap of her own, a user’s lookup does not go to another user’s Zap on the same key', async () => {
		const mallorysHook = await newListener();
		await subscribe(mallory, mallorysHook.url);
		const started = await start(alice, 'https://x.com/alice_alone');
		expect(started.reaches_instant_trigger).toBe(false);
		expect(env.sandbox.control.callbacks()).toEqual([]);
		expect(mallorysHook.waiting()).toBe(0);
	});

	it('the Request ID dropdown lists only the lookups of its own connection', async () => {
		const alices = await start(alice, 'https://x.com/alice_private');
		const mallorys = await start(mallory, 'https://x.com/mallory_own');
		expect((await dropdown(alice)).map((item) => item.id)).toEqual([alices.request_id]);
		const seenByMallory = await dropdown(mallory);
		expect(seenByMallory.map((item) => item.id)).toEqual([mallorys.request_id]);
		expect(JSON.stringify(seenByMallory)).not.toContain('alice_private');
		// Nothing about a connection is stored where every user of the integration can read it.
		expect([...rpc.scopeEntries('app').keys()]).toEqual([]);
	});

	it('the same Zapier user on two connections keeps them apart too', async () => {
		const work: Identity = { user: 'alice', auth: 'alice-work' };
		const home: Identity = { user: 'alice', auth: 'alice-home' };
		const homeHook = await newListener();
		await subscribe(home, homeHook.url);
		expect((await start(work, 'https://x.com/work_lookup')).reaches_instant_trigger).toBe(false);
		expect(await dropdown(home)).toEqual([]);
	});

	it('a Zap turned off while a Start step renews the registry stays off', async () => {
		const zap = await subscribe(alice, env.listener.url);
		// Hold the Start step's read of the registry until the Zap is being turned off.
		let heldRead: (() => void) | undefined;
		const readHeld = new Promise<void>((resolve) => {
			rpc.hold((method, key) => {
				if (method !== 'zcache_get' || !key.startsWith('nyne-hooks:') || key.endsWith(':lock'))
					return undefined;
				rpc.hold(undefined);
				resolve();
				return new Promise<void>((release) => (heldRead = release));
			});
		});
		const starting = start(alice, 'https://x.com/during_turn_off');
		await readHeld;
		const turningOff = unsubscribe(alice, zap);
		// Either the turn-off finishes (nothing stops it) or it finds the registry locked by the Start step.
		await Promise.race([turningOff, rpc.lockRefused()]);
		heldRead?.();
		await Promise.all([starting, turningOff]);
		await env.listener.nextBody();

		const later = await start(alice, 'https://x.com/after_turn_off');
		expect(later.reaches_instant_trigger).toBe(false);
		expect(env.sandbox.control.callbacks().map((d) => d.url)).toEqual([env.listener.url]);
	});

	it('Reuse a Recent Lookup reuses on the same connection (3 credits, not 6) and never on another one', async () => {
		const fetch = async (who: Identity) =>
			(await run(who, 'creates.fetch_interactions.operation.perform', {
				inputData: {
					type: 'followers',
					social_media_url: 'https://x.com/reused_here',
					max_results: 10,
					reuse_recent: true,
				},
				meta: { isLoadingSample: true },
			})) as { request_id: string; credits: number; reused_from?: string };
		const ledger = () => env.sandbox.control.stats().creditsByKey[KEY] ?? Number.NaN;
		const before = ledger();
		const first = await fetch(alice);
		expect(first.credits).toBe(3);
		const again = await fetch(alice);
		expect(again).toMatchObject({ credits: 0, reused_from: first.request_id });
		expect(ledger() - before).toBe(3);
		expect(
			[...rpc.scopeEntries('app').keys()].filter((key) => key.startsWith('nyne-reuse:')),
		).toEqual([]);
		const other = await fetch(mallory);
		expect(other.credits).toBe(3);
		expect(other).not.toHaveProperty('reused_from');
		expect(ledger() - before).toBe(6);
	});
});
