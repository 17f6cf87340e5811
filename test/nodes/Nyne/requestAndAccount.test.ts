import { expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';
import { dontWaitLookup } from '../../helpers/n8nCore/lookupParameters';

const env = useScaledSandbox(0.001);

async function startLookup(url: string): Promise<string> {
	const started = await runNyne(env.credentials, [{ url }], { parameters: dontWaitLookup() });
	return String(started.output?.[0].json.request_id);
}

it('Request > Get returns the status while running, then the people once completed', async () => {
	const get = (requestId: string, output = 'split') =>
		runNyne(env.credentials, [{ id: requestId }], {
			parameters: {
				resource: 'request',
				operation: 'get',
				requestId: '={{ $json.id }}',
				options: { output },
			},
		});
	// A lookup that is surely still running: the sandbox's longest job (a day of API time) is 86 s at this scale.
	env.sandbox.control.setJobDurationMs(86_400_000);
	const slowId = await startLookup('https://x.com/dora_slow');
	const running = await get(slowId);
	expect(running.output).toHaveLength(1);
	expect(running.output?.[0].json).toMatchObject({ request_id: slowId });
	expect(['queued', 'processing', 'pending']).toContain(running.output?.[0].json.status);

	env.sandbox.control.setJobDurationMs(0);
	const requestId = await startLookup('https://x.com/dora');
	await new Promise((resolve) => setTimeout(resolve, 50));
	const done = await get(requestId);
	expect(done.output).toHaveLength(12);
	expect(done.output?.[0].json).toMatchObject({ request_id: requestId, target_username: 'dora' });

	const single = await get(requestId, 'single');
	expect(single.output).toHaveLength(1);
	expect(single.output?.[0].json.interactions).toHaveLength(12);
	env.sandbox.control.setJobDurationMs(1000);
});

it('Request > Get with an unknown ID says the request was not found', async () => {
	const result = await runNyne(env.credentials, [{}], {
		parameters: { resource: 'request', operation: 'get', requestId: 'interaction_unknown_1' },
		continueOnFail: true,
	});
	expect(result.output?.[0].json).toMatchObject({ code: 'request_not_found' });
});

it('Request > Get with a malformed ID sends nothing', async () => {
	const before = env.sandbox.control.stats().requests;
	const result = await runNyne(env.credentials, [{}], {
		parameters: { resource: 'request', operation: 'get', requestId: 'not an id/..' },
	});
	expect(result.error?.name).toBe('NodeOperationError');
	expect(env.sandbox.control.stats().requests).toBe(before);
});

it('Account > Get Usage returns the usage object, one per input item', async () => {
	const result = await runNyne(env.credentials, [{}, {}], {
		parameters: { resource: 'account', operation: 'getUsage' },
	});
	expect(result.output).toHaveLength(2);
	expect(result.output?.[1].pairedItem).toEqual({ item: 1 });
	expect(typeof result.output?.[0].json.credits_used).toBe('number');
});
