import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildInteractionRequest, NyneClient, toInteractionItems } from '../../shared';
import type { NyneClientOptions } from '../../shared';
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { startCallbackListener } from '../helpers/soak/callbackListener';
import { fetchTransport } from '../helpers/core/fetchTransport';
import { scaledClock } from '../helpers/core/scaledClock';
import { rejection } from '../helpers/core/rejection';
import { runLookup } from '../helpers/core/runLookup';

const SCALE = 0.001;
/** An API hour, 3.6 s real at this scale: the default wait (5 API min) is 0.3 s real, which a loaded machine can miss. */
const WAIT = { timeoutMs: 3_600_000 };
let sandbox: Sandbox;

function client(overrides: Partial<NyneClientOptions> = {}): NyneClient {
	const clock = scaledClock(SCALE);
	return new NyneClient({
		signRequests: true,
		baseUrl: sandbox.url,
		apiKey: sandbox.apiKey,
		apiSecret: sandbox.apiSecret,
		transport: fetchTransport({ timeScale: SCALE, apiNow: clock.now }),
		now: clock.now,
		sleep: clock.sleep,
		limiter: false,
		...overrides,
	});
}

beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: SCALE, jobDurationMs: 20_000, rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

describe('the core against the running sandbox', () => {
	it('submits, polls and returns the same people for the same target, charging 3 credits each', async () => {
		const body = buildInteractionRequest({
			type: 'followers',
			socialMediaUrl: 'twitter.com/flowcheck',
			maxResults: 25,
		});
		const first = await runLookup(client(), body, WAIT);
		const second = await runLookup(client(), body, WAIT);
		expect(first.result.interactions).toHaveLength(25);
		expect(second.result.interactions).toEqual(first.result.interactions);
		const items = toInteractionItems(first.result, first);
		expect(items[0]).toMatchObject({
			request_id: first.request_id,
			platform: 'twitter',
			interaction_type: 'followers',
			relation: 'follower',
			target_username: 'flowcheck',
		});
		expect(await client().getUsage()).toMatchObject({ credits_used: 6 });
	});

	it('returns replies with their documented fields and tags a combined lookup', async () => {
		const replies = await runLookup(
			client(),
			buildInteractionRequest({
				type: 'replies',
				socialMediaUrl: 'https://x.com/a/status/1234567891',
				maxResults: 10,
			}),
			WAIT,
		);
		expect(Object.keys(replies.result.interactions[0] ?? {})).toEqual(
			expect.arrayContaining([
				'username',
				'reply_text',
				'reply_date',
				'likes_count',
				'retweets_count',
			]),
		);
		const both = await runLookup(
			client(),
			buildInteractionRequest({
				type: 'followers,following',
				socialMediaUrl: 'https://x.com/both',
				maxResults: 10,
			}),
			WAIT,
		);
		const relations = new Set(toInteractionItems(both.result, both).map((item) => item.relation));
		expect(relations).toEqual(new Set(['follower', 'following']));
	});

	it('reports a lookup without data as lookup_failed, free of charge', async () => {
		const error = await rejection(
			runLookup(
				client(),
				buildInteractionRequest({
					type: 'followers',
					socialMediaUrl: 'https://x.com/nodata_anyone',
				}),
				WAIT,
			),
		);
		expect(error.code).toBe('lookup_failed');
		expect(error.message).toMatch(/No interaction data found/);
		expect(await client().getUsage()).toMatchObject({ credits_used: 0 });
	});

	it('sends nothing for invalid input', async () => {
		const before = sandbox.control.stats().requests;
		expect(() =>
			buildInteractionRequest({ type: 'followers', socialMediaUrl: 'https://x.com/home' }),
		).toThrow(/not a profile/);
		await expect(client().waitForResult('not a request id')).rejects.toMatchObject({
			code: 'invalid_request_id',
		});
		expect(sandbox.control.stats().requests).toBe(before);
	});

	it('survives 429s, 5xx and an early 404, with exactly one submission', async () => {
		sandbox.control.injectFault({
			kind: 'rate_limit',
			method: 'POST',
			times: 2,
			retryAfterSeconds: 2,
		});
		sandbox.control.injectFault({ kind: 'early_404', method: 'GET', times: 1 });
		sandbox.control.injectFault({ kind: 'server_error', method: 'GET', times: 2 });
		const outcome = await runLookup(
			client(),
			buildInteractionRequest({
				type: 'following',
				socialMediaUrl: 'https://instagram.com/faulty.one',
				maxResults: 10,
			}),
			WAIT,
		);
		expect(outcome.status).toBe('completed');
		expect(sandbox.control.stats().submissionsByTarget).toEqual({ 'instagram:faulty.one': 1 });
	});

	it('never re-sends a POST whose connection dropped after the job was accepted', async () => {
		sandbox.control.injectFault({ kind: 'drop_connection', method: 'POST', times: 1 });
		const error = await rejection(
			client().submit(
				buildInteractionRequest({ type: 'followers', socialMediaUrl: 'https://x.com/dropped' }),
			),
		);
		expect(error.code).toBe('submission_unknown');
		expect(sandbox.control.stats().submissionsByTarget).toEqual({ 'twitter:dropped': 1 });
	});

	it('maps a wrong secret to invalid_api_secret without echoing it', async () => {
		const error = await rejection(client({ apiSecret: 'wrong-secret-value' }).getUsage());
		expect(error).toMatchObject({ code: 'invalid_api_secret', httpStatus: 401 });
		expect(error.message).toContain('"API Secret" field');
		expect(error.message).not.toContain('wrong-secret-value');
	});

	it('delivers a callback that parseCallbackPayload (in the listener) reads into the same people as a poll', async () => {
		const listener = await startCallbackListener();
		try {
			const body = buildInteractionRequest({
				type: 'followers',
				socialMediaUrl: 'https://x.com/callme',
				maxResults: 15,
				callbackUrl: listener.url,
			});
			const submitted = await client().submit(body);
			for (let tries = 0; tries < 500 && !listener.outcomes.has(submitted.request_id); tries++)
				await new Promise((resolve) => setTimeout(resolve, 10));
			const outcome = listener.outcomes.get(submitted.request_id);
			const polled = await client().waitForResult(submitted.request_id);
			expect(outcome).toMatchObject({ status: 'completed', request_id: submitted.request_id });
			expect(outcome).toEqual(
				expect.objectContaining({ result: (polled as { result: unknown }).result }),
			);
		} finally {
			await listener.close();
		}
	});
});
