import { afterEach, describe, expect, it } from 'vitest';
import { LOOPBACK_ONLY } from '../../sandbox/callbacks';
import {
	listen,
	POST,
	PROFILE,
	start,
	stopAll,
	submitOk,
	waitFor,
	waitForEnd,
} from '../helpers/sandbox/sandboxHttp';

afterEach(stopAll);

describe('sandbox callbacks', () => {
	it('POSTs the documented completed payload as JSON', async () => {
		const hook = await listen();
		const sb = await start();
		const requestId = await submitOk(sb, {
			type: 'followers',
			social_media_url: PROFILE,
			max_results: 10,
			callback_url: hook.url,
		});
		await waitFor(() => hook.received.length === 1 || undefined, 'callback');
		const [delivery] = hook.received;
		expect(delivery.contentType).toContain('application/json');
		expect(delivery.path).toBe('/hook');
		expect(Object.keys(delivery.body).sort()).toEqual([
			'data',
			'interaction_type',
			'platform',
			'request_id',
			'result_count',
			'status',
		]);
		expect(delivery.body).toMatchObject({
			request_id: requestId,
			status: 'completed',
			interaction_type: 'followers',
			platform: 'twitter',
			result_count: 10,
		});
		const polled = (await waitForEnd(sb, requestId)).body.data.result;
		expect(delivery.body.data).toEqual(polled);
		await waitFor(
			() => sb.control.stats().callbacksDelivered === 1 || undefined,
			'delivered count',
		);
		expect(sb.control.callbacks()).toEqual([
			{ requestId, url: hook.url, attempt: 1, status: 200, at: expect.any(Number) },
		]);
	});

	it('POSTs the documented failed payload', async () => {
		const hook = await listen();
		const sb = await start();
		const requestId = await submitOk(sb, {
			type: 'replies',
			social_media_url: 'https://twitter.com/a/status/990000',
			callback_url: hook.url,
		});
		await waitFor(() => hook.received.length === 1 || undefined, 'callback');
		expect(hook.received[0].body).toEqual({
			request_id: requestId,
			status: 'failed',
			interaction_type: 'replies',
			platform: 'twitter',
			error: 'No interaction data found',
		});
	});

	it('retries after a 500 answer and stops at the first 2xx', async () => {
		const hook = await listen((n) => (n === 0 ? 500 : 204));
		const sb = await start();
		const requestId = await submitOk(sb, {
			type: 'replies',
			social_media_url: POST,
			callback_url: hook.url,
		});
		await waitFor(() => sb.control.stats().callbacksDelivered === 1 || undefined, 'delivery');
		// the whole remaining retry schedule is 381 s * 0.001: wait it out, nothing more may come
		await new Promise((r) => setTimeout(r, 450));
		expect(hook.received.map((r) => r.status)).toEqual([500, 204]);
		expect(hook.received[1].body).toEqual(hook.received[0].body);
		expect(sb.control.callbacks().map((c) => [c.requestId, c.attempt, c.status])).toEqual([
			[requestId, 1, 500],
			[requestId, 2, 204],
		]);
	});

	it('gives up after the first attempt and 5 retries', async () => {
		const hook = await listen(() => 503);
		const sb = await start();
		await submitOk(sb, { type: 'followers', social_media_url: PROFILE, callback_url: hook.url });
		await waitFor(() => hook.received.length === 6 || undefined, 'six attempts');
		await new Promise((r) => setTimeout(r, 400));
		expect(hook.received).toHaveLength(6);
		expect(sb.control.callbacks().map((c) => c.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(sb.control.stats().callbacksDelivered).toBe(0);
	});

	it('times an attempt out after 30 s (scaled, at least 0.5 s real) and retries', async () => {
		const hook = await listen((n) => (n === 0 ? 'hang' : 200));
		const sb = await start();
		await submitOk(sb, { type: 'followers', social_media_url: PROFILE, callback_url: hook.url });
		await waitFor(
			() => sb.control.stats().callbacksDelivered === 1 || undefined,
			'delivery after timeout',
		);
		const log = sb.control.callbacks();
		expect(log[0]).toMatchObject({ attempt: 1, error: 'timeout' });
		expect(log[1]).toMatchObject({ attempt: 2, status: 200 });
	});

	it('records a refused connection as an error and retries', async () => {
		const hook = await listen();
		await hook.close();
		const sb = await start();
		await submitOk(sb, { type: 'followers', social_media_url: PROFILE, callback_url: hook.url });
		await waitFor(() => sb.control.callbacks().length >= 2 || undefined, 'two attempts');
		expect(sb.control.callbacks()[0].error).toMatch(/ECONNREFUSED/);
	});

	it('delivers to loopback hosts only', async () => {
		const sb = await start();
		const requestId = await submitOk(sb, {
			type: 'followers',
			social_media_url: PROFILE,
			callback_url: 'https://example.com/webhook',
		});
		await waitForEnd(sb, requestId);
		await waitFor(() => sb.control.callbacks().length === 1 || undefined, 'callback record');
		await new Promise((r) => setTimeout(r, 50));
		expect(sb.control.callbacks()).toEqual([
			{
				requestId,
				url: 'https://example.com/webhook',
				attempt: 1,
				error: LOOPBACK_ONLY,
				at: expect.any(Number),
			},
		]);
	});

	it('reaches a listener named localhost', async () => {
		const hook = await listen();
		const sb = await start();
		await submitOk(sb, {
			type: 'followers',
			social_media_url: PROFILE,
			callback_url: hook.url.replace('127.0.0.1', 'localhost'),
		});
		await waitFor(() => hook.received.length === 1 || undefined, 'callback via localhost');
		expect(hook.received[0].body.status).toBe('completed');
	});
});
