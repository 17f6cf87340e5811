// Under n8n 1.123.x `n8n start`: the Nyne Trigger receiving the sandbox's callback for a "Don't Wait" lookup.
// The same checks as ../nyne-callbacks.test.ts (n8n 2.8.4); only activation differs: 1.x has no
// `publish:workflow`, a self-hoster's CLI route is `update:workflow --id=ID --active=true`.
// "Wait for Callback" on 1.x is in wait-for-callback.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	directLookup,
	importCredentials,
	importWorkflow,
	listExecutions,
	nodeOutput,
	nyneCredential,
	nyneNode,
	runN8n,
	startN8n,
	waitForExecutions,
	webhookTrigger,
	NYNE_TRIGGER_TYPE,
	type N8nInstance,
	type RunningN8n,
	type WorkflowJson,
} from '../harness';
import { createN8n1Instance, INSTALL_TIMEOUT_MS, N8N1_VERSION } from './n8n1';

const TOKEN = 'e2e-callback-token-7f3a9c21';
const RECEIVER_WEBHOOK_ID = '6a1f0c3e-0000-4000-8000-00000000c001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`Nyne callbacks in real n8n ${N8N1_VERSION} (\`n8n start\`)`, () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let server: RunningN8n;
	let receiver: WorkflowJson;
	let starter: WorkflowJson;
	let receiverUrl: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 500 });
		n8n = await createN8n1Instance();
		receiverUrl = `${n8n.baseUrl}/webhook/${RECEIVER_WEBHOOK_ID}/nyne`;
		receiver = chainWorkflow('callback receiver', [
			{ name: 'Nyne Trigger', type: NYNE_TRIGGER_TYPE, typeVersion: 1, webhookId: RECEIVER_WEBHOOK_ID, parameters: { token: TOKEN, output: 'split' } },
		]);
		starter = chainWorkflow('start lookup', [
			webhookTrigger('start-lookup', '6a1f0c3e-0000-4000-8000-00000000c002'),
			nyneNode({
				resource: 'interaction',
				operation: 'getFollowers',
				socialMediaUrl: 'https://x.com/frank_e2e',
				maxResults: 10,
				waitMode: 'none',
				callbackUrl: `${receiverUrl}?token=${TOKEN}`,
			}),
		]);
		await importCredentials(n8n, [nyneCredential(sandbox)]);
		await importWorkflow(n8n, [receiver, starter]);
		for (const flow of [receiver, starter]) {
			const activated = await runN8n(n8n, ['update:workflow', `--id=${flow.id}`, '--active=true']);
			expect(activated.code, activated.stdout + activated.stderr).toBe(0);
		}
		server = await startN8n(n8n);
	}, INSTALL_TIMEOUT_MS);
	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
		n8n?.dispose();
	});

	const post = (path: string, body: unknown = {}) =>
		fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('activates both workflows', () => {
		for (const name of ['callback receiver', 'start lookup']) {
			expect(server.output()).toContain(`Activated workflow "${name}"`);
		}
	});

	it('refuses a callback without the token and starts nothing', async () => {
		const response = await fetch(receiverUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ request_id: 'interaction_forged_1', status: 'completed', data: { interactions: [] } }),
		});
		expect(response.status).toBe(403);
		await sleep(1000);
		expect(await listExecutions(n8n, receiver.id)).toHaveLength(0);
	});

	it('"Don\'t Wait" with a callback URL: the Nyne Trigger starts once with the people, even when Nyne delivers twice', async () => {
		sandbox.control.injectFault({ kind: 'duplicate_callback' });
		expect((await post('start-lookup')).status).toBe(200);

		const [started] = await waitForExecutions(n8n, starter.id, (all) => all.some((e) => e.status === 'success'));
		const [submitted] = nodeOutput(started.data, 'Nyne');
		const requestId = String(submitted.request_id);
		expect(requestId).toMatch(/^interaction_/);

		const [received] = await waitForExecutions(n8n, receiver.id, (all) => all.some((e) => e.status === 'success'));
		expect(received.mode).toBe('webhook');
		const people = nodeOutput(received.data, 'Nyne Trigger');
		const expected = await directLookup(sandbox, { type: 'followers', social_media_url: 'https://x.com/frank_e2e', max_results: 10 });
		expect(people.map((p) => p.username)).toEqual(expected.map((p) => p.username));
		for (const person of people) expect(person).toMatchObject({ request_id: requestId, target_username: 'frank_e2e', relation: 'follower' });

		// the sandbox delivered the duplicate too (2xx), and the trigger dropped it
		const deliveries = sandbox.control.callbacks().filter((c) => c.requestId === requestId);
		await waitUntil(() => sandbox.control.callbacks().filter((c) => c.requestId === requestId && c.duplicate && c.status !== undefined).length === 1);
		expect(deliveries.length).toBeGreaterThanOrEqual(1);
		for (const delivery of sandbox.control.callbacks().filter((c) => c.requestId === requestId)) expect(delivery.status).toBe(200);
		await sleep(1000);
		expect(await listExecutions(n8n, receiver.id)).toHaveLength(1);
	});
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(200);
	}
}
