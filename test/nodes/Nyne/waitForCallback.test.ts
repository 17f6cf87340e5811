import { WorkflowExecute } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Nyne } from '../../../nodes/Nyne/Nyne.node';
import { startCallbackCatcher } from '../../helpers/n8nCore/callbackCatcher';
import type { CaughtCall } from '../../helpers/n8nCore/callbackCatcher';
import { webhookContext } from '../../helpers/n8nCore/contexts';
import { additionalDataFor, runNyne } from '../../helpers/n8nCore/n8nHarness';
import type { RunResult } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

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

/** Runs the node on `items` until it waits for the callback of its lookup of `url`; the catcher gets the callback URL. */
const waitingRun = (url: string, items: IDataObject[] = [{}], options = {}) =>
	runNyne(env.credentials, items, {
		parameters: parameters(url, options),
		waitingBaseUrl: catcher.url,
	});

/** Two runs of the node in one execution, as Loop Over Items makes them: each waits with its own token. */
async function twoRuns(firstUrl: string, secondUrl: string) {
	const first = await waitingRun(firstUrl);
	const firstCall = await catcher.next();
	catcher.calls.length = 0;
	const second = await waitingRun(secondUrl);
	const secondCall = await catcher.next();
	expect(first.waiting && second.waiting).toBe(true);
	return { firstCall, second, secondCall };
}

/** What n8n's wait tracker does at the execution's wait time: run the saved execution on from where it waits. */
async function resumeAtDeadline(run: RunResult) {
	const saved = JSON.parse(JSON.stringify(run.run.data)) as RunResult['run']['data'];
	const resumed = await new WorkflowExecute(
		additionalDataFor(env.credentials, '101', catcher.url),
		'manual',
		saved,
	).processRunExecutionData(run.workflow);
	const nyneRuns = resumed.data.resultData.runData.Nyne ?? [];
	return { resumed, output: nyneRuns[nyneRuns.length - 1]?.data?.main?.[0] ?? [] };
}

/**
 * Posts `call` to the waiting execution's resume webhook. `n8n1` resumes as n8n 1.x does, where the execution's
 * custom data is not read back into the resume; `apiSecret` stands for a secret rotated meanwhile.
 */
async function resume(
	run: RunResult,
	call: Pick<CaughtCall, 'body' | 'query'>,
	as: { n8n1?: boolean; apiSecret?: string } = {},
) {
	const nyneNode = run.workflow.getNode('Nyne')!;
	const saved = JSON.parse(JSON.stringify(run.run.data)) as RunResult['run']['data'];
	if (as.n8n1) {
		expect(saved.resultData.metadata).toBeDefined();
		delete saved.resultData.metadata;
	}
	const { context, response } = webhookContext({
		workflow: run.workflow,
		node: nyneNode,
		credentials: { ...env.credentials, ...(as.apiSecret ? { apiSecret: as.apiSecret } : {}) },
		body: call.body,
		query: call.query,
		runExecutionData: saved,
		executionId: '101',
		mode: 'manual',
	});
	const answer = await node.webhook.call(context);
	return { answer, response };
}

it('pauses the execution, and the callback to its resume URL becomes the output, without polling', async () => {
	const run = await waitingRun('https://x.com/erin');
	expect(run.error).toBeUndefined();
	expect(run.waiting).toBe(true);

	const call = await catcher.next();
	expect(call.path).toBe('/webhook-waiting/101');
	expect(call.query.nyne_token).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{40}$/);
	expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0).toBe(0);

	const { answer } = await resume(run, call);
	const items = answer.workflowData?.[0] ?? [];
	expect(items).toHaveLength(15);
	expect(items[0].json).toMatchObject({ target_username: 'erin', interaction_type: 'followers' });
	expect(items[0].pairedItem).toEqual({ item: 0 });
});

it('refuses a resume call without the right token, so the execution keeps waiting', async () => {
	const run = await waitingRun('https://x.com/erin');
	const call = await catcher.next();
	const queries: Array<Record<string, string>> = [{}, { nyne_token: 'f'.repeat(40) }];
	for (const query of queries) {
		const { answer, response } = await resume(run, { body: call.body, query });
		expect(response.statusCode).toBe(403);
		expect(answer.workflowData).toBeUndefined();
	}
});

it('refuses a body that is not a Nyne callback', async () => {
	const run = await waitingRun('https://x.com/erin');
	const call = await catcher.next();
	const { answer, response } = await resume(run, { body: { hello: 'world' }, query: call.query });
	expect(response.statusCode).toBe(400);
	expect(answer.workflowData).toBeUndefined();
});

it('a failed lookup ends the execution with "The lookup failed"', async () => {
	const run = await waitingRun('https://x.com/nodata_erin');
	const call = await catcher.next();
	await expect(resume(run, call)).rejects.toThrow(/^The lookup failed: No interaction data found/);
});

it('more than one input item is refused before anything is sent', async () => {
	const before = env.sandbox.control.stats().requests;
	const run = await waitingRun('https://x.com/erin', [{}, {}]);
	expect(run.error?.message).toMatch(/one input item/);
	expect(run.waiting).toBe(false);
	expect(env.sandbox.control.stats().requests).toBe(before);
});

it('an AI agent calling the node as a tool cannot pause for a callback, and nothing is sent', async () => {
	const before = env.sandbox.control.stats().requests;
	const run = await runNyne(env.credentials, [{}], {
		parameters: parameters('https://x.com/agentic'),
		waitingBaseUrl: catcher.url,
		type: 'n8n-nodes-nyne.nyneTool',
	});
	// The model reads the refusal as the tool's answer, in words, not as a thrown error.
	expect(run.error).toBeUndefined();
	expect(String(run.output?.[0].json.error)).toMatch(/^An AI agent cannot pause for a callback/);
	expect(run.waiting).toBe(false);
	expect(env.sandbox.control.stats().requests).toBe(before);
});

