import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox';
import {
	authHeaders,
	call,
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

async function rawPost(sb: Sandbox, body: unknown): Promise<{ status: number; text: string }> {
	const res = await fetch(`${sb.url}/person/interactions`, {
		method: 'POST',
		headers: { ...authHeaders(sb), 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

describe('sandbox faults', () => {
	it('rate_limit answers 429 with Retry-After and consumes one shot', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'rate_limit', retryAfterSeconds: 2 });
		const limited = await submit(sb, FOLLOWERS);
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('rate_limit_exceeded');
		expect(limited.headers.get('retry-after')).toBe('0.002');
		expect((await submit(sb, FOLLOWERS)).status).toBe(202);
		expect(sb.control.stats()).toMatchObject({ submissions: 1, status429: 1 });
	});

	it('server_error answers 500 internal_error, or another status with an HTML body', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'server_error' });
		sb.control.injectFault({ kind: 'server_error', status: 502 });
		const first = await submit(sb, FOLLOWERS);
		expect(first.status).toBe(500);
		expect(first.body.error.code).toBe('internal_error');
		const second = await submit(sb, FOLLOWERS);
		expect(second.status).toBe(502);
		expect(second.headers.get('content-type')).toContain('text/html');
		expect(typeof second.body).toBe('string');
		expect(sb.control.stats()).toMatchObject({ submissions: 0, status5xx: 2 });
	});

	it('server_error with retryAfterSeconds is a maintenance answer that says when to come back, whatever its body', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'server_error', status: 503, retryAfterSeconds: 86_400 });
		sb.control.injectFault({
			kind: 'server_error',
			status: 503,
			body: 'envelope',
			retryAfterSeconds: 60,
		});
		const html = await submit(sb, FOLLOWERS);
		expect(html.status).toBe(503);
		expect(html.headers.get('content-type')).toContain('text/html');
		expect(html.headers.get('retry-after')).toBe('86.4');
		const envelope = await submit(sb, FOLLOWERS);
		expect(envelope.body.error.code).toBe('internal_error');
		expect(envelope.headers.get('retry-after')).toBe('0.06');
		expect((await submit(sb, FOLLOWERS)).headers.get('retry-after')).toBeNull();
		expect(sb.control.stats()).toMatchObject({ submissions: 1, status5xx: 2 });
	});

	it('early_404 hits only GET /person/interactions, times times', async () => {
		const sb = await start({ jobDurationMs: 1e9 });
		sb.control.injectFault({ kind: 'early_404', times: 2 });
		const requestId = await submitOk(sb, FOLLOWERS);
		expect((await call(sb, 'GET', '/usage')).status).toBe(200);
		expect((await getRequest(sb, requestId)).status).toBe(404);
		expect((await getRequest(sb, requestId)).body.error.code).toBe('request_not_found');
		expect((await getRequest(sb, requestId)).status).toBe(200);
	});

	it('matches faults by method and path, in order', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'server_error', method: 'GET', path: '/usage' });
		sb.control.injectFault({ kind: 'rate_limit', method: 'POST' });
		expect((await call(sb, 'GET', '/person/interactions?request_id=x')).status).toBe(404);
		expect((await submit(sb, FOLLOWERS)).status).toBe(429);
		expect((await call(sb, 'GET', '/usage')).status).toBe(500);
		expect((await call(sb, 'GET', '/usage')).status).toBe(200);
	});

	it('slow holds the answer back while other requests are served', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'slow', path: '/usage', delayMs: 300_000 });
		const order: string[] = [];
		const slow = call(sb, 'GET', '/usage').then((a) => order.push(`slow ${a.status}`));
		await new Promise((r) => setTimeout(r, 10));
		await submit(sb, FOLLOWERS).then((a) => order.push(`fast ${a.status}`));
		await slow;
		expect(order).toEqual(['fast 202', 'slow 200']);
	});

	it('drop_connection on POST accepts the job, charges for it, and never answers', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'drop_connection', method: 'POST' });
		await expect(rawPost(sb, FOLLOWERS)).rejects.toThrow();
		expect(sb.control.stats()).toMatchObject({ submissions: 1, jobs: 1 });
		await waitFor(
			() => sb.control.stats().creditsUsed === 3 || undefined,
			'the hidden job to complete',
		);
	});

	it('drop_connection on GET just closes the socket', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'drop_connection', method: 'GET' });
		await expect(call(sb, 'GET', '/usage')).rejects.toThrow();
		expect((await call(sb, 'GET', '/usage')).status).toBe(200);
		expect(sb.control.stats().jobs).toBe(0);
	});

	it('malformed_json answers the real status with a truncated body', async () => {
		const sb = await start();
		sb.control.injectFault({ kind: 'malformed_json', method: 'POST' });
		const answer = await rawPost(sb, FOLLOWERS);
		expect(answer.status).toBe(202);
		expect(answer.text.startsWith('{"success":true')).toBe(true);
		expect(() => JSON.parse(answer.text)).toThrow();
		expect(sb.control.stats().submissions).toBe(1);
	});

	it('duplicate_callback delivers the same payload twice', async () => {
		const hook = await listen();
		const sb = await start();
		sb.control.injectFault({ kind: 'duplicate_callback' });
		await submitOk(sb, { ...FOLLOWERS, callback_url: hook.url });
		await waitFor(() => sb.control.stats().callbacksDelivered === 2 || undefined, 'two deliveries');
		expect(hook.received).toHaveLength(2);
		expect(hook.received[1].body).toEqual(hook.received[0].body);
		const log = sb.control.callbacks();
		expect(log.filter((c) => c.duplicate)).toEqual([
			expect.objectContaining({ attempt: 1, status: 200 }),
		]);
		expect(log.filter((c) => !c.duplicate).at(-1)).toMatchObject({ status: 200 });
	});

	it('out_of_order_callback lets a later job overtake an earlier one', async () => {
		const hook = await listen();
		const sb = await start();
		sb.control.injectFault({ kind: 'out_of_order_callback', delayMs: 300_000 });
		const first = await submitOk(sb, { ...FOLLOWERS, callback_url: hook.url });
		await waitForEnd(sb, first);
		const second = await submitOk(sb, { ...FOLLOWERS, callback_url: hook.url });
		await waitFor(() => hook.received.length === 2 || undefined, 'both callbacks');
		expect(hook.received.map((r) => r.body.request_id)).toEqual([second, first]);
	});

	it('random faults follow the seed: same seed, same sequence', async () => {
		const statuses = async () => {
			const sb = await start({ rateLimit: false });
			sb.control.setRandomFaults({ seed: 42, rates: { server_error: 0.3, rate_limit: 0.2 } });
			const seen: number[] = [];
			for (let i = 0; i < 30; i++) seen.push((await call(sb, 'GET', '/usage')).status);
			sb.control.setRandomFaults(null);
			seen.push((await call(sb, 'GET', '/usage')).status);
			return seen;
		};
		const first = await statuses();
		expect(await statuses()).toEqual(first);
		expect(first).toContain(500);
		expect(first).toContain(429);
		expect(first).toContain(200);
		expect(first.at(-1)).toBe(200);
	});

	it('rejects an unknown fault kind', async () => {
		const sb = await start();
		expect(() => sb.control.injectFault({ kind: 'gremlins' as never })).toThrow(
			/Unknown fault kind/,
		);
	});
});
