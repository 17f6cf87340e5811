// "Wait for Callback" (waitMode: webhook) on n8n 1.123.x: n8n-core 1.x has no IExecuteFunctions.isToolExecution,
// so the node tells a tool call from its node type there. The same checks as ../nyne-callbacks.test.ts on 2.8.4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import {
	chainWorkflow,
	directLookup,
	importCredentials,
	importWorkflow,
	nodeItems,
	nyneCredential,
	nyneNode,
	runError,
	runN8n,
	startN8n,
	waitForExecutions,
	webhookTrigger,
	type N8nInstance,
	type RunningN8n,
	type WorkflowJson,
} from '../harness';
import { createN8n1Instance, INSTALL_TIMEOUT_MS, N8N1_VERSION } from './n8n1';

describe(`"Wait for Callback" in real n8n ${N8N1_VERSION} (\`n8n start\`)`, () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let server: RunningN8n;
	let waiter: WorkflowJson;

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1, jobDurationMs: 4000 });
		n8n = await createN8n1Instance();
		waiter = chainWorkflow('wait for callback', [
			webhookTrigger('start-wait', '6a1f0c3e-0000-4000-8000-00000000c103'),
			nyneNode({ resource: 'interaction', operation: 'getFollowers', socialMediaUrl: 'https://x.com/grace_e2e', maxResults: 12, waitMode: 'webhook' }),
		]);
		await importCredentials(n8n, [nyneCredential(sandbox)]);
		await importWorkflow(n8n, [waiter]);
		const activated = await runN8n(n8n, ['update:workflow', `--id=${waiter.id}`, '--active=true']);
		expect(activated.code, activated.stdout + activated.stderr).toBe(0);
		server = await startN8n(n8n);
	}, INSTALL_TIMEOUT_MS);
	afterAll(async () => {
		await server?.stop();
		await sandbox?.close();
		n8n?.dispose();
	});

	it('the execution waits without polling and finishes with the people when Nyne calls back', async () => {
		const polls = () => sandbox.control.stats().byEndpoint['GET /person/interactions'] ?? 0;
		const pollsBefore = polls();
		const started = await fetch(`${n8n.baseUrl}/webhook/start-wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(started.status).toBe(200);

		const [settled] = await waitForExecutions(n8n, waiter.id, (all) => all.some((e) => e.status !== 'running' && e.status !== 'new'));
		// on 1.123.81 this is where it fails: status "error", "this.isToolExecution is not a function"
		expect(settled.status, JSON.stringify(runError(settled.data, 'Nyne')?.message)).toBe('waiting');

		const [done] = await waitForExecutions(n8n, waiter.id, (all) => all.some((e) => e.status === 'success'), { timeoutMs: 60_000 });
		const pollsWhileRunning = polls() - pollsBefore;
		const items = nodeItems(done.data, 'Nyne');
		const expected = await directLookup(sandbox, { type: 'followers', social_media_url: 'https://x.com/grace_e2e', max_results: 12 });
		expect(items.map((i) => i.json.username)).toEqual(expected.map((p) => p.username));
		expect(pollsWhileRunning).toBe(0);
		const callbacks = sandbox.control.callbacks().filter((c) => c.url.includes('/webhook-waiting/'));
		expect(callbacks.map((c) => c.status)).toEqual([200]);
	});
});
