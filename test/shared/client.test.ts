import { describe, expect, it } from 'vitest';

import { NyneClient, RateLimiter, buildInteractionRequest } from '../../shared';
import type { Transport } from '../../shared';
import {
	accepted,
	completed,
	fail,
	ok,
	recordingTransport,
	running,
	virtualClock,
} from '../helpers/core/virtualApi';
import { rejection } from '../helpers/core/rejection';
import { runLookup } from '../helpers/core/runLookup';

const KEY = 'key_SECRETPROBE_1234';
const SECRET = 'sec_SECRETPROBE_5678';
const BODY = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/elonmusk',
	maxResults: 50,
});
const ID = 'interaction_abc123def456_1700000000';

function client(
	transport: Transport,
	clock = virtualClock(),
	extra: Partial<ConstructorParameters<typeof NyneClient>[0]> = {},
) {
	return new NyneClient({
		signRequests: true,
		baseUrl: 'http://127.0.0.1:9/',
		apiKey: KEY,
		apiSecret: SECRET,
		transport,
		sleep: clock.sleep,
		now: clock.now,
		random: () => 0.5,
		...extra,
	});
}

describe('NyneClient.submit', () => {
	it('POSTs the body with header auth to the interactions endpoint', async () => {
		const api = recordingTransport(() => accepted());
		const submitted = await client(api.transport).submit(BODY);
		expect(submitted).toMatchObject({ request_id: ID, status: 'queued', platform: 'twitter' });
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]).toMatchObject({
			method: 'POST',
			url: 'http://127.0.0.1:9/person/interactions',
			body: { type: 'followers', social_media_url: 'https://x.com/elonmusk', max_results: 50 },
		});
		expect(api.requests[0]?.headers).toMatchObject({ 'x-api-key': KEY, 'x-api-secret': SECRET });
	});

	it('leaves the key pair to the platform by default, as both products have it (one place sets it)', async () => {
		const api = recordingTransport(() => accepted());
		await client(api.transport, virtualClock(), { signRequests: undefined }).submit(BODY);
		expect(Object.keys(api.requests[0]?.headers ?? {}).sort()).toEqual(['accept', 'content-type']);
	});

	it('takes only a body built by buildInteractionRequest (the type says so), and sends it as it is', async () => {
		const api = recordingTransport(() => accepted());
		const nyne = client(api.transport);
		// @ts-expect-error: an unchecked body is not an InteractionRequestBody, so it cannot reach submit
		const unchecked: Parameters<NyneClient['submit']>[0] = {
			type: 'followers',
			social_media_url: 'x',
		};
		expect(unchecked.type).toBe('followers');
		await nyne.submit(BODY);
		expect(api.requests[0]?.body).toBe(BODY);
	});

	it('waits out a 429 Retry-After, then sends once more', async () => {
		const clock = virtualClock();
		const api = recordingTransport((_request, index) =>
			index === 0
				? fail(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '7' })
				: accepted(),
		);
		await client(api.transport, clock).submit(BODY);
		expect(api.requests).toHaveLength(2);
		expect(clock.slept).toContain(7000);
	});

	it('does not resend a POST when the connection broke after sending', async () => {
		const api = recordingTransport(() => {
			throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		});
		const error = await rejection(client(api.transport).submit(BODY));
		expect(error.code).toBe('submission_unknown');
		expect(error.message).toMatch(/not sent again/);
		expect(api.requests).toHaveLength(1);
	});

	it('does not resend a POST answered by a 504 or by an unreadable 202', async () => {
		const gateway = recordingTransport(() => ({
			status: 504,
			headers: {},
			body: '<html>Gateway Timeout</html>',
		}));
		const unknown = await rejection(client(gateway.transport).submit(BODY));
		expect(unknown).toMatchObject({
			code: 'submission_unknown',
			httpStatus: 504,
			retryable: false,
		});
		expect(gateway.requests).toHaveLength(1);
		const garbled = recordingTransport(() => ({
			status: 202,
			headers: {},
			body: '{"success":true,"da',
		}));
		expect((await rejection(client(garbled.transport).submit(BODY))).code).toBe(
			'submission_unknown',
		);
		expect(garbled.requests).toHaveLength(1);
	});

	it('retries a POST that never left (connection refused) and one answered 503', async () => {
		const api = recordingTransport((_request, index) => {
			if (index === 0)
				throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
			if (index === 1) return fail(503, 'internal_error');
			return accepted();
		});
		await client(api.transport).submit(BODY);
		expect(api.requests).toHaveLength(3);
	});

	it('does not retry monthly_limit_exceeded or plan errors', async () => {
		for (const [status, code] of [
			[429, 'monthly_limit_exceeded'],
			[403, 'insufficient_credits'],
			[401, 'invalid_credentials'],
		] as const) {
			const api = recordingTransport(() => fail(status, code));
			const error = await rejection(client(api.transport).submit(BODY));
			expect(error).toMatchObject({ code, httpStatus: status, retryable: false });
			expect(api.requests).toHaveLength(1);
		}
	});
});

