import { describe, expect, it } from 'vitest';

import {
	DEFAULT_CALL_ALLOWANCE_MS,
	MAX_TIMER_MS,
	NyneClient,
	RateLimiter,
	buildInteractionRequest,
	type Transport,
} from '../../shared';
import { accepted, fail, ok, recordingTransport, virtualClock } from '../helpers/core/virtualApi';
import { rejection } from '../helpers/core/rejection';
import { runLookup } from '../helpers/core/runLookup';

const BODY = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/elonmusk',
	maxResults: 50,
});
const DAY_MS = 86_400_000;

/** One execution's client; executions on one key in one process share the limiter, as the n8n node's do. */
function execution(
	transport: Transport,
	clock: ReturnType<typeof virtualClock>,
	limiter: RateLimiter,
) {
	return new NyneClient({
		signRequests: true,
		baseUrl: 'http://127.0.0.1:9/',
		apiKey: 'key_BOUNDED_1234',
		apiSecret: 'sec_BOUNDED_5678',
		transport,
		sleep: clock.sleep,
		now: clock.now,
		random: () => 0.5,
		limiter,
	});
}

describe('no wait is longer than its deadline', () => {
	it('after a 429 with a 20-day Retry-After (monthly quota gone), the next execution fails at once, unsent, saying when it resets', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter();
		const api = recordingTransport((_request, index) =>
			index === 0
				? fail(429, 'monthly_limit_exceeded', 'quota gone', { 'retry-after': String(20 * 86_400) })
				: accepted(),
		);
		const first = await rejection(execution(api.transport, clock, limiter).submit(BODY));
		expect(first).toMatchObject({ code: 'monthly_limit_exceeded', retryable: false });
		const resetsAt = new Date(clock.now() + 20 * DAY_MS).toISOString();
		expect(first.message).toContain(resetsAt);

		const next = await rejection(
			execution(api.transport, clock, limiter).submit(BODY, { timeoutMs: 60_000 }),
		);
		expect(next).toMatchObject({ code: 'monthly_limit_exceeded', httpStatus: 429 });
		expect(next.message).toContain(resetsAt);
		expect(api.requests).toHaveLength(1);
		expect(clock.slept).toEqual([]);
	});

	it('a submit with no timeout of its own is bounded too (the client’s 5 minutes)', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter();
		const api = recordingTransport(() =>
			fail(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '3600' }),
		);
		const error = await rejection(execution(api.transport, clock, limiter).submit(BODY));
		expect(error).toMatchObject({ code: 'rate_limited', retryable: true });
		expect(error.message).toMatch(/resets at \d{4}-\d\d-\d\dT.* \(in 1 h\)/);
		expect(api.requests).toHaveLength(1);
		expect(clock.slept).toEqual([]);
	});

	it('a rate limit that resets within the deadline is waited out, and a usage read is bounded as well', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter();
		const api = recordingTransport((_request, index) =>
			index === 0
				? fail(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '30' })
				: accepted(),
		);
		await execution(api.transport, clock, limiter).submit(BODY, { timeoutMs: 60_000 });
		expect(clock.slept).toEqual([30_000]);

		const usage = recordingTransport(() =>
			ok({}, 200, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(2 * 86_400) }),
		);
		const reader = execution(usage.transport, clock, new RateLimiter());
		await reader.getUsage();
		expect(await rejection(reader.getUsage())).toMatchObject({ code: 'rate_limited' });
		expect(usage.requests).toHaveLength(1);
	});

	it('a RateLimit-Reset sent as Unix seconds waits until that time, not 56 years', async () => {
		const clock = virtualClock();
		const api = recordingTransport((_request, index) =>
			ok(
				{},
				200,
				index === 0
					? { 'ratelimit-remaining': '0', 'ratelimit-reset': String(clock.now() / 1000 + 42) }
					: {},
			),
		);
		const nyne = execution(api.transport, clock, new RateLimiter());
		await nyne.getUsage();
		await nyne.getUsage();
		expect(clock.slept).toEqual([42_000]);
	});

	it('never sets a timer beyond 2^31−1 ms: a 25-day wait inside a 30-day timeout is slept in pieces', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter();
		const api = recordingTransport((_request, index) =>
			index === 0
				? fail(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': String(25 * 86_400) })
				: accepted(),
		);
		await execution(api.transport, clock, limiter).submit(BODY, { timeoutMs: 30 * DAY_MS });
		expect(Math.max(...clock.slept)).toBeLessThanOrEqual(MAX_TIMER_MS);
		expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBe(25 * DAY_MS);
		expect(clock.slept.length).toBeLessThan(5);
		expect(api.requests).toHaveLength(2);
	});

	it('a network error gives its rate-limit slot back at once: the retry does not wait on it', async () => {
		const clock = virtualClock();
		const limiter = new RateLimiter();
		const api = recordingTransport((_request, index) => {
			if (index === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			return ok({}, 200, { 'ratelimit-remaining': '40', 'ratelimit-reset': '50' });
		});
		const nyne = execution(api.transport, clock, limiter);
		await nyne.getUsage();
		clock.advance(5_000);
		await nyne.getUsage();
		expect(api.requests).toHaveLength(3);
		// one back-off before the retry, and no 100 ms rechecks for a request that will never answer
		expect(clock.slept).toHaveLength(1);
	});

	it('headers claiming plenty left never lift the local 60 a minute', async () => {
		const clock = virtualClock();
		const api = recordingTransport(() =>
			ok({}, 200, { 'ratelimit-remaining': '1000', 'ratelimit-reset': '1' }),
		);
		const nyne = execution(api.transport, clock, new RateLimiter());
		const start = clock.now();
		for (let i = 0; i < 61; i++) await nyne.getUsage();
		expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
	});
});

