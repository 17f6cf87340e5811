import { beforeEach, describe, expect, it } from 'vitest';

import {
	App,
	appTester,
	authFor,
	clearAppCache,
	invokeWithCallbackUrl,
	KEY,
	performOf,
	useSandboxWithListener,
} from '../helpers/zapier/harness';
import type { LookupOutput, StartedOutput } from '../../zapier/src/lookupOutput';

const run = App.creates.fetch_interactions.operation;
const perform = performOf(run.perform);
const performResume = performOf(run.performResume);
const startPerform = performOf(App.creates.start_interaction_lookup.operation.perform);

/** What each scenario may spend, from the sandbox's credit ledger for this connection's key. */
describe('Zapier lookups spend only what they must', () => {
	const env = useSandboxWithListener();
	beforeEach(() => clearAppCache());
	const ledger = (): number => env.sandbox.control.stats().creditsByKey[KEY] ?? Number.NaN;
	const submissions = (): number => env.sandbox.control.stats().submissions;
	const input = (reuse?: boolean) => ({
		type: 'followers',
		social_media_url: 'https://x.com/nyne_ai',
		max_results: 10,
		...(reuse === undefined ? {} : { reuse_recent: reuse }),
	});
	const testStep = async (inputData: Record<string, unknown>) =>
		(await appTester(perform, {
			authData: authFor(env.sandbox.url),
			inputData,
			meta: { isLoadingSample: true },
		})) as LookupOutput;

	it('Run Interaction Lookup charges 3 credits and says so; without Reuse a second run pays again', async () => {
		const first = await testStep(input());
		expect(first).toMatchObject({ status: 'completed', credits: 3 });
		expect(first).not.toHaveProperty('reused_from');
		await testStep(input(false));
		expect(ledger()).toBe(6);
		expect(submissions()).toBe(2);
	});

	it('with Reuse a Recent Lookup, an identical lookup within the window costs 0 and names the request it reused', async () => {
		const first = await testStep(input(true));
		expect(ledger()).toBe(3);
		const again = await testStep(input(true));
		expect(ledger()).toBe(3);
		expect(submissions()).toBe(1);
		expect(again).toMatchObject({
			request_id: first.request_id,
			status: 'completed',
			credits: 0,
			reused_from: first.request_id,
			count: 10,
		});
		// A different Max Results is another lookup, paid for.
		await testStep({ ...input(true), max_results: 20 });
		expect(ledger()).toBe(6);
	});

	it('in a Zap run, a lookup completed through its callback is reused without waiting for another one', async () => {
		const bundle = { authData: authFor(env.sandbox.url), inputData: input(true) };
		const started = (await invokeWithCallbackUrl(
			'creates.fetch_interactions.operation.perform',
			bundle,
			env.listener.url,
		)) as LookupOutput;
		const body = await env.listener.nextBody();
		const done = (await appTester(performResume, {
			...bundle,
			outputData: started,
			cleanedRequest: body,
		})) as LookupOutput;
		expect(done).toMatchObject({ status: 'completed', credits: 3 });
		const again = (await appTester(perform, bundle)) as LookupOutput;
		expect(again).toMatchObject({
			status: 'completed',
			credits: 0,
			reused_from: started.request_id,
		});
		expect(submissions()).toBe(1);
		expect(ledger()).toBe(3);
	});

	it('Start Interaction Lookup reuses a completed identical lookup when asked, and starts one otherwise', async () => {
		const first = await testStep(input(true));
		const reused = (await appTester(startPerform, {
			authData: authFor(env.sandbox.url),
			inputData: input(true),
		})) as StartedOutput;
		expect(reused).toMatchObject({
			request_id: first.request_id,
			status: 'completed',
			reused_from: first.request_id,
			credits: 0,
		});
		expect(submissions()).toBe(1);
		const fresh = (await appTester(startPerform, {
			authData: authFor(env.sandbox.url),
			inputData: input(),
		})) as StartedOutput;
		expect(fresh.request_id).not.toBe(first.request_id);
		expect(fresh).not.toHaveProperty('reused_from');
		expect(submissions()).toBe(2);
	});

	it('a reused request Nyne no longer knows is looked up again, paid, as usual', async () => {
		await testStep(input(true));
		env.sandbox.control.reset();
		const again = await testStep(input(true));
		expect(again).toMatchObject({ status: 'completed', credits: 3 });
		expect(again).not.toHaveProperty('reused_from');
		expect(ledger()).toBe(3);
	});

	it('a lookup that finds no data costs nothing', async () => {
		const error = await testStep({
			...input(true),
			social_media_url: 'https://x.com/nodata_nobody',
		}).then(
			() => undefined,
			(caught: unknown) => caught as Error,
		);
		expect(error?.message).toContain('failed');
		expect(ledger()).toBe(0);
	});
});