it('waits until its Timeout, not forever; at the deadline the execution goes on with one item naming the request to fetch', async () => {
	const before = Date.now();
	const run = await waitingRun('https://x.com/erin', [{}], { timeout: 120 });
	const after = Date.now();
	expect(run.waiting).toBe(true);
	const waitTill = new Date(run.run.waitTill!).getTime();
	expect(waitTill).toBeGreaterThanOrEqual(before + 120_000);
	expect(waitTill).toBeLessThanOrEqual(after + 120_000);
	const requestId = String(run.output?.[0].json.request_id);

	const { resumed, output } = await resumeAtDeadline(run);
	expect(resumed.waitTill ?? undefined).toBeUndefined();
	expect(resumed.data.resultData.error).toBeUndefined();
	expect(output).toHaveLength(1);
	expect(output[0].json).toMatchObject({ code: 'callback_timeout', request_id: requestId });
	expect(String(output[0].json.error)).toContain(`request ${requestId}`);
	expect(String(output[0].json.error)).toMatch(/"Request" > Operation "Get"/);
});

it('without a Timeout it waits one hour for the callback', async () => {
	const before = Date.now();
	const run = await waitingRun('https://x.com/erin');
	const after = Date.now();
	const waitTill = new Date(run.run.waitTill!).getTime();
	expect(waitTill).toBeGreaterThanOrEqual(before + 3_600_000);
	expect(waitTill).toBeLessThanOrEqual(after + 3_600_000);
});

it('a callback with the right token but about another request is refused with 403, and nothing resumes', async () => {
	const run = await waitingRun('https://x.com/erin');
	const call = await catcher.next();
	const forged = {
		...(call.body as Record<string, unknown>),
		request_id: 'interaction_forged_1700000000',
	};
	const { answer, response } = await resume(run, { body: forged, query: call.query });
	expect(response.statusCode).toBe(403);
	expect(answer.workflowData).toBeUndefined();
});

it('two identical lookups in one execution get different tokens, and the earlier one cannot resume the later', async () => {
	const { firstCall, second, secondCall } = await twoRuns(
		'https://x.com/erin',
		'https://x.com/erin',
	);
	expect(firstCall.query.nyne_token).not.toBe(secondCall.query.nyne_token);

	const stale = await resume(second, firstCall);
	expect(stale.response.statusCode).toBe(403);
	expect(stale.answer.workflowData).toBeUndefined();
	const own = await resume(second, secondCall);
	expect(own.answer.workflowData?.[0]).toHaveLength(15);
});

it('a resume URL on this machine is refused before submitting when the credential points at the public API', async () => {
	const before = env.sandbox.control.stats().requests;
	const run = await runNyne({ ...env.credentials, baseUrl: 'https://api.nyne.ai' }, [{}], {
		parameters: parameters('https://x.com/erin'),
	});
	expect(run.waiting).toBe(false);
	expect(run.error?.message).toMatch(/^Nyne cannot reach 127\.0\.0\.1:5678/);
	expect(run.error?.message).toMatch(/WEBHOOK_URL setting \(N8N_WEBHOOK_URL on newer n8n\)/);
	expect(run.error?.message).toMatch(/"Wait for Result"/);
	expect((run.error as { description?: string }).description).toMatch(
		/Nothing was sent to Nyne \(error code: unreachable_callback_url\)/,
	);
	expect(env.sandbox.control.stats().requests).toBe(before);
});

describe.each([
	['n8n 2.x', false],
	['n8n 1.x (custom data not read back)', true],
])('resumes only what it started, on %s', (_version, n8n1) => {
	const erinThenFrank = () => twoRuns('https://x.com/erin', 'https://x.com/frank');
	const refused = (outcome: Awaited<ReturnType<typeof resume>>) => {
		expect(outcome.response.statusCode).toBe(403);
		expect(outcome.answer.workflowData).toBeUndefined();
	};

	it('its own callback resumes it with its own people', async () => {
		const { second, secondCall } = await erinThenFrank();
		const own = await resume(second, secondCall, { n8n1 });
		expect(own.answer.workflowData?.[0]).toHaveLength(15);
		expect(own.answer.workflowData?.[0]?.[0]?.json).toMatchObject({ target_username: 'frank' });
	});

	it('an earlier run’s callback (a loop’s previous item, a replay) is refused', async () => {
		const { firstCall, second } = await erinThenFrank();
		refused(await resume(second, firstCall, { n8n1 }));
		refused(await resume(second, firstCall, { n8n1 }));
	});

	it('a body forged about this run’s request under an earlier run’s token is refused', async () => {
		const { firstCall, second, secondCall } = await erinThenFrank();
		const forged = {
			body: {
				...(firstCall.body as Record<string, unknown>),
				request_id: (secondCall.body as { request_id: string }).request_id,
			},
			query: firstCall.query,
		};
		refused(await resume(second, forged, { n8n1 }));
	});

	it('its own callback still resumes it after the API secret was rotated', async () => {
		const { second, secondCall } = await erinThenFrank();
		const own = await resume(second, secondCall, { n8n1, apiSecret: 'rotated-secret-0000' });
		expect(own.response.statusCode).not.toBe(403);
		expect(own.answer.workflowData?.[0]).toHaveLength(15);
	});
});
