import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox';
import { start, stopAll, submitOk, waitForEnd } from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

type Person = { username: string; relation?: string; followers_count: number };

async function lookup(
	sb: Sandbox,
	type: string,
	url: string,
	maxResults = 100,
): Promise<{ interactions: Person[]; target: Record<string, unknown> }> {
	const answer = await waitForEnd(
		sb,
		await submitOk(sb, { type, social_media_url: url, max_results: maxResults }),
	);
	return answer.body.data.result;
}

const names = (people: Person[]) => people.map((p) => p.username);

describe('sandbox synthetic people', () => {
	it('gives the same people in the same order for the same target, across sandboxes', async () => {
		const a = await start();
		const b = await start();
		for (const [type, url] of [
			['followers', 'https://twitter.com/alice'],
			['following', 'https://instagram.com/bob.photos'],
			['replies', 'https://x.com/alice/status/1790000000000000001'],
		]) {
			const first = await lookup(a, type, url);
			const again = await lookup(a, type, url);
			const elsewhere = await lookup(b, type, url);
			expect(again, url).toEqual(first);
			expect(elsewhere, url).toEqual(first);
		}
	});

	it('gives different targets different people, with platform profile URLs', async () => {
		const sb = await start();
		const alice = await lookup(sb, 'followers', 'https://twitter.com/alice');
		const carol = await lookup(sb, 'followers', 'https://twitter.com/carol');
		expect(names(alice.interactions)).not.toEqual(names(carol.interactions));
		const insta = await lookup(sb, 'following', 'https://instagram.com/carol');
		expect(insta.interactions[0]).toMatchObject({
			profile_url: `https://instagram.com/${insta.interactions[0].username}`,
		});
		expect(new Set(names(alice.interactions)).size).toBe(alice.interactions.length);
	});

	it('keeps ordinary profiles between 20..3000 followers and 10..800 following, and bigaccount at 25000', async () => {
		const sb = await start();
		for (const handle of ['alice', 'carol', 'dave_1', 'erin']) {
			const { target } = await lookup(sb, 'followers', `https://twitter.com/${handle}`, 10);
			expect(target.followers_count as number).toBeGreaterThanOrEqual(20);
			expect(target.followers_count as number).toBeLessThanOrEqual(3000);
			expect(target.following_count as number).toBeGreaterThanOrEqual(10);
			expect(target.following_count as number).toBeLessThanOrEqual(800);
		}
		const big = await lookup(sb, 'followers', 'https://twitter.com/bigaccount', 1000);
		expect(big.target.followers_count).toBe(25_000);
		expect(big.interactions).toHaveLength(1000);
		expect(new Set(names(big.interactions)).size).toBe(1000);
	});

	it('caps a small profile list at its size', async () => {
		const sb = await start();
		const { target, interactions } = await lookup(
			sb,
			'following',
			'https://twitter.com/alice',
			1000,
		);
		expect(interactions).toHaveLength(Math.min(1000, target.following_count as number));
	});

	it('churn puts new followers first and removes others, deterministically', async () => {
		const runChurn = async () => {
			const sb = await start();
			const before = await lookup(sb, 'followers', 'https://twitter.com/alice');
			sb.control.churn('twitter', 'alice', { addFollowers: 3, removeFollowers: 2 });
			const after = await lookup(sb, 'followers', 'https://twitter.com/alice');
			return { before, after };
		};
		const { before, after } = await runChurn();
		const old = new Set(names(before.interactions));
		const added = names(after.interactions).filter((n) => !old.has(n));
		expect(added).toHaveLength(3);
		expect(names(after.interactions).slice(0, 3)).toEqual(added);
		const kept = new Set(names(after.interactions));
		const removed = names(before.interactions).filter((n) => !kept.has(n));
		// 2 removed, plus those pushed past max_results by the 3 added ones
		expect(removed.length).toBeGreaterThanOrEqual(2);
		expect(after.target.followers_count).toBe((before.target.followers_count as number) + 1);
		expect(after.target.following_count).toBe(before.target.following_count);
		expect(new Set(names(after.interactions)).size).toBe(after.interactions.length);
		const replay = await runChurn();
		expect(replay.after).toEqual(after);
	});

	it('churns the following list separately', async () => {
		const sb = await start();
		const before = await lookup(sb, 'following', 'https://instagram.com/carol');
		sb.control.churn('instagram', 'carol', { addFollowing: 1, removeFollowing: 1 });
		const after = await lookup(sb, 'following', 'https://instagram.com/carol');
		expect(after.target.following_count).toBe(before.target.following_count);
		expect(names(after.interactions)[0]).not.toBe(names(before.interactions)[0]);
		expect(names(after.interactions).slice(1)).not.toEqual(names(before.interactions).slice(0, 99));
	});
});
