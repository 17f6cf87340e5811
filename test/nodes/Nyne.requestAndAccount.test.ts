import { afterAll, beforeAll, expect, it } from 'vitest';

import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/index';
import { runNyne } from './harness/n8nHarness';
import type { NyneTestCredentials } from './harness/n8nHarness';
import { useScaledRuntime } from './harness/scaledRuntime';

const TIME_SCALE = 0.001;
let sandbox: Sandbox;
let credentials: NyneTestCredentials;
let restoreRuntime: () => void;

beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: TIME_SCALE });
	credentials = { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url };
	restoreRuntime = useScaledRuntime(TIME_SCALE);
});
afterAll(async () => {
	restoreRuntime();
	await sandbox.close();
});

async function startLookup(url: string): Promise<string> {
	const started = await runNyne(credentials, [{ url }], {
		parameters: { resource: 'interaction', operation: 'getFollowers', socialMediaUrl: '={{ $json.url }}', maxResults: 12, waitMode: 'none' },
	});
	return String(started.output?.[0].json.request_id);
}

it('Request > Get returns the status while running, then the people once completed', async () => {
	sandbox.control.setJobDurationMs(60_000);
	const requestId = await startLookup('https://x.com/dora');
	const get = (output = 'split') =>
		runNyne(credentials, [{ id: requestId }], { parameters: { resource: 'request', operation: 'get', requestId: '={{ $json.id }}', options: { output } } });

	const running = await get();
	expect(running.output).toHaveLength(1);
	expect(running.output?.[0].json).toMatchObject({ request_id: requestId });
	expect(['queued', 'processing', 'pending']).toContain(running.output?.[0].json.status);

	await new Promise((resolve) => setTimeout(resolve, 200));
	const done = await get();
	expect(done.output).toHaveLength(12);
	expect(done.output?.[0].json).toMatchObject({ request_id: requestId, target_username: 'dora' });

	const single = await get('single');
	expect(single.output).toHaveLength(1);
	expect(single.output?.[0].json.interactions).toHaveLength(12);
	sandbox.control.setJobDurationMs(1000);
});

it('Request > Get with an unknown ID says the request was not found', async () => {
	const result = await runNyne(credentials, [{}], { parameters: { resource: 'request', operation: 'get', requestId: 'interaction_unknown_1' }, continueOnFail: true });
	expect(result.output?.[0].json).toMatchObject({ code: 'request_not_found' });
});

it('Request > Get with a malformed ID sends nothing', async () => {
	const before = sandbox.control.stats().requests;
	const result = await runNyne(credentials, [{}], { parameters: { resource: 'request', operation: 'get', requestId: 'not an id/..' } });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(sandbox.control.stats().requests).toBe(before);
});

it('Account > Get Usage returns the usage object, one per input item', async () => {
	const result = await runNyne(credentials, [{}, {}], { parameters: { resource: 'account', operation: 'getUsage' } });
	expect(result.output).toHaveLength(2);
	expect(result.output?.[1].pairedItem).toEqual({ item: 1 });
	expect(typeof result.output?.[0].json.credits_used).toBe('number');
});
