import { expect, it } from 'vitest';
import type { INode } from 'n8n-workflow';

import { NyneTrigger } from '../../../nodes/NyneTrigger/NyneTrigger.node';
import { MAX_REMEMBERED_REQUESTS } from '../../../nodes/NyneTrigger/recentDeliveries';
import { startCallbackCatcher } from '../../helpers/n8nCore/callbackCatcher';
import { singleNodeWorkflow, webhookContext } from '../../helpers/n8nCore/contexts';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { nyneTriggerNode } from '../../helpers/n8nCore/triggerNodes';
import { completedCallback } from '../../helpers/core/callbackFixtures';

const TOKEN = 'a-long-secret-token-0123456789';
const trigger = new NyneTrigger();
const env = useScaledSandbox(0.001);

let nodeCounter = 0;
function triggerNode(output = 'split'): INode {
	nodeCounter += 1;
	return nyneTriggerNode(`trigger-${nodeCounter}`, { token: TOKEN, output });
}

const completed = (requestId: string, people = 3) =>
	completedCallback(
		requestId,
		'frank',
		Array.from({ length: people }, (_, i) => ({
			username: `person${i}`,
			display_name: `Person ${i}`,
		})),
	);

async function deliver(
	node: INode,
	workflow: ReturnType<typeof singleNodeWorkflow>,
	body: unknown,
	query: Record<string, string> = { token: TOKEN },
) {
	const { context, response } = webhookContext({ workflow, node, body, query });
	const answer = await trigger.webhook.call(context);
	return { answer, response };
}

it('emits one item per person from a valid callback and answers at once', async () => {
	const node = triggerNode();
	const workflow = singleNodeWorkflow(node);
	const { answer } = await deliver(node, workflow, completed('interaction_t1'));
	const items = answer.workflowData?.[0] ?? [];
	expect(items.map((item) => item.json.username)).toEqual(['person0', 'person1', 'person2']);
	expect(items[0].json).toMatchObject({
		request_id: 'interaction_t1',
		target_username: 'frank',
		relation: 'follower',
	});
	expect(answer.webhookResponse).toEqual({ received: true });
});

it('can emit one item per result', async () => {
	const node = triggerNode('single');
	const { answer } = await deliver(node, singleNodeWorkflow(node), completed('interaction_t2', 4));
	const items = answer.workflowData?.[0] ?? [];
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({
		request_id: 'interaction_t2',
		status: 'completed',
		result_count: 4,
	});
	expect(items[0].json.interactions).toHaveLength(4);
});

it('drops a repeated delivery of the same request_id, and remembers it in static data', async () => {
	const node = triggerNode();
	const workflow = singleNodeWorkflow(node);
	const first = await deliver(node, workflow, completed('interaction_dup'));
	const second = await deliver(node, workflow, completed('interaction_dup'));
	expect(first.answer.workflowData?.[0]).toHaveLength(3);
	expect(second.answer.workflowData).toBeUndefined();
	expect(second.answer.webhookResponse).toEqual({ received: true, duplicate: true });
	expect(workflow.staticData[`node:${node.name}`]).toMatchObject({
		recentRequestIds: ['interaction_dup'],
	});
});

it('keeps the remembered request IDs bounded', async () => {
	const node = triggerNode();
	const workflow = singleNodeWorkflow(node);
	for (let i = 0; i < MAX_REMEMBERED_REQUESTS + 20; i++)
		await deliver(node, workflow, completed(`interaction_b${i}`, 1));
	const remembered = (workflow.staticData[`node:${node.name}`] as { recentRequestIds: string[] })
		.recentRequestIds;
	expect(remembered).toHaveLength(MAX_REMEMBERED_REQUESTS);
	expect(remembered.at(-1)).toBe(`interaction_b${MAX_REMEMBERED_REQUESTS + 19}`);
});

it('rejects calls without the token, or with a wrong one, and emits nothing', async () => {
	const node = triggerNode();
	const workflow = singleNodeWorkflow(node);
	const queries: Array<Record<string, string>> = [{}, { token: 'wrong-token-wrong-token' }];
	for (const query of queries) {
		const { answer, response } = await deliver(node, workflow, completed('interaction_t3'), query);
		expect(response.statusCode).toBe(403);
		expect(answer.workflowData).toBeUndefined();
	}
});

it("turns a failed lookup into one item with code lookup_failed and the core's message", async () => {
	const node = triggerNode();
	const body = {
		request_id: 'interaction_f1',
		status: 'failed',
		interaction_type: 'followers',
		platform: 'twitter',
		error: 'No interaction data found',
	};
	const { answer } = await deliver(node, singleNodeWorkflow(node), body);
	expect(answer.workflowData?.[0].map((item) => item.json)).toEqual([
		{
			request_id: 'interaction_f1',
			code: 'lookup_failed',
			error:
				'The lookup failed: No interaction data found (request interaction_f1). Nyne charges no credits for a lookup that finds no data.',
		},
	]);
});

it('starts nothing for a lookup that found nobody, unless the output is one item per result', async () => {
	const split = triggerNode();
	const none = await deliver(split, singleNodeWorkflow(split), completed('interaction_e1', 0));
	expect(none.answer).toEqual({ webhookResponse: { received: true } });
	const single = triggerNode('single');
	const one = await deliver(single, singleNodeWorkflow(single), completed('interaction_e2', 0));
	expect(one.answer.workflowData?.[0].map((item) => item.json)).toMatchObject([
		{ request_id: 'interaction_e2', status: 'completed', result_count: 0, interactions: [] },
	]);
});

it('answers 400 to a body that is not a Nyne callback', async () => {
	const node = triggerNode();
	const { answer, response } = await deliver(node, singleNodeWorkflow(node), { hello: 'world' });
	expect(response.statusCode).toBe(400);
	expect(answer.workflowData).toBeUndefined();
});

it("receives what the Nyne node's Don't Wait mode asks Nyne to send", async () => {
	const catcher = await startCallbackCatcher();
	try {
		const callbackUrl = `${catcher.url.replace('/webhook-waiting', '/webhook/abc/nyne')}?token=${TOKEN}`;
		const credentials = env.credentials;
		await runNyne(credentials, [{}], {
			parameters: {
				resource: 'interaction',
				operation: 'getFollowing',
				socialMediaUrl: 'https://x.com/frank',
				maxResults: 10,
				waitMode: 'none',
				callbackUrl,
			},
		});
		const call = await catcher.next();
		const node = triggerNode();
		const { answer } = await deliver(node, singleNodeWorkflow(node), call.body, call.query);
		expect(answer.workflowData?.[0]).toHaveLength(10);
		expect(answer.workflowData?.[0][0].json).toMatchObject({
			target_username: 'frank',
			relation: 'following',
		});
	} finally {
		await catcher.close();
	}
});

it('refuses to activate with a short token', async () => {
	const node = { ...triggerNode(), parameters: { token: 'short' } };
	const context = {
		getNodeParameter: (name: string) => (node.parameters as Record<string, unknown>)[name],
		getNode: () => node,
	};
	await expect(trigger.webhookMethods.default.create.call(context as never)).rejects.toThrow(
		/at least 16 characters/,
	);
});
