import { setTimeout as delay } from 'node:timers/promises';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { baseCounts } from '../../../sandbox/people';
import {
	App,
	appCache,
	appTester,
	authFor,
	expectNoSecrets,
	performOf,
	rejectionOf,
	shownMessage,
	useSandboxWithListener,
} from '../../helpers/zapier/harness';
import { invokeWithZcache, startZcacheRpcServer } from '../../helpers/zapier/zcacheRpcServer';

const HOUR = 3_600_000;
type Item = Record<string, unknown> & { id: string; username: string };
type TriggerKey = 'new_follower' | 'new_following' | 'new_reply' | 'lost_follower';

function performFor(key: TriggerKey) {
	const operation = App.triggers[key]?.operation;
	if (operation?.type !== 'polling') throw new Error(`${key} should be a polling trigger`);
	return performOf(operation.perform);
}

/** Profiles and posts small enough that one lookup (max 1000) lists everyone. */
function smallProfile(prefix: string): string {
	for (let i = 0; ; i++)
		if (
			baseCounts('twitter', `${prefix}${i}`).followers < 600 &&
			baseCounts('twitter', `${prefix}${i}`).following < 600
		)
			return `${prefix}${i}`;
}

let offset = 0;
const realNow = Date.now.bind(Date);
afterEach(() => {
	vi.restoreAllMocks();
	offset = 0;
});
/** The app's clock, and everything else in this process, runs `offset` ahead of the real one. */
function useTestClock(): void {
	vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
}
const advanceHours = (hours: number) => {
	offset += hours * HOUR;
};

