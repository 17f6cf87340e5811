import { describe, expect, it } from 'vitest';

import { buildInteractionRequest, NyneClient, type Transport } from '../../shared';
import { rejection } from '../helpers/core/rejection';
import { scaledSandboxClient, useSandbox } from '../helpers/sandbox/sandboxFixture';
import { accepted, fail, recordingTransport, virtualClock } from '../helpers/core/virtualApi';

const SCALE = 0.001;
const LOOKUP = buildInteractionRequest({
	type: 'followers',
	socialMediaUrl: 'https://x.com/paid_once',
	maxResults: 20,
});

describe("never pay twice: a POST answered by a 5xx without Nyne's envelope, through the core and the sandbox over HTTP", () => {
	const env = useSandbox({ timeScale: SCALE, jobDurationMs: 60_000 });

	const client = (): NyneClient => scaledSandboxClient(env.sandbox, SCALE, { maxRetries: 5 });

	it.each([
		['an HTML 500 page', { status: 500, body: 'html' as const }],
		['an empty 502', { status: 502, body: 'empty' as const }],
		['an HTML 503', { status: 503, body: 'html' as const }],
	])(
		'a proxy answering every POST with %s after the job was created: jobs created == 1, submission_unknown',
		async (_name, answer) => {
			env.sandbox.control.injectFault({
				kind: 'server_error',
				method: 'POST',
				afterProcessing: true,
				times: 10,
				...answer,
			});
			const error = await rejection(client().submit(LOOKUP));
			expect(env.sandbox.control.stats()).toMatchObject({
				submissions: 1,
				jobs: 1,
				byEndpoint: { 'POST /person/interactions': 1 },
			});
			expect(error).toMatchObject({
				code: 'submission_unknown',
				httpStatus: answer.status,
				retryable: false,
			});
			expect(error.message).toContain(`HTTP ${answer.status}`);
			expect(error.message).toMatch(
				/may have accepted the lookup, and its result may still arrive/,
			);
			expect(error.message).toMatch(/not sent again.*check your recent Nyne usage/);
		},
	);

	it('a 500 carrying Nyne\'s own internal_error envelope (the API\'s "try again later") is resent, and the lookup is made once', async () => {
		env.sandbox.control.injectFault({
			kind: 'server_error',
			method: 'POST',
			status: 500,
			body: 'envelope',
			times: 2,
		});
		const submitted = await client().submit(LOOKUP);
		expect(submitted.request_id).toMatch(/^interaction_/);
		expect(env.sandbox.control.stats()).toMatchObject({
			submissions: 1,
			byEndpoint: { 'POST /person/interactions': 3 },
		});
	});

	it('a GET answered by a bare 502 is asked again (reading is free and safe)', async () => {
		const api = client();
		const { request_id: requestId } = await api.submit(LOOKUP);
		env.sandbox.control.injectFault({
			kind: 'server_error',
			method: 'GET',
			status: 502,
			body: 'empty',
			times: 2,
		});
		const status = await api.getRequest(requestId);
		expect(status.request_id).toBe(requestId);
		expect(env.sandbox.control.stats().byEndpoint['GET /person/interactions']).toBe(3);
	});
});

describe('never pay twice: which answers to a POST may be resent (core rule, exact answers)', () => {
	const submitWith = (transport: Transport) =>
		new NyneClient({
			signRequests: true,
			baseUrl: 'http://127.0.0.1:9',
			apiKey: 'key_probe_1234',
			apiSecret: 'secret_probe_5678',
			transport,
			...virtualClock(),
			random: () => 0.5,
			limiter: false,
		}).submit(LOOKUP);

	it.each([
		[
			'a bare 500 with an HTML body',
			{ status: 500, headers: { 'content-type': 'text/html' }, body: '<html><h1>500</h1></html>' },
		],
		['a 502 with an empty body', { status: 502, headers: {}, body: '' }],
		[
			"a 503 with a JSON body that is not Nyne's envelope",
			{ status: 503, headers: {}, body: { message: 'Service Unavailable' } },
		],
		[
			'a 500 envelope with a code the API does not document as retryable',
			fail(500, 'database_unavailable'),
		],
		['a 500 envelope whose code is not a code at all', fail(500, '<b>Internal</b> Server Error')],
	])('%s: sent once, submission_unknown', async (_name, answer) => {
		const api = recordingTransport(() => answer);
		const error = await rejection(submitWith(api.transport));
		expect(error.code).toBe('submission_unknown');
		expect(api.requests).toHaveLength(1);
	});

	it('a 429, and a 5xx envelope with internal_error, are resent', async () => {
		for (const first of [
			fail(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '1' }),
			fail(500, 'internal_error'),
			fail(503, 'internal_error'),
		]) {
			const api = recordingTransport((_request, index) => (index === 0 ? first : accepted()));
			await submitWith(api.transport);
			expect(api.requests).toHaveLength(2);
		}
	});
});
