import { describe, expect, it } from 'vitest';

import { NyneValidationError, parseCallbackPayload } from '../../shared';

const completedPayload = {
	request_id: 'interaction_abc123def456_1',
	status: 'completed',
	interaction_type: 'followers',
	platform: 'twitter',
	data: {
		interaction_type: 'followers',
		source_platform: 'twitter',
		target: { username: 'elonmusk' },
		interactions: [{ username: 'follower123', bio: 'Tech enthusiast', extra_field: 1 }],
		total_count: 1,
	},
	result_count: 1,
	delivered_by: 'nyne',
};

describe('parseCallbackPayload', () => {
	it('reads a completed callback, keeping unknown fields', () => {
		const outcome = parseCallbackPayload(completedPayload);
		expect(outcome).toMatchObject({ status: 'completed', requestId: 'interaction_abc123def456_1', platform: 'twitter', resultCount: 1 });
		if (outcome.status !== 'completed') throw new Error('expected completed');
		expect(outcome.result.interactions[0]).toEqual({ username: 'follower123', bio: 'Tech enthusiast', extra_field: 1 });
	});

	it('reads a JSON string body and a failed callback', () => {
		const failed = { request_id: 'interaction_x_1', status: 'failed', interaction_type: 'followers', platform: 'twitter', error: 'No interaction data found' };
		expect(parseCallbackPayload(JSON.stringify(failed))).toEqual({
			status: 'failed',
			requestId: 'interaction_x_1',
			interactionType: 'followers',
			platform: 'twitter',
			error: 'No interaction data found',
		});
	});

	it.each([
		['null', null],
		['not JSON', '{"request_id":'],
		['no request_id', { status: 'completed', data: completedPayload.data }],
		['completed without data', { request_id: 'r1', status: 'completed' }],
		['a person without username', { ...completedPayload, data: { ...completedPayload.data, interactions: [{ bio: 'x' }] } }],
		['a running status', { request_id: 'r1', status: 'processing' }],
		['interactions not a list', { ...completedPayload, data: { ...completedPayload.data, interactions: 'many' } }],
	])('rejects %s with invalid_callback_payload', (_name, body) => {
		expect(() => parseCallbackPayload(body)).toThrow(NyneValidationError);
		expect(() => parseCallbackPayload(body)).toThrow(/This is not a Nyne callback/);
	});
});
