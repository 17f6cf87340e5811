import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { Nyne } from '../../nodes/Nyne/Nyne.node';
import { startCallbackCatcher } from './harness/callbackCatcher';
import type { CaughtCall } from './harness/callbackCatcher';
import { webhookContext } from './harness/contexts';
import { runNyne } from './harness/n8nHarness';
import type { RunResult } from './harness/n8nHarness';
import { useScaledSandbox } from './harness/scaledSandbox';

const TIME_SCALE = 0.001;
const env = useScaledSandbox(TIME_SCALE, { resetEach: true });
let catcher: Awaited<ReturnType<typeof startCallbackCatcher>>;
const node = new Nyne();

beforeAll(async () => {
	catcher = await startCallbackCatcher();
});
afterAll(async () => {
	await catcher.close();
});
beforeEach(() => {
	catcher.calls.length = 0;
});

const parameters = (url: string, options = {}) => ({
	resource: 'interaction',
	operation: 'getFollowers',
	socialMediaUrl: url,
	maxResults: 15,
	waitMode: 'webhook',
	options,
});

async function resume(run: RunResult, call: Pick<CaughtCall, 'body' | 'query'>) {
	const nyneNode = run.workflow.getNode('Nyne')!;
	const { context, response } = webhookContext({
		workflow: run.workflow,
		node: nyneNode,
		credentials: env.credentials,
		body: call.body,
		query: call.query,
		runExecutionData: run.run.data,
		executionId: '101',
		mode: 'manual',
	});
	const answer = await node.webhook.call(context);
	return { answer, response };
}

it('pauses the execution, and the callback to its resume URL becomes the output, without polling', async () => {
	const run = await runNyne(env.credentials, [{}], { parameters: parameters('https://x.com/erin'), waitingBaseUrl: catcher.url });
	expect(run.error).toBeUndefined();
	expect(run.waiting).toBe(true);

	const call = await catcher.next();
	expect(call.path).toBe('/webhook-waiting/101');
	expect(call.query.nyne_token).toMatch(/^[0-9a-f]{40}$/);
	expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0).toBe(0);

	const { answer } = await resume(run, call);
	const items = answer.workflowData?.[0] ?? [];
	expect(items).toHaveLength(15);
	expect(items[0].json).toMatchObject({ target_username: 'erin', interaction_type: 'followers' });
	expect(items[0].pairedItem).toEqual({ item: 0 });
});

it('refuses a resume call without the right token, so the execution keeps waiting', async () => {
	const run = await runNyne(env.credentials, [{}], { parameters: parameters('https://x.com/erin'), waitingBaseUrl: catcher.url });
	const call = await catcher.next();
	const queries: Array<Record<string, string>> = [{}, { nyne_token: 'f'.repeat(40) }];
	for (const query of queries) {
		const { answer, response } = await resume(run, { body: call.body, query });
		expect(response.statusCode).toBe(403);
		expect(answer.workflowData).toBeUndefined();
	}
});

it('refuses a body that is not a Nyne callback', async () => {
	const run = await runNyne(env.credentials, [{}], { parameters: parameters('https://x.com/erin'), waitingBaseUrl: catcher.url });
	const call = await catcher.next();
	const { answer, response } = await resume(run, { body: { hello: 'world' }, query: call.query });
	expect(response.statusCode).toBe(400);
	expect(answer.workflowData).toBeUndefined();
});

it('a failed lookup ends the execution with "The lookup failed"', async () => {
	const run = await runNyne(env.credentials, [{}], { parameters: parameters('https://x.com/nodata_erin'), waitingBaseUrl: catcher.url });
	const call = await catcher.next();
	await expect(resume(run, call)).rejects.toThrow(/^The lookup failed: No interaction data found/);
});

it('more than one input item is refused before anything is sent', async () => {
	const before = env.sandbox.control.stats().requests;
	const run = await runNyne(env.credentials, [{}, {}], { parameters: parameters('https://x.com/erin'), waitingBaseUrl: catcher.url });
	expect(run.error?.message).toMatch(/one input item/);
	expect(run.waiting).toBe(false);
	expect(env.sandbox.control.stats().requests).toBe(before);
});

it('an AI agent calling the node as a tool cannot pause for a callback, and nothing is sent', async () => {
	const before = env.sandbox.control.stats().requests;
	const run = await runNyne(env.credentials, [{}], { parameters: parameters('https://x.com/agentic'), waitingBaseUrl: catcher.url, type: 'n8n-nodes-nyne.nyneTool' });
	expect(run.error?.message).toMatch(/AI agent cannot pause for a callback/);
	expect(run.waiting).toBe(false);
	expect(env.sandbox.control.stats().requests).toBe(before);
});
