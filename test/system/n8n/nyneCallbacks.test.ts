// Under `n8n start`: the Nyne Trigger receiving the sandbox's callback for a "Don't Wait" lookup, and
// "Wait for Callback" (the execution waits, the sandbox POSTs to its resume URL, the execution finishes).
// On 1.x, n8n-core has no IExecuteFunctions.isToolExecution, so the node tells a tool call by its node type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	callbackWorkflows,
	directLookup,
	importInEditor,
	isPublished,
	listExecutions,
	nodeItems,
	nodeOutput,
	nyneCredential,
	ownerSession,
	runError,
	startN8n,
	waitForExecutions,
	type N8nInstance,
	type RunningN8n,
	type SessionHeaders,
	type WorkflowJson,
} from '../../helpers/n8n';
import { N8N_TARGETS, type N8nTarget } from '../../helpers/n8n/targets';

const TOKEN = 'e2e-callback-token-7f3a9c21';
const RECEIVER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-00000000c001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeNyneCallbacks(target: N8nTarget): void {
	describe(`Nyne callbacks in real n8n ${target.version} (\`n8n start\`)`, () => {
		let sandbox: Sandbox;
		let n8n: N8nInstance;
		let server: RunningN8n;
		let session: SessionHeaders;
		let receiver: WorkflowJson;
		let starter: WorkflowJson;
		let waiter: WorkflowJson;
		let receiverUrl: string;

		beforeAll(async () => {
			sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
			n8n = await target.createInstance();
			receiverUrl = `${n8n.baseUrl}/webhook/${RECEIVER_WEBHOOK_ID}/nyne`;
			({ receiver, starter, waiter } = callbackWorkflows({
				webhookIds: [
					RECEIVER_WEBHOOK_ID,
					'6a1f0c3e-0000-4000-8000-00000000c002',
					'6a1f0c3e-0000-4000-8000-00000000c003',
				],
				receiverUrl,
				token: TOKEN,
				output: 'split',
				accounts: ['frank_e2e', 'grace_e2e'],
			}));
			server = await startN8n(n8n);
			session = await ownerSession(n8n);
			await importInEditor(n8n, session, {
				credentials: [nyneCredential(sandbox)],
				workflows: [receiver, starter, waiter],
				publish: [receiver, starter, waiter],
			});
		});
		afterAll(async () => {
			await server?.stop();
			await sandbox?.close();
			n8n?.dispose();
		});

		const post = (path: string, body: unknown = {}) =>
			fetch(`${n8n.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});

		it('publishes all three workflows', async () => {
			for (const flow of [receiver, starter, waiter])
				expect(await isPublished(n8n, session, flow)).toBe(true);
		});

		it('refuses a callback without the token and starts nothing', async () => {
			const response = await fetch(receiverUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					request_id: 'interaction_forged_1',
					status: 'completed',
					data: { interactions: [] },
				}),
			});
			expect(response.status).toBe(403);
			await sleep(1000);
			expect(await listExecutions(n8n, receiver.id)).toHaveLength(0);
		});

		it('"Don\'t Wait" with a callback URL: the Nyne Trigger starts once with the people, even when Nyne delivers twice', async () => {
			sandbox.control.injectFault({ kind: 'duplicate_callback' });
			expect((await post('start-lookup')).status).toBe(200);

			const [started] = await waitForExecutions(n8n, starter.id, (all) =>
				all.some((e) => e.status === 'success'),
			);
			const [submitted] = nodeOutput(started.data, 'Nyne');
			const requestId = String(submitted.request_id);
			expect(requestId).toMatch(/^interaction_/);

			const [received] = await waitForExecutions(n8n, receiver.id, (all) =>
				all.some((e) => e.status === 'success'),
			);
			expect(received.mode).toBe('webhook');
			const people = nodeOutput(received.data, 'Nyne Trigger');
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: 'https://x.com/frank_e2e',
				max_results: 10,
			});
			expect(people.map((p) => p.username)).toEqual(expected.map((p) => p.username));
			for (const person of people)
				expect(person).toMatchObject({
					request_id: requestId,
					target_username: 'frank_e2e',
					relation: 'follower',
				});

			// the sandbox delivered the duplicate too (2xx), and the trigger dropped it
			const deliveries = sandbox.control.callbacks().filter((c) => c.requestId === requestId);
			await waitUntil(
				() =>
					sandbox.control
						.callbacks()
						.filter((c) => c.requestId === requestId && c.duplicate && c.status !== undefined)
						.length === 1,
			);
			expect(deliveries.length).toBeGreaterThanOrEqual(1);
			for (const delivery of sandbox.control.callbacks().filter((c) => c.requestId === requestId))
				expect(delivery.status).toBe(200);
			await sleep(1000);
			expect(await listExecutions(n8n, receiver.id)).toHaveLength(1);
		});

		it('"Wait for Callback": the execution waits without polling and finishes with the people when Nyne calls back', async () => {
			sandbox.control.setJobDurationMs(4000);
			const polls = () => sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0;
			const pollsBefore = polls();
			expect((await post('start-wait')).status).toBe(200);

			const [settled] = await waitForExecutions(n8n, waiter.id, (all) =>
				all.some((e) => e.status !== 'running' && e.status !== 'new'),
			);
			// a node that asks n8n for an API it lacks fails here: status "error" with the node's message
			expect(settled.status, JSON.stringify(runError(settled.data, 'Nyne')?.message)).toBe(
				'waiting',
			);
			const [done] = await waitForExecutions(
				n8n,
				waiter.id,
				(all) => all.some((e) => e.status === 'success'),
				{ timeoutMs: 60_000 },
			);
			const pollsWhileRunning = polls() - pollsBefore;
			const items = nodeItems(done.data, 'Nyne');
			const expected = await directLookup(sandbox, {
				type: 'followers',
				social_media_url: 'https://x.com/grace_e2e',
				max_results: 12,
			});
			expect(items.map((i) => i.json.username)).toEqual(expected.map((p) => p.username));
			for (const item of items)
				expect(item.json).toMatchObject({
					target_username: 'grace_e2e',
					relation: 'follower',
					interaction_type: 'followers',
				});
			expect(pollsWhileRunning).toBe(0);
			const callbacks = sandbox.control
				.callbacks()
				.filter((c) => c.url.includes('/webhook-waiting/'));
			expect(callbacks.map((c) => c.status)).toEqual([200]);
		});
	});
}

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(200);
	}
}

for (const target of N8N_TARGETS) describeNyneCallbacks(target);
