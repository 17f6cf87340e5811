import { describe, expect, it } from 'vitest';

import { runNyne } from '../../helpers/n8nCore/n8nHarness';
import { useScaledSandbox } from '../../helpers/n8nCore/scaledSandbox';

/*
 * n8n hands an option's value from an expression over untyped: `{{ $json.limit }}` may be the text "2",
 * `{{ Number($json.missing) }}` NaN. The budget and the timeout read them by the core's one rule.
 */
const env = useScaledSandbox(0.001, { resetEach: true });
const submissions = (): number => env.sandbox.control.stats().submissions;

const items = (extra: Record<string, unknown>) =>
	[1, 2, 3, 4].map((n) => ({ url: `https://x.com/person${n}`, ...extra }));

const followers = (options: Record<string, unknown>) => ({
	parameters: {
		resource: 'interaction',
		operation: 'getFollowers',
		socialMediaUrl: '={{ $json.url }}',
		maxResults: 10,
		waitMode: 'poll',
		options: { output: 'single', reuse: 'never', ...options },
	},
	continueOnFail: true,
});

describe('numeric options from expressions', () => {
	it('Max Lookups per Run given as the text "2" is a budget of 2: 2 of 4 lookups are sent', async () => {
		const run = await runNyne(
			env.credentials,
			items({ limit: '2' }),
			followers({ maxLookupsPerRun: '={{ $json.limit }}' }),
			'trigger',
		);
		expect(run.error).toBeUndefined();
		expect(submissions()).toBe(2);
		expect(run.output!.map((item) => item.json.code ?? item.json.status)).toEqual([
			'completed',
			'completed',
			'budget_exceeded',
			'budget_exceeded',
		]);
	});

	it.each(['={{ Number($json.missing) }}', '={{ "" }}', '={{ "lots" }}'])(
		'Max Lookups per Run %s fails every item before anything is sent',
		async (expression) => {
			const run = await runNyne(
				env.credentials,
				items({}),
				followers({ maxLookupsPerRun: expression }),
				'trigger',
			);
			expect(submissions()).toBe(0);
			expect(env.sandbox.control.stats().requests).toBe(0);
			for (const item of run.output!) {
				expect(item.json.code).toBe('invalid_max_lookups');
				expect(String(item.json.error)).toContain('Max Lookups per Run must be a whole number');
			}
		},
	);

	it('Timeout "5 minutes" fails the item before anything is sent', async () => {
		const run = await runNyne(
			env.credentials,
			items({}).slice(0, 1),
			followers({ timeout: '={{ "5 minutes" }}' }),
			'trigger',
		);
		expect(env.sandbox.control.stats().requests).toBe(0);
		expect(run.output?.[0].json).toMatchObject({ code: 'invalid_timeout' });
		expect(String(run.output?.[0].json.error)).toContain('got "5 minutes"');
	});

	it('Timeout given as the text "90" is read as 90 seconds', async () => {
		env.sandbox.control.setJobDurationMs(0);
		const run = await runNyne(
			env.credentials,
			items({}).slice(0, 1),
			followers({ timeout: '={{ "90" }}' }),
			'trigger',
		);
		expect(run.output?.[0].json).toMatchObject({ status: 'completed', credits: 3 });
		expect(submissions()).toBe(1);
	});
});
