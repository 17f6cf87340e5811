import { describe, expect, it } from 'vitest';

import { TOOL_OUTPUT_BUDGET_BYTES, toLookupView, toToolOutput } from '../../shared';
import type { InteractionPerson, LookupView } from '../../shared';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

function person(i: number, extra: Partial<InteractionPerson> = {}): InteractionPerson {
	return {
		username: `user_${i}`,
		display_name: `User ${i}`,
		profile_url: `https://x.com/user_${i}`,
		bio: `Engineer number ${i}. Into AI and coffee.`,
		followers_count: i * 7,
		following_count: i * 3,
		verified: i % 50 === 0,
		...extra,
	};
}

function completed(people: InteractionPerson[], type = 'followers', dropped = 0): LookupView {
	return toLookupView({
		request_id: 'interaction_tool_1',
		status: 'completed',
		interaction_type: type,
		platform: 'twitter',
		created_on: '2026-01-01T00:00:00Z',
		completed_on: '2026-01-01T00:01:00Z',
		result: {
			interaction_type: type,
			source_platform: 'twitter',
			target: { username: 'bigaccount' },
			interactions: people,
			total_count: 25_000,
			dropped_count: dropped,
		},
		result_count: people.length,
	});
}

describe('toToolOutput: a lookup an LLM can afford', () => {
	it('1000 people fit the byte budget: the first ones kept in order, the rest counted in people_omitted', () => {
		const view = completed(Array.from({ length: 1000 }, (_, i) => person(i)));
		const output = toToolOutput(view);
		expect(bytes(output)).toBeLessThanOrEqual(TOOL_OUTPUT_BUDGET_BYTES);
		expect(output.people.length).toBeGreaterThan(50);
		expect(output.people_omitted).toBe(1000 - output.people.length);
		expect(output.people.map((p) => p.username)).toEqual(
			view.people.slice(0, output.people.length).map((p) => p.username),
		);
		// Tight: the next person would not have fitted.
		const next = toToolOutput(view, Infinity).people[output.people.length];
		const withNext = {
			...output,
			people: [...output.people, next],
			people_omitted: output.people_omitted - 1,
		};
		expect(bytes(withNext)).toBeGreaterThan(TOOL_OUTPUT_BUDGET_BYTES);
		expect(bytes(view.people)).toBeGreaterThan(10 * TOOL_OUTPUT_BUDGET_BYTES);
	});

	it('carries the summary: request, type, platform, target and the counts', () => {
		const output = toToolOutput(completed([person(1), person(2)], 'followers', 3));
		expect(output).toMatchObject({
			request_id: 'interaction_tool_1',
			status: 'completed',
			interaction_type: 'followers',
			platform: 'twitter',
			target_username: 'bigaccount',
			result_count: 2,
			total_count: 25_000,
			dropped_count: 3,
			people_omitted: 0,
		});
		expect(output.people).toHaveLength(2);
	});

	it("keeps each person's few most useful fields and clips long texts", () => {
		const long = 'x'.repeat(2000);
		const [one] = toToolOutput(
			completed([person(1, { bio: long, reply_text: long, relation: 'follower', likes_count: 9 })]),
		).people;
		expect(Object.keys(one).sort()).toEqual([
			'bio',
			'display_name',
			'followers_count',
			'profile_url',
			'relation',
			'reply_text',
			'username',
			'verified',
		]);
		expect(one.bio).toHaveLength(160);
		expect(one.reply_text).toHaveLength(280);
		expect(one.reply_text?.endsWith('…')).toBe(true);
		expect(one).toMatchObject({
			username: 'user_1',
			display_name: 'User 1',
			followers_count: 7,
			verified: false,
			relation: 'follower',
		});
	});

	it('counts bytes, not characters: people with emoji names still fit the budget', () => {
		const view = completed(
			Array.from({ length: 1000 }, (_, i) =>
				person(i, { display_name: '🦄🌈✨'.repeat(20), bio: 'Ünïcödé 😀'.repeat(20) }),
			),
		);
		const output = toToolOutput(view);
		expect(bytes(output)).toBeLessThanOrEqual(TOOL_OUTPUT_BUDGET_BYTES);
		expect(JSON.stringify(output).length).toBeLessThan(bytes(output));
		expect(output.people_omitted + output.people.length).toBe(1000);
	});

	it('a budget smaller than the summary gives the summary and counts every person as omitted', () => {
		const output = toToolOutput(completed([person(1), person(2), person(3)]), 100);
		expect(output.people).toEqual([]);
		expect(output.people_omitted).toBe(3);
	});

	it('a lookup still running or failed is its summary, with no people', () => {
		const running = toToolOutput(
			toLookupView({
				request_id: 'interaction_run_1',
				status: 'processing',
				interaction_type: 'followers',
				platform: 'twitter',
			}),
		);
		expect(running).toEqual({
			request_id: 'interaction_run_1',
			status: 'processing',
			interaction_type: 'followers',
			platform: 'twitter',
			people: [],
			people_omitted: 0,
		});
		const failed = toToolOutput(
			toLookupView({
				request_id: 'interaction_fail_1',
				status: 'failed',
				error: 'No interaction data found',
			}),
		);
		expect(failed).toMatchObject({
			status: 'failed',
			error: 'No interaction data found',
			people: [],
		});
	});
});
