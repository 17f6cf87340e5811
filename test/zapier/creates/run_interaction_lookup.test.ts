import { describe, expect, it } from 'vitest';

import {
	App,
	appTester,
	authFor,
	expectNoSecrets,
	invokeWithCallbackUrl,
	performOf,
	rejectionOf,
	shownMessage,
	useSandboxWithListener,
} from '../../helpers/zapier/harness';
import type { LookupOutput } from '../../../zapier/src/lookupOutput';
import { completedCallback } from '../../helpers/core/callbackFixtures';

const create = App.creates.fetch_interactions.operation;
const perform = performOf(create.perform);
const performResume = performOf(create.performResume);
type Output = LookupOutput;

describe('create fetch_interactions ("Find Social Interactions")', () => {
	const env = useSandboxWithListener();

	it('submits with the Zapier callback URL, then performResume returns the people as line items', async () => {
		const inputData = {
			type: 'following',
			social_media_url: 'instagram.com/instagram',
			max_results: 12,
		};
		const bundle = { authData: authFor(env.sandbox.url), inputData };
		const started = (await invokeWithCallbackUrl(
			'creates.fetch_interactions.operation.perform',
			bundle,
			env.listener.url,
		)) as Output;
		expect(started).toMatchObject({ status: 'queued', count: 0, interactions: [] });

		const body = (await env.listener.nextBody()) as { request_id: string };
		expect(body.request_id).toBe(started.request_id);

		const done = (await appTester(performResume, {
			...bundle,
			outputData: started,
			cleanedRequest: body,
		})) as Output;
		expect(done).toMatchObject({
			request_id: started.request_id,
			status: 'completed',
			platform: 'instagram',
			count: 12,
			total_count: 12,
			truncated: false,
		});
		expect(done.target?.username).toBe('instagram');
		expect(done.interactions).toHaveLength(12);
		expect(done.interactions[0]).toMatchObject({
			request_id: started.request_id,
			relation: 'following',
			target_username: 'instagram',
		});
		expectNoSecrets(done);
	});

	it('performResume turns a failed lookup into a clear error', async () => {
		const bundle = {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: 'https://x.com/nodata_here' },
		};
		const started = (await invokeWithCallbackUrl(
			'creates.fetch_interactions.operation.perform',
			bundle,
			env.listener.url,
		)) as Output;
		const body = await env.listener.nextBody();
		const error = await rejectionOf(
			appTester(performResume, { ...bundle, outputData: started, cleanedRequest: body }),
		);
		expect(shownMessage(error)).toMatch(/The lookup failed: No interaction data found/);
	});

	it("polls within the editor's test step instead of waiting for a callback", async () => {
		const result = (await appTester(perform, {
			authData: authFor(env.sandbox.url),
			inputData: {
				type: 'replies',
				social_media_url: 'https://x.com/nyne_ai/status/1234567890',
				max_results: 15,
			},
			meta: { isLoadingSample: true },
		})) as Output;
		expect(result.status).toBe('completed');
		expect(result.interactions.length).toBe(result.count);
		expect(result.count).toBeGreaterThan(0);
		expect(result.count).toBeLessThanOrEqual(15);
		expect(env.sandbox.control.callbacks()).toHaveLength(0);
	});

	it('returns the running request when the test step runs out of time', async () => {
		env.sandbox.control.setJobDurationMs(3_600_000_000);
		const result = (await appTester(perform, {
			authData: authFor(env.sandbox.url),
			inputData: { type: 'followers', social_media_url: 'https://x.com/slow_one' },
			meta: { isLoadingSample: true },
		})) as Output;
		expect(result).toMatchObject({ count: 0, interactions: [] });
		expect(['queued', 'processing', 'pending']).toContain(result.status);
		expect(result.request_id).toMatch(/^interaction_/);
	}, 60_000);

	it('cuts a result too big for Zapier and says so', async () => {
		const bio = 'x'.repeat(8_000);
		const interactions = Array.from({ length: 1000 }, (_, i) => ({ username: `person_${i}`, bio }));
		const body = completedCallback('interaction_big_1', 'big', interactions);
		const done = (await appTester(performResume, {
			outputData: { request_id: body.request_id },
			cleanedRequest: body,
		})) as Output;
		expect(done.truncated).toBe(true);
		expect(done.total_count).toBe(1000);
		expect(done.count).toBe(done.interactions.length);
		expect(done.count).toBeLessThan(1000);
		expect(Buffer.byteLength(JSON.stringify(done))).toBeLessThan(6_000_000);
	});

	it('declares every field of its sample as an output field, the people as line items with children', () => {
		type Field = { key: string; children?: Field[] };
		const fields = (create.outputFields ?? []) as Field[];
		const keys = new Set(fields.map((field) => field.key));
		for (const key of ['request_id', 'status', 'count', 'total_count', 'truncated', 'interactions'])
			expect(keys.has(key)).toBe(true);
		const people = new Set(
			fields.find((field) => field.key === 'interactions')?.children?.map((field) => field.key),
		);
		const sample = create.sample as LookupOutput;
		for (const key of Object.keys(sample.interactions[0] ?? {}))
			expect(people.has(key), key).toBe(true);
		expect(sample.interactions[0]).toHaveProperty('id');
	});
});
