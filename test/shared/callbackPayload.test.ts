import { describe, expect, it } from 'vitest';

import { NyneValidationError, parseCallbackPayload } from '../../shared';
import { completedCallback } from '../helpers/core/callbackFixtures';

const completedPayload = {
	...completedCallback('interaction_abc123def456_1', 'elonmusk', [
		{ username: 'follower123', bio: 'Tech enthusiast', extra_field: 1 },
	]),
	delivered_by: 'nyne',
};

describe('parseCallbackPayload', () => {
	it('reads a completed callback, keeping unknown fields', () => {
		const outcome = parseCallbackPayload(completedPayload);
		expect(outcome).toMatchObject({
			status: 'completed',
			request_id: 'interaction_abc123def456_1',
			platform: 'twitter',
			result_count: 1,
		});
		if (outcome.status !== 'completed') throw new Error('expected completed');
		expect(outcome.result?.interactions[0]).toEqual({
			username: 'follower123',
			bio: 'Tech enthusiast',
			extra_field: 1,
		});
	});

	it('reads a JSON string body and a failed callback', () => {
		const failed = {
			request_id: 'interaction_x_1',
			status: 'failed',
			interaction_type: 'followers',
			platform: 'twitter',
			error: 'No interaction data found',
		};
		expect(parseCallbackPayload(JSON.stringify(failed))).toEqual({
			status: 'failed',
			request_id: 'interaction_x_1',
			interaction_type: 'followers',
			platform: 'twitter',
			error: 'No interaction data found',
		});
	});

	it.each([
		['null', null],
		['not JSON', '{"request_id":'],
		['no request_id', { status: 'completed', data: completedPayload.data }],
		['a running status', { request_id: 'r1', status: 'processing' }],
		[
			'a request_id over 200 characters',
			{ ...completedPayload, request_id: `interaction_${'a'.repeat(190)}_1` },
		],
		['a request_id that is not text', { ...completedPayload, request_id: 42 }],
		['a status that is not text', { ...completedPayload, status: true }],
	])('rejects %s with invalid_callback_payload', (_name, body) => {
		expect(() => parseCallbackPayload(body)).toThrow(NyneValidationError);
		expect(() => parseCallbackPayload(body)).toThrow(/This is not a Nyne callback/);
	});
});

describe('parseCallbackPayload keeps a paid result readable', () => {
	it('keeps every person with a username, drops the others and counts them', () => {
		const people = [
			{ username: 'kept_1' },
			{ username: null, display_name: 'No Handle' },
			'garbage',
			null,
			{ username: 42 },
			{ username: '' },
			{ username: 'kept_2', followers_count: 'many' },
		];
		const outcome = parseCallbackPayload({
			...completedPayload,
			data: { ...completedPayload.data, interactions: people, total_count: '7' },
		});
		if (outcome.status !== 'completed') throw new Error('expected completed');
		expect(outcome.result?.interactions.map((person) => person.username)).toEqual([
			'kept_1',
			'42',
			'kept_2',
		]);
		expect(outcome.result?.dropped_count).toBe(4);
		expect(outcome.result?.total_count).toBe(7);
	});

	it('reads a completed callback with no data, null data or interactions that are not a list as an empty result', () => {
		for (const data of [
			undefined,
			null,
			{ ...completedPayload.data, interactions: 'many' },
			'text',
		]) {
			const outcome = parseCallbackPayload({
				request_id: 'interaction_abc_1',
				status: 'completed',
				data,
			});
			expect(outcome).toMatchObject({
				status: 'completed',
				result_count: 0,
				result: { interactions: [], dropped_count: 0 },
			});
		}
	});

	it('tolerates a missing or unreadable total_count and result_count', () => {
		for (const total of [undefined, 'lots', -3, null]) {
			const outcome = parseCallbackPayload({
				...completedPayload,
				result_count: 'x',
				data: { ...completedPayload.data, total_count: total },
			});
			expect(outcome).toMatchObject({
				status: 'completed',
				result_count: 1,
				result: { total_count: 1 },
			});
		}
	});

	it('reads at most 1000 people (2000 for followers,following) and counts the rest as dropped', () => {
		const many = Array.from({ length: 2500 }, (_, index) => ({ username: `p${index}` }));
		const one = parseCallbackPayload({
			...completedPayload,
			data: { ...completedPayload.data, interactions: many },
		});
		const both = parseCallbackPayload({
			...completedPayload,
			interaction_type: 'followers,following',
			data: {
				...completedPayload.data,
				interaction_type: 'followers,following',
				interactions: many,
			},
		});
		if (one.status !== 'completed' || both.status !== 'completed')
			throw new Error('expected completed');
		expect([one.result?.interactions.length, one.result?.dropped_count]).toEqual([1000, 1500]);
		expect([both.result?.interactions.length, both.result?.dropped_count]).toEqual([2000, 500]);
	});

	it('refuses a callback about another request than the expected one, and redacts secrets in a failure reason', () => {
		expect(() =>
			parseCallbackPayload(completedPayload, { expectedRequestId: 'interaction_other_1' }),
		).toThrow(expect.objectContaining({ code: 'callback_request_mismatch' }));
		expect(
			parseCallbackPayload(completedPayload, { expectedRequestId: completedPayload.request_id })
				.status,
		).toBe('completed');
		const secret = 'sec_R3DACT/me+now';
		const failed = parseCallbackPayload(
			{
				request_id: 'interaction_x_1',
				status: 'failed',
				error: `bad ${secret} / ${encodeURIComponent(secret)} / ${JSON.stringify(secret)}`,
			},
			{ secrets: ['key_unused', secret] },
		);
		expect(failed).toMatchObject({ status: 'failed', error: 'bad *** / *** / "***"' });
	});
});
