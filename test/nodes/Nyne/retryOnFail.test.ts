import { expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

const env = useScaledSandbox(0.001, { resetEach: true });

const lookup = (extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'interaction',
		operation: 'getFollowers',
		socialMediaUrl: '={{ $json.url }}',
		maxResults: 12,
		...extra,
	},
	retryTries: 3,
});

const posts = () => env.sandbox.control.stats().byEndpoint['POST /person/interactions'] ?? 0;

it("Retry On Fail reuses the lookups the node's first attempt started instead of paying for them again", async () => {
	const result = await runNyne(
		env.credentials,
		[
			{ url: 'https://x.com/first_ok' },
			{ url: 'https://x.com/nodata_person' },
			{ url: 'https://x.com/third_ok' },
		],
		lookup(),
	);
	expect(result.error?.message).toMatch(/^The lookup failed/);
	expect(env.sandbox.control.stats().submissions).toBe(3);
	expect(posts()).toBe(3);
});

it('Retry On Fail never resends a POST whose fate is unknown: every attempt fails with submission_unknown', async () => {
	env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
	const result = await runNyne(
		env.credentials,
		[{ url: 'https://x.com/alice' }],
		lookup({ waitMode: 'none' }),
	);
	expect((result.error as { context?: { code?: string } } | undefined)?.context?.code).toBe(
		'submission_unknown',
	);
	expect(posts()).toBe(1);
});

it('a new execution of the same lookup submits it again (the record is per node run)', async () => {
	await runNyne(env.credentials, [{ url: 'https://x.com/alice' }], lookup({ waitMode: 'none' }));
	await runNyne(env.credentials, [{ url: 'https://x.com/alice' }], lookup({ waitMode: 'none' }));
	expect(posts()).toBe(2);
});

it('Retry On Fail never resends a lookup whose callback carries a signed reference (each attempt signs anew)', async () => {
	env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
	const result = await runNyne(
		env.credentials,
		[{ url: 'https://x.com/alice', row: 'row-7' }],
		lookup({
			waitMode: 'none',
			callbackUrl: 'https://n8n.example.com/webhook/nyne?token=0123456789abcdef0123',
			reference: '={{ $json.row }}',
		}),
	);
	expect((result.error as { context?: { code?: string } } | undefined)?.context?.code).toBe(
		'submission_unknown',
	);
	expect(posts()).toBe(1);
});

it('Retry On Fail of Wait for Callback sends its lookup once, though each attempt makes a new resume token', async () => {
	env.sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST' });
	const result = await runNyne(
		env.credentials,
		[{ url: 'https://x.com/alice' }],
		lookup({ waitMode: 'webhook' }),
	);
	expect((result.error as { context?: { code?: string } } | undefined)?.context?.code).toBe(
		'submission_unknown',
	);
	expect(posts()).toBe(1);
});
