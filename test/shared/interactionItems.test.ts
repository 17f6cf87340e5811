import { describe, expect, it } from 'vitest';

import { toInteractionItems } from '../../shared';
import type { InteractionResult } from '../../shared';

const base = { source_platform: 'twitter', target: { username: 'elonmusk' } };

describe('toInteractionItems', () => {
	it('puts request, platform, type, relation and target beside the API fields', () => {
		const result: InteractionResult = {
			...base,
			interaction_type: 'followers',
			interactions: [{ username: 'a', bio: 'hi', platform: 'spoofed' }],
			total_count: 1,
		};
		expect(
			toInteractionItems(result, {
				request_id: 'r1',
				platform: 'twitter',
				interaction_type: 'followers',
			}),
		).toEqual([
			{
				username: 'a',
				bio: 'hi',
				request_id: 'r1',
				platform: 'twitter',
				interaction_type: 'followers',
				target_username: 'elonmusk',
				relation: 'follower',
			},
		]);
	});

	it('keeps replies without a relation', () => {
		const result: InteractionResult = {
			...base,
			interaction_type: 'replies',
			interactions: [{ username: 'a', reply_text: 'yes' }],
			total_count: 1,
		};
		expect(toInteractionItems(result, { request_id: 'r1' })[0]).not.toHaveProperty('relation');
	});

	it('tags each person of a combined lookup, from tagged entries or from separate lists', () => {
		const tagged: InteractionResult = {
			...base,
			interaction_type: 'followers,following',
			interactions: [
				{ username: 'a', relation: 'follower' },
				{ username: 'b', relation: 'following' },
			],
			total_count: 2,
		};
		expect(toInteractionItems(tagged, { request_id: 'r' }).map((item) => item.relation)).toEqual([
			'follower',
			'following',
		]);
		const split: InteractionResult = {
			...base,
			interaction_type: 'followers,following',
			interactions: [],
			followers: [{ username: 'a' }],
			following: [{ username: 'b' }, { username: 'c' }],
			total_count: 3,
		};
		expect(
			toInteractionItems(split, { request_id: 'r' }).map(
				(item) => `${item.username}:${item.relation}`,
			),
		).toEqual(['a:follower', 'b:following', 'c:following']);
	});
});

describe('toInteractionItems on a completed lookup without a result', () => {
	it('reads `result: null` (or nothing) as no people instead of throwing', () => {
		expect(toInteractionItems(null, { request_id: 'r1' })).toEqual([]);
		expect(toInteractionItems(undefined, { request_id: 'r1' })).toEqual([]);
		const odd = {
			...base,
			interaction_type: 'followers',
			interactions: 'many',
			total_count: 0,
		} as unknown as InteractionResult;
		expect(toInteractionItems(odd, { request_id: 'r1' })).toEqual([]);
	});
});
