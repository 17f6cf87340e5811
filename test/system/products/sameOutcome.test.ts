// One test for the promise both products make: a failed lookup reads the same everywhere (the core's one
// lookup_failed message), and a lookup that found nobody gives no per-person items anywhere, but one
// whole-result item wherever the output is the whole result.
import { describe, expect, it } from 'vitest';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { baseCounts } from '../../../sandbox/people';
import { NyneFollowerTrigger } from '../../../nodes/NyneFollowerTrigger/NyneFollowerTrigger.node';
import { NyneTrigger } from '../../../nodes/NyneTrigger/NyneTrigger.node';
import type { LookupOutput } from '../../../zapier/src/lookupOutput';
import { pollContext, singleNodeWorkflow, webhookContext } from '../../helpers/n8nCore/contexts';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { followerTriggerNode, nyneTriggerNode } from '../../helpers/n8nCore/triggerNodes';
import { App, appTester, performOf, rejectionOf, shownMessage } from '../../helpers/zapier/harness';
import { completedCallback, failedCallback, people } from '../../helpers/core/callbackFixtures';

const env = useScaledSandbox(0.001, { sandbox: { jobDurationMs: 1_000 } });
const failedMessage = (requestId: string) =>
	`The lookup failed: No interaction data found (request ${requestId}). Nyne charges no credits for a lookup that finds no data.`;

const callback = (requestId: string, count: number) =>
	completedCallback(requestId, 'quiet', people(count, 'p'));

const TOKEN = 'same-outcome-token-0123456789';
async function nyneTrigger(
	body: unknown,
	output: 'split' | 'single',
): Promise<IDataObject[] | undefined> {
	const node = nyneTriggerNode(`t-${output}-${Math.random()}`, { token: TOKEN, output });
	const { context } = webhookContext({
		workflow: singleNodeWorkflow(node),
		node,
		body,
		query: { token: TOKEN },
	});
	const answer = await new NyneTrigger().webhook.call(context);
	return answer.workflowData?.[0].map((item) => item.json);
}

async function followerSample(username: string): Promise<INodeExecutionData[][] | null> {
	const node = followerTriggerNode(`f-${username}`, {
		socialMediaUrl: `https://x.com/${username}`,
		event: 'newFollower',
		maxResults: 1000,
	});
	return await new NyneFollowerTrigger().poll.call(
		pollContext(singleNodeWorkflow(node), node, env.credentials, 'manual'),
	);
}

const nyneNode = (url: string, output: 'split' | 'single') =>
	runNyne(env.credentials, [{}], {
		parameters: {
			resource: 'interaction',
			operation: 'getFollowers',
			socialMediaUrl: url,
			maxResults: 1000,
			waitMode: 'poll',
			options: { output },
		},
		continueOnFail: true,
	});

const zapierResume = performOf(App.creates.fetch_interactions.operation.performResume);
const zapierHook = App.triggers.interaction_results.operation;
const zapierHookPerform = performOf(zapierHook.type === 'hook' ? zapierHook.perform : undefined);

const zapierStart = performOf(App.creates.start_interaction_lookup.operation.perform);
const zapierFind = performOf(App.searches.find_interaction_request.operation.perform);
const zapierAuth = () => ({
	api_key: env.credentials.apiKey,
	api_secret: env.credentials.apiSecret,
	base_url: env.sandbox.url,
});

/**
 * The Zapier instant trigger for a lookup Nyne really has (it fires Nyne's own answer, never the posted body):
 * starts the lookup, waits (free reads) until Nyne has finished it, then posts `body` about it to the trigger.
 */
async function zapierHookFor(profile: string, body: (requestId: string) => unknown) {
	const started = (await appTester(zapierStart, {
		authData: zapierAuth(),
		inputData: { type: 'followers', social_media_url: profile, max_results: 1000 },
	})) as { request_id: string };
	for (let attempt = 0; ; attempt++) {
		const [found] = (await appTester(zapierFind, {
			authData: zapierAuth(),
			inputData: { request_id: started.request_id },
		})) as Array<{ status: string }>;
		if (found?.status === 'completed' || found?.status === 'failed') break;
		if (attempt > 100) throw new Error(`lookup ${started.request_id} did not finish`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const fired = appTester(zapierHookPerform, {
		authData: zapierAuth(),
		subscribeData: { id: 'hook-subscription' },
		cleanedRequest: body(started.request_id),
	});
	return { requestId: started.request_id, fired };
}

describe('the same outcome in every node and in the Zapier app', () => {
	it("a failed lookup: the core's lookup_failed message, as an error item or an error", async () => {
		const node = await nyneNode('https://x.com/nodata_same', 'split');
		const [item] = node.output ?? [];
		expect(node.output).toHaveLength(1);
		const requestId = String(item?.json.request_id);
		expect(item?.json).toEqual({
			error: failedMessage(requestId),
			code: 'lookup_failed',
			request_id: requestId,
		});

		expect(await nyneTrigger(failedCallback('interaction_same_1'), 'split')).toEqual([
			{
				error: failedMessage('interaction_same_1'),
				code: 'lookup_failed',
				request_id: 'interaction_same_1',
			},
		]);

		const follower = await rejectionOf(followerSample('nodata_follower'));
		expect(follower.message).toMatch(
			/^The lookup failed: No interaction data found \(request interaction_\w+\)\. Nyne charges no credits/,
		);

		const resumed = await rejectionOf(
			appTester(zapierResume, {
				outputData: { request_id: 'interaction_same_2' },
				cleanedRequest: failedCallback('interaction_same_2'),
			}),
		);
		expect(shownMessage(resumed)).toBe(failedMessage('interaction_same_2'));
		const hook = await zapierHookFor('https://x.com/nodata_hooked', failedCallback);
		const hooked = await rejectionOf(hook.fired);
		expect(shownMessage(hooked)).toBe(failedMessage(hook.requestId));
	});

	it('a lookup that found nobody: no per-person items anywhere, one whole-result item where that is the output', async () => {
		const quiet = 'quietsame';
		env.sandbox.control.churn('twitter', quiet, {
			removeFollowers: baseCounts('twitter', quiet).followers,
		});

		expect((await nyneNode(`https://x.com/${quiet}`, 'split')).output ?? []).toEqual([]);
		expect(await nyneTrigger(callback('interaction_same_4', 0), 'split')).toBeUndefined();
		expect(await followerSample(quiet)).toBeNull();
		const hook = await zapierHookFor(`https://x.com/${quiet}`, (id) => callback(id, 0));
		expect(await hook.fired).toEqual([]);

		const whole = (await nyneNode(`https://x.com/${quiet}`, 'single')).output?.map(
			(entry) => entry.json,
		);
		expect(whole).toMatchObject([{ status: 'completed', result_count: 0, interactions: [] }]);
		expect(await nyneTrigger(callback('interaction_same_6', 0), 'single')).toMatchObject([
			{ status: 'completed', result_count: 0, interactions: [] },
		]);
		const zapier = (await appTester(zapierResume, {
			outputData: { request_id: 'interaction_same_7' },
			cleanedRequest: callback('interaction_same_7', 0),
		})) as LookupOutput;
		expect(zapier).toMatchObject({ status: 'completed', count: 0, interactions: [] });
	});
});
