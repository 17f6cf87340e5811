import { describe, expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });

const lookup = (operation: string, extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'interaction',
		operation,
		socialMediaUrl: '={{ $json.url }}',
		maxResults: 25,
		...extra,
	},
});

describe('Interaction lookups, Wait for Result', () => {
	it('getFollowers gives one item per follower, with where it came from', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowers'),
		);
		expect(result.error).toBeUndefined();
		const items = result.output ?? [];
		expect(items).toHaveLength(25);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				platform: 'twitter',
				interaction_type: 'followers',
				target_username: 'alice',
				relation: 'follower',
			});
			expect(typeof item.json.username).toBe('string');
			expect(String(item.json.request_id)).toMatch(/^interaction_/);
		}
		expect(env.sandbox.control.stats().submissions).toBe(1);
	});

	it('getReplies reads a post URL and returns the replies', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://twitter.com/alice/status/1234567890' }],
			lookup('getReplies', { maxResults: 1000 }),
		);
		expect(result.error).toBeUndefined();
		const items = result.output ?? [];
		expect(items.length).toBeGreaterThan(0);
		expect(items[0].json).toMatchObject({ interaction_type: 'replies' });
		expect(typeof items[0].json.reply_text).toBe('string');
	});

	it('getFollowing works for Instagram profiles', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'instagram.com/instagram' }],
			lookup('getFollowing'),
		);
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json).toMatchObject({
			platform: 'instagram',
			interaction_type: 'following',
			relation: 'following',
		});
	});

	it('getFollowersAndFollowing tags each person with their relation', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowersAndFollowing'),
		);
		expect(result.error).toBeUndefined();
		const relations = new Set((result.output ?? []).map((item) => item.json.relation));
		expect(relations).toEqual(new Set(['follower', 'following']));
	});

	it('single output gives one item with the target, the counts and the people', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowers', { options: { output: 'single' } }),
		);
		const items = result.output ?? [];
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			status: 'completed',
			interaction_type: 'followers',
			target: { username: 'alice' },
		});
		expect(items[0].json.interactions).toHaveLength(25);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('each input item uses its own URL and its outputs point back to it', async () => {
		const urls = ['https://x.com/alice', 'https://x.com/bob', 'https://x.com/carol'];
		const result = await runNyne(
			env.credentials,
			urls.map((url) => ({ url })),
			lookup('getFollowers', { maxResults: 10 }),
		);
		expect(result.error).toBeUndefined();
		const items = result.output ?? [];
		expect(items).toHaveLength(30);
		urls.forEach((url, index) => {
			const mine = items.filter((item) => (item.pairedItem as { item: number }).item === index);
			expect(mine).toHaveLength(10);
			expect(new Set(mine.map((item) => item.json.target_username))).toEqual(
				new Set([url.split('/').pop()]),
			);
		});
		expect(env.sandbox.control.stats().submissions).toBe(3);
	});

	it('bad input fails with a clear message before any request is sent', async () => {
		const before = env.sandbox.control.stats().requests;
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }, { url: 'https://example.com/nobody' }],
			lookup('getFollowers'),
		);
		expect(result.error?.message).toMatch(/URL/i);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(env.sandbox.control.stats().requests).toBe(before);
	});

	it('a replies lookup on a profile URL is refused before sending', async () => {
		const before = env.sandbox.control.stats().requests;
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getReplies'),
		);
		expect(result.error?.message).toMatch(/post/i);
		expect(env.sandbox.control.stats().requests).toBe(before);
	});

	it('continueOnFail turns a bad item into an error item and still runs the others', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }, { url: 'not a url at all' }],
			{ ...lookup('getFollowers', { maxResults: 10 }), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const items = result.output ?? [];
		const failed = items.filter((item) => (item.pairedItem as { item: number }).item === 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ code: 'invalid_url' });
		expect(String(failed[0].json.error)).not.toHaveLength(0);
		expect(items.filter((item) => (item.pairedItem as { item: number }).item === 0)).toHaveLength(
			10,
		);
	});

	it('a lookup that fails at the API is an error that says so', async () => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/nodata_person' }],
			lookup('getFollowers'),
		);
		expect(result.error?.message).toMatch(/^The lookup failed: No interaction data found/);
		expect(result.error?.name).toBe('NodeApiError');
	});

	it('a failing item names the lookups already started for the other items, so none is paid for twice', async () => {
		const result = await runNyne(
			env.credentials,
			[
				{ url: 'https://x.com/first_ok' },
				{ url: 'https://x.com/nodata_person' },
				{ url: 'https://x.com/third_ok' },
			],
			lookup('getFollowers'),
		);
		expect(result.error?.message).toMatch(/^The lookup failed/);
		const description = String((result.error as { description?: string } | undefined)?.description);
		const [, startedList = ''] = description.split('instead of starting them again:');
		const started = startedList.match(/interaction_[A-Za-z0-9_]+/g) ?? [];
		expect(started).toHaveLength(2);
		expect(new Set(started).size).toBe(2);
		expect(description).toMatch(/Request" > Operation "Get"/);
		expect(env.sandbox.control.stats().submissions).toBe(3);
	});

	it('with continueOnFail a failed lookup becomes an item with code lookup_failed', async () => {
		const result = await runNyne(env.credentials, [{ url: 'https://x.com/nodata_person' }], {
			...lookup('getFollowers'),
			continueOnFail: true,
		});
		expect(result.output?.[0].json).toMatchObject({ code: 'lookup_failed' });
	});

	it('API errors carry the API code and never the secret', async () => {
		const result = await runNyne(
			{ ...env.credentials, apiSecret: 'wrong-secret-value-123' },
			[{ url: 'https://x.com/alice' }],
			{
				...lookup('getFollowers'),
				continueOnFail: true,
			},
		);
		const json = result.output?.[0].json ?? {};
		expect(json.code).toBe('invalid_api_secret');
		expect(JSON.stringify(result.run)).not.toContain('wrong-secret-value-123');
	});

	it('a timeout names the request ID and says to use Request > Get', async () => {
		env.sandbox.control.setJobDurationMs(10 * 60_000);
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowers', { options: { timeout: 30 } }),
		);
		expect(result.error?.message).toMatch(/request interaction_\S+/);
		expect(result.error?.message).toMatch(/"Request" > Operation "Get"/);
	});
});

describe("Interaction lookups, Don't Wait", () => {
	it('returns the request ID at once, with the callback URL when one is given (its token masked)', async () => {
		const callbackUrl = 'http://127.0.0.1:9/webhook/abc/nyne?token=0123456789abcdef';
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowers', { waitMode: 'none', callbackUrl }),
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output?.[0].json).toMatchObject({
			interaction_type: 'followers',
			callback_url: 'http://127.0.0.1:9/webhook/abc/nyne?token=***',
		});
		expect(JSON.stringify(result.output)).not.toContain('0123456789abcdef');
		expect(String(result.output?.[0].json.request_id)).toMatch(/^interaction_/);
		expect(env.sandbox.control.stats().byEndpoint).not.toHaveProperty('GET /person/interactions');
	});
});