describe('polling triggers on the core watch (z.cache state, sandbox over HTTP)', () => {
	const env = useSandboxWithListener();

	/** Waits (bounded) until the sandbox has charged for `lookups` completed lookups. */
	async function untilCompleted(lookups: number): Promise<void> {
		for (let i = 0; i < 500 && env.sandbox.control.stats().creditsUsed < 3 * lookups; i++)
			await delay(10);
		expect(env.sandbox.control.stats().creditsUsed).toBe(3 * lookups);
	}

	function watch(key: TriggerKey, url: string, extra: Record<string, unknown> = {}) {
		const perform = performFor(key);
		const bundle = {
			authData: authFor(env.sandbox.url),
			inputData: { social_media_url: url, check_every_hours: 1, max_results: 1000, ...extra },
			meta: { zap: { id: `zap-${key}`, user: { timezone: 'UTC' } } },
		};
		let first = true;
		const poll = async () => {
			const items = (await appTester(perform, bundle, first)) as Item[];
			first = false;
			expectNoSecrets(items);
			return items;
		};
		return { poll, bundle };
	}

	const cases: Array<{
		key: TriggerKey;
		target: () => string;
		url: (target: string) => string;
		churn: (target: string) => void;
		expected: number;
	}> = [
		{
			key: 'new_follower',
			target: () => smallProfile('zf'),
			url: (t) => `https://x.com/${t}`,
			churn: (t) => env.sandbox.control.churn('twitter', t, { addFollowers: 3 }),
			expected: 3,
		},
		{
			key: 'new_following',
			target: () => smallProfile('zg'),
			url: (t) => `https://x.com/${t}`,
			churn: (t) => env.sandbox.control.churn('twitter', t, { addFollowing: 4 }),
			expected: 4,
		},
		{
			key: 'new_reply',
			target: () => '1234567890123456789',
			url: (t) => `https://x.com/nyne_ai/status/${t}`,
			churn: (t) => env.sandbox.control.addReplies(t, 2),
			expected: 2,
		},
		{
			key: 'lost_follower',
			target: () => smallProfile('zl'),
			url: (t) => `https://x.com/${t}`,
			churn: (t) => env.sandbox.control.churn('twitter', t, { removeFollowers: 2 }),
			expected: 2,
		},
	];

	for (const { key, target, url, churn, expected } of cases) {
		it(`${key}: poll 1 starts one lookup, poll 2 takes the baseline, then each change comes once, 3 credits per interval`, async () => {
			useTestClock();
			const t = target();
			const { poll } = watch(key, url(t));

			expect(await poll()).toEqual([]);
			expect(env.sandbox.control.stats().submissions).toBe(1);
			await untilCompleted(1);
			expect(await poll()).toEqual([]);
			expect(await poll()).toEqual([]);
			expect(env.sandbox.control.stats().submissions).toBe(1);

			churn(t);
			const items: Item[] = [];
			// Lost people must be missing from two lookups: one interval more.
			const intervals = key === 'lost_follower' ? 2 : 1;
			for (let i = 1; i <= intervals; i++) {
				advanceHours(1);
				items.push(...(await poll()));
				expect(env.sandbox.control.stats().submissions).toBe(1 + i);
				await untilCompleted(1 + i);
				items.push(...(await poll()));
			}
			expect(items).toHaveLength(expected);
			expect(new Set(items.map((item) => item.id)).size).toBe(expected);
			for (const item of items) expect(Date.parse(String(item.detected_at))).not.toBeNaN();
			if (key === 'new_reply') {
				const dates = items.map((item) => String(item.reply_date));
				expect(dates).toEqual([...dates].sort().reverse());
			}
			if (key === 'lost_follower')
				for (const item of items)
					expect(item).toMatchObject({
						relation: 'follower',
						target_username: t,
						platform: 'twitter',
					});

			// Once: the next polls and the next interval (no churn) bring nothing.
			expect(await poll()).toEqual([]);
			advanceHours(1);
			expect(await poll()).toEqual([]);
			await untilCompleted(2 + intervals);
			expect(await poll()).toEqual([]);
			expect(env.sandbox.control.stats().submissions).toBe(2 + intervals);
			expect(env.sandbox.control.stats().creditsUsed).toBe(3 * (2 + intervals));
		});
	}

	it('before the interval has passed no lookup starts, however often Zapier polls', async () => {
		useTestClock();
		const { poll } = watch('new_follower', `https://x.com/${smallProfile('zi')}`, {
			check_every_hours: '6',
		});
		await poll();
		await untilCompleted(1);
		for (let hour = 0; hour < 5; hour++) {
			advanceHours(1);
			expect(await poll()).toEqual([]);
		}
		expect(env.sandbox.control.stats().submissions).toBe(1);
		advanceHours(1);
		await poll();
		expect(env.sandbox.control.stats().submissions).toBe(2);
	});

	it('hands over at most 100 items per poll, the rest on the next polls, each once', async () => {
		useTestClock();
		const t = smallProfile('zq');
		const { poll } = watch('new_follower', `https://x.com/${t}`);
		await poll();
		await untilCompleted(1);
		await poll();
		env.sandbox.control.churn('twitter', t, { addFollowers: 150 });
		advanceHours(1);
		await poll();
		await untilCompleted(2);
		const first = await poll();
		const second = await poll();
		expect(first).toHaveLength(100);
		expect(second).toHaveLength(50);
		expect(new Set([...first, ...second].map((item) => item.id)).size).toBe(150);
		expect(await poll()).toEqual([]);
	});

	it('a start whose fate is unknown still hands over what was found, and is not retried before the interval', async () => {
		useTestClock();
		const t = smallProfile('zu');
		const { poll } = watch('new_follower', `https://x.com/${t}`);
		await poll();
		await untilCompleted(1);
		await poll();
		env.sandbox.control.churn('twitter', t, { addFollowers: 3 });
		advanceHours(1);
		await poll();
		await untilCompleted(2);
		advanceHours(1);
		env.sandbox.control.injectFault({
			kind: 'drop_connection',
			method: 'POST',
			path: '/person/interactions',
			times: 1,
		});
		expect(await poll()).toHaveLength(3);
		expect(env.sandbox.control.stats().submissions).toBe(3);
		expect(await poll()).toEqual([]);
		expect(env.sandbox.control.stats().submissions).toBe(3);
		advanceHours(1);
		await poll();
		expect(env.sandbox.control.stats().submissions).toBe(4);
	});

	it('a refused start with nothing to hand over is an error, and the next poll starts the lookup', async () => {
		useTestClock();
		const { poll } = watch('new_follower', `https://x.com/${smallProfile('zr')}`);
		env.sandbox.control.injectFault({
			kind: 'rate_limit',
			method: 'POST',
			path: '/person/interactions',
			times: 1,
		});
		const error = await rejectionOf(poll());
		expect(error.name).toBe('ThrottledError');
		expect(env.sandbox.control.stats().submissions).toBe(0);
		expect(await poll()).toEqual([]);
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('two polls at once start one lookup (z.cache nx, over an RPC endpoint that honours it)', async () => {
		useTestClock();
		const rpc = await startZcacheRpcServer();
		try {
			const { bundle } = watch('new_follower', `https://x.com/${smallProfile('zc')}`);
			const method = 'triggers.new_follower.operation.perform';
			const results = await Promise.all(
				[1, 2, 3].map(() => invokeWithZcache(App, method, bundle, rpc.url)),
			);
			expect(results).toEqual([[], [], []]);
			expect(env.sandbox.control.stats().submissions).toBe(1);
			await untilCompleted(1);
			advanceHours(1);
			await Promise.all([1, 2].map(() => invokeWithZcache(App, method, bundle, rpc.url)));
			expect(env.sandbox.control.stats().submissions).toBe(2);
			expect([...rpc.entries.keys()].filter((k) => k.endsWith(':lock'))).toEqual([]);
		} finally {
			await rpc.close();
		}
	});

	it('a state that cannot be saved after a paid start never makes the next poll pay again', async () => {
		useTestClock();
		let cacheDown = true;
		// Only the write that records the started lookup fails (every retry of it), as a cache outage would.
		const rpc = await startZcacheRpcServer({
			fails: (method, key, value) =>
				cacheDown &&
				method === 'zcache_set' &&
				key.startsWith('nyne-watch:') &&
				/"pending":\{/.test(value ?? ''),
		});
		try {
			const { bundle } = watch('new_follower', `https://x.com/${smallProfile('zw')}`);
			const method = 'triggers.new_follower.operation.perform';
			await expect(invokeWithZcache(App, method, bundle, rpc.url)).rejects.toThrow(/RPC/);
			expect(env.sandbox.control.stats().submissions).toBe(1);
			cacheDown = false;
			expect(await invokeWithZcache(App, method, bundle, rpc.url)).toEqual([]);
			expect(env.sandbox.control.stats().submissions).toBe(1);
			advanceHours(1);
			await invokeWithZcache(App, method, bundle, rpc.url);
			expect(env.sandbox.control.stats().submissions).toBe(2);
		} finally {
			await rpc.close();
		}
	});

	const corruptions: Array<[string, (stored: Record<string, unknown>) => unknown]> = [
		['lost: the entry is gone', () => null],
		['not a JSON object', () => 'garbage'],
		[
			'a number where the remembered set belongs',
			(s) => ({ ...s, watch: { ...(s.watch as object), seen: 42 } }),
		],
		[
			'an odd-length hash string',
			(s) => ({ ...s, watch: { ...(s.watch as object), seen: 'abc' } }),
		],
		['an unknown envelope version', (s) => ({ ...s, v: 9 })],
		['a pending lookup that is a number', (s) => ({ ...s, pending: 5 })],
	];
	for (const [name, corrupt] of corruptions) {
		it(`a corrupt cache (${name}) re-baselines without items`, async () => {
			useTestClock();
			const t = smallProfile('zx');
			const { poll } = watch('new_follower', `https://x.com/${t}`);
			await poll();
			await untilCompleted(1);
			await poll();
			const cache = await appCache();
			const key = Object.keys(cache).find(
				(k) => k.startsWith('nyne-watch:new_follower:') && !k.endsWith(':lock'),
			);
			if (!key) throw new Error('no watch state in the cache');
			cache[key] = JSON.stringify(
				corrupt(JSON.parse(cache[key] as string) as Record<string, unknown>),
			);

			const seen: Item[] = [];
			for (let i = 0; i < 3; i++) {
				advanceHours(1);
				seen.push(...(await poll()));
				await untilCompleted(env.sandbox.control.stats().submissions);
				seen.push(...(await poll()));
			}
			expect(seen).toEqual([]);
			env.sandbox.control.churn('twitter', t, { addFollowers: 2 });
			advanceHours(1);
			await poll();
			await untilCompleted(env.sandbox.control.stats().submissions);
			expect(await poll()).toHaveLength(2);
		});
	}

	it('"Test trigger" runs a real lookup and returns a few people shaped as items, leaving the watch alone', async () => {
		const t = smallProfile('zs');
		const perform = performFor('lost_follower');
		const items = (await appTester(
			perform,
			{
				authData: authFor(env.sandbox.url),
				inputData: { social_media_url: `https://x.com/${t}` },
				meta: { isLoadingSample: true },
			},
			true,
		)) as Item[];
		expect(items).toHaveLength(3);
		for (const item of items)
			expect(item).toMatchObject({
				target_username: t,
				relation: 'follower',
				profile_url: `https://x.com/${item.username}`,
			});
		expect(Object.keys(await appCache())).toEqual([]);
	});

	it('a bad interval or URL is an error before anything is sent', async () => {
		const before = env.sandbox.control.stats().requests;
		const interval = await rejectionOf(
			appTester(
				performFor('new_follower'),
				{
					authData: authFor(env.sandbox.url),
					inputData: { social_media_url: 'https://x.com/acme', check_every_hours: '0.5' },
				},
				true,
			),
		);
		expect(shownMessage(interval)).toMatch(/Check Every \(Hours\)/);
		const url = await rejectionOf(
			appTester(
				performFor('new_reply'),
				{
					authData: authFor(env.sandbox.url),
					inputData: { social_media_url: 'https://x.com/acme' },
				},
				true,
			),
		);
		expect(shownMessage(url)).toMatch(/post URL/);
		expect(env.sandbox.control.stats().requests).toBe(before);
	});
});