describe('NyneClient.waitForResult', () => {
	it('polls with growing delays until completed (12 polls for a 1-minute job)', async () => {
		const clock = virtualClock();
		let doneAt = 0;
		const api = recordingTransport((request) => {
			if (request.method === 'POST') {
				doneAt = clock.now() + 60_000;
				return accepted();
			}
			return clock.now() >= doneAt ? completed(ID) : running(ID);
		});
		const nyne = client(api.transport, clock);
		const outcome = await runLookup(nyne, BODY, { timeoutMs: 120_000 });
		expect(outcome).toMatchObject({ status: 'completed', request_id: ID, result_count: 2 });
		expect(outcome.result.interactions.map((person) => person.username)).toEqual(['alice', 'bob']);
		const polls = api.requests.filter((request) => request.method === 'GET');
		expect(polls.length).toBeLessThanOrEqual(12);
		expect(clock.now() - doneAt).toBeLessThanOrEqual(6_000);
	});

	it('tolerates a 404 right after its own submit', async () => {
		const clock = virtualClock();
		const api = recordingTransport((request, index) => {
			if (request.method === 'POST') return accepted();
			return index === 1 ? fail(404, 'request_not_found') : completed(ID);
		});
		const outcome = await runLookup(client(api.transport, clock), BODY);
		expect(outcome.status).toBe('completed');
	});

	it('forgives a stray 404 for its own lookup long after the submit, but not an endless one', async () => {
		const clock = virtualClock();
		const stray = recordingTransport((request, index) => {
			if (request.method === 'POST') return accepted();
			return index === 1 ? fail(404, 'request_not_found') : completed(ID);
		});
		const nyne = client(stray.transport, clock);
		await nyne.submit(BODY);
		clock.advance(120_000);
		expect((await nyne.waitForResult(ID)).status).toBe('completed');

		const gone = recordingTransport((request) =>
			request.method === 'POST' ? accepted() : fail(404, 'request_not_found'),
		);
		const other = client(gone.transport, clock);
		await other.submit(BODY);
		clock.advance(120_000);
		expect((await rejection(other.waitForResult(ID))).code).toBe('request_not_found');
		expect(gone.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
	});

	it('treats 404 for a request it did not submit as final', async () => {
		const api = recordingTransport(() => fail(404, 'request_not_found', 'Request ID not found'));
		const error = await rejection(client(api.transport).waitForResult('interaction_unknown_1'));
		expect(error.code).toBe('request_not_found');
		expect(error.message).toMatch(/Check the request ID/);
		expect(api.requests).toHaveLength(1);
	});

	it('marks a GET answer that stays unreadable as retryable, so a platform may try the step again', async () => {
		const api = recordingTransport(() => ({ status: 200, headers: {}, body: '{"success":tr' }));
		const error = await rejection(
			client(api.transport, virtualClock(), { maxRetries: 1 }).getRequest(ID),
		);
		expect(error).toMatchObject({ code: 'invalid_response', retryable: true });
		expect(api.requests).toHaveLength(2);
	});

	it('retries 5xx and malformed answers on GET', async () => {
		const api = recordingTransport((_request, index) => {
			if (index === 0) return fail(500, 'internal_error');
			if (index === 1) return { status: 200, headers: {}, body: 'not json' };
			return completed(ID);
		});
		const outcome = await client(api.transport).waitForResult(ID);
		expect(outcome.status).toBe('completed');
		expect(api.requests).toHaveLength(3);
	});

	it('returns a failed lookup as such, and its view fails with lookup_failed', async () => {
		const api = recordingTransport((request) =>
			request.method === 'POST'
				? accepted()
				: ok({ request_id: ID, status: 'failed', error: 'No interaction data found' }),
		);
		const error = await rejection(runLookup(client(api.transport), BODY));
		expect(error).toMatchObject({ code: 'lookup_failed', requestId: ID });
		expect(error.message).toMatch(/No interaction data found/);
	});

	it('stops at the deadline with the request ID in the error', async () => {
		const clock = virtualClock();
		const api = recordingTransport((request) =>
			request.method === 'POST' ? accepted() : running(ID),
		);
		const error = await rejection(
			runLookup(client(api.transport, clock), BODY, { timeoutMs: 30_000 }),
		);
		expect(error.code).toBe('timeout');
		expect(error.requestId).toBe(ID);
		expect(error.message).toContain(ID);
		expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(30_000);
	});

	it('treats an unknown status as still running', async () => {
		const api = recordingTransport((_request, index) =>
			index === 0 ? running(ID, 'warming_up') : completed(ID),
		);
		expect((await client(api.transport).waitForResult(ID)).status).toBe('completed');
	});

	it('stops when aborted', async () => {
		const controller = new AbortController();
		const api = recordingTransport(() => {
			controller.abort();
			return running(ID);
		});
		expect(
			(await rejection(client(api.transport).waitForResult(ID, { signal: controller.signal })))
				.code,
		).toBe('aborted');
	});

	it('reports a wait that fails without a cancellation as what it is, with the request ID, not as aborted', async () => {
		const api = recordingTransport(() => running(ID));
		const brokenSleep = async () => {
			throw new TypeError('sleepWithAbort is not a function');
		};
		const error = await rejection(
			client(api.transport, virtualClock(), { sleep: brokenSleep }).waitForResult(ID, {
				signal: new AbortController().signal,
			}),
		);
		expect(error.code).toBe('wait_failed');
		expect(error.requestId).toBe(ID);
		expect(error.message).toContain('sleepWithAbort is not a function');
		expect(error.message).toContain(ID);
	});
});

describe('rate limits', () => {
	it('keeps a process under 60 requests a minute', async () => {
		const clock = virtualClock();
		const api = recordingTransport(() => ok({ credits_used: 0 }));
		const nyne = client(api.transport, clock, { limiter: new RateLimiter() });
		const start = clock.now();
		for (let i = 0; i < 61; i++) await nyne.getUsage();
		expect(api.requests).toHaveLength(61);
		expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
	});

	it('lets the server headers win when they say nothing is left', async () => {
		const clock = virtualClock();
		const api = recordingTransport((_request, index) =>
			ok({}, 200, index === 0 ? { 'ratelimit-remaining': '0', 'ratelimit-reset': '42' } : {}),
		);
		const nyne = client(api.transport, clock);
		await nyne.getUsage();
		await nyne.getUsage();
		expect(clock.slept).toContain(42_000);
	});
});

describe('errors', () => {
	const codes: Array<[number, string]> = [
		[401, 'missing_credentials'],
		[401, 'invalid_credentials'],
		[401, 'api_key_expired'],
		[400, 'missing_parameters'],
		[400, 'invalid_interaction_type'],
		[400, 'invalid_url'],
		[400, 'invalid_callback_url'],
		[400, 'invalid_json'],
		[403, 'subscription_required'],
		[403, 'insufficient_credits'],
		[403, 'no_active_subscription'],
		[403, 'ip_not_allowed'],
		[403, 'access_denied'],
		[404, 'request_not_found'],
		[429, 'monthly_limit_exceeded'],
	];

	it.each(codes)(
		'HTTP %i %s becomes a NyneApiError with an actionable message and no secret',
		async (status, code) => {
			const api = recordingTransport(() => fail(status, code, `bad key ${KEY} / ${SECRET}`));
			const error = await rejection(client(api.transport).getRequest(ID));
			expect(error).toMatchObject({ code, httpStatus: status });
			expect(error.message.length).toBeGreaterThan(30);
			expect(error.message).not.toBe(code);
			for (const text of [
				error.message,
				JSON.stringify(error),
				String(error.stack),
				error.serverMessage ?? '',
			]) {
				expect(text).not.toContain(KEY);
				expect(text).not.toContain(SECRET);
			}
		},
	);

	it('gives up on persistent 5xx after the retry budget with internal_error', async () => {
		const api = recordingTransport(() => fail(500, 'internal_error'));
		const error = await rejection(
			client(api.transport, virtualClock(), { maxRetries: 3 }).getUsage(),
		);
		expect(error.code).toBe('internal_error');
		expect(api.requests).toHaveLength(4);
	});

	it('reports a network failure on GET after retries, without secrets', async () => {
		const api = recordingTransport(() => {
			throw Object.assign(new Error(`connect failed for ${SECRET}`), { code: undefined });
		});
		const error = await rejection(
			client(api.transport, virtualClock(), { maxRetries: 2 }).getUsage(),
		);
		expect(error.code).toBe('network_error');
		expect(error.message).not.toContain(SECRET);
		expect(api.requests).toHaveLength(3);
	});

	it('refuses to call without credentials', async () => {
		const api = recordingTransport(() => ok({}));
		const error = await rejection(client(api.transport, virtualClock(), { apiKey: '' }).getUsage());
		expect(error.code).toBe('missing_credentials');
		expect(api.requests).toHaveLength(0);
	});
});

describe('collecting a batch', () => {
	it('asks at once for a lookup whose first poll time has already passed', async () => {
		const clock = virtualClock();
		const ids = ['interaction_a_1', 'interaction_b_1', 'interaction_c_1'];
		let submitted = 0;
		const api = recordingTransport((request) => {
			if (request.method === 'POST') return accepted(ids[submitted++]);
			const id = new URL(request.url).searchParams.get('request_id') ?? '';
			return completed(id);
		});
		const nyne = client(api.transport, clock);
		for (let i = 0; i < ids.length; i++) await nyne.submit(BODY);
		clock.advance(20_000);
		const before = clock.slept.length;
		for (const id of ids) expect((await nyne.waitForResult(id)).status).toBe('completed');
		expect(clock.slept.length).toBe(before);
		expect(api.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
	});
});
