import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox';
import {
	call,
	control,
	getRequest,
	listen,
	PROFILE,
	start,
	stopAll,
	submit,
	submitOk,
	waitFor,
	waitForEnd,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

const FOLLOWERS = { type: 'followers', social_media_url: PROFILE };

describe('sandbox control over HTTP', () => {
	it('injects faults without an API key and does not count control calls', async () => {
		const sb = await start();
		expect((await control(sb, 'POST', 'faults', { kind: 'server_error', times: 2 })).status).toBe(
			200,
		);
		expect((await submit(sb, FOLLOWERS)).status).toBe(500);
		expect((await submit(sb, FOLLOWERS)).status).toBe(500);
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		const stats = (await control(sb, 'GET', 'stats')).body.data;
		expect(stats).toMatchObject({
			requests: 3,
			byEndpoint: { 'POST /person/interactions': 3 },
			submissions: 1,
			submissionsByTarget: { 'twitter:elonmusk': 1 },
			status5xx: 2,
			jobs: 1,
		});
	});

	it('keeps a credit ledger per key: 3 for a lookup that found data, nothing for one that did not', async () => {
		const sb = await start({
			jobDurationMs: 1,
			keys: [
				{ apiKey: 'key_a', apiSecret: 'secret_a' },
				{ apiKey: 'key_b', apiSecret: 'secret_b' },
			],
		});
		expect(sb.apiKey).toBe('key_a');
		const found = await submitOk(sb, FOLLOWERS);
		const nothing = await submitOk(sb, {
			type: 'followers',
			social_media_url: 'https://x.com/nodata_nobody',
		});
		expect((await waitForEnd(sb, found)).body.data.status).toBe('completed');
		expect((await waitForEnd(sb, nothing)).body.data.status).toBe('failed');
		expect((await control(sb, 'GET', 'stats')).body.data.creditsByKey).toEqual({
			key_a: 3,
			key_b: 0,
		});
	});

	it('sets the job duration and random faults', async () => {
		const sb = await start({ jobDurationMs: 1 });
		await control(sb, 'POST', 'job-duration', { ms: 1e9 });
		const requestId = await submitOk(sb, FOLLOWERS);
		expect((await getRequest(sb, requestId)).body.data.status).toBe('queued');
		expect((await control(sb, 'POST', 'job-duration', { ms: 'soon' })).status).toBe(400);
		await control(sb, 'POST', 'random-faults', { seed: 1, rates: { server_error: 1 } });
		expect((await call(sb, 'GET', '/usage')).status).toBe(500);
		await control(sb, 'POST', 'random-faults', null);
		expect((await call(sb, 'GET', '/usage')).status).toBe(200);
	});

	it('churns a profile', async () => {
		const sb = await start();
		const before = (await waitForEnd(sb, await submitOk(sb, FOLLOWERS))).body.data.result.target
			.followers_count;
		expect(
			(
				await control(sb, 'POST', 'churn', {
					platform: 'twitter',
					username: 'elonmusk',
					addFollowers: 5,
				})
			).status,
		).toBe(200);
		expect(
			(
				await control(sb, 'POST', 'churn', {
					platform: 'twitter',
					username: 'elonmusk',
					change: { removeFollowers: 1 },
				})
			).status,
		).toBe(200);
		const after = (await waitForEnd(sb, await submitOk(sb, FOLLOWERS))).body.data.result.target
			.followers_count;
		expect(after).toBe(before + 4);
		expect(
			(await control(sb, 'POST', 'churn', { platform: 'myspace', username: 'tom' })).status,
		).toBe(400);
	});

	it('lists callback attempts and resets everything', async () => {
		const hook = await listen();
		try {
			const sb = await start({ rateLimit: { perMinute: 3 }, timeScale: 1, jobDurationMs: 10 });
			await control(sb, 'POST', 'faults', { kind: 'rate_limit', path: '/usage' });
			const requestId = await submitOk(sb, { ...FOLLOWERS, callback_url: hook.url });
			await waitFor(() => hook.received.length === 1 || undefined, 'callback');
			await waitFor(
				async () =>
					(await control(sb, 'GET', 'stats')).body.data.callbacksDelivered === 1 ? true : undefined,
				'delivery recorded',
			);
			expect((await control(sb, 'GET', 'callbacks')).body.data[0]).toMatchObject({
				requestId,
				attempt: 1,
				status: 200,
			});
			await submit(sb, FOLLOWERS);
			await submit(sb, FOLLOWERS);
			expect((await submit(sb, FOLLOWERS)).body.error.code).toBe('rate_limit_exceeded');
			expect((await control(sb, 'POST', 'reset')).status).toBe(200);
			expect((await control(sb, 'GET', 'stats')).body.data).toEqual({
				requests: 0,
				byEndpoint: {},
				submissions: 0,
				submissionsByTarget: {},
				status429: 0,
				status5xx: 0,
				creditsUsed: 0,
				creditsByKey: { nyne_sandbox_key: 0 },
				acceptedPerMinuteWindow: { nyne_sandbox_key: [] },
				callbacksDelivered: 0,
				jobs: 0,
			});
			expect((await control(sb, 'GET', 'callbacks')).body.data).toEqual([]);
			expect((await getRequest(sb, requestId)).status).toBe(404);
			const usage = await call(sb, 'GET', '/usage'); // the injected fault is gone, and so is the window
			expect(usage.status).toBe(200);
			expect(usage.body.data).toMatchObject({ credits_used: 0, requests_this_month: 2 }); // the 404 above and this one
		} finally {
			await hook.close();
		}
	});

	it('answers 404 for an unknown control endpoint and 400 for a bad fault', async () => {
		const sb = await start();
		expect((await control(sb, 'GET', 'nope')).status).toBe(404);
		const bad = await control(sb, 'POST', 'faults', { kind: 'gremlins' });
		expect(bad.status).toBe(400);
		expect(sb.control.stats().requests).toBe(0);
	});
});

describe('sandbox close()', () => {
	it('stops the server and leaves no timer or socket behind', async () => {
		const countHandles = () =>
			process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r.startsWith('TCP')).length;
		const baseline = countHandles();
		const hook = await listen(() => 500);
		const sb = await startSandbox({ timeScale: 0.001 });
		sb.control.injectFault({ kind: 'slow', path: '/usage', delayMs: 1e9 });
		const pendingSlow = fetch(`${sb.url}/usage`).catch(() => 'dropped');
		await submitOk(sb, { ...FOLLOWERS, callback_url: hook.url });
		await submitOk(sb, { type: 'following', social_media_url: PROFILE, max_results: 10 });
		await waitFor(
			() => sb.control.callbacks().length >= 2 || undefined,
			'callback retries under way',
		);
		sb.control.setJobDurationMs(1e9);
		await submitOk(sb, FOLLOWERS);
		await sb.close();
		await sb.close(); // idempotent
		await hook.close();
		expect(await pendingSlow).toBe('dropped');
		await expect(fetch(`${sb.url}/usage`)).rejects.toThrow();
		await waitFor(() => countHandles() <= baseline || undefined, 'handles to go', 2000);
		expect(countHandles()).toBeLessThanOrEqual(baseline);
	});
});