describe('a Retry-After on a 5xx is bounded by the call’s allowance', () => {
	const unavailable = (retryAfter: string) =>
		fail(503, 'internal_error', 'down for maintenance', { 'retry-after': retryAfter });
	const tomorrow = (clock: ReturnType<typeof virtualClock>) =>
		new Date(clock.now() + DAY_MS).toUTCString();

	it.each([
		['a submit', (client: NyneClient) => client.submit(BODY), 'POST'],
		[
			'a submit given a Timeout',
			(client: NyneClient) => client.submit(BODY, { timeoutMs: 60_000 }),
			'POST',
		],
		[
			'a status read',
			(client: NyneClient) => client.getRequest('interaction_abc123def456_1700000000'),
			'GET',
		],
		['the usage read', (client: NyneClient) => client.getUsage(), 'GET'],
	])(
		'%s answered 503 with Retry-After of a day fails at once, saying when Nyne answers again',
		async (_name, call, method) => {
			for (const header of ['86400', 'date']) {
				const clock = virtualClock();
				const retryAfter = header === 'date' ? tomorrow(clock) : header;
				const api = recordingTransport(() => unavailable(retryAfter));
				const error = await rejection(call(execution(api.transport, clock, new RateLimiter())));
				expect(error).toMatchObject({ code: 'unavailable', httpStatus: 503, retryable: true });
				const at = new Date(clock.now() + DAY_MS).toISOString().slice(0, 16);
				expect(error.message).toContain(`will answer again at ${at}`);
				expect(api.requests).toHaveLength(1);
				expect(api.requests[0].method).toBe(method);
				expect(clock.slept).toEqual([]);
			}
		},
	);

	it('a lookup being waited for: a 503 whose Retry-After ends after the Timeout fails at once, naming the request', async () => {
		const clock = virtualClock();
		const api = recordingTransport((request) =>
			request.method === 'POST' ? accepted() : unavailable('3600'),
		);
		const client = execution(api.transport, clock, new RateLimiter());
		const error = await rejection(runLookup(client, BODY, { timeoutMs: 120_000 }));
		expect(error).toMatchObject({
			code: 'unavailable',
			requestId: 'interaction_abc123def456_1700000000',
		});
		expect(error.message).toContain('interaction_abc123def456_1700000000');
		expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(120_000);
	});

	it('a 503 whose Retry-After fits the allowance is waited out, then the call goes on', async () => {
		const clock = virtualClock();
		const api = recordingTransport((_request, index) =>
			index === 0
				? unavailable('20')
				: ok({ credits_used: 3, monthly_allocation: 100, credits_remaining: 97 }),
		);
		await execution(api.transport, clock, new RateLimiter()).getUsage();
		expect(api.requests).toHaveLength(2);
		expect(clock.slept).toEqual([20_000]);
	});

	it('the client’s allowance for calls without a timeout is the stated default', () => {
		expect(DEFAULT_CALL_ALLOWANCE_MS).toBe(300_000);
	});
});

describe('a reset time beyond what a Date holds', () => {
	it.each([
		['retry-after', '1e13'],
		['ratelimit-reset', '1e13'],
		['x-ratelimit-reset', '1e13'],
	])(
		'%s: %s is read as at most a year, and later calls on the key still work',
		async (header, value) => {
			const clock = virtualClock();
			const limiter = new RateLimiter();
			const headers: Record<string, string> = { [header]: value };
			if (header !== 'retry-after') headers['ratelimit-remaining'] = '0';
			const api = recordingTransport(() => fail(429, 'rate_limit_exceeded', 'slow down', headers));
			const first = await rejection(execution(api.transport, clock, limiter).submit(BODY));
			expect(first).toBeInstanceOf(Error);
			expect(first.name).not.toBe('RangeError');
			const next = await rejection(execution(api.transport, clock, limiter).getUsage());
			expect(next.name).not.toBe('RangeError');
			expect(next.message).toMatch(/resets at \d{4}-\d\d-\d\dT/);
			expect(clock.slept.every((ms) => ms < 60_000)).toBe(true);
		},
	);
});
