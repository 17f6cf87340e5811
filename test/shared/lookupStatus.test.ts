import { describe, expect, it } from 'vitest';

import { toLookupStatus } from '../../shared/lookupStatus';
import { toLookupView } from '../../shared';

const result = {
	interaction_type: 'followers,following',
	source_platform: 'twitter',
	target: { username: 'acme' },
	interactions: [],
	total_count: 3,
	followers: [{ username: 'a' }, { username: 'b' }],
	following: [{ username: 'c' }],
};

describe('toLookupStatus: one parse for a status read and a callback', () => {
	it('counts the people of a combined result given as followers / following lists when Nyne sends no result_count', () => {
		const status = toLookupStatus({ request_id: 'interaction_x_1', status: 'completed', result });
		expect(status.result_count).toBe(3);
		const view = toLookupView(status);
		expect(view.people).toHaveLength(3);
		expect(view.summary.result_count).toBe(3);
	});

	it("keeps Nyne's own result_count", () => {
		const status = toLookupStatus({
			request_id: 'interaction_x_1',
			status: 'completed',
			result,
			result_count: 7,
		});
		expect(status.result_count).toBe(7);
	});

	it('gives a completed lookup without a result an empty one, and a failed one a reason without the secrets', () => {
		expect(toLookupStatus({ request_id: 'r1', status: 'completed' })).toMatchObject({
			result: { interactions: [], total_count: 0 },
			result_count: 0,
		});
		expect(toLookupStatus({ request_id: 'r1', status: 'failed' }).error).toBe(
			'The lookup failed without a reason.',
		);
		const failed = toLookupStatus(
			{ request_id: 'r1', status: 'failed', error: 'bad key sk_live_secret_123' },
			{ secrets: ['sk_live_secret_123'] },
		);
		expect(failed.error).not.toContain('sk_live_secret_123');
	});
});
