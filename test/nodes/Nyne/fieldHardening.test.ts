import { beforeAll, expect, it } from 'vitest';

import { overrideRuntime } from '../../helpers/n8nCore/runtimeOverride';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });
// The sandbox stamps request IDs with real Unix seconds: the node reads the age of a request on the real clock
// (its waits stay scaled), as it does in n8n.
beforeAll(() => overrideRuntime({ now: Date.now }));

const lookup = (operation: string, extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'interaction',
		operation,
		socialMediaUrl: '={{ $json.url }}',
		maxResults: 12,
		...extra,
	},
});

async function startWithoutWaiting(url: string): Promise<string> {
	const started = await runNyne(
		env.credentials,
		[{ url }],
		lookup('getFollowers', { waitMode: 'none' }),
	);
	return String(started.output?.[0].json.request_id);
}

const getRequest = (requestId: string, options: Record<string, unknown> = {}) =>
	runNyne(env.credentials, [{ id: requestId }], {
		parameters: { resource: 'request', operation: 'get', requestId: '={{ $json.id }}', options },
	});

it("Don't Wait, then Request > Get right away: the young request's 404s are waited through (the core's rule)", async () => {
	env.sandbox.control.setJobDurationMs(0);
	const requestId = await startWithoutWaiting('https://x.com/chain_user');
	env.sandbox.control.injectFault({ kind: 'early_404', times: 3 });
	const result = await getRequest(requestId);
	expect(result.error).toBeUndefined();
	expect(result.output?.[0].json).toMatchObject({ request_id: requestId });
	expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(4);
});

it('Request > Get of an old request ID says not found after one ask', async () => {
	const result = await runNyne(env.credentials, [{}], {
		parameters: {
			resource: 'request',
			operation: 'get',
			requestId: 'interaction_abc123def456_1700000000',
		},
		continueOnFail: true,
	});
	expect(result.output?.[0].json).toMatchObject({ code: 'request_not_found' });
	expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(1);
});

it('Request > Get of a completed lookup with a nameless person keeps the others and reports dropped_count', async () => {
	env.sandbox.control.setJobDurationMs(0);
	const requestId = await startWithoutWaiting('https://x.com/odd_people');
	env.sandbox.control.injectFault({ kind: 'odd_result', shape: 'nameless_person' });
	const result = await getRequest(requestId, { output: 'single' });
	expect(result.error).toBeUndefined();
	expect(result.output?.[0].json).toMatchObject({
		request_id: requestId,
		dropped_count: 1,
		total_count: 12,
	});
	expect(result.output?.[0].json.interactions).toHaveLength(12);
});

it('Wait for Result on a lookup answered with `result: null` ends with an empty result, not a crash', async () => {
	env.sandbox.control.setJobDurationMs(0);
	env.sandbox.control.injectFault({ kind: 'odd_result', shape: 'null_result', times: 5 });
	const result = await runNyne(
		env.credentials,
		[{ url: 'https://x.com/null_result' }],
		lookup('getFollowers', { options: { output: 'single' } }),
	);
	expect(result.error).toBeUndefined();
	expect(result.output?.[0].json).toMatchObject({
		status: 'completed',
		interactions: [],
		dropped_count: 0,
	});
	expect(env.sandbox.control.stats().submissions).toBe(1);
});

it.each(['0x10', '1e3', '={{ true }}'])(
	'Max Results %j from an expression is refused before anything is sent',
	async (maxResults) => {
		const result = await runNyne(
			env.credentials,
			[{ url: 'https://x.com/alice' }],
			lookup('getFollowers', { maxResults }),
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(
			/Max results must be a whole number from 1 to 1000, written in decimal digits/,
		);
		expect(env.sandbox.control.stats().requests).toBe(0);
	},
);

it("getFollowers and getFollowersAndFollowing work for Instagram profiles (today's API)", async () => {
	const followers = await runNyne(
		env.credentials,
		[{ url: 'instagram.com/nyne_ai' }],
		lookup('getFollowers'),
	);
	expect(followers.error).toBeUndefined();
	expect(followers.output?.[0].json).toMatchObject({
		platform: 'instagram',
		interaction_type: 'followers',
		relation: 'follower',
	});
	const both = await runNyne(
		env.credentials,
		[{ url: 'instagram.com/nyne_ai' }],
		lookup('getFollowersAndFollowing'),
	);
	expect(new Set(both.output?.map((item) => item.json.relation))).toEqual(
		new Set(['follower', 'following']),
	);
});

it('a Base URL on plain http:// to a public host is refused before anything is sent', async () => {
	const result = await runNyne(
		{ ...env.credentials, baseUrl: 'http://api.nyne.ai' },
		[{ url: 'https://x.com/alice' }],
		lookup('getFollowers'),
	);
	expect(result.error?.message).toMatch(/http:\/\/ is allowed only for a sandbox on this machine/);
	expect(env.sandbox.control.stats().requests).toBe(0);
});
